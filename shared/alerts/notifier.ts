/**
 * The compliance notifier: EventBridge compliance-change event → one SNS message.
 * parse → compose → publish; a malformed event is logged and rejected, never published.
 */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { createAwsSession, type AwsSession } from '../aws/session.ts';
import { logger } from '../engine/logger.ts';
import { composeAlert, type ControlSummary, type NotifierSettings } from './alert-message.ts';
import { parseComplianceChange } from './compliance-change.ts';
import { controlSummaries } from './control-summaries.generated.ts';

export class NotifierConfigurationError extends Error {
  override readonly name = 'NotifierConfigurationError';
}

export interface NotifierConfiguration extends NotifierSettings {
  topicArn: string;
}

export function notifierConfiguration(env: NodeJS.ProcessEnv = process.env): NotifierConfiguration {
  const topicArn = env.TOPIC_ARN;
  if (!topicArn || !/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]+$/.test(topicArn)) {
    throw new NotifierConfigurationError(`Environment variable TOPIC_ARN ${JSON.stringify(topicArn)} is not an SNS topic ARN.`);
  }
  return {
    topicArn,
    notifyOnResolved: flag(env, 'NOTIFY_ON_RESOLVED', true),
    automaticRemediation: flag(env, 'AUTOMATIC_REMEDIATION', false),
  };
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new NotifierConfigurationError(`Environment variable ${name} is "${value}"; use "true" or "false".`);
}

export interface NotifierResult {
  published: boolean;
  messageId?: string;
  reason?: string;
}

let defaultSession: AwsSession | undefined;

export function createNotifierHandler(controls: readonly ControlSummary[] = controlSummaries) {
  // async, so that a bad setting rejects the returned promise rather than throwing at the call.
  return async (event: unknown): Promise<NotifierResult> =>
    notify(event, controls, notifierConfiguration(), (defaultSession ??= createAwsSession()));
}

export async function notify(
  event: unknown,
  controls: readonly ControlSummary[],
  configuration: NotifierConfiguration,
  session: AwsSession,
): Promise<NotifierResult> {
  let change;
  try {
    change = parseComplianceChange(event);
  } catch (error) {
    logger.error('compliance change event rejected; nothing was published', { error: (error as Error).message });
    throw error;
  }
  const decision = composeAlert(change, controls, configuration);
  if (!decision.publish) {
    logger.info('no message for this change', { rule: change.configRuleName, resourceId: change.resourceId, reason: decision.reason });
    return { published: false, reason: decision.reason };
  }
  const { message } = decision;
  const reply = await session.client(SNSClient).send(
    new PublishCommand({
      TopicArn: configuration.topicArn,
      Subject: message.subject,
      Message: message.body,
      MessageAttributes: Object.fromEntries(
        Object.entries(message.attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]),
      ),
    }),
  );
  logger.info('published', { rule: change.configRuleName, resourceId: change.resourceId, messageId: reply.MessageId });
  return { published: true, ...(reply.MessageId ? { messageId: reply.MessageId } : {}) };
}
