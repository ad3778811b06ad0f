/**
 * Hands evaluations to AWS Config with PutEvaluations: at most 100 per call, annotations within
 * Config's 256-character limit, evaluations Config refused retried after a short wait and, once every
 * batch has been sent, named in an error.
 */
import { ConfigServiceClient, PutEvaluationsCommand, type Evaluation } from '@aws-sdk/client-config-service';
import type { AwsSession } from '../aws/session.ts';
import { SERVERLESS_CACHE } from '../inventory/cache-resource.ts';
import { SERVERLESS_CACHE_SNAPSHOT, SNAPSHOT } from '../inventory/snapshot-resource.ts';
import type { ComplianceType } from './control.ts';
import { EvaluationsRejectedError, ResourceTypeRefusedError, callingAws, type RunStage } from './errors.ts';

export const MAX_EVALUATIONS_PER_CALL = 100;
export const MAX_ANNOTATION_LENGTH = 256;
/** Extra attempts for evaluations listed in FailedEvaluations (the SDK already retries errors). */
const FAILED_EVALUATION_RETRIES = 2;
/** The longest wait before the first re-send; it doubles for each further one (100 ms, then 200 ms). */
const FIRST_RETRY_DELAY_MS = 100;

/** Waits the given milliseconds; injectable so that tests need not wait. */
export type Sleep = (milliseconds: number) => Promise<void>;

const sleep: Sleep = (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/**
 * How long to wait before re-send `retry` (1, 2, …): half of 100 ms (doubled per retry) fixed and half
 * random ("equal jitter"), so that refusals from a brief overload are not re-sent at once, and rules
 * refused at the same moment do not come back in step.
 */
export function retryDelay(retry: number, random: () => number = Math.random): number {
  const ceiling = FIRST_RETRY_DELAY_MS * 2 ** (retry - 1);
  return ceiling / 2 + (random() * ceiling) / 2;
}

export interface ResourceEvaluation {
  resourceType: string;
  resourceId: string;
  compliance: ComplianceType;
  annotation: string;
  orderingTimestamp: Date;
}

export interface Report {
  resultToken: string;
  testMode: boolean;
}

export async function putEvaluations(
  session: AwsSession,
  report: Report,
  evaluations: readonly ResourceEvaluation[],
  stage: Exclude<RunStage, 'listing'> = 'reporting',
  wait: Sleep = sleep,
): Promise<void> {
  const reporter = new EvaluationReporter(session, report, stage, wait);
  // Each kind whole before the next, so that every batch but the last of a kind is full.
  for (const ofKind of byAcceptance(evaluations).values()) for (const evaluation of ofKind) await reporter.add(evaluation);
  await reporter.finish();
}

/**
 * Reports evaluations as they are made, so that a run need not hold every evaluation of a large
 * estate: each is buffered with those of its kind (the types Config accepts together; each
 * unproven type apart) and a full batch of 100 is sent at once; finish() sends what is left, kind by
 * kind, then names what Config refused.
 */
export class EvaluationReporter {
  private readonly client: ConfigServiceClient;
  private readonly pending = new Map<string, ResourceEvaluation[]>();
  // Evaluations Config keeps refusing (a resource type it does not accept, say) must not cost the
  // later batches their report: they are collected and named once every batch has been sent.
  private readonly rejected: Evaluation[] = [];
  private readonly refusedTypes = new Map<string, { resourceType: string; count: number; cause: unknown }>();

  constructor(
    session: AwsSession,
    private readonly report: Report,
    private readonly stage: Exclude<RunStage, 'listing'> = 'reporting',
    private readonly wait: Sleep = sleep,
  ) {
    this.client = session.client(ConfigServiceClient);
  }

  async add(evaluation: ResourceEvaluation): Promise<void> {
    const kind = kindOf(evaluation);
    const refused = this.refusedTypes.get(kind);
    if (refused) {
      refused.count++;
      return;
    }
    const batch = this.pending.get(kind);
    if (!batch) {
      this.pending.set(kind, [evaluation]);
      return;
    }
    batch.push(evaluation);
    if (batch.length >= MAX_EVALUATIONS_PER_CALL) {
      this.pending.delete(kind);
      await this.send(kind, batch);
    }
  }

  async finish(): Promise<void> {
    for (const [kind, batch] of [...this.pending]) {
      this.pending.delete(kind);
      await this.send(kind, batch);
    }
    if (this.refusedTypes.size > 0) throw new ResourceTypeRefusedError([...this.refusedTypes.values()]);
    if (this.rejected.length > 0) {
      throw new EvaluationsRejectedError(
        this.rejected.map((e) => ({ resourceType: e.ComplianceResourceType ?? '?', resourceId: e.ComplianceResourceId ?? '?' })),
      );
    }
  }

  private async send(kind: string, evaluations: readonly ResourceEvaluation[]): Promise<void> {
    let batch: Evaluation[] = evaluations.map(toEvaluation);
    for (let attempt = 0; batch.length > 0; attempt++) {
      if (attempt > 0) await this.wait(retryDelay(attempt));
      let reply;
      try {
        reply = await callingAws(
          'config:PutEvaluations',
          () =>
            this.client.send(
              new PutEvaluationsCommand({
                Evaluations: batch,
                ResultToken: this.report.resultToken,
                ...(this.report.testMode ? { TestMode: true } : {}),
              }),
            ),
          this.stage,
        );
      } catch (error) {
        // A type Config is not known to accept is sent in batches of its own: Config refuses a whole
        // call that holds a type it does not accept (InvalidParameterValueException), and such a
        // refusal must cost only that type's batches (this one and any later), never the others'.
        if (kind === PROVEN || !isInvalidParameterValue(error)) throw error;
        this.refusedTypes.set(kind, { resourceType: kind, count: evaluations.length, cause: error });
        return;
      }
      const failed = reply.FailedEvaluations ?? [];
      if (failed.length === 0) return;
      if (attempt >= FAILED_EVALUATION_RETRIES) {
        this.rejected.push(...failed);
        return;
      }
      batch = failed;
    }
  }
}

/**
 * AWS::ElastiCache::ServerlessCache (and the two snapshot types) are CloudFormation types that Config
 * does not record, and no AWS managed rule reports them, so whether PutEvaluations accepts it is unproven. Replication groups and
 * cache clusters are reported by AWS's own managed rules; recorded types (route tables) by Config.
 */
const UNPROVEN_TYPES: ReadonlySet<string> = new Set([SERVERLESS_CACHE, SNAPSHOT, SERVERLESS_CACHE_SNAPSHOT]);
const PROVEN = 'types Config accepts';

/** Which batches an evaluation may share: those of the proven types, or only its own unproven type. */
function kindOf(evaluation: ResourceEvaluation): string {
  return UNPROVEN_TYPES.has(evaluation.resourceType) ? evaluation.resourceType : PROVEN;
}

/** Evaluations split into those of proven types (in order) and one group per unproven type. */
function byAcceptance(evaluations: readonly ResourceEvaluation[]): Map<string, ResourceEvaluation[]> {
  const groups = new Map<string, ResourceEvaluation[]>([[PROVEN, []]]);
  for (const evaluation of evaluations) {
    const key = kindOf(evaluation);
    const group = groups.get(key);
    if (group) group.push(evaluation);
    else groups.set(key, [evaluation]);
  }
  return groups;
}

function isInvalidParameterValue(error: unknown): boolean {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error && cause.name === 'InvalidParameterValueException';
}

export function toEvaluation(evaluation: ResourceEvaluation): Evaluation {
  return {
    ComplianceResourceType: evaluation.resourceType,
    ComplianceResourceId: evaluation.resourceId,
    ComplianceType: evaluation.compliance,
    Annotation: fitAnnotation(evaluation.annotation),
    OrderingTimestamp: evaluation.orderingTimestamp,
  };
}

/** Config refuses annotations over 256 characters; cut at a word and mark the cut. */
export function fitAnnotation(annotation: string): string {
  const text = annotation.trim() || 'No detail recorded.';
  if (text.length <= MAX_ANNOTATION_LENGTH) return text;
  const cut = text.slice(0, MAX_ANNOTATION_LENGTH - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > MAX_ANNOTATION_LENGTH / 2 ? cut.slice(0, space) : cut}…`;
}
