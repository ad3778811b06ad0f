/**
 * The command line of `scan --template`: the template files or directories, --fail-on-undetermined
 * and the sarif format, on top of the account scan's --controls, --param, --fail-on, --output and
 * --quiet, which are validated by the account scan's own parser so that both accept the same values.
 * Options that only make sense for an account (--region, --profile, …) are refused.
 */
import type { Control, Severity } from '#shared/engine/control.ts';
import { UsageError, chooseFormats, parseCommandLine, parseScanOptions } from '../options.ts';

export const TEMPLATE_FORMATS = ['table', 'json', 'sarif'] as const;
export type TemplateReportFormat = (typeof TEMPLATE_FORMATS)[number];

export interface TemplateScanOptions {
  templates: string[];
  controls: Control<any, any>[];
  parameters: Record<string, Record<string, unknown>>;
  parameterText: Record<string, Record<string, string>>;
  formats: TemplateReportFormat[];
  outputDir: string | undefined;
  failOn: Severity | undefined;
  failOnUndetermined: boolean;
}

const ACCOUNT_ONLY = ['region', 'profile', 'no-serverless', 'assume-role', 'accounts', 'print-policy'];

export function isTemplateScan(argv: readonly string[]): boolean {
  return argv.some((arg) => arg === '--template' || arg.startsWith('--template='));
}

export function parseTemplateScanOptions(argv: readonly string[], catalog: readonly Control<any, any>[]): TemplateScanOptions {
  const parsed = parseCommandLine(argv, {
    template: { type: 'string', multiple: true },
    'fail-on-undetermined': { type: 'boolean' },
    controls: { type: 'string', multiple: true },
    param: { type: 'string', multiple: true },
    format: { type: 'string', multiple: true },
    output: { type: 'string' },
    'fail-on': { type: 'string' },
    quiet: { type: 'boolean' },
    region: { type: 'string', multiple: true },
    profile: { type: 'string' },
    'no-serverless': { type: 'boolean' },
    'assume-role': { type: 'string' },
    accounts: { type: 'string', multiple: true },
    'print-policy': { type: 'boolean' },
  });
  const values = parsed.values as Record<string, unknown>;
  const refused = ACCOUNT_ONLY.filter((name) => values[name] !== undefined);
  if (refused.length > 0) {
    throw new UsageError(`--${refused[0]} applies to an account scan; --template judges files offline, without AWS.`);
  }
  const outputDir = values.output as string | undefined;
  const chosen = chooseFormats(values.format as string[] | undefined, TEMPLATE_FORMATS, outputDir, ' for --template');

  // The account scan's parser validates the shared options (controls, parameters, severity).
  const shared: string[] = [];
  for (const c of (values.controls as string[] | undefined) ?? []) shared.push('--controls', c);
  for (const p of (values.param as string[] | undefined) ?? []) shared.push('--param', p);
  if (values['fail-on'] !== undefined) shared.push('--fail-on', values['fail-on'] as string);
  const base = parseScanOptions(shared, catalog);
  if (values['fail-on-undetermined'] && !base.failOn) {
    throw new UsageError('--fail-on-undetermined makes UNDETERMINED findings count for --fail-on: add --fail-on SEVERITY.');
  }
  return {
    templates: (values.template as string[]).filter((t) => t.length > 0),
    controls: base.controls,
    parameters: base.parameters,
    parameterText: base.parameterText,
    formats: chosen,
    outputDir,
    failOn: base.failOn,
    failOnUndetermined: values['fail-on-undetermined'] === true,
  };
}

export const TEMPLATE_USAGE = `Usage: elasticache-config-rules scan --template FILE|DIR [options]

Judges the ElastiCache resources of CloudFormation / SAM templates (YAML or JSON) and Terraform plans
(terraform show -json) offline, with the same controls and parameters as the deployed rules.

  --template FILE|DIR    A template or plan; repeat for several. A directory is read for *.yaml,
                         *.yml, *.json and *.template files (not recursively).
  --controls, --param    As for the account scan.
  --format FORMATS       table, json, sarif (default: table).
  --output DIR           Write json/sarif to DIR as elasticache-template-scan.<format>.
  --fail-on SEVERITY     Exit 1 when a NON_COMPLIANT finding is at or above SEVERITY.
  --fail-on-undetermined With --fail-on, UNDETERMINED findings count as well.

Exit codes: 0 done; 1 findings at or above --fail-on; 2 usage error (including a file that is not a
template or plan, or one with a syntax error).`;
