# The two commands a new user needs: `make demo` and `make test`.
# Each installs what it uses (npm packages from the lockfile, Python tools into .venv from the
# pinned requirements) and starts the local AWS emulator itself.

PYTHON ?= python3
VENV := .venv
NPM_STAMP := node_modules/.package-lock.json
VENV_STAMP := $(VENV)/.installed
SAM_VENV := .venv-sam
SAM_VENV_STAMP := $(SAM_VENV)/.installed

.PHONY: demo test deps chromium build typecheck lint unit integration bench bench-scan generate clean

demo: $(NPM_STAMP) $(VENV_STAMP)
	npm run demo

RESULTS := .test-results

test: deps
	rm -rf $(RESULTS) && mkdir -p $(RESULTS)
	npm run typecheck
	npm run lint
	npm run test:unit -- --coverage --json --outputFile=$(RESULTS)/unit.json
	npm run build
	npm run test:integration -- --json --outputFile=$(RESULTS)/integration.json
	node --import tsx scripts/test-summary.ts $(RESULTS)/unit.json $(RESULTS)/integration.json

bench: deps
	npm run bench

# Prowler lives in its own virtual environment, used only by this benchmark (never by the tests).
PROWLER_VENV := .venv-prowler

bench-scan: deps
	test -x $(PROWLER_VENV)/bin/prowler || ($(PYTHON) -m venv $(PROWLER_VENV) && $(PROWLER_VENV)/bin/pip install --quiet --disable-pip-version-check prowler)
	npm run build
	node --import tsx scripts/bench-scan.ts

generate: deps
	npm run generate

deps: $(NPM_STAMP) $(VENV_STAMP) $(SAM_VENV_STAMP) chromium

# The scan's integration test opens its HTML report in a headless Chromium or Chrome: the one
# CHROME_PATH names, else one on the usual paths (test/support/chromium.ts). Only when none is named
# or found, and only as root on a machine with apt-get, is Debian's package installed; otherwise the
# check says what to install and how to point CHROME_PATH at it, and `make test` stops there.
chromium: $(NPM_STAMP)
	@if node --import tsx test/support/chromium.ts --quiet; then :; \
	elif [ -z "$$CHROME_PATH$$CHROMIUM" ] && command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get update && apt-get install -y chromium && node --import tsx test/support/chromium.ts; \
	else node --import tsx test/support/chromium.ts; fi

# npm ci empties node_modules before installing, and follows a symlinked node_modules to do it: a
# checkout sharing another's packages through a symlink would wipe them for both. It is left alone.
$(NPM_STAMP): package.json package-lock.json
	@if [ -L node_modules ]; then echo "node_modules is a symlink to $$(readlink node_modules): not reinstalling through it" >&2; \
	else npm ci --no-audit --no-fund; fi
	@touch $@

$(VENV_STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

# SAM CLI lives apart: checkov pins an older boto3 than SAM CLI accepts.
$(SAM_VENV_STAMP): requirements-sam.txt
	$(PYTHON) -m venv $(SAM_VENV)
	$(SAM_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-sam.txt
	@touch $@

clean:
	rm -rf dist coverage .test-results node_modules $(VENV) $(SAM_VENV) .aws-sam
