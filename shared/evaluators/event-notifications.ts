/**
 * ElastiCache event notifications to an SNS topic.
 *
 * Scenarios
 * - Given a serverless cache, then NOT_APPLICABLE (serverless caches have no SNS notification setting).
 * - Given a replication group with no member cluster reported, then NON_COMPLIANT (the topic lives on the members and cannot be read).
 * - Given a member of a replication group that ElastiCache did not report, then NON_COMPLIANT naming it.
 * - Given a cluster or member with no topic, then NON_COMPLIANT naming it.
 * - Given a topic whose status is `inactive` or not reported, then NON_COMPLIANT naming the cluster and status.
 * - Given approvedTopicArns and a topic not on it, then NON_COMPLIANT naming the cluster and topic.
 * - Given an active (approved) topic on the cluster or on every member, then COMPLIANT naming the topic.
 */
import { REPLICATION_GROUP, SERVERLESS_CACHE, type CacheResource, type NotificationSetting } from '../inventory/cache-resource.ts';
import { compliant, nonCompliant, notApplicable, type Verdict } from '../engine/control.ts';

export interface EventNotificationsParameters {
  approvedTopicArns: readonly string[];
}

const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;
/** Clusters named in one annotation; a 500-node group would not fit in 256 characters. */
const NAMED = 3;

/** Refuses an item that is not an SNS topic ARN (the rule parameter's item validation). */
export function topicArnProblem(item: string): string | undefined {
  return SNS_TOPIC_ARN.test(item) ? undefined : 'is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic name>)';
}

export function evaluateEventNotifications(resource: CacheResource, { approvedTopicArns }: EventNotificationsParameters): Verdict {
  if (resource.resourceType === SERVERLESS_CACHE) {
    return notApplicable('Serverless caches have no SNS notification setting (NotificationTopicArn), so there is nothing to configure.');
  }
  const settings = resource.notificationSettings;
  if (resource.resourceType === REPLICATION_GROUP && settings.length === 0) {
    return nonCompliant(
      'ElastiCache reported no member cluster of this replication group, so its notification topic cannot be read; re-run the evaluation.',
    );
  }
  const reported = new Set(settings.map((s) => s.cacheClusterId));
  const unreported = resource.memberClusterIds.filter((id) => !reported.has(id));
  if (unreported.length > 0) {
    return nonCompliant(`ElastiCache did not report member ${list(unreported)}, so ${its(unreported)} notification topic cannot be read.`);
  }
  const where = (ids: string[]) => (resource.resourceType === REPLICATION_GROUP ? `member ${list(ids)}` : 'this cluster');
  const fix = `set its NotificationTopicArn to an SNS topic${approvedTopicArns.length > 0 ? ' in approvedTopicArns' : ''}.`;

  const withoutTopic = settings.filter((s) => !s.topicArn).map((s) => s.cacheClusterId);
  if (withoutTopic.length > 0) return nonCompliant(`No SNS topic receives events of ${where(withoutTopic)}: ${fix}`);

  const notActive = settings.filter((s) => s.topicStatus !== 'active');
  if (notActive.length > 0) {
    const statuses = [...new Set(notActive.map((s) => s.topicStatus ?? 'not reported'))].join('/');
    return nonCompliant(
      `The SNS topic of ${where(notActive.map((s) => s.cacheClusterId))} has status ${statuses}, so no events are sent: set NotificationTopicStatus active or ${fix}`,
    );
  }
  if (approvedTopicArns.length > 0) {
    const unapproved = settings.filter((s) => !approvedTopicArns.includes(s.topicArn!));
    if (unapproved.length > 0) {
      return nonCompliant(
        `${capitalise(where(unapproved.map((s) => s.cacheClusterId)))} notifies ${topicNames(unapproved)}, which is not in approvedTopicArns: ${fix}`,
      );
    }
  }
  return compliant(`Events are sent to the active SNS topic ${topicNames(settings)}${resource.resourceType === REPLICATION_GROUP ? ' from every member' : ''}.`);
}

function topicNames(settings: readonly NotificationSetting[]): string {
  return list([...new Set(settings.map((s) => s.topicArn!))]);
}

function list(items: readonly string[]): string {
  if (items.length <= NAMED) return items.join(', ');
  return `${items.slice(0, NAMED).join(', ')} and ${items.length - NAMED} more`;
}

const its = (items: readonly string[]) => (items.length === 1 ? 'its' : 'their');
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
