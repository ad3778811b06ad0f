/**
 * Organization mode (the RDK convention): a rule deployed in a member account names an execution
 * role with the `ExecutionRoleName` rule parameter; the central function assumes that role in the
 * event's account and makes every call, PutEvaluations included, with its credentials. The result
 * token belongs to the member account's rule, so reporting with the central credentials would fail.
 */
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { InvalidEventError, MissingPermissionError, isAccessDenied } from '../engine/errors.ts';
import type { ConfigRuleEvent } from '../engine/config-event.ts';
import { createAwsSession, type AwsSession } from './session.ts';

/** IAM role names: 1–64 of letters, digits and +=,.@_- (an optional path is not supported). */
export const ROLE_NAME_PATTERN = '[\\w+=,.@-]{1,64}';

/** Long enough for a 10,000-cache run, short enough to limit a leaked token's use. */
const SESSION_SECONDS = 900;

export function executionRoleArn(event: Pick<ConfigRuleEvent, 'accountId' | 'configRuleArn'>, roleName: string): string {
  if (!event.accountId || !/^\d{12}$/.test(event.accountId)) {
    throw new InvalidEventError(`ExecutionRoleName is set but the event's accountId ${JSON.stringify(event.accountId)} is not a 12-digit account id.`);
  }
  // The partition (aws, aws-cn, aws-us-gov) comes from the rule's own ARN.
  const partition = /^arn:(aws[a-z-]*):/.exec(event.configRuleArn ?? '')?.[1] ?? 'aws';
  return `arn:${partition}:iam::${event.accountId}:role/${roleName}`;
}

/** Assumes the member account's role once per invocation and returns a session using it. */
export async function assumeExecutionRole(base: AwsSession, roleArn: string, sessionName: string): Promise<AwsSession> {
  let reply;
  try {
    reply = await base.client(STSClient).send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName.slice(0, 64), DurationSeconds: SESSION_SECONDS }),
    );
  } catch (error) {
    if (isAccessDenied(error)) throw new MissingPermissionError(`sts:AssumeRole on ${roleArn}`, error);
    throw error;
  }
  const credentials = reply.Credentials;
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken) {
    throw new Error(`sts:AssumeRole on ${roleArn} returned no credentials.`);
  }
  return createAwsSession(
    {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      sessionToken: credentials.SessionToken,
      ...(credentials.Expiration ? { expiration: credentials.Expiration } : {}),
    },
    base.meter,
  );
}
