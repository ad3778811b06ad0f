/**
 * Organization mode: a run with ExecutionRoleName works in the event's account through that role.
 * End to end from Config's event to PutEvaluations, with real controls and the AWS SDK clients
 * mocked at `send` (test/support/run-rule-harness.ts).
 *
 * Scenarios
 * - Given ExecutionRoleName, then the role in the event's account is assumed once and every call,
 *   PutEvaluations included, is made with its credentials; a role that may not be assumed is named.
 */
import { ConfigServiceClient, PutEvaluationsCommand } from '@aws-sdk/client-config-service';
import { DescribeReplicationGroupsCommand, ElastiCacheClient, type ReplicationGroupMessage } from '@aws-sdk/client-elasticache';
import { AssumeRoleCommand, STSServiceException, type AssumeRoleResponse } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { createAwsSession } from '#shared/aws/session.ts';
import { encryptionInTransit } from '#shared/controls/encryption-in-transit.ts';
import { InvalidEventError, MissingPermissionError } from '#shared/engine/errors.ts';
import { runRule } from '#shared/engine/run-rule.ts';
import { scheduledEvent } from '../../support/config-events.ts';
import { ACCOUNT_ID, replicationGroupFixture } from '../../support/fixtures.ts';
import {
  config,
  elasticache,
  expectNoAwsCall,
  givenEstate,
  replicationGroup,
  reported,
  sts,
  useMockedAws,
} from '../../support/run-rule-harness.ts';

useMockedAws();

describe('organization mode (ExecutionRoleName)', () => {
  const ROLE_NAME = 'ElastiCacheConfigRuleRole';
  const MEMBER_ACCOUNT = '210987654321';

  it('assumes the role in the event’s account once and makes every call with its credentials', async () => {
    // Prepare
    givenEstate(replicationGroup('orders-cache'));
    sts.on(AssumeRoleCommand).resolves(assumedRole(MEMBER_ACCOUNT, ROLE_NAME));
    // What a call is signed with: the credentials of the client that sends it.
    const listedWith: AwsCredentialIdentity[] = [];
    const reportedWith: AwsCredentialIdentity[] = [];
    elasticache.on(DescribeReplicationGroupsCommand).callsFake(async (_input: unknown, getClient: () => unknown) => {
      listedWith.push(await (getClient() as ElastiCacheClient).config.credentials());
      return { ReplicationGroups: [replicationGroupFixture()] } satisfies ReplicationGroupMessage;
    });
    config.on(PutEvaluationsCommand).callsFake(async (_input: unknown, getClient: () => unknown) => {
      reportedWith.push(await (getClient() as ConfigServiceClient).config.credentials());
      return { FailedEvaluations: [] };
    });
    const event = { ...scheduledEvent({ ruleParameters: { ExecutionRoleName: ROLE_NAME } }), accountId: MEMBER_ACCOUNT };

    // Act
    await runRule(encryptionInTransit, event, createAwsSession());

    // Assess
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 1);
    expect(sts).toHaveReceivedCommandWith(AssumeRoleCommand, {
      RoleArn: `arn:aws:iam::${MEMBER_ACCOUNT}:role/${ROLE_NAME}`,
      RoleSessionName: 'elasticache-config-rules-encryption-in-transit',
      DurationSeconds: 900,
    });
    expect(listedWith.map((c) => c.accessKeyId)).toEqual(['ASIAMEMBERACCOUNTKEY']);
    expect(reportedWith.map((c) => c.accessKeyId)).toEqual(['ASIAMEMBERACCOUNTKEY']);
    expect(reported().map((e) => e.ComplianceResourceId)).toEqual(['orders-cache']);
  });

  it('takes the partition of the role from the rule’s ARN', async () => {
    // Prepare
    givenEstate();
    sts.on(AssumeRoleCommand).resolves(assumedRole(MEMBER_ACCOUNT, ROLE_NAME));
    const event = {
      ...scheduledEvent({ ruleParameters: { ExecutionRoleName: ROLE_NAME } }),
      accountId: MEMBER_ACCOUNT,
      configRuleArn: `arn:aws-cn:config:cn-north-1:${MEMBER_ACCOUNT}:config-rule/config-rule-abc123`,
    };

    // Act
    await runRule(encryptionInTransit, event, createAwsSession());

    // Assess
    expect(sts).toHaveReceivedCommandWith(AssumeRoleCommand, { RoleArn: `arn:aws-cn:iam::${MEMBER_ACCOUNT}:role/${ROLE_NAME}` });
  });

  it('names sts:AssumeRole on the role when it may not be assumed, and calls nothing else', async () => {
    // Prepare
    sts.on(AssumeRoleCommand).rejects(
      new STSServiceException({
        name: 'AccessDenied',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
        message: `User: arn:aws:sts::${ACCOUNT_ID}:assumed-role/rule-role/fn is not authorized to perform: sts:AssumeRole`,
      }),
    );
    const event = { ...scheduledEvent({ ruleParameters: { ExecutionRoleName: ROLE_NAME } }), accountId: MEMBER_ACCOUNT };

    // Act
    const run = runRule(encryptionInTransit, event, createAwsSession());

    // Assess
    await expect(run).rejects.toThrow(MissingPermissionError);
    await expect(run).rejects.toThrow(`Access denied for sts:AssumeRole on arn:aws:iam::${MEMBER_ACCOUNT}:role/${ROLE_NAME}`);
    expect(elasticache.calls()).toHaveLength(0);
    expect(config.calls()).toHaveLength(0);
  });

  it('refuses organization mode without an account id in the event, before any AWS call', async () => {
    // Prepare
    const event: Record<string, unknown> = { ...scheduledEvent({ ruleParameters: { ExecutionRoleName: ROLE_NAME } }) };
    delete event.accountId;

    // Act
    const run = runRule(encryptionInTransit, event, createAwsSession());

    // Assess
    await expect(run).rejects.toThrow(InvalidEventError);
    await expect(run).rejects.toThrow(/^ExecutionRoleName is set but the event's accountId undefined is not a 12-digit account id\.$/);
    expectNoAwsCall();
  });
});

// ---- helpers ----

/** AssumeRole's reply for the role in the member account. */
function assumedRole(accountId: string, roleName: string): AssumeRoleResponse {
  const session = 'elasticache-config-rules-encryption-in-transit';
  return {
    Credentials: {
      AccessKeyId: 'ASIAMEMBERACCOUNTKEY',
      SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
      SessionToken: 'FwoGZXIvYXdzEXAMPLESESSIONTOKEN',
      Expiration: new Date('2026-11-27T10:15:00Z'),
    },
    AssumedRoleUser: {
      AssumedRoleId: `AROA3XFRBF535PLBIFPI4:${session}`,
      Arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${session}`,
    },
  };
}
