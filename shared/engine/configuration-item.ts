/**
 * Resolves the configuration item a change notification is about. Oversized notifications carry
 * only a summary; the item itself is read back from Config's history as of the capture time, and
 * only when the summary shows it evaluable (a deleted or out-of-scope item needs nothing more).
 */
import { ConfigServiceClient, GetResourceConfigHistoryCommand, type ResourceType } from '@aws-sdk/client-config-service';
import type { AwsSession } from '../aws/session.ts';
import type { ConfigurationItem, Trigger } from './config-event.ts';
import { InvalidEventError, callingAws } from './errors.ts';

/** Config evaluates a changed resource only while it exists and is in the rule's scope. */
const EVALUABLE_STATUSES = new Set(['OK', 'ResourceDiscovered']);

export function isEvaluable(item: ConfigurationItem, eventLeftScope: boolean): boolean {
  return EVALUABLE_STATUSES.has(item.configurationItemStatus) && !eventLeftScope;
}

export async function resolveConfigurationItem(
  session: AwsSession,
  trigger: Exclude<Trigger, { kind: 'scheduled' }>,
): Promise<ConfigurationItem> {
  if (trigger.kind === 'change') return trigger.item;
  const { summary } = trigger;
  const client = session.client(ConfigServiceClient);
  const history = await callingAws('config:GetResourceConfigHistory', () =>
    client.send(
      new GetResourceConfigHistoryCommand({
        resourceType: summary.resourceType as ResourceType,
        resourceId: summary.resourceId,
        laterTime: summary.captureTime,
        limit: 1,
      }),
    ),
  );
  const item = history.configurationItems?.[0];
  if (!item?.configurationItemStatus || !item.resourceType || !item.resourceId) {
    throw new InvalidEventError(
      `Config has no history for ${summary.resourceType} ${summary.resourceId} at ` +
        `${summary.configurationItemCaptureTime}; the oversized change cannot be evaluated.`,
    );
  }
  const captureTime = item.configurationItemCaptureTime ?? summary.captureTime;
  return {
    configurationItemStatus: item.configurationItemStatus,
    resourceType: item.resourceType,
    resourceId: item.resourceId,
    configurationItemCaptureTime: captureTime.toISOString(),
    captureTime,
    ...(item.arn ? { ARN: item.arn } : {}),
    ...(item.awsRegion ? { awsRegion: item.awsRegion } : {}),
    configuration: item.configuration,
  };
}
