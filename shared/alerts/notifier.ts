/**
 * The compliance notifier: EventBridge compliance-change event → one SNS message.
 * parse → compose → publish; a malformed event is logged and rejected, never published.
 */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { Context } from 'aws-lambda';
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

/** The notifier's settings from its environment; `controls` are the ids AUTOMATIC_REMEDIATION_CONTROLS may name. */
export function notifierConfiguration(env: NodeJS.ProcessEnv, controls: readonly ControlSummary[]): NotifierConfiguration {
  const topicArn = env.TOPIC_ARN;
  if (!topicArn || !/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]+$/.test(topicArn)) {
    throw new NotifierConfigurationError(`Environment variable TOPIC_ARN ${JSON.stringify(topicArn)} is not an SNS topic ARN.`);
  }
  return {
    topicArn,
    notifyOnResolved: flag(env, 'NOTIFY_ON_RESOLVED', true),
    automaticRemediationControls: controlIds(env, 'AUTOMATIC_REMEDIATION_CONTROLS', controls),
  };
}

/**
 * A comma-separated list of control ids; blank entries are skipped, since the template leaves one
 * for each control switched off. An unknown id is refused: a misspelt one would silently make an
 * alert say remediation is on request when Config in fact runs it.
 */
function controlIds(env: NodeJS.ProcessEnv, name: string, controls: readonly ControlSummary[]): ReadonlySet<string> {
  const known = controls.map((control) => control.id);
  const ids = (env[name] ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
  for (const id of ids) {
    if (!known.includes(id)) {
      throw new NotifierConfigurationError(
        `Environment variable ${name} names "${id}", which is not a control; use a comma-separated list of: ${known.join(', ')}.`,
      );
    }
  }
  return new Set(ids);
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

/** SNS takes a String.Array attribute as the JSON text of the list (filter policies match any element). */
function snsAttribute(value: string | readonly string[]): { DataType: string; StringValue: string } {
  return typeof value === 'string' ? { DataType: 'String', StringValue: value } : { DataType: 'String.Array', StringValue: JSON.stringify(value) };
}

export function createNotifierHandler(controls: readonly ControlSummary[] = controlSummaries) {
  // async, so that a bad setting rejects the returned promise rather than throwing at the call.
  return async (event: unknown, context?: Context): Promise<NotifierResult> => {
    if (context) logger.addContext(context);
    return notify(event, controls, notifierConfiguration(process.env, controls), (defaultSession ??= createAwsSession()));
  };
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
        Object.entries(message.attributes).map(([name, value]) => [name, snsAttribute(value)]),
      ),
    }),
  );
  logger.info('published', { rule: change.configRuleName, resourceId: change.resourceId, messageId: reply.MessageId });
  return { published: true, ...(reply.MessageId ? { messageId: reply.MessageId } : {}) };
}
