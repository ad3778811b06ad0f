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
  /**
   * Every finding, in the report order (account, Region, control, resource; see finding-spool.ts).
   * A scan's are read back from disk at each iteration, so writers iterate rather than hold them.
   */
  findings: Iterable<Finding>;
  failures: ScanFailure[];
  /** AWS calls actually sent (after sharing), by IAM action. */
  awsCalls: Record<string, number>;
  /** The framework the scan was run for (--framework): the reports group findings by its requirements. */
  framework?: FrameworkId;
}

export type ComplianceCounts = Record<ComplianceType, number>;

const noCounts = (): ComplianceCounts => ({ COMPLIANT: 0, NON_COMPLIANT: 0, NOT_APPLICABLE: 0 });

/**
 * What the reports say about the findings as a whole, from one pass over them: the counts and the
 * scope of each control's findings, and the distinct resources. Held in memory instead of the
 * findings: O(controls × Regions + resources), never O(findings).
 */
export interface FindingTotals {
  findings: number;
  counts: ComplianceCounts;
  /** By control id, for every control of the scan (zero counts when it made no finding). */
  byControl: Map<string, ComplianceCounts>;
  /** Accounts and Regions each control made findings in. */
  accountsOf: Map<string, Set<string>>;
  regionsOf: Map<string, Set<string>>;
  /** Regions any finding is in, sorted. */
  regions: string[];
  /** Distinct resources (account, Region, type, id) judged by any of `controls`. */
  resources(controls?: ReadonlySet<string>): number;
}

const totalsCache = new WeakMap<object, FindingTotals>();

/** The totals of a result's findings; computed once per findings source. */
export function totalsOf(result: Pick<ScanResult, 'controls' | 'findings'>): FindingTotals {
  const cached = totalsCache.get(result.findings);
  if (cached) return cached;
  const ids = result.controls.map((c) => c.id);
  const byControl = new Map(ids.map((id) => [id, noCounts()]));
  const accountsOf = new Map<string, Set<string>>();
  const regionsOf = new Map<string, Set<string>>();
  const counts = noCounts();
  // Per resource, which controls judged it (one bit per control); then how many resources share
  // each combination, so a requirement's resources are counted without keeping the findings.
  const bitOf = new Map<string, bigint>();
  const bit = (control: string): bigint => {
    let known = bitOf.get(control);
    if (known === undefined) bitOf.set(control, (known = 1n << BigInt(bitOf.size)));
    return known;
  };
  for (const id of ids) bit(id);
  const judgedBy = new Map<string, bigint>();
  let findings = 0;
  for (const f of result.findings) {
    findings++;
    counts[f.compliance]++;
    let own = byControl.get(f.control);
    if (!own) byControl.set(f.control, (own = noCounts()));
    own[f.compliance]++;
    (accountsOf.get(f.control) ?? accountsOf.set(f.control, new Set()).get(f.control)!).add(f.account);
    (regionsOf.get(f.control) ?? regionsOf.set(f.control, new Set()).get(f.control)!).add(f.region);
    const key = `${f.account}\u0000${f.region}\u0000${f.resourceType}\u0000${f.resourceId}`;
    judgedBy.set(key, (judgedBy.get(key) ?? 0n) | bit(f.control));
  }
  const combinations = new Map<bigint, number>();
  for (const controls of judgedBy.values()) combinations.set(controls, (combinations.get(controls) ?? 0) + 1);
  judgedBy.clear();
  const totals: FindingTotals = {
    findings,
    counts,
    byControl,
    accountsOf,
    regionsOf,
    regions: [...new Set([...regionsOf.values()].flatMap((set) => [...set]))].sort(),
    resources(controls) {
      let wanted = 0n;
      for (const id of controls ?? bitOf.keys()) wanted |= bitOf.get(id) ?? 0n;
      let sum = 0;
      for (const [combination, n] of combinations) if ((combination & wanted) !== 0n) sum += n;
      return sum;
    },
  };
  totalsCache.set(result.findings, totals);
  return totals;
}

/** One sentence every writer ends with. */
export function summaryLine(result: ScanResult): string {
  const totals = totalsOf(result);
  const counts = totals.counts;
  const scope = `${result.accounts.length} account${result.accounts.length === 1 ? '' : 's'} × ${result.regions.length} region${result.regions.length === 1 ? '' : 's'}`;
  const incomplete = result.failures.length > 0 ? ` INCOMPLETE: ${result.failures.length} part(s) of the scan could not be read.` : '';
  return (
    `${totals.resources()} resources × ${result.controls.length} controls in ${scope}: ` +
    `${counts.NON_COMPLIANT} non-compliant, ${counts.COMPLIANT} compliant, ${counts.NOT_APPLICABLE} not applicable.${incomplete}`
  );
}
