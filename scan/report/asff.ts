/**
 * The scan's findings in the AWS Security Finding Format (ASFF), for Security Hub: one finding per
 * resource × control with a stable Id, so that a re-import updates the finding instead of adding
 * another; findings of an earlier report (--previous) whose resource is gone are archived.
 *
 * Shapes follow botocore's securityhub model (AwsSecurityFinding); the tests validate against it.
 */
import { FRAMEWORKS, FRAMEWORK_IDS } from '#shared/frameworks/frameworks.ts';
import { requirementsOf } from '#shared/frameworks/mapping.ts';
import type { ComplianceType } from '#shared/engine/control.ts';
import type { ControlSummary, Finding, ScanResult } from '../findings.ts';

export const ASFF_SCHEMA_VERSION = '2018-10-08';
/** Security Hub keeps at most 32 related requirements per finding (Compliance.RelatedRequirements). */
const MAX_RELATED_REQUIREMENTS = 32;
const ID_PREFIX = 'elasticache-config-rules';

/** The members of AwsSecurityFinding this writer sets (all optional ones it leaves out are absent). */
export interface AsffFinding {
  SchemaVersion: string;
  Id: string;
  ProductArn: string;
  GeneratorId: string;
  AwsAccountId: string;
  Region: string;
  Types: string[];
  FirstObservedAt: string;
  LastObservedAt: string;
  CreatedAt: string;
  UpdatedAt: string;
  Severity: { Label: string; Original: string };
  FindingProviderFields: { Severity: { Label: string; Original: string }; Types: string[] };
  Title: string;
  Description: string;
  Remediation?: { Recommendation: { Text: string } };
  ProductFields: Record<string, string>;
  Resources: { Type: string; Id: string; Partition: string; Region: string; Details: { Other: Record<string, string> } }[];
  Compliance: { Status: string; RelatedRequirements?: string[]; SecurityControlId?: string };
  RecordState: 'ACTIVE' | 'ARCHIVED';
}

const STATUS: Record<ComplianceType, string> = { COMPLIANT: 'PASSED', NON_COMPLIANT: 'FAILED', NOT_APPLICABLE: 'NOT_AVAILABLE' };

export function partitionOf(region: string): string {
  return region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

/** The stable identity of a finding: the same resource × control always gets the same Id. */
export function asffId(finding: Pick<Finding, 'account' | 'region' | 'resourceType' | 'resourceId' | 'control'>): string {
  return [ID_PREFIX, finding.account, finding.region, finding.resourceType, finding.resourceId, finding.control].join('/');
}

/** Every requirement the control maps to, as Security Hub writes related requirements, at most 32. */
export function relatedRequirements(control: ControlSummary | undefined): string[] {
  const frameworks = control?.frameworks ?? {};
  return FRAMEWORK_IDS.flatMap((framework) => requirementsOf(frameworks, framework).map((id) => FRAMEWORKS[framework].relatedRequirement(id))).slice(
    0,
    MAX_RELATED_REQUIREMENTS,
  );
}

const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export function toAsff(result: ScanResult, toolVersion: string, previous: readonly AsffFinding[] = []): AsffFinding[] {
  return [...asffFindings(result, toolVersion, previous)];
}

/**
 * The findings one at a time, then the earlier ones to archive. Only the earlier report's ids are
 * remembered (which of them this scan reported again), never this scan's findings.
 */
export function* asffFindings(result: ScanResult, toolVersion: string, previous: readonly AsffFinding[] = []): Generator<AsffFinding> {
  const controls = new Map(result.controls.map((c) => [c.id, c]));
  const earlier = new Map(previous.map((f) => [f.Id, f]));
  const reported = new Set<string>();
  const now = result.finishedAt.toISOString();
  for (const f of result.findings) {
    const control = controls.get(f.control);
    const id = asffId(f);
    const before = earlier.get(id);
    if (before) reported.add(id);
    const severity = { Label: f.compliance === 'NON_COMPLIANT' ? f.severity : 'INFORMATIONAL', Original: f.severity };
    const types = ['Software and Configuration Checks/Industry and Regulatory Standards'];
    const related = relatedRequirements(control);
    const fsbp = requirementsOf(control?.frameworks ?? {}, 'fsbp')[0];
    yield {
      SchemaVersion: ASFF_SCHEMA_VERSION,
      Id: id,
      ProductArn: `arn:${partitionOf(f.region)}:securityhub:${f.region}:${f.account}:product/${f.account}/default`,
      GeneratorId: `${ID_PREFIX}/${f.control}`,
      AwsAccountId: f.account,
      Region: f.region,
      Types: types,
      FirstObservedAt: before?.FirstObservedAt ?? result.startedAt.toISOString(),
      LastObservedAt: result.startedAt.toISOString(),
      CreatedAt: before?.CreatedAt ?? result.startedAt.toISOString(),
      UpdatedAt: now,
      Severity: severity,
      FindingProviderFields: { Severity: severity, Types: types },
      Title: clip(`${f.control}: ${control?.title ?? f.control}`, 256),
      Description: clip(f.annotation || '(no annotation)', 1024),
      ...(f.compliance === 'NON_COMPLIANT' && control && control.remediation.length > 0
        ? { Remediation: { Recommendation: { Text: clip(control.remediation.join(' '), 512) } } }
        : {}),
      ProductFields: {
        'elasticache-config-rules/Control': f.control,
        'elasticache-config-rules/Compliance': f.compliance,
        'elasticache-config-rules/Version': toolVersion,
        ...(fsbp ? { 'elasticache-config-rules/SecurityHubControl': fsbp } : {}),
      },
      Resources: [
        {
          Type: 'Other',
          Id: f.arn ?? f.resourceId,
          Partition: partitionOf(f.region),
          Region: f.region,
          Details: { Other: { ResourceType: f.resourceType, ResourceId: f.resourceId } },
        },
      ],
      Compliance: { Status: STATUS[f.compliance], ...(related.length > 0 ? { RelatedRequirements: related } : {}) },
      RecordState: 'ACTIVE',
    };
  }
  yield* archived(result, previous, reported);
}

/**
 * An earlier finding whose resource × control this scan no longer reports, archived — but only
 * where this scan read that account, Region and control completely: a failed listing or a control
 * that could not run never clears a finding.
 */
function archived(result: ScanResult, previous: readonly AsffFinding[], seen: ReadonlySet<string>): AsffFinding[] {
  const now = result.finishedAt.toISOString();
  const controls = new Set(result.controls.map((c) => c.id));
  const covered = (account: string, region: string, control: string): boolean =>
    result.accounts.includes(account) &&
    result.regions.includes(region) &&
    controls.has(control) &&
    !result.failures.some(
      (failure) =>
        failure.account === account &&
        (failure.region === undefined || failure.region === region) &&
        (failure.control === undefined || failure.control === control),
    );
  return previous
    .filter((f) => f.RecordState !== 'ARCHIVED' && !seen.has(f.Id))
    .filter((f) => {
      const control = f.ProductFields?.['elasticache-config-rules/Control'];
      return control !== undefined && covered(f.AwsAccountId, f.Region, control);
    })
    .map((f) => ({ ...f, UpdatedAt: now, RecordState: 'ARCHIVED' as const }));
}

/** The report as text, a finding at a time: what JSON.stringify(findings, null, 2) writes. */
export function* asffChunks(result: ScanResult, toolVersion: string, previous: readonly AsffFinding[] = []): Generator<string> {
  let first = true;
  for (const finding of asffFindings(result, toolVersion, previous)) {
    yield `${first ? '[\n  ' : ',\n  '}${JSON.stringify(finding, null, 2).replace(/\n/g, '\n  ')}`;
    first = false;
  }
  yield first ? '[]\n' : '\n]\n';
}

export function renderAsff(result: ScanResult, toolVersion: string, previous: readonly AsffFinding[] = []): string {
  return [...asffChunks(result, toolVersion, previous)].join('');
}
