/**
 * The scan's findings as OCSF Compliance Findings (class_uid 2003, schema version 1.1.0), one
 * JSON object per line, for Amazon Security Lake (a custom source converts them to Parquet) or any
 * OCSF consumer. Each event names its schema version in metadata.version; the tests validate the
 * events against the published OCSF 1.1.0 schema files (test/vendor/ocsf-1.1.0).
 */
import { FRAMEWORKS } from '#shared/frameworks/frameworks.ts';
import { frameworksMapped } from '#shared/frameworks/mapping.ts';
import type { ComplianceType, Severity } from '#shared/engine/control.ts';
import type { ScanResult } from '../findings.ts';
import { asffId, partitionOf, relatedRequirements } from './asff.ts';

export const OCSF_SCHEMA_VERSION = '1.1.0';
const CATEGORY_UID = 2; // Findings
const CLASS_UID = 2003; // Compliance Finding
const ACTIVITY_CREATE = 1;

const SEVERITY_ID: Record<Severity, number> = { LOW: 2, MEDIUM: 3, HIGH: 4, CRITICAL: 5 };
const SEVERITY_CAPTION: Record<number, string> = { 1: 'Informational', 2: 'Low', 3: 'Medium', 4: 'High', 5: 'Critical' };
/** compliance.status_id: 1 Pass, 3 Fail; NOT_APPLICABLE has no OCSF status, so 99 Other with the text. */
const STATUS: Record<ComplianceType, { id: number; text: string }> = {
  COMPLIANT: { id: 1, text: 'Pass' },
  NON_COMPLIANT: { id: 3, text: 'Fail' },
  NOT_APPLICABLE: { id: 99, text: 'Not applicable' },
};

export function toOcsf(result: ScanResult, toolVersion: string): Record<string, unknown>[] {
  return [...ocsfEvents(result, toolVersion)];
}

/** The events, one finding at a time. */
export function* ocsfEvents(result: ScanResult, toolVersion: string): Generator<Record<string, unknown>> {
  const controls = new Map(result.controls.map((c) => [c.id, c]));
  const time = result.finishedAt.getTime();
  for (const f of result.findings) {
    const control = controls.get(f.control);
    const severityId = f.compliance === 'NON_COMPLIANT' ? SEVERITY_ID[f.severity] : 1;
    const uid = asffId(f);
    const status = STATUS[f.compliance];
    yield {
      activity_id: ACTIVITY_CREATE,
      activity_name: 'Create',
      category_uid: CATEGORY_UID,
      category_name: 'Findings',
      class_uid: CLASS_UID,
      class_name: 'Compliance Finding',
      type_uid: CLASS_UID * 100 + ACTIVITY_CREATE,
      type_name: 'Compliance Finding: Create',
      severity_id: severityId,
      severity: SEVERITY_CAPTION[severityId],
      time,
      message: f.annotation,
      metadata: {
        version: OCSF_SCHEMA_VERSION,
        product: { name: 'elasticache-config-rules', vendor_name: 'elasticache-config-rules', version: toolVersion },
        profiles: ['cloud'],
        uid,
      },
      cloud: { provider: 'AWS', region: f.region, account: { uid: f.account, type_id: 10, type: 'AWS Account' } },
      finding_info: {
        uid,
        title: `${f.control}: ${control?.title ?? f.control}`,
        desc: f.annotation,
        first_seen_time: result.startedAt.getTime(),
        last_seen_time: result.startedAt.getTime(),
        types: ['Software and Configuration Checks/Industry and Regulatory Standards'],
      },
      compliance: {
        control: f.control,
        standards: frameworksMapped(control?.frameworks ?? {}).map((framework) => FRAMEWORKS[framework].name),
        requirements: relatedRequirements(control),
        status_id: status.id,
        status: status.text,
        status_detail: f.annotation,
      },
      resource: {
        uid: f.arn ?? f.resourceId,
        name: f.resourceId,
        type: f.resourceType,
        region: f.region,
        cloud_partition: partitionOf(f.region),
      },
      ...(f.compliance === 'NON_COMPLIANT' && control && control.remediation.length > 0 ? { remediation: { desc: control.remediation.join(' ') } } : {}),
    };
  }
}

/** JSON Lines: one event per line. */
export function* ocsfChunks(result: ScanResult, toolVersion: string): Generator<string> {
  for (const event of ocsfEvents(result, toolVersion)) yield `${JSON.stringify(event)}\n`;
}

export function renderOcsf(result: ScanResult, toolVersion: string): string {
  return [...ocsfChunks(result, toolVersion)].join('');
}
