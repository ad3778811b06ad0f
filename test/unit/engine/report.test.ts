/**
 * Reporting to AWS Config: PutEvaluations takes at most 100 evaluations a call and annotations of
 * at most 256 characters; test-mode runs say so; evaluations Config refuses are retried, and those
 * still refused are named in an error.
 *
 * Scenarios
 * - Given 250 replication groups, then three PutEvaluations calls of 100, 100 and 50, in order, each
 *   sent as soon as its batch is judged (the run holds no more than a batch of evaluations).
 * - Given a verdict whose annotation is longer than 256 characters, then it is cut at a word and
 *   marked with "…".
 * - Given the TESTMODE result token, then every call carries TestMode: true; otherwise no call does.
 * - Given FailedEvaluations in a reply, then only those evaluations are sent again, after a wait of
 *   about 100 ms, then about 200 ms (jittered); given them still refused after two retries, then
 *   EvaluationsRejectedError names the resources, every other batch is still sent, and no clean-up
 *   follows. Given nothing refused, then no wait.
 */
import {
  GetComplianceDetailsByConfigRuleCommand,
  PutEvaluationsCommand,
  type PutEvaluationsCommandInput,
  type PutEvaluationsResponse,
} from '@aws-sdk/client-config-service';
import { createAwsSession } from '#shared/aws/session.ts';
import { encryptionInTransit } from '#shared/controls/encryption-in-transit.ts';
import { defineControl, nonCompliant } from '#shared/engine/control.ts';
import { EvaluationsRejectedError } from '#shared/engine/errors.ts';
import { MAX_ANNOTATION_LENGTH, fitAnnotation, putEvaluations, retryDelay, type ResourceEvaluation, type Sleep } from '#shared/engine/report.ts';
import { runRule } from '#shared/engine/run-rule.ts';
import { RESULT_TOKEN, scheduledEvent } from '../../support/config-events.ts';
import { config, givenEstate, putEvaluationsInputs, range, replicationGroup, reported, useMockedAws } from '../../support/run-rule-harness.ts';
import { onVirtualClock } from '../../support/virtual-clock.ts';

useMockedAws();

describe('PutEvaluations batching', () => {
  it('sends 250 evaluations in three calls of at most 100, in listing order', async () => {
    // Prepare
    givenReplicationGroups(250);

    // Act
    await runRule(encryptionInTransit, scheduledEvent(), createAwsSession());

    // Assess
    const calls = putEvaluationsInputs();
    expect(calls.map((input) => input.Evaluations?.length)).toEqual([100, 100, 50]);
    expect(calls.flatMap((input) => input.Evaluations ?? []).map((e) => e.ComplianceResourceId)).toEqual(
      range(250).map((i) => `orders-${i}`),
    );
    expect(calls.every((input) => input.ResultToken === RESULT_TOKEN)).toBe(true);
  });

  it('sends each full batch as soon as it is judged, never holding every evaluation until the end', async () => {
    // Prepare: a control noting how many batches Config had received when it judged each group.
    givenReplicationGroups(250);
    const batchesSentWhenJudging: number[] = [];
    const noting = defineControl({
      ...encryptionInTransit,
      evaluate: (resource, parameters, context) => {
        batchesSentWhenJudging.push(config.commandCalls(PutEvaluationsCommand).length);
        return encryptionInTransit.evaluate(resource, parameters, context);
      },
    });

    // Act
    await runRule(noting, scheduledEvent(), createAwsSession());

    // Assess: groups 101-200 were judged after the first batch went, 201-250 after the second.
    expect(batchesSentWhenJudging.slice(0, 100)).toEqual(Array<number>(100).fill(0));
    expect(batchesSentWhenJudging[100]).toBe(1);
    expect(batchesSentWhenJudging[200]).toBe(2);
    expect(putEvaluationsInputs().map((input) => input.Evaluations?.length)).toEqual([100, 100, 50]);
  });

  it('sends exactly 100 evaluations in one call', async () => {
    // Prepare
    givenReplicationGroups(100);

    // Act
    await runRule(encryptionInTransit, scheduledEvent(), createAwsSession());

    // Assess
    expect(config).toHaveReceivedCommandTimes(PutEvaluationsCommand, 1);
  });
});

describe('annotations', () => {
  it('cuts an annotation longer than 256 characters at a word and marks the cut', async () => {
    // Prepare: the engine guards the limit whatever a control writes, so a control with a verbose
    // verdict stands in for one that forgot to keep its annotation short.
    const longAnnotation = (id: string) =>
      `Replication group ${id} fails ${range(20).map((i) => `check ${i} (see the runbook)`).join(', ')}; fix each before the next audit.`;
    const verbose = defineControl({
      ...encryptionInTransit,
      id: 'verbose-annotation',
      evaluate: (resource) => nonCompliant(longAnnotation(resource.resourceId)),
    });
    givenReplicationGroups(1);

    // Act
    await runRule(verbose, scheduledEvent(), createAwsSession());

    // Assess
    const annotation = reported()[0]?.Annotation ?? '';
    const original = longAnnotation('orders-0');
    const kept = annotation.slice(0, -1);
    expect(original.length).toBeGreaterThan(MAX_ANNOTATION_LENGTH);
    expect(annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    expect(annotation.endsWith('…')).toBe(true);
    expect(original.startsWith(kept)).toBe(true);
    expect(original[kept.length]).toBe(' ');
  });

  describe('fitAnnotation', () => {
    it('keeps an annotation within the limit, trimmed', () => {
      expect(fitAnnotation('  TLS is on in required mode.  ')).toBe('TLS is on in required mode.');
    });

    it('keeps an annotation of exactly 256 characters', () => {
      // Prepare
      const annotation = 'a'.repeat(MAX_ANNOTATION_LENGTH);

      // Act / Assess
      expect(fitAnnotation(annotation)).toBe(annotation);
    });

    it('replaces a blank annotation, which Config refuses, with a placeholder', () => {
      expect(fitAnnotation('   ')).toBe('No detail recorded.');
    });

    it('cuts a long annotation after its last whole word within the limit', () => {
      // Prepare: 300 characters of 5-character words.
      const annotation = 'word '.repeat(60).trim();

      // Act
      const fitted = fitAnnotation(annotation);

      // Assess
      expect(fitted).toBe(`${'word '.repeat(51).trim()}…`);
      expect(fitted.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it('cuts a long annotation without spaces at the limit', () => {
      // Act
      const fitted = fitAnnotation('x'.repeat(400));

      // Assess
      expect(fitted).toBe(`${'x'.repeat(MAX_ANNOTATION_LENGTH - 1)}…`);
    });
  });
});

describe('test mode', () => {
  it('sends TestMode: true on every call when the result token is TESTMODE', async () => {
    // Prepare
    givenReplicationGroups(250);

    // Act
    const summary = await runRule(encryptionInTransit, scheduledEvent({ resultToken: 'TESTMODE' }), createAwsSession());

    // Assess
    const calls = putEvaluationsInputs();
    expect(calls).toHaveLength(3);
    expect(calls.map((input) => [input.ResultToken, input.TestMode])).toEqual(Array(3).fill(['TESTMODE', true]));
    expect(summary.testMode).toBe(true);
    expect(config).not.toHaveReceivedCommand(GetComplianceDetailsByConfigRuleCommand);
  });

  it('sends no TestMode field for an ordinary result token', async () => {
    // Prepare
    givenReplicationGroups(1);

    // Act
    await runRule(encryptionInTransit, scheduledEvent(), createAwsSession());

    // Assess
    expect(putEvaluationsInputs()[0]).not.toHaveProperty('TestMode');
  });
});

describe('evaluations Config refuses', () => {
  it('sends again only the evaluations listed in FailedEvaluations', async () => {
    // Prepare: carts-cache is refused once, then accepted.
    givenReplicationGroups(3, ['orders-cache', 'carts-cache', 'reports-cache']);
    config
      .on(PutEvaluationsCommand)
      .callsFakeOnce((input: PutEvaluationsCommandInput) => refusing(input, ['carts-cache']))
      .resolves({ FailedEvaluations: [] });

    // Act
    const summary = await onVirtualClock(() => runRule(encryptionInTransit, scheduledEvent(), createAwsSession()));

    // Assess
    const calls = putEvaluationsInputs();
    expect(calls.map((input) => input.Evaluations?.map((e) => e.ComplianceResourceId))).toEqual([
      ['orders-cache', 'carts-cache', 'reports-cache'],
      ['carts-cache'],
    ]);
    expect(calls[1]?.Evaluations?.[0]).toEqual(calls[0]?.Evaluations?.[1]);
    expect(summary.reported.COMPLIANT).toBe(3);
  });

  it('takes a reply without FailedEvaluations as all accepted', async () => {
    // Prepare
    givenReplicationGroups(3);
    config.on(PutEvaluationsCommand).resolves({});

    // Act
    await runRule(encryptionInTransit, scheduledEvent(), createAwsSession());

    // Assess
    expect(config).toHaveReceivedCommandTimes(PutEvaluationsCommand, 1);
  });

  it('names the resources still refused after two retries, and cleans up nothing', async () => {
    // Prepare
    givenReplicationGroups(3, ['orders-cache', 'carts-cache', 'reports-cache']);
    config.on(PutEvaluationsCommand).callsFake((input: PutEvaluationsCommandInput) => refusing(input, ['carts-cache']));

    // Act
    const run = onVirtualClock(() => runRule(encryptionInTransit, scheduledEvent(), createAwsSession()));

    // Assess
    await expect(run).rejects.toThrow(EvaluationsRejectedError);
    await expect(run).rejects.toThrow('AWS Config rejected 1 evaluation(s) after retries: AWS::ElastiCache::ReplicationGroup carts-cache');
    await expect(run).rejects.toMatchObject({
      rejected: [{ resourceType: 'AWS::ElastiCache::ReplicationGroup', resourceId: 'carts-cache' }],
    });
    expect(putEvaluationsInputs().map((input) => input.Evaluations?.length)).toEqual([3, 1, 1]);
    expect(config).not.toHaveReceivedCommand(GetComplianceDetailsByConfigRuleCommand);
  });

  it('still sends the later batches when an evaluation of the first is refused for good', async () => {
    // Prepare: Config keeps refusing orders-0, in the first of three batches.
    givenReplicationGroups(250);
    config.on(PutEvaluationsCommand).callsFake((input: PutEvaluationsCommandInput) => refusing(input, ['orders-0']));

    // Act
    const run = onVirtualClock(() => runRule(encryptionInTransit, scheduledEvent(), createAwsSession()));

    // Assess: every accepted evaluation reached Config before the run failed.
    await expect(run).rejects.toThrow('AWS Config rejected 1 evaluation(s) after retries: AWS::ElastiCache::ReplicationGroup orders-0');
    expect(putEvaluationsInputs().map((input) => input.Evaluations?.length)).toEqual([100, 1, 1, 100, 50]);
    const accepted = new Set(putEvaluationsInputs().flatMap((input) => input.Evaluations ?? []).map((e) => e.ComplianceResourceId));
    expect(accepted.size).toBe(250);
  });

  it('names ten refused resources and counts the rest', async () => {
    // Prepare
    givenReplicationGroups(12);
    config.on(PutEvaluationsCommand).callsFake((input: PutEvaluationsCommandInput) => refusing(input, range(12).map((i) => `orders-${i}`)));

    // Act
    const run = onVirtualClock(() => runRule(encryptionInTransit, scheduledEvent(), createAwsSession()));

    // Assess
    await expect(run).rejects.toThrow(
      `AWS Config rejected 12 evaluation(s) after retries: ${range(10)
        .map((i) => `AWS::ElastiCache::ReplicationGroup orders-${i}`)
        .join(', ')} and 2 more`,
    );
  });

  it('waits on the clock before each re-send: about 100 ms, then about 200 ms', async () => {
    // Prepare: Config keeps refusing carts-cache; note when each call arrives (on the virtual clock).
    givenReplicationGroups(3, ['orders-cache', 'carts-cache', 'reports-cache']);
    const sentAt: number[] = [];
    config.on(PutEvaluationsCommand).callsFake((input: PutEvaluationsCommandInput) => {
      sentAt.push(Date.now());
      return refusing(input, ['carts-cache']);
    });

    // Act
    const run = onVirtualClock(() => runRule(encryptionInTransit, scheduledEvent(), createAwsSession()));

    // Assess
    await expect(run).rejects.toThrow(EvaluationsRejectedError);
    const [first = 0, second = 0, third = 0] = sentAt;
    expect(sentAt).toHaveLength(3);
    expect(second - first).toBeGreaterThanOrEqual(50);
    expect(second - first).toBeLessThanOrEqual(150);
    expect(third - second).toBeGreaterThanOrEqual(100);
    expect(third - second).toBeLessThanOrEqual(250);
  });

  describe('putEvaluations', () => {
    const REPORT = { resultToken: RESULT_TOKEN, testMode: false };
    const evaluations: ResourceEvaluation[] = ['orders-cache', 'carts-cache'].map((resourceId) => ({
      resourceType: 'AWS::ElastiCache::ReplicationGroup',
      resourceId,
      compliance: 'COMPLIANT',
      annotation: 'TLS is on in required mode: plaintext connections are refused.',
      orderingTimestamp: new Date('2026-11-27T10:00:00.373Z'),
    }));

    /** A wait that takes no time and records, for each wait, how long and how many calls came before it. */
    function recordingWait() {
      const waits: { milliseconds: number; callsBefore: number }[] = [];
      const wait: Sleep = async (milliseconds) => {
        waits.push({ milliseconds, callsBefore: config.commandCalls(PutEvaluationsCommand).length });
      };
      return { wait, waits };
    }

    it('waits before each re-send, never before the first send, with the given wait', async () => {
      // Prepare
      config.on(PutEvaluationsCommand).callsFake((input: PutEvaluationsCommandInput) => refusing(input, ['carts-cache']));
      const { wait, waits } = recordingWait();

      // Act
      const sending = putEvaluations(createAwsSession(), REPORT, evaluations, 'reporting', wait);

      // Assess: call 1, wait ~100 ms, call 2, wait ~200 ms, call 3, give up.
      await expect(sending).rejects.toThrow(EvaluationsRejectedError);
      expect(waits.map((w) => w.callsBefore)).toEqual([1, 2]);
      const [first, second] = waits.map((w) => w.milliseconds);
      expect(first).toBeGreaterThanOrEqual(50);
      expect(first).toBeLessThanOrEqual(100);
      expect(second).toBeGreaterThanOrEqual(100);
      expect(second).toBeLessThanOrEqual(200);
    });

    it('does not wait when Config accepts every evaluation', async () => {
      // Prepare
      const { wait, waits } = recordingWait();

      // Act
      await putEvaluations(createAwsSession(), REPORT, evaluations, 'reporting', wait);

      // Assess
      expect(waits).toEqual([]);
      expect(config).toHaveReceivedCommandTimes(PutEvaluationsCommand, 1);
    });
  });

  describe('retryDelay', () => {
    it.each([
      [1, 0, 50],
      [1, 0.5, 75],
      [1, 1, 100],
      [2, 0, 100],
      [2, 1, 200],
    ])('waits, before re-send %i with a random draw of %f, %i ms', (retry, draw, milliseconds) => {
      expect(retryDelay(retry, () => draw)).toBe(milliseconds);
    });

    it('spreads the waits of rules refused at the same moment', () => {
      // Act
      const delays = new Set(range(20).map(() => retryDelay(1)));
      // Assess
      expect(delays.size).toBeGreaterThan(1);
    });
  });
});

// ---- helpers ----

/** Config's reply refusing the evaluations of the given resource ids. */
function refusing(input: PutEvaluationsCommandInput, resourceIds: readonly string[]): PutEvaluationsResponse {
  return { FailedEvaluations: (input.Evaluations ?? []).filter((e) => resourceIds.includes(e.ComplianceResourceId ?? '')) };
}

/**
 * `count` replication groups (orders-0, orders-1, … unless named) with their member clusters,
 * served in pages of MaxRecords as ElastiCache does.
 */
function givenReplicationGroups(count: number, names?: readonly string[]): void {
  givenEstate(...range(count).map((i) => replicationGroup(names?.[i] ?? `orders-${i}`)));
}
