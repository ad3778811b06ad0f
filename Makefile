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

# The scan's integration test opens its HTML report in headless Chromium (Debian's package).
chromium:
	@command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
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
