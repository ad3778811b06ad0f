/**
 * The verification Lambda's handler: parses the request, judges the one resource and returns the
 * verdict. An unjudgeable request throws (the invocation fails, naming the problem); it never
 * returns a verdict the runbook could mistake for a pass.
 */
import type { Context } from 'aws-lambda';
import { createAwsSession, type AwsSession } from '../aws/session.ts';
import { logger } from './logger.ts';
import { parseVerificationRequest, verifyResource, type VerificationResult } from './verify-resource.ts';

let defaultSession: AwsSession | undefined;

export type VerifierHandler = (event: unknown, context?: Context) => Promise<VerificationResult>;

export function createVerifierHandler(session?: AwsSession): VerifierHandler {
  return async (event, context) => {
    if (context) logger.addContext(context);
    try {
      const request = parseVerificationRequest(event);
      const result = await verifyResource(request, session ?? (defaultSession ??= createAwsSession()));
      logger.info(
        'verified',
        result.outcome === 'judged'
          ? { control: result.controlId, resourceId: result.resourceId, resourceType: result.resourceType, compliance: result.compliance }
          : { control: result.controlId, resourceId: result.resourceId, outcome: result.outcome },
      );
      return result;
    } catch (error) {
      logger.error('verification failed; no verdict', { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      throw error;
    }
  };
}
