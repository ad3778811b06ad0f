/**
 * The command line of `scan`, parsed and validated before any AWS call: a usage error must never
 * cost a half-finished scan. Control ids and parameters are checked against the catalog, so a new
 * control is accepted here as soon as it is listed there.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Control, Severity } from '#shared/engine/control.ts';
import { InvalidParameterError } from '#shared/engine/errors.ts';
import { parseParameters, type ParameterSpec } from '#shared/engine/parameters.ts';
import type { FrameworkId } from '#shared/frameworks/frameworks.ts';
import { SEVERITIES, severityRank } from './findings.ts';
import { controlsForFramework, UnknownFrameworkError } from './framework-option.ts';

export const FORMATS = ['table', 'json', 'html', 'csv', 'asff', 'ocsf'] as const;
export type ReportFormat = (typeof FORMATS)[number];

export interface ScanOptions {
  /** Region names, or ['all'] for every region DescribeRegions returns; empty means the SDK's default. */
  regions: string[];
  profile: string | undefined;
  /** The selected controls, in catalog order. */
  controls: Control<any, any>[];
  /** Parsed parameter values per control id (defaults filled in). */
  parameters: Record<string, Record<string, unknown>>;
  /** The raw --param text per control id, for the reports. */
  parameterText: Record<string, Record<string, string>>;
  formats: ReportFormat[];
  outputDir: string | undefined;
  failOn: Severity | undefined;
  assumeRole: string | undefined;
  accounts: string[];
  includeServerlessCaches: boolean;
  quiet: boolean;
  /** --framework: only the controls mapping to it run, and the reports group by its requirements. */
  framework: FrameworkId | undefined;
  /** --security-hub: import the ASFF findings with BatchImportFindings. */
  securityHub: boolean;
  /** --previous FILE: an earlier ASFF report whose findings for resources now gone are archived. */
  previous: string | undefined;
  printPolicy: boolean;
  help: boolean;
}

/** The command line is wrong; the message says which option and what is accepted. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export const USAGE = `Usage: elasticache-config-rules scan [options]

Runs every control of the catalog against ElastiCache in your account from the terminal, read-only.

  --region REGION        Region to scan; repeat for several, or "all" for every enabled region
                         (ec2:DescribeRegions). Default: the SDK's region (AWS_REGION, profile);
                         with none of these, the scan is refused (exit 2).
  --profile NAME         Credentials profile (else the standard AWS_* environment).
  --controls IDS         Comma-separated control ids (default: every control).
  --param C.NAME=VALUE   A control's parameter, e.g. automatic-backup.minimumRetentionDays=7.
                         Checked even for a control left out by --controls.
  --framework ID         Only the controls mapping to ID, the reports grouped by its requirements:
                         fsbp, pci-dss-4.0.1, nist-800-53-r5, iso-27001-2022, soc2, nist-csf-2.0, dora.
  --no-serverless        Do not list serverless caches (elasticache:DescribeServerlessCaches).
  --format FORMATS       table, json, html, csv, asff (Security Hub), ocsf (OCSF 1.1.0
                         Compliance Findings, JSON Lines); comma-separated or repeated (default: table).
  --previous FILE        An earlier asff report: its findings for resources no longer found are
                         written (and imported) with RecordState ARCHIVED.
  --security-hub         Import the findings into Security Hub (securityhub:BatchImportFindings).
  --output DIR           Write every chosen format to DIR as elasticache-scan.<format>
                         (the table as elasticache-scan.txt, and still on stdout). DIR is
                         created if missing; an unwritable DIR is refused before any AWS call.
  --fail-on SEVERITY     Exit 1 when a NON_COMPLIANT finding is at or above SEVERITY
                         (high, medium, low). A severity that no selected control has, such
                         as critical today, could never fire and is refused.
  --assume-role NAME     Role to assume in each account of --accounts (name or ARN with ACCOUNT).
  --accounts IDS         Comma-separated 12-digit account ids (with --assume-role).
  --quiet                No progress on stderr (also off when stderr is not a terminal).
  --print-policy         Print the read-only IAM policy the scan needs, then exit.
  --template FILE|DIR    Judge CloudFormation/SAM templates or Terraform plans offline instead
                         (see scan --template x --help).
  --help                 This text.

Exit codes: 0 done; 1 findings at or above --fail-on; 2 usage error; 3 AWS could not be
fully read (the results that could be read are still reported), including a Region whose
endpoints do not resolve (its name may be wrong).`;

/** Splits repeated and comma-separated values alike ("--format json,html --format csv"). */
function listOf(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((value) => value.split(',')).map((value) => value.trim()).filter((value) => value.length > 0);
}

/** Parses a command line strictly: an unknown option or a missing value is a UsageError. */
export function parseCommandLine<const T extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], strict: true, allowPositionals: false, options });
  } catch (error) {
    // node:util names the offending option; keep its words, add where to look.
    throw new UsageError(`${(error as Error).message}. See --help.`);
  }
}

/**
 * The --format values (repeated or comma-separated), each checked against the formats the command
 * writes; table when none is named. Several reports need --output: two on one stdout would be
 * unreadable.
 */
export function chooseFormats<F extends string>(values: readonly string[] | undefined, allowed: readonly F[], outputDir: string | undefined, forWhat = ''): F[] {
  const formats = listOf(values);
  for (const format of formats) {
    if (!(allowed as readonly string[]).includes(format)) {
      throw new UsageError(`--format "${format}" is not a report format${forWhat}; use ${allowed.join(', ')}.`);
    }
  }
  const chosen = formats.length > 0 ? [...new Set(formats as F[])] : (['table'] as F[]);
  if (!outputDir && chosen.length > 1) {
    throw new UsageError(`--format ${chosen.join(',')} writes several reports: add --output DIR to say where.`);
  }
  return chosen;
}

export function parseScanOptions(argv: readonly string[], catalog: readonly Control<any, any>[]): ScanOptions {
  const parsed = parseCommandLine(argv, {
    region: { type: 'string', multiple: true },
    profile: { type: 'string' },
    controls: { type: 'string', multiple: true },
    param: { type: 'string', multiple: true },
    'no-serverless': { type: 'boolean' },
    format: { type: 'string', multiple: true },
    output: { type: 'string' },
    'fail-on': { type: 'string' },
    'assume-role': { type: 'string' },
    accounts: { type: 'string', multiple: true },
    quiet: { type: 'boolean' },
    framework: { type: 'string' },
    'security-hub': { type: 'boolean' },
    previous: { type: 'string' },
    'print-policy': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  const values = parsed.values;

  // A region named twice is scanned once: its findings must not be reported twice.
  const regions = [...new Set(listOf(values.region))];
  for (const region of regions) {
    if (region !== 'all' && !REGION.test(region)) {
      throw new UsageError(`--region "${region}" is not a region name (such as eu-west-1) or "all".`);
    }
  }
  if (regions.includes('all') && regions.length > 1) {
    throw new UsageError('--region all already means every enabled region; do not combine it with named regions.');
  }

  const controlIds = listOf(values.controls);
  if (values.controls !== undefined && controlIds.length === 0) {
    throw new UsageError(`--controls names no control; omit it for every control, or name some of: ${catalog.map((c) => c.id).join(', ')}.`);
  }
  let controls = selectControls(controlIds, catalog);
  let framework: FrameworkId | undefined;
  if (values.framework !== undefined) {
    try {
      ({ framework, controls } = controlsForFramework(values.framework, controls));
    } catch (error) {
      if (error instanceof UnknownFrameworkError) throw new UsageError(error.message);
      throw error;
    }
  }
  const { parameters, parameterText } = parseControlParameters(values.param ?? [], catalog, controls);

  const outputDir = values.output;
  const chosen = chooseFormats(values.format, FORMATS, outputDir);

  let failOn: Severity | undefined;
  if (values['fail-on'] !== undefined) {
    const wanted = values['fail-on'].toUpperCase();
    if (!(SEVERITIES as readonly string[]).includes(wanted)) {
      throw new UsageError(`--fail-on "${values['fail-on']}" is not a severity; use ${SEVERITIES.map((s) => s.toLowerCase()).join(', ')}.`);
    }
    failOn = wanted as Severity;
    // The gate would pass whatever the estate: say so rather than let a CI job trust it.
    const threshold = severityRank(failOn);
    if (!controls.some((control) => severityRank(control.severity) >= threshold)) {
      const highest = [...new Set(controls.map((c) => c.severity))].sort((a, b) => severityRank(b) - severityRank(a))[0];
      throw new UsageError(
        `--fail-on ${values['fail-on']} could never fire: no selected control is ${failOn} or above (the highest is ${highest ?? 'none'}); use ${(highest ?? 'low').toLowerCase()} or lower.`,
      );
    }
  }

  const assumeRole = values['assume-role'];
  const accounts = listOf(values.accounts);
  if (assumeRole !== undefined && !ROLE_NAME.test(assumeRole) && !ROLE_ARN.test(assumeRole.replace('ACCOUNT', '000000000000'))) {
    throw new UsageError(`--assume-role "${assumeRole}" is neither an IAM role name nor a role ARN.`);
  }
  if (assumeRole !== undefined && accounts.length === 0) {
    throw new UsageError('--assume-role needs --accounts: the accounts to assume it in.');
  }
  if (accounts.length > 0 && assumeRole === undefined) {
    throw new UsageError('--accounts needs --assume-role: the role to enter each account with.');
  }
  for (const account of accounts) {
    if (!/^\d{12}$/.test(account)) throw new UsageError(`--accounts "${account}" is not a 12-digit AWS account id.`);
  }

  return {
    regions,
    profile: values.profile,
    controls,
    parameters,
    parameterText,
    formats: chosen,
    outputDir,
    failOn,
    assumeRole,
    accounts: [...new Set(accounts)],
    includeServerlessCaches: values['no-serverless'] !== true,
    quiet: values.quiet === true,
    framework,
    securityHub: values['security-hub'] === true,
    previous: values.previous,
    printPolicy: values['print-policy'] === true,
    help: values.help === true,
  };
}

function selectControls(ids: string[], catalog: readonly Control<any, any>[]): Control<any, any>[] {
  if (ids.length === 0) return [...catalog];
  const known = catalog.map((control) => control.id);
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    throw new UsageError(`--controls ${unknown.map((id) => `"${id}"`).join(', ')}: no such control; known: ${known.join(', ')}.`);
  }
  return catalog.filter((control) => ids.includes(control.id));
}

/**
 * `--param control.name=value`, validated by the control's own declarations (parseParameters), so
 * the scan accepts exactly what the deployed Config rule accepts.
 */
function parseControlParameters(
  entries: readonly string[],
  catalog: readonly Control<any, any>[],
  selected: readonly Control<any, any>[],
): Pick<ScanOptions, 'parameters' | 'parameterText'> {
  const raw: Record<string, Record<string, string>> = {};
  for (const entry of entries) {
    const match = /^([a-z0-9-]+)\.([A-Za-z0-9]+)=(.*)$/s.exec(entry);
    if (!match) throw new UsageError(`--param "${entry}" is not control.name=value (e.g. automatic-backup.minimumRetentionDays=7).`);
    const [, controlId, name, value] = match as unknown as [string, string, string, string];
    if (!catalog.some((control) => control.id === controlId)) {
      throw new UsageError(`--param "${entry}": no control "${controlId}"; known: ${catalog.map((c) => c.id).join(', ')}.`);
    }
    (raw[controlId] ??= {})[name] = value;
  }
  const parse = (control: Control<any, any>): Record<string, unknown> => {
    try {
      return parseParameters(control.parameters, raw[control.id] ?? {});
    } catch (error) {
      if (error instanceof InvalidParameterError) throw new UsageError(`--param ${control.id}.${error.parameter}: ${error.message}`);
      throw error;
    }
  };
  // A control left out by --controls still has its --param checked: a typo in a CI job's standard
  // set of parameters must not wait, unnoticed, for the day that control is selected.
  for (const control of catalog) if (raw[control.id] && !selected.includes(control)) parse(control);
  const parameters: Record<string, Record<string, unknown>> = {};
  const parameterText: Record<string, Record<string, string>> = {};
  for (const control of selected) {
    parameters[control.id] = parse(control);
    parameterText[control.id] = Object.fromEntries(
      Object.entries(control.parameters as Record<string, ParameterSpec>).map(([name, spec]) => [name, raw[control.id]?.[name] ?? spec.defaultText]),
    );
  }
  return { parameters, parameterText };
}
