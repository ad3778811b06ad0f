/**
 * What a scan produces, independent of how it is written out: one finding per resource × control,
 * the failures that made the scan incomplete, and what was scanned. Every writer reads this shape.
 */
import type { ComplianceType, Severity } from '#shared/engine/control.ts';
import type { FrameworkId } from '#shared/frameworks/frameworks.ts';
import type { ControlFrameworks } from '#shared/frameworks/mapping.ts';

export const SEVERITIES: readonly Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];

/** Higher is more severe; used by --fail-on and by the writers' sort order. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(severity);
}

export interface Finding {
  account: string;
  region: string;
  resourceType: string;
  resourceId: string;
  arn: string | undefined;
  control: string;
  severity: Severity;
  compliance: ComplianceType;
  annotation: string;
}

/** A part of the scan AWS did not let us read; the scan is incomplete whenever one exists. */
export interface ScanFailure {
  account: string;
  /** Undefined when the account itself could not be entered (role not assumed). */
  region: string | undefined;
  /** Undefined when the listing of caches failed: then no control was evaluated there. */
  control: string | undefined;
  /** The IAM action that failed, when known. */
  action: string | undefined;
  message: string;
}

/** A control as the reports describe it; copied from the catalog so writers need not import it. */
export interface ControlSummary {
  id: string;
  title: string;
  severity: Severity;
  references: readonly string[];
  remediation: readonly string[];
  /** Parameter values this scan used, as text (the defaults unless --param set them). */
  parameters: Record<string, string>;
  /** The framework requirements the control's findings are evidence for (shared/frameworks). */
  frameworks?: Partial<ControlFrameworks>;
}

export interface ScanResult {
  startedAt: Date;
  finishedAt: Date;
  accounts: string[];
  regions: string[];
  controls: ControlSummary[];
  findings: Finding[];
  failures: ScanFailure[];
  /** AWS calls actually sent (after sharing), by IAM action. */
  awsCalls: Record<string, number>;
  /** The framework the scan was run for (--framework): the reports group findings by its requirements. */
  framework?: FrameworkId;
}

export type ComplianceCounts = Record<ComplianceType, number>;

export function countCompliance(findings: readonly Finding[]): ComplianceCounts {
  const counts: ComplianceCounts = { COMPLIANT: 0, NON_COMPLIANT: 0, NOT_APPLICABLE: 0 };
  for (const finding of findings) counts[finding.compliance]++;
  return counts;
}

export function countByControl(result: Pick<ScanResult, 'controls' | 'findings'>): Map<string, ComplianceCounts> {
  const byControl = new Map<string, ComplianceCounts>(
    result.controls.map((c) => [c.id, { COMPLIANT: 0, NON_COMPLIANT: 0, NOT_APPLICABLE: 0 }]),
  );
  for (const finding of result.findings) {
    const counts = byControl.get(finding.control);
    if (counts) counts[finding.compliance]++;
  }
  return byControl;
}

/** Distinct resources (account, region, type, id) the scan saw. */
export function countResources(findings: readonly Finding[]): number {
  return new Set(findings.map((f) => `${f.account}\u0000${f.region}\u0000${f.resourceType}\u0000${f.resourceId}`)).size;
}

/** One sentence every writer ends with. */
export function summaryLine(result: ScanResult): string {
  const counts = countCompliance(result.findings);
  const scope = `${result.accounts.length} account${result.accounts.length === 1 ? '' : 's'} × ${result.regions.length} region${result.regions.length === 1 ? '' : 's'}`;
  const incomplete = result.failures.length > 0 ? ` INCOMPLETE: ${result.failures.length} part(s) of the scan could not be read.` : '';
  return (
    `${countResources(result.findings)} resources × ${result.controls.length} controls in ${scope}: ` +
    `${counts.NON_COMPLIANT} non-compliant, ${counts.COMPLIANT} compliant, ${counts.NOT_APPLICABLE} not applicable.${incomplete}`
  );
}
