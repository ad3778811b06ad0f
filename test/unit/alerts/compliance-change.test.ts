/**
 * The EventBridge "Config Rules Compliance Change" event is read field by field; anything else (another
 * detail-type or source, a missing or malformed field, not an object at all) is refused with an
 * InvalidComplianceEventError naming the field, so a broken or forged event is never published.
 */
import { InvalidComplianceEventError, parseComplianceChange } from '#shared/alerts/compliance-change.ts';
import {
  BACKUP_ANNOTATION,
  EVENT_TIME,
  REPLICATION_GROUP_TYPE,
  complianceChangeEvent,
  type ComplianceChangeEvent,
} from '../../support/compliance-events.ts';
import { ACCOUNT_ID, REGION } from '../../support/fixtures.ts';

/** An event as untyped JSON, so a test can break any field of it. */
type EventJson = Record<string, any>;

/** A valid event changed by `edit` (delete a field, or set it to something wrong). */
function malformed(edit: (event: EventJson) => void): EventJson {
  const event: EventJson = structuredClone(complianceChangeEvent());
  edit(event);
  return event;
}

/** Parses the event and returns the InvalidComplianceEventError it threw, failing the test if it did not. */
function refusal(raw: unknown): InvalidComplianceEventError {
  try {
    parseComplianceChange(raw);
  } catch (error) {
    if (error instanceof InvalidComplianceEventError) return error;
    throw error;
  }
  throw new Error('expected an InvalidComplianceEventError');
}

describe('parseComplianceChange', () => {
  describe('events Config sends', () => {
    it('reads a change to NON_COMPLIANT: rule, resource, account, region, old and new compliance, annotation, time', () => {
      // Prepare
      const event: ComplianceChangeEvent = complianceChangeEvent();
      // Act
      const change = parseComplianceChange(event);
      // Assess
      expect(change).toEqual({
        configRuleName: 'elasticache-automatic-backup',
        resourceType: REPLICATION_GROUP_TYPE,
        resourceId: 'orders-cache',
        accountId: ACCOUNT_ID,
        region: REGION,
        newCompliance: 'NON_COMPLIANT',
        newAnnotation: BACKUP_ANNOTATION,
        oldCompliance: 'COMPLIANT',
        time: EVENT_TIME,
      });
    });

    it('reads a first evaluation, which has no oldEvaluationResult, as having no old compliance', () => {
      // Prepare
      const event = complianceChangeEvent({ oldCompliance: null });
      expect(event.detail).not.toHaveProperty('oldEvaluationResult');
      // Act
      const change = parseComplianceChange(event);
      // Assess
      expect(change.oldCompliance).toBeUndefined();
      expect(change.newCompliance).toBe('NON_COMPLIANT');
    });

    it('reads a result without an annotation as having none', () => {
      // Act
      const change = parseComplianceChange(complianceChangeEvent({ newCompliance: 'COMPLIANT', oldCompliance: 'NON_COMPLIANT', annotation: null }));
      // Assess
      expect(change.newAnnotation).toBeUndefined();
      expect(change.newCompliance).toBe('COMPLIANT');
      expect(change.oldCompliance).toBe('NON_COMPLIANT');
    });

    it('takes the account and region from the envelope when the detail carries none', () => {
      // Prepare
      const event = malformed((e) => {
        delete e.detail.awsAccountId;
        delete e.detail.awsRegion;
        e.account = '210987654321';
        e.region = 'eu-west-1';
      });
      // Act
      const change = parseComplianceChange(event);
      // Assess
      expect(change.accountId).toBe('210987654321');
      expect(change.region).toBe('eu-west-1');
    });

    it('reads a null oldEvaluationResult as a first evaluation', () => {
      // Act
      const change = parseComplianceChange(malformed((e) => void (e.detail.oldEvaluationResult = null)));
      // Assess
      expect(change.oldCompliance).toBeUndefined();
    });

    it('reads an event without a time as having none', () => {
      // Act
      const change = parseComplianceChange(malformed((e) => void delete e.time));
      // Assess
      expect(change.time).toBeUndefined();
    });
  });

  describe('refused events', () => {
    it('refuses an empty detail.awsRegion, which SNS would refuse as an attribute', () => {
      expect(refusal(malformed((e) => void (e.detail.awsRegion = ''))).message).toMatch(/^detail\.awsRegion is missing or empty/);
    });

    it('names the envelope field when the account comes from the envelope and is malformed', () => {
      const error = refusal(
        malformed((e) => {
          delete e.detail.awsAccountId;
          e.account = 'not-an-account';
        }),
      );
      expect(error.message).toMatch(/^account "not-an-account" is not a 12-digit account id/);
    });

    it.each<[string, (event: EventJson) => void, RegExp]>([
      ['another detail-type', (e) => void (e['detail-type'] = 'Config Configuration Item Change'), /detail-type "Config Rules Compliance Change".*got "Config Configuration Item Change"/],
      ['another source (a forged event)', (e) => void (e.source = 'custom.compliance'), /source "aws\.config".*from "custom\.compliance"/],
      ['no detail', (e) => void delete e.detail, /^detail is missing or not an object/],
      ['a detail that is a string', (e) => void (e.detail = JSON.stringify(complianceChangeEvent().detail)), /^detail is missing or not an object/],
      ['no configRuleName', (e) => void delete e.detail.configRuleName, /^detail\.configRuleName is missing or empty/],
      ['an empty configRuleName', (e) => void (e.detail.configRuleName = ' '), /^detail\.configRuleName is missing or empty/],
      ['no resourceId', (e) => void delete e.detail.resourceId, /^detail\.resourceId is missing or empty/],
      ['no resourceType', (e) => void delete e.detail.resourceType, /^detail\.resourceType is missing or empty/],
      ['an account id of 11 digits', (e) => void (e.detail.awsAccountId = '12345678901'), /^detail\.awsAccountId "12345678901" is not a 12-digit account id/],
      ['a numeric account id', (e) => void (e.detail.awsAccountId = 123456789012), /^detail\.awsAccountId 123456789012 is not a 12-digit account id/],
      ['no region anywhere', (e) => void (delete e.detail.awsRegion, delete e.region), /^event\.region is missing or empty/],
      ['no newEvaluationResult', (e) => void delete e.detail.newEvaluationResult, /^detail\.newEvaluationResult is missing or not an object/],
      ['an unknown complianceType', (e) => void (e.detail.newEvaluationResult.complianceType = 'FAILED'), /^detail\.newEvaluationResult\.complianceType "FAILED" is not one of COMPLIANT, NON_COMPLIANT/],
      ['a lower-case complianceType', (e) => void (e.detail.newEvaluationResult.complianceType = 'non_compliant'), /^detail\.newEvaluationResult\.complianceType "non_compliant"/],
      ['an unknown old complianceType', (e) => void (e.detail.oldEvaluationResult.complianceType = 'UNKNOWN'), /^detail\.oldEvaluationResult\.complianceType "UNKNOWN"/],
      ['a time of "1", which Date reads as 2001', (e) => void (e.time = '1'), /^time "1" is not an ISO 8601 timestamp with a time zone/],
      ['a time of "0"', (e) => void (e.time = '0'), /^time "0" is not an ISO 8601 timestamp/],
      ['a time of "-1"', (e) => void (e.time = '-1'), /^time "-1" is not an ISO 8601 timestamp/],
      ['a time of "12"', (e) => void (e.time = '12'), /^time "12" is not an ISO 8601 timestamp/],
      ['a time of 30 February', (e) => void (e.time = '2024-02-30T12:00:00Z'), /^time "2024-02-30T12:00:00Z" has no day 30 in month 2 of 2024/],
      ['a time without a time zone', (e) => void (e.time = '2026-11-27T06:00:42'), /^time "2026-11-27T06:00:42" is not an ISO 8601 timestamp with a time zone/],
      ['a time given as epoch milliseconds', (e) => void (e.time = 1795759242000), /^time 1795759242000 is not a string/],
      ['a null time', (e) => void (e.time = null), /^time null is not a string/],
      ['an oldEvaluationResult that is not an object', (e) => void (e.detail.oldEvaluationResult = 'COMPLIANT'), /^detail\.oldEvaluationResult is missing or not an object/],
    ])('refuses %s, naming the field', (_case, edit, message) => {
      // Act
      const error = refusal(malformed(edit));
      // Assess
      expect(error.name).toBe('InvalidComplianceEventError');
      expect(error.message).toMatch(message);
    });

    it.each<[string, unknown]>([
      ['undefined', undefined],
      ['null', null],
      ['a JSON string of the event', JSON.stringify(complianceChangeEvent())],
      ['an array', [complianceChangeEvent()]],
      ['a number', 42],
    ])('refuses %s: the event is not an object', (_case, raw) => {
      // Act
      const error = refusal(raw);
      // Assess
      expect(error.message).toBe('event is missing or not an object.');
    });
  });
});
