/**
 * The EventBridge "Config Rules Compliance Change" event, validated field by field. Anything
 * malformed is refused, so a broken or forged event is logged and never published.
 * Reference: AWS Config developer guide, "Monitoring AWS Config with Amazon EventBridge".
 */
import { timestampProblem } from '../engine/timestamp.ts';

export class InvalidComplianceEventError extends Error {
  override readonly name = 'InvalidComplianceEventError';
}

const COMPLIANCE_TYPES = ['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE', 'INSUFFICIENT_DATA'] as const;
export type ReportedCompliance = (typeof COMPLIANCE_TYPES)[number];

export interface ComplianceChange {
  configRuleName: string;
  resourceType: string;
  resourceId: string;
  accountId: string;
  region: string;
  newCompliance: ReportedCompliance;
  newAnnotation: string | undefined;
  /** Absent on a resource's first evaluation. */
  oldCompliance: ReportedCompliance | undefined;
  time: string | undefined;
}

export function parseComplianceChange(raw: unknown): ComplianceChange {
  const event = asObject(raw, 'event');
  if (event['detail-type'] !== 'Config Rules Compliance Change' || event.source !== 'aws.config') {
    throw new InvalidComplianceEventError(
      `Expected detail-type "Config Rules Compliance Change" from source "aws.config", got ${JSON.stringify(event['detail-type'])} from ${JSON.stringify(event.source)}.`,
    );
  }
  const detail = asObject(event.detail, 'detail');
  const newResult = asObject(detail.newEvaluationResult, 'detail.newEvaluationResult');
  // Absent on a resource's first evaluation (null in some delivery formats): both mean "none".
  const oldResult =
    detail.oldEvaluationResult === undefined || detail.oldEvaluationResult === null
      ? undefined
      : asObject(detail.oldEvaluationResult, 'detail.oldEvaluationResult');
  return {
    configRuleName: text(detail, 'configRuleName'),
    resourceType: text(detail, 'resourceType'),
    resourceId: text(detail, 'resourceId'),
    accountId: detail.awsAccountId === undefined ? accountId(event.account, 'account') : accountId(detail.awsAccountId, 'detail.awsAccountId'),
    region: detail.awsRegion === undefined ? text(event, 'region', 'event') : text(detail, 'awsRegion'),
    newCompliance: compliance(newResult.complianceType, 'detail.newEvaluationResult.complianceType'),
    newAnnotation: typeof newResult.annotation === 'string' ? newResult.annotation : undefined,
    oldCompliance: oldResult ? compliance(oldResult.complianceType, 'detail.oldEvaluationResult.complianceType') : undefined,
    time: event.time === undefined ? undefined : timestamp(event.time, 'time'),
  };
}

/**
 * The event's time goes into the alert as "Changed at"; an operator acts on it, so it is held to
 * strict ISO 8601 with a time zone like every other timestamp the functions read.
 */
function timestamp(value: unknown, where: string): string {
  const problem = typeof value === 'string' ? timestampProblem(value) : 'is not a string';
  if (problem !== undefined) throw new InvalidComplianceEventError(`${where} ${JSON.stringify(value)} ${problem}.`);
  return value as string;
}

function asObject(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidComplianceEventError(`${where} is missing or not an object.`);
  }
  return value as Record<string, unknown>;
}

function text(source: Record<string, unknown>, field: string, where = 'detail'): string {
  const value = source[field];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidComplianceEventError(`${where}.${field} is missing or empty.`);
  }
  return value;
}

function accountId(value: unknown, where: string): string {
  if (typeof value !== 'string' || !/^\d{12}$/.test(value)) {
    throw new InvalidComplianceEventError(`${where} ${JSON.stringify(value)} is not a 12-digit account id.`);
  }
  return value;
}

function compliance(value: unknown, where: string): ReportedCompliance {
  if (!COMPLIANCE_TYPES.includes(value as ReportedCompliance)) {
    throw new InvalidComplianceEventError(`${where} ${JSON.stringify(value)} is not one of ${COMPLIANCE_TYPES.join(', ')}.`);
  }
  return value as ReportedCompliance;
}
