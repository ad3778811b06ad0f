import { MAX_ANNOTATION_LENGTH } from '#shared/engine/report.ts';
import { evaluateEventNotifications, topicArnProblem } from '#shared/evaluators/event-notifications.ts';
import { CACHE_CLUSTER, SERVERLESS_CACHE, type NotificationSetting } from '#shared/inventory/cache-resource.ts';
import { ACCOUNT_ID, REGION, cacheResource } from '../../support/fixtures.ts';

const OPS_TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT_ID}:elasticache-operations`;
const OTHER_TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT_ID}:team-chat`;
const ANY = { approvedTopicArns: [] };
const APPROVED = { approvedTopicArns: [OPS_TOPIC] };

function setting(cacheClusterId: string, overrides: Partial<NotificationSetting> = {}): NotificationSetting {
  return { cacheClusterId, topicArn: OPS_TOPIC, topicStatus: 'active', ...overrides };
}

/** orders-cache with both members notifying the operations topic unless overridden. */
function group(...settings: NotificationSetting[]) {
  return cacheResource({
    notificationSettings: settings.length ? settings : [setting('orders-cache-001'), setting('orders-cache-002')],
  });
}

describe('evaluateEventNotifications', () => {
  describe('scenarios', () => {
    it('Given a serverless cache, then NOT_APPLICABLE (serverless caches have no SNS notification setting)', () => {
      // Prepare
      const serverless = cacheResource({ resourceType: SERVERLESS_CACHE, resourceId: 'sessions', notificationSettings: [], memberClusterIds: [] });
      // Act
      const verdict = evaluateEventNotifications(serverless, ANY);
      // Assess
      expect(verdict.compliance).toBe('NOT_APPLICABLE');
      expect(verdict.annotation).toContain('no SNS notification setting');
    });

    it('Given a replication group with no member cluster reported, then NON_COMPLIANT (the topic lives on the members and cannot be read)', () => {
      // Prepare
      const unlisted = cacheResource({ notificationSettings: [], memberClusterIds: [] });
      // Act
      const verdict = evaluateEventNotifications(unlisted, ANY);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('reported no member cluster');
    });

    it('Given a member of a replication group that ElastiCache did not report, then NON_COMPLIANT naming it', () => {
      // Prepare
      const partial = cacheResource({ notificationSettings: [setting('orders-cache-001')] });
      // Act
      const verdict = evaluateEventNotifications(partial, ANY);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toBe('ElastiCache did not report member orders-cache-002, so its notification topic cannot be read.');
    });

    it('Given a cluster or member with no topic, then NON_COMPLIANT naming it', () => {
      // Prepare
      const memberWithout = group(setting('orders-cache-001'), setting('orders-cache-002', { topicArn: undefined, topicStatus: undefined }));
      const cluster = cacheResource({
        resourceType: CACHE_CLUSTER,
        resourceId: 'reports-cache',
        memberClusterIds: [],
        notificationSettings: [setting('reports-cache', { topicArn: undefined, topicStatus: undefined })],
      });
      // Act
      const onMember = evaluateEventNotifications(memberWithout, APPROVED);
      const onCluster = evaluateEventNotifications(cluster, ANY);
      // Assess
      expect(onMember.compliance).toBe('NON_COMPLIANT');
      expect(onMember.annotation).toBe(
        'No SNS topic receives events of member orders-cache-002: set its NotificationTopicArn to an SNS topic in approvedTopicArns.',
      );
      expect(onCluster.compliance).toBe('NON_COMPLIANT');
      expect(onCluster.annotation).toBe('No SNS topic receives events of this cluster: set its NotificationTopicArn to an SNS topic.');
    });

    it('Given a topic whose status is `inactive` or not reported, then NON_COMPLIANT naming the cluster and status', () => {
      // Prepare
      const inactive = group(setting('orders-cache-001', { topicStatus: 'inactive' }), setting('orders-cache-002'));
      const unreported = group(setting('orders-cache-001'), setting('orders-cache-002', { topicStatus: undefined }));
      // Act
      const verdicts = [inactive, unreported].map((r) => evaluateEventNotifications(r, ANY));
      // Assess
      expect(verdicts[0]?.compliance).toBe('NON_COMPLIANT');
      expect(verdicts[0]?.annotation).toContain('member orders-cache-001 has status inactive, so no events are sent');
      expect(verdicts[0]?.annotation).toContain('set NotificationTopicStatus active');
      expect(verdicts[1]?.compliance).toBe('NON_COMPLIANT');
      expect(verdicts[1]?.annotation).toContain('member orders-cache-002 has status not reported');
      for (const { annotation } of verdicts) expect(annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it('Given approvedTopicArns and a topic not on it, then NON_COMPLIANT naming the cluster and topic', () => {
      // Prepare
      const elsewhere = group(setting('orders-cache-001'), setting('orders-cache-002', { topicArn: OTHER_TOPIC }));
      // Act
      const verdict = evaluateEventNotifications(elsewhere, APPROVED);
      const unrestricted = evaluateEventNotifications(elsewhere, ANY);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toBe(
        `Member orders-cache-002 notifies ${OTHER_TOPIC}, which is not in approvedTopicArns: set its NotificationTopicArn to an SNS topic in approvedTopicArns.`,
      );
      expect(unrestricted.compliance).toBe('COMPLIANT');
    });

    it('Given an active (approved) topic on the cluster or on every member, then COMPLIANT naming the topic', () => {
      // Prepare
      const cluster = cacheResource({
        resourceType: CACHE_CLUSTER,
        resourceId: 'reports-cache',
        memberClusterIds: [],
        notificationSettings: [setting('reports-cache')],
      });
      // Act
      const onGroup = evaluateEventNotifications(group(), APPROVED);
      const onCluster = evaluateEventNotifications(cluster, ANY);
      // Assess
      expect(onGroup.compliance).toBe('COMPLIANT');
      expect(onGroup.annotation).toBe(`Events are sent to the active SNS topic ${OPS_TOPIC} from every member.`);
      expect(onCluster.compliance).toBe('COMPLIANT');
      expect(onCluster.annotation).toBe(`Events are sent to the active SNS topic ${OPS_TOPIC}.`);
    });
  });

  describe('edge cases', () => {
    it('names at most three members of a large group and counts the rest', () => {
      // Prepare
      const ids = Array.from({ length: 9 }, (_, i) => `big-000${i + 1}-001`);
      const big = cacheResource({
        resourceId: 'big',
        memberClusterIds: ids,
        notificationSettings: ids.map((id) => setting(id, { topicArn: undefined, topicStatus: undefined })),
      });
      // Act
      const verdict = evaluateEventNotifications(big, ANY);
      // Assess
      expect(verdict.annotation).toContain('member big-0001-001, big-0002-001, big-0003-001 and 6 more');
      expect(verdict.annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it('matches approved topic ARNs exactly (topic names are case-sensitive)', () => {
      // Prepare
      const upper = group(setting('orders-cache-001', { topicArn: OPS_TOPIC.toUpperCase().replace('ARN:AWS:SNS:US-EAST-1', 'arn:aws:sns:us-east-1') }), setting('orders-cache-002'));
      // Act
      const verdict = evaluateEventNotifications(upper, APPROVED);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
    });

    it('accepts only SNS topic ARNs in approvedTopicArns', () => {
      // Act / Assess
      expect(topicArnProblem(OPS_TOPIC)).toBeUndefined();
      expect(topicArnProblem('arn:aws-us-gov:sns:us-gov-west-1:123456789012:ops')).toBeUndefined();
      expect(topicArnProblem('elasticache-operations')).toContain('is not an SNS topic ARN');
      expect(topicArnProblem(`arn:aws:sqs:${REGION}:${ACCOUNT_ID}:queue`)).toContain('is not an SNS topic ARN');
    });
  });
});
