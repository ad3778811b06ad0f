/**
 * The JSON report: a versioned document whose shape is fixed by scan-report.v1.schema.json (kept
 * beside this file). Minor versions only add optional fields; a change that could break a reader
 * bumps the major version and the schema file's name.
 */
import { totalsOf, type ControlSummary, type Finding, type ScanResult } from '../findings.ts';
import { frameworkRequirementsOf } from '#shared/frameworks/mapping.ts';
import { requirementEvidence } from './requirements.ts';

export const SCHEMA_ID = 'elasticache-config-rules/scan-report';
export const SCHEMA_VERSION = '1.1.0';
/** The schema file, relative to the repository root. */
export const SCHEMA_FILE = 'scan/report/scan-report.v1.schema.json';

export interface ReportRecord {
  account: string;
  region: string;
  resourceType: string;
  resourceId: string;
  arn: string | null;
  control: string;
  title: string;
  severity: string;
  compliance: string;
  annotation: string;
  remediation: string[];
  references: string[];
  /** Since 1.1.0: framework id → the requirement ids this finding is evidence for. */
  frameworks: Record<string, string[]>;
}

/** The report without its findings, which come last (jsonChunks streams them). */
function jsonHead(result: ScanResult, toolVersion: string): Record<string, unknown> {
  const totals = totalsOf(result);
  const counts = totals.counts;
  return {
    schema: SCHEMA_ID,
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'elasticache-config-rules', version: toolVersion },
    startedAt: result.startedAt.toISOString(),
    finishedAt: result.finishedAt.toISOString(),
    complete: result.failures.length === 0,
    scope: {
      accounts: result.accounts,
      regions: result.regions,
      controls: result.controls.map((c) => ({ id: c.id, title: c.title, severity: c.severity, parameters: c.parameters, frameworks: c.frameworks ?? {} })),
      ...(result.framework ? { framework: result.framework } : {}),
    },
    ...(result.framework ? { requirements: requirementEvidence(result, result.framework) } : {}),
    summary: {
      resources: totals.resources(),
      findings: totals.findings,
      compliant: counts.COMPLIANT,
      nonCompliant: counts.NON_COMPLIANT,
      notApplicable: counts.NOT_APPLICABLE,
      awsCalls: Object.values(result.awsCalls).reduce((sum, n) => sum + n, 0),
      awsCallsByAction: result.awsCalls,
    },
    failures: result.failures.map((f) => ({
      account: f.account,
      region: f.region ?? null,
      control: f.control ?? null,
      action: f.action ?? null,
      message: f.message,
    })),
  };
}

/** One finding as the JSON (and CSV) report writes it. */
export function reportRecordOf(f: Finding, control: ControlSummary | undefined): ReportRecord {
  return {
    account: f.account,
    region: f.region,
    resourceType: f.resourceType,
    resourceId: f.resourceId,
    arn: f.arn ?? null,
    control: f.control,
    title: control?.title ?? f.control,
    severity: f.severity,
    compliance: f.compliance,
    annotation: f.annotation,
    remediation: [...(control?.remediation ?? [])],
    references: [...(control?.references ?? [])],
    frameworks: frameworkRequirementsOf({ frameworks: control?.frameworks ?? {} }),
  };
}

/** The report's records, one finding at a time. */
export function* reportRecords(result: ScanResult): Generator<ReportRecord> {
  const controls = new Map(result.controls.map((c) => [c.id, c]));
  for (const f of result.findings) yield reportRecordOf(f, controls.get(f.control));
}

/** The whole report as one object: for tests and small scans; the writers stream jsonChunks. */
export function toJsonReport(result: ScanResult, toolVersion: string): object {
  return { ...jsonHead(result, toolVersion), findings: [...reportRecords(result)] };
}

/**
 * The report as text, a finding at a time: exactly what JSON.stringify(report, null, 2) writes,
 * without ever holding the report or its text.
 */
export function* jsonChunks(result: ScanResult, toolVersion: string): Generator<string> {
  const head = JSON.stringify({ ...jsonHead(result, toolVersion), findings: [] }, null, 2);
  // The head ends with `"findings": []\n}`: the records go between the brackets.
  const open = head.slice(0, head.length - '[]\n}'.length);
  let first = true;
  for (const record of reportRecords(result)) {
    const text = JSON.stringify(record, null, 2).replace(/\n/g, '\n    ');
    yield `${first ? `${open}[\n    ` : ',\n    '}${text}`;
    first = false;
  }
  yield first ? `${open}[]\n}\n` : '\n  ]\n}\n';
}

export function renderJson(result: ScanResult, toolVersion: string): string {
  return [...jsonChunks(result, toolVersion)].join('');
}
