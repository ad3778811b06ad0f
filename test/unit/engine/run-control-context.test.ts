/**
 * What the engine reads beyond the caches for a control that needs it (`loadContext`): KMS keys for
 * encryption-at-rest, subnet groups and route tables for subnet-privacy. End to end from Config's
 * event, with real controls and the AWS SDK clients mocked at `send`
 * (test/support/run-rule-harness.ts).
 *
 * Scenarios
 * - Given caches encrypted with KMS keys, then each key is described once; a deleted key, or one
 *   unreadable among readable ones, makes its caches NON_COMPLIANT; every key unreadable fails the run
 *   naming kms:DescribeKey (the role lacks it); any other KMS failure fails the run.
 * - Given subnet-privacy, then subnet groups and route tables are read once per page, and not at all
 *   without caches.
 */
import { DescribeRouteTablesCommand } from '@aws-sdk/client-ec2';
import { DescribeCacheSubnetGroupsCommand } from '@aws-sdk/client-elasticache';
import {
  DescribeKeyCommand,
  KMSInternalException,
  NotFoundException,
  type DescribeKeyCommandInput,
} from '@aws-sdk/client-kms';
import { createAwsSession } from '#shared/aws/session.ts';
import { encryptionAtRest } from '#shared/controls/context/encryption-at-rest.ts';
import { subnetPrivacy } from '#shared/controls/context/subnet-privacy.ts';
import { MissingPermissionError } from '#shared/engine/errors.ts';
import { runRule } from '#shared/engine/run-rule.ts';
import { kmsAccessDenied } from '../../support/aws-errors.ts';
import { scheduledEvent } from '../../support/config-events.ts';
import { KEY_ARN, KEY_ID, SUBNET_GROUP, kmsKeyMetadataFixture } from '../../support/fixtures.ts';
import {
  INTERNET_GATEWAY,
  PUBLIC_ROUTE_TABLE,
  PUBLIC_SUBNET,
  PUBLIC_SUBNET_GROUP,
  config,
  ec2,
  elasticache,
  givenEstate,
  givenNetwork,
  kms,
  range,
  replicationGroup,
  reported,
  useMockedAws,
  verdicts,
} from '../../support/run-rule-harness.ts';

useMockedAws();

describe('encryption at rest and KMS keys', () => {
  const DELETED_KEY_ID = '0987dcba-09fe-87dc-65ba-ab0987654321';
  const DELETED_KEY_ARN = KEY_ARN.replace(KEY_ID, DELETED_KEY_ID);
  const OTHER_KEY_ID = '5e6f7a8b-1c2d-4e3f-9a0b-c1d2e3f4a5b6';
  const OTHER_KEY_ARN = KEY_ARN.replace(KEY_ID, OTHER_KEY_ID);

  it('describes a key once even when 50 replication groups share it', async () => {
    // Prepare
    givenEstate(...range(50).map((i) => replicationGroup(`orders-${i}`, { KmsKeyId: KEY_ARN })));
    kms.on(DescribeKeyCommand).callsFake((input: DescribeKeyCommandInput) => ({
      KeyMetadata: kmsKeyMetadataFixture({ KeyId: input.KeyId?.split('/').pop() }),
    }));

    // Act
    await runRule(encryptionAtRest, scheduledEvent(), createAwsSession());

    // Assess
    expect(kms).toHaveReceivedCommandTimes(DescribeKeyCommand, 1);
    expect(kms).toHaveReceivedCommandWith(DescribeKeyCommand, { KeyId: KEY_ARN });
    expect(reported()).toHaveLength(50);
    expect(new Set(reported().map((e) => e.ComplianceType))).toEqual(new Set(['COMPLIANT']));
  });

  it('judges a cache on a deleted key NON_COMPLIANT, and the others on their own keys', async () => {
    // Prepare
    givenEstate(replicationGroup('orders-cache', { KmsKeyId: KEY_ARN }), replicationGroup('carts-cache', { KmsKeyId: DELETED_KEY_ARN }));
    kms
      .on(DescribeKeyCommand, { KeyId: KEY_ARN })
      .resolves({ KeyMetadata: kmsKeyMetadataFixture() })
      .on(DescribeKeyCommand, { KeyId: DELETED_KEY_ARN })
      .rejects(new NotFoundException({ message: `Key '${DELETED_KEY_ARN}' does not exist`, $metadata: { httpStatusCode: 400 } }));

    // Act
    await runRule(encryptionAtRest, scheduledEvent(), createAwsSession());

    // Assess
    expect(verdicts()).toEqual({
      'orders-cache': ['COMPLIANT', `Encrypted at rest with customer managed KMS key ${KEY_ID} (Enabled).`],
      'carts-cache': ['NON_COMPLIANT', `KMS key ${DELETED_KEY_ID} could not be verified: the key does not exist (deleted).`],
    });
  });

  it('judges a cache NON_COMPLIANT when the key policy of its key alone denies kms:DescribeKey', async () => {
    // Prepare: carts-cache uses a cross-account key whose policy leaves this account's role out.
    givenEstate(replicationGroup('orders-cache', { KmsKeyId: OTHER_KEY_ARN }), replicationGroup('carts-cache', { KmsKeyId: KEY_ARN }));
    kms
      .on(DescribeKeyCommand, { KeyId: KEY_ARN })
      .rejects(kmsAccessDenied())
      .on(DescribeKeyCommand, { KeyId: OTHER_KEY_ARN })
      .resolves({ KeyMetadata: kmsKeyMetadataFixture({ KeyId: OTHER_KEY_ID }) });

    // Act
    await runRule(encryptionAtRest, scheduledEvent(), createAwsSession());

    // Assess
    expect(verdicts()).toEqual({
      'orders-cache': ['COMPLIANT', `Encrypted at rest with customer managed KMS key ${OTHER_KEY_ID} (Enabled).`],
      'carts-cache': [
        'NON_COMPLIANT',
        `KMS key ${KEY_ID} could not be verified: access denied to kms:DescribeKey (grant it in the key policy).`,
      ],
    });
  });

  it('fails the run naming kms:DescribeKey, reporting nothing, when every key is denied', async () => {
    // Prepare: the function's role has no kms:DescribeKey, so KMS refuses every key alike.
    givenEstate(replicationGroup('orders-cache', { KmsKeyId: KEY_ARN }), replicationGroup('carts-cache', { KmsKeyId: OTHER_KEY_ARN }));
    kms.on(DescribeKeyCommand).rejects(kmsAccessDenied());

    // Act
    const run = runRule(encryptionAtRest, scheduledEvent(), createAwsSession());

    // Assess: judging every cache NON_COMPLIANT would hide the missing permission.
    await expect(run).rejects.toThrow(MissingPermissionError);
    await expect(run).rejects.toMatchObject({ iamAction: 'kms:DescribeKey' });
    expect(kms).toHaveReceivedCommandTimes(DescribeKeyCommand, 2);
    expect(config.calls()).toHaveLength(0);
  });

  it('fails the run, reporting nothing, on any other KMS error', async () => {
    // Prepare
    givenEstate(replicationGroup('orders-cache', { KmsKeyId: KEY_ARN }));
    kms.on(DescribeKeyCommand).rejects(new KMSInternalException({ message: 'Internal failure', $metadata: { httpStatusCode: 500 } }));

    // Act
    const run = runRule(encryptionAtRest, scheduledEvent(), createAwsSession());

    // Assess
    await expect(run).rejects.toMatchObject({ name: 'ListingFailedError', iamAction: 'kms:DescribeKey' });
    expect(config.calls()).toHaveLength(0);
  });
});

describe('subnet privacy', () => {
  it('reads subnet groups and route tables once, however many caches there are, and judges each cache', async () => {
    // Prepare: 149 groups in private subnets and one in a public subnet.
    givenEstate(
      ...range(150).map((i) =>
        replicationGroup(`orders-${i}`, {}, { CacheSubnetGroupName: i === 0 ? PUBLIC_SUBNET_GROUP : SUBNET_GROUP }),
      ),
    );
    givenNetwork();

    // Act
    await runRule(subnetPrivacy, scheduledEvent(), createAwsSession());

    // Assess
    expect(elasticache).toHaveReceivedCommandTimes(DescribeCacheSubnetGroupsCommand, 1);
    expect(elasticache).toHaveReceivedCommandWith(DescribeCacheSubnetGroupsCommand, { MaxRecords: 100 });
    expect(ec2).toHaveReceivedCommandTimes(DescribeRouteTablesCommand, 1);
    expect(ec2).toHaveReceivedCommandWith(DescribeRouteTablesCommand, { MaxResults: 100 });
    expect(reported().filter((e) => e.ComplianceType === 'NON_COMPLIANT')).toEqual([
      expect.objectContaining({
        ComplianceResourceId: 'orders-0',
        Annotation:
          `Subnet group ${PUBLIC_SUBNET_GROUP} has a public subnet: ${PUBLIC_SUBNET} (${PUBLIC_ROUTE_TABLE}: 0.0.0.0/0 → ${INTERNET_GATEWAY}). ` +
          'Move the cache to a subnet group whose subnets have no internet gateway route.',
      }),
    ]);
    expect(reported().filter((e) => e.ComplianceType === 'COMPLIANT')).toHaveLength(149);
  });

  it('asks EC2 nothing when there is no cache', async () => {
    // Prepare
    givenEstate();

    // Act
    await runRule(subnetPrivacy, scheduledEvent(), createAwsSession());

    // Assess
    expect(ec2.calls()).toHaveLength(0);
    expect(elasticache).not.toHaveReceivedCommand(DescribeCacheSubnetGroupsCommand);
  });
});
