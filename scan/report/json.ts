/**
 * The JSON report: a versioned document whose shape is fixed by scan-report.v1.schema.json (kept
 * beside this file). Minor versions only add optional fields; a change that could break a reader
 * bumps the major version and the schema file's name.
 */
import type { ScanResult } from '../findings.ts';
import { countCompliance, countResources } from '../findings.ts';
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

export function toJsonReport(result: ScanResult, toolVersion: string): object {
  const controls = new Map(result.controls.map((c) => [c.id, c]));
  const counts = countCompliance(result.findings);
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
      resources: countResources(result.findings),
      findings: result.findings.length,
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
    findings: result.findings.map((f): ReportRecord => {
      const control = controls.get(f.control);
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
    }),
  };
}

export function renderJson(result: ScanResult, toolVersion: string): string {
  return `${JSON.stringify(toJsonReport(result, toolVersion), null, 2)}\n`;
}
