/**
 * Hands evaluations to AWS Config with PutEvaluations: at most 100 per call, annotations within
 * Config's 256-character limit, evaluations Config refused retried and, once every batch has been
 * sent, named in an error.
 */
import { ConfigServiceClient, PutEvaluationsCommand, type Evaluation } from '@aws-sdk/client-config-service';
import type { AwsSession } from '../aws/session.ts';
import type { ComplianceType } from './control.ts';
import { EvaluationsRejectedError, callingAws, type RunStage } from './errors.ts';

export const MAX_EVALUATIONS_PER_CALL = 100;
export const MAX_ANNOTATION_LENGTH = 256;
/** Extra attempts for evaluations listed in FailedEvaluations (the SDK already retries errors). */
const FAILED_EVALUATION_RETRIES = 2;

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
): Promise<void> {
  const client = session.client(ConfigServiceClient);
  // Evaluations Config keeps refusing (a resource type it does not accept, say) must not cost the
  // later batches their report: they are collected and named once every batch has been sent.
  const rejected: Evaluation[] = [];
  for (let start = 0; start < evaluations.length; start += MAX_EVALUATIONS_PER_CALL) {
    let batch: Evaluation[] = evaluations.slice(start, start + MAX_EVALUATIONS_PER_CALL).map(toEvaluation);
    for (let attempt = 0; batch.length > 0; attempt++) {
      const reply = await callingAws('config:PutEvaluations', () =>
        client.send(
          new PutEvaluationsCommand({
            Evaluations: batch,
            ResultToken: report.resultToken,
            ...(report.testMode ? { TestMode: true } : {}),
          }),
        ),
        stage,
      );
      const failed = reply.FailedEvaluations ?? [];
      if (failed.length === 0) break;
      if (attempt >= FAILED_EVALUATION_RETRIES) {
        rejected.push(...failed);
        break;
      }
      batch = failed;
    }
  }
  if (rejected.length > 0) {
    throw new EvaluationsRejectedError(
      rejected.map((e) => ({ resourceType: e.ComplianceResourceType ?? '?', resourceId: e.ComplianceResourceId ?? '?' })),
    );
  }
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
