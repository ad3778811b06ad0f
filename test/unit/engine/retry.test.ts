import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { ElastiCacheClient, DescribeReplicationGroupsCommand } from '@aws-sdk/client-elasticache';
import { createAwsSession } from '#shared/aws/session.ts';

const m = mockClient(ElastiCacheClient);
it('works', async () => {
  process.env.AWS_REGION = 'us-east-1';
  m.on(DescribeReplicationGroupsCommand).resolves({ ReplicationGroups: [] });
  const c = createAwsSession().client(ElastiCacheClient);
  await c.send(new DescribeReplicationGroupsCommand({}));
  expect(m).toHaveReceivedCommandTimes(DescribeReplicationGroupsCommand, 1);
  console.log(typeof (globalThis as any).jest, typeof (import.meta as any).jest);
});
