/**
 * The engine end to end, from Config's event to PutEvaluations, with real controls and the AWS SDK
 * clients mocked at `send`.
 *
 * Scenarios
 * - Given a scheduled notification, then every page of replication groups and cache clusters is
 *   read, each group and standalone cluster is reported under its own type and id (member clusters
 *   are not), stamped with the notification time, and the rule parameters shape the verdicts.
 * - Given a bad rule parameter or a malformed event, then the run is refused before any AWS call.
 * - Given a listing that fails part-way or a missing permission, then the run fails naming the
 *   action, and nothing is reported or cleaned up.
 * - Given caches encrypted with KMS keys, then each key is described once; a deleted key, or one
 *   unreadable among readable ones, makes its caches NON_COMPLIANT; every key unreadable fails the run
 *   naming kms:DescribeKey (the role lacks it); any other KMS failure fails the run.
 * - Given subnet-privacy, then subnet groups and route tables are read once per page, and not at all
 *   without caches.
 * - Given a change notification, then applicability comes first: an item that is deleted, not recorded
 *   or out of the rule scope is reported NOT_APPLICABLE at its capture time. If the control watches its
 *   type (a route table, for subnet-privacy), every cache is re-evaluated as well; otherwise nothing
 *   else changed, so nothing is listed, re-evaluated or cleaned up.
 * - Given a change to an existing, in-scope route table, then every cache is re-evaluated at the item's
 *   capture time and the route table gets no evaluation; given such a change of a type the control
 *   does not watch, then the run is refused (the rule scope is wrong).
 * - Given an oversized change, then its summary decides applicability the same way, and only an
 *   evaluable item of a watched type is read back from Config's history.
 * - Given ExecutionRoleName, then the role in the event's account is assumed once and every call,
 *   PutEvaluations included, is made with its credentials; a role that may not be assumed is named.
 */
import type {} from 'aws-sdk-client-mock-jest';
import { createRequire } from 'node:module';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ConfigServiceClient,
  ConfigServiceServiceException,
  GetComplianceDetailsByConfigRuleCommand,
  GetResourceConfigHistoryCommand,
  PutEvaluationsCommand,
  type ConfigurationItem,
  type Evaluation,
} from '@aws-sdk/client-config-service';
import { DescribeRouteTablesCommand, EC2Client, EC2ServiceException } from '@aws-sdk/client-ec2';
import {
  DescribeCacheClustersCommand,
  DescribeCacheSubnetGroupsCommand,
  DescribeReplicationGroupsCommand,
  ElastiCacheClient,
  ElastiCacheServiceException,
  type CacheCluster,
  type CacheClusterMessage,
  type DescribeCacheClustersCommandInput,
  type DescribeReplicationGroupsCommandInput,
  type ReplicationGroup,
  type ReplicationGroupMessage,
} from '@aws-sdk/client-elasticache';
import {
  DescribeKeyCommand,
  KMSClient,
  KMSInternalException,
  KMSServiceException,
  NotFoundException,
  type DescribeKeyCommandInput,
} from '@aws-sdk/client-kms';
import { AssumeRoleCommand, STSClient, STSServiceException, type AssumeRoleResponse } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { createAwsSession } from '#shared/aws/session.ts';
import { automaticBackup } from '#shared/controls/automatic-backup.ts';
import { encryptionAtRest } from '#shared/controls/encryption-at-rest.ts';
import { encryptionInTransit } from '#shared/controls/encryption-in-transit.ts';
import { subnetPrivacy } from '#shared/controls/subnet-privacy.ts';
import { InvalidEventError, InvalidParameterError, ListingFailedError, MissingPermissionError } from '#shared/engine/errors.ts';
import { createRuleHandler, runRule } from '#shared/engine/run-rule.ts';
import {
  NOTIFICATION_TIME,
  RESULT_TOKEN,
  RULE_NAME,
  changeEvent,
  oversizedEvent,
  routeTableItem,
  scheduledEvent,
} from '../../support/config-events.ts';
import {
  ACCOUNT_ID,
  KEY_ARN,
  KEY_ID,
  SUBNET_A,
  SUBNET_B,
  SUBNET_GROUP,
  VPC_ID,
  cacheClusterFixture,
  cacheSubnetGroupFixture,
  kmsKeyMetadataFixture,
  memberClusterFixture,
  memcachedClusterFixture,
  replicationGroupFixture,
  route,
  routeTableFixture,
  subnetAssociation,
  subnetsOf,
} from '../../support/fixtures.ts';

// The matchers' ES build is not marked as a module, so jest's ESM loader cannot import it; the
// CommonJS build registers the same matchers on the shared `expect`.
createRequire(import.meta.url)('aws-sdk-client-mock-jest');

const CAPTURE_TIME = '2026-11-27T10:42:17.816Z';
const ROUTE_TABLE = 'rtb-0123456789abcdef0';
const PUBLIC_SUBNET_GROUP = 'orders-public';
const PUBLIC_SUBNET = 'subnet-0a1b2c3d4e5f6c003';
const PUBLIC_ROUTE_TABLE = 'rtb-0a1b2c3d4e5f60002';
const INTERNET_GATEWAY = 'igw-0a1b2c3d4e5f60001';

const elasticache = mockClient(ElastiCacheClient);
const ec2 = mockClient(EC2Client);
const kms = mockClient(KMSClient);
const config = mockClient(ConfigServiceClient);
const sts = mockClient(STSClient);

const consoleError = console.error;
let errorLog: string[] = [];

beforeAll(() => {
  process.env.AWS_REGION = 'us-east-1';
  // The engine logs one JSON line per run; keep the test output to what failed.
  process.env.LOG_LEVEL = 'warn';
  console.error = (line: unknown) => void errorLog.push(String(line));
});

beforeEach(() => {
  errorLog = [];
  for (const mock of [elasticache, ec2, kms, config, sts]) mock.reset();
  config
    .on(PutEvaluationsCommand)
    .resolves({ FailedEvaluations: [] })
    .on(GetComplianceDetailsByConfigRuleCommand)
    .resolves({ EvaluationResults: [] });
});

afterAll(() => {
  console.error = consoleError;
  for (const mock of [elasticache, ec2, kms, config, sts]) mock.restore();
});

describe('a scheduled run', () => {
  it('reads every page of replication groups and cache clusters, 100 records a page', async () => {
    // Prepare: 250 groups of two members and 30 standalone clusters: 530 cache clusters in all.
    const groups = range(250).map((i) => replicationGroup(`orders-${i}`));
    const standalone = range(30).map((i) => standaloneCluster(cacheClusterFixture({ CacheClusterId: `reports-${i}` })));
    const listing = givenEstate(...groups, ...standalone);

    // Act
    await runRule(automaticBackup, scheduledEvent(), createAwsSession());

    // Assess: ⌈250/100⌉ and ⌈530/100⌉ calls, each following the Marker of the page before.
    expect(elasticache).toHaveReceivedCommandTimes(DescribeReplicationGroupsCommand, 3);
    expect(elasticache).toHaveReceivedCommandTimes(DescribeCacheClustersCommand, 6);
    expect(listing.groupRequests).toEqual([
      { MaxRecords: 100, Marker: undefined },
      { MaxRecords: 100, Marker: 'marker-100' },
      { MaxRecords: 100, Marker: 'marker-200' },
    ]);
    expect(listing.clusterRequests).toEqual([undefined, 100, 200, 300, 400, 500].map((at) => ({
      MaxRecords: 100,
      Marker: at === undefined ? undefined : `marker-${at}`,
    })));
    expect(reported()).toHaveLength(280);
  });

  it('reports a replication group by its ReplicationGroupId and a standalone cluster as a CacheCluster; members get none', async () => {
    // Prepare
    givenEstate(replicationGroup('orders-cache'), standaloneCluster(cacheClusterFixture({ CacheClusterId: 'reports-cache' })));

    // Act
    await runRule(encryptionInTransit, scheduledEvent(), createAwsSession());

    // Assess: orders-cache-001 and orders-cache-002 are judged through their group.
    expect(reported().map((e) => [e.ComplianceResourceType, e.ComplianceResourceId])).toEqual([
      ['AWS::ElastiCache::ReplicationGroup', 'orders-cache'],
      ['AWS::ElastiCache::CacheCluster', 'reports-cache'],
    ]);
  });

  it('stamps every evaluation with the notification time and sends the result token', async () => {
    // Prepare
    givenEstate(replicationGroup('orders-cache'), standaloneCluster(cacheClusterFixture()));

    // Act
    await runRule(encryptionInTransit, scheduledEvent(), createAwsSession());

    // Assess
    expect(reported().map((e) => e.OrderingTimestamp)).toEqual([new Date(NOTIFICATION_TIME), new Date(NOTIFICATION_TIME)]);
    expect(config).toHaveReceivedCommandWith(PutEvaluationsCommand, { ResultToken: RESULT_TOKEN });
  });

  it('judges with the rule parameters, not the defaults', async () => {
    // Prepare: 3 days of snapshots pass the default minimum of 1 but not a minimum of 7.
    givenEstate(replicationGroup('orders-cache', { SnapshotRetentionLimit: 3 }));

    // Act
    await runRule(automaticBackup, scheduledEvent({ ruleParameters: { minimumRetentionDays: '7' } }), createAwsSession());

    // Assess
    expect(verdicts()).toEqual({
      'orders-cache': [
        'NON_COMPLIANT',
        'Automatic backups are kept 3 days, less than the required 7 days; raise SnapshotRetentionLimit to at least 7.',
      ],
    });
  });

  it('returns a summary of what it reported', async () => {
    // Prepare: TLS required, TLS preferred, and a Memcached cluster without TLS.
    givenEstate(
      replicationGroup('orders-cache', { TransitEncryptionEnabled: true, TransitEncryptionMode: 'required' }),
      replicationGroup('carts-cache', { TransitEncryptionEnabled: true, TransitEncryptionMode: 'preferred' }),
      standaloneCluster(memcachedClusterFixture({ TransitEncryptionEnabled: false })),
    );

    // Act
    const summary = await runRule(encryptionInTransit, scheduledEvent(), createAwsSession());

    // Assess
    expect(summary).toEqual({
      control: 'encryption-in-transit',
      configRuleName: RULE_NAME,
      trigger: 'scheduled',
      testMode: false,
      resourcesEvaluated: 3,
      reported: { COMPLIANT: 1, NON_COMPLIANT: 2, NOT_APPLICABLE: 0 },
      staleResultsCleared: 0,
    });
  });

  it('sends no evaluation for a region without caches', async () => {
    // Prepare
    givenEstate();

    // Act
    const summary = await runRule(encryptionInTransit, scheduledEvent(), createAwsSession());

    // Assess
    expect(summary.resourcesEvaluated).toBe(0);
    expect(config).not.toHaveReceivedCommand(PutEvaluationsCommand);
  });

  it('runs as a Lambda handler that builds its clients once and reuses them across invocations', async () => {
    // Prepare
    const handler = createRuleHandler(encryptionInTransit);
    const clients = new Set<unknown>();
    elasticache.on(DescribeReplicationGroupsCommand).callsFake((_input: unknown, getClient: () => unknown) => {
      clients.add(getClient());
      return { ReplicationGroups: [] } satisfies ReplicationGroupMessage;
    });
    elasticache.on(DescribeCacheClustersCommand).resolves({ CacheClusters: [] });

    // Act
    const first = await handler(scheduledEvent());
    const second = await handler(scheduledEvent());

    // Assess
    expect([first.control, second.control]).toEqual(['encryption-in-transit', 'encryption-in-transit']);
    expect(elasticache).toHaveReceivedCommandTimes(DescribeReplicationGroupsCommand, 2);
    expect(clients.size).toBe(1);
  });
});

describe('a run refused before any AWS call', () => {
  it.each([
    ['minimumRetentionDays', '0', /^Rule parameter "minimumRetentionDays": 0 is out of range; use an integer from 1 to 35$/],
    ['minimumRetentionDays', 'abc', /^Rule parameter "minimumRetentionDays": "abc" is not a whole number/],
    ['minimumRetentionDays', '36', /^Rule parameter "minimumRetentionDays": 36 is out of range/],
    ['minimumRetentionDay', '7', /^Rule parameter "minimumRetentionDay": is not a parameter of this control; accepted: ExecutionRoleName, minimumRetentionDays$/],
    ['ExecutionRoleName', 'service-role/ConfigRuleRole', /^Rule parameter "ExecutionRoleName": "service-role\/ConfigRuleRole" is not accepted; use an IAM role name/],
  ])('refuses %s = "%s"', async (name, value, message) => {
    // Prepare
    const event = scheduledEvent({ ruleParameters: { [name]: value } });

    // Act
    const run = runRule(automaticBackup, event, createAwsSession());

    // Assess
    await expect(run).rejects.toThrow(InvalidParameterError);
    await expect(run).rejects.toThrow(message);
    expectNoAwsCall();
  });

  it('refuses a KMS alias in approvedKmsKeyIds', async () => {
    // Prepare
    const event = scheduledEvent({ ruleParameters: { approvedKmsKeyIds: 'alias/elasticache' } });

    // Act
    const run = runRule(encryptionAtRest, event, createAwsSession());

    // Assess
    await expect(run).rejects.toThrow(/^Rule parameter "approvedKmsKeyIds": item "alias\/elasticache" is an alias/);
    expectNoAwsCall();
  });

  it.each<[string, (event: Record<string, unknown>) => unknown, RegExp]>([
    ['an event that is not an object', () => 'ScheduledNotification', /^The event is not an object/],
    ['an event without resultToken', ({ resultToken: _, ...rest }) => rest, /^event\.resultToken is missing or empty\.$/],
    ['an event without configRuleName', ({ configRuleName: _, ...rest }) => rest, /^event\.configRuleName is missing or empty\.$/],
    ['an invokingEvent that is not JSON', (e) => ({ ...e, invokingEvent: '{"messageType":' }), /^invokingEvent is not valid JSON/],
    ['an invokingEvent passed as an object', (e) => ({ ...e, invokingEvent: JSON.parse(e.invokingEvent as string) }), /^invokingEvent is missing or not a string/],
    ['an invokingEvent that is a JSON array', (e) => ({ ...e, invokingEvent: '[]' }), /^invokingEvent must be a JSON object\.$/],
    ['an unknown messageType', (e) => ({ ...e, invokingEvent: withInvoking(e, { messageType: 'ConfigurationSnapshotDeliveryCompleted' }) }), /messageType "ConfigurationSnapshotDeliveryCompleted" is not supported/],
    ['a notificationCreationTime that is not a timestamp', (e) => ({ ...e, invokingEvent: withInvoking(e, { notificationCreationTime: 'yesterday' }) }), /^invokingEvent\.notificationCreationTime "yesterday" is not a timestamp\.$/],
    ['ruleParameters that are not JSON', (e) => ({ ...e, ruleParameters: 'minimumRetentionDays=7' }), /^ruleParameters is not valid JSON/],
  ])('refuses %s', async (_scenario, malform, message) => {
    // Prepare
    const event = malform({ ...scheduledEvent() });

    // Act
    const run = runRule(automaticBackup, event, createAwsSession());

    // Assess
    await expect(run).rejects.toThrow(InvalidEventError);
    await expect(run).rejects.toThrow(message);
    expectNoAwsCall();
  });

  it('refuses a change notification whose item has no resourceId', async () => {
    // Prepare
    const event = changeEvent(routeTableItem(ROUTE_TABLE, 'OK', CAPTURE_TIME));
    const invoking = JSON.parse(event.invokingEvent) as { configurationItem: Record<string, unknown> };
    delete invoking.configurationItem.resourceId;

    // Act
    const run = runRule(subnetPrivacy, { ...event, invokingEvent: JSON.stringify(invoking) }, createAwsSession());

    // Assess
    await expect(run).rejects.toThrow(InvalidEventError);
    await expect(run).rejects.toThrow('invokingEvent.configurationItem.resourceId is missing or empty.');
    expectNoAwsCall();
  });
});

describe('a run whose listing fails', () => {
  it('reports nothing and cleans up nothing when page 3 of the replication groups fails', async () => {
    // Prepare
    const pages = servePages(range(250).map((i) => replicationGroupFixture({ ReplicationGroupId: `orders-${i}` })));
    const page = (input: DescribeReplicationGroupsCommandInput): ReplicationGroupMessage => {
      const { items, Marker } = pages.serve(input);
      return { ReplicationGroups: items, Marker };
    };
    elasticache
      .on(DescribeReplicationGroupsCommand)
      .callsFakeOnce(page)
      .callsFakeOnce(page)
      .rejectsOnce(
        new ElastiCacheServiceException({ name: 'InternalFailure', $fault: 'server', $metadata: { httpStatusCode: 500 }, message: 'Internal error' }),
      );

    // Act
    const run = runRule(encryptionInTransit, scheduledEvent(), createAwsSession());

    // Assess
    await expect(run).rejects.toThrow(ListingFailedError);
    await expect(run).rejects.toThrow(/^elasticache:DescribeReplicationGroups failed, so the inventory is incomplete/);
    expect(elasticache).toHaveReceivedCommandTimes(DescribeReplicationGroupsCommand, 3);
    expect(config).not.toHaveReceivedCommand(PutEvaluationsCommand);
    expect(config).not.toHaveReceivedCommand(GetComplianceDetailsByConfigRuleCommand);
    expect(errorLog.join('\n')).toContain('run failed; nothing further was reported');
  });

  it('names elasticache:DescribeCacheClusters when access to it is denied, and reports nothing', async () => {
    // Prepare
    elasticache
      .on(DescribeReplicationGroupsCommand)
      .resolves({ ReplicationGroups: [replicationGroupFixture()] })
      .on(DescribeCacheClustersCommand)
      .rejects(accessDenied('elasticache:DescribeCacheClusters'));

    // Act
    const run = runRule(encryptionInTransit, scheduledEvent(), createAwsSession());

    // Assess
    await expect(run).rejects.toThrow(MissingPermissionError);
    await expect(run).rejects.toThrow(/^Access denied for elasticache:DescribeCacheClusters: grant this action/);
    expect(config.calls()).toHaveLength(0);
  });

  it('names ec2:DescribeRouteTables when EC2 refuses it, and reports nothing', async () => {
    // Prepare
    givenEstate(replicationGroup('orders-cache'));
    givenNetwork();
    ec2.on(DescribeRouteTablesCommand).rejects(
      new EC2ServiceException({
        name: 'UnauthorizedOperation',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
        message: 'You are not authorized to perform this operation.',
      }),
    );

    // Act
    const run = runRule(subnetPrivacy, scheduledEvent(), createAwsSession());

    // Assess
    await expect(run).rejects.toMatchObject({ name: 'MissingPermissionError', iamAction: 'ec2:DescribeRouteTables' });
    await expect(run).rejects.toThrow(/^Access denied for ec2:DescribeRouteTables/);
    expect(config.calls()).toHaveLength(0);
  });
});

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

describe('a change notification', () => {
  beforeEach(() => {
    givenEstate(replicationGroup('orders-cache'), standaloneCluster(cacheClusterFixture()));
    givenNetwork();
  });

  it.each(['OK', 'ResourceDiscovered'] as const)(
    're-evaluates every cache at the capture time of a route table that is %s',
    async (status) => {
      // Act
      const summary = await runRule(subnetPrivacy, changeEvent(routeTableItem(ROUTE_TABLE, status, CAPTURE_TIME)), createAwsSession());

      // Assess: the route table itself gets no evaluation while it exists.
      expect(reported().map((e) => [e.ComplianceResourceType, e.ComplianceResourceId, e.OrderingTimestamp])).toEqual([
        ['AWS::ElastiCache::ReplicationGroup', 'orders-cache', new Date(CAPTURE_TIME)],
        ['AWS::ElastiCache::CacheCluster', 'reports-cache', new Date(CAPTURE_TIME)],
      ]);
      expect(summary.trigger).toBe('change');
      expect(config).not.toHaveReceivedCommand(GetResourceConfigHistoryCommand);
    },
  );

  it.each(['ResourceDeleted', 'ResourceNotRecorded', 'ResourceDeletedNotRecorded'] as const)(
    'reports a route table that is %s NOT_APPLICABLE, after re-evaluating the caches',
    async (status) => {
      // Act
      await runRule(subnetPrivacy, changeEvent(routeTableItem(ROUTE_TABLE, status, CAPTURE_TIME)), createAwsSession());

      // Assess
      expect(reported().map((e) => e.ComplianceResourceId)).toEqual(['orders-cache', 'reports-cache', ROUTE_TABLE]);
      expect(reported()[2]).toEqual({
        ComplianceResourceType: 'AWS::EC2::RouteTable',
        ComplianceResourceId: ROUTE_TABLE,
        ComplianceType: 'NOT_APPLICABLE',
        Annotation: `AWS::EC2::RouteTable ${ROUTE_TABLE} is ${status}; the caches it affected were re-evaluated.`,
        OrderingTimestamp: new Date(CAPTURE_TIME),
      });
      expect(config).toHaveReceivedCommand(GetComplianceDetailsByConfigRuleCommand);
    },
  );

  it('reports a route table that left the rule scope NOT_APPLICABLE', async () => {
    // Prepare
    const event = changeEvent(routeTableItem(ROUTE_TABLE, 'OK', CAPTURE_TIME), { eventLeftScope: true });

    // Act
    await runRule(subnetPrivacy, event, createAwsSession());

    // Assess
    expect(reported()).toHaveLength(3);
    expect(reported()).toContainEqual({
      ComplianceResourceType: 'AWS::EC2::RouteTable',
      ComplianceResourceId: ROUTE_TABLE,
      ComplianceType: 'NOT_APPLICABLE',
      Annotation: `AWS::EC2::RouteTable ${ROUTE_TABLE} is out of the rule scope; the caches it affected were re-evaluated.`,
      OrderingTimestamp: new Date(CAPTURE_TIME),
    });
  });

  it('reports only NOT_APPLICABLE for a deleted resource of a type the control does not watch, listing and cleaning up nothing', async () => {
    // Prepare
    const subnet = { ...routeTableItem(SUBNET_A, 'ResourceDeleted', CAPTURE_TIME), resourceType: 'AWS::EC2::Subnet' };

    // Act
    const summary = await runRule(subnetPrivacy, changeEvent(subnet), createAwsSession());

    // Assess: nothing else changed, so no cache is listed and no earlier result is read.
    expect(reported()).toEqual([
      {
        ComplianceResourceType: 'AWS::EC2::Subnet',
        ComplianceResourceId: SUBNET_A,
        ComplianceType: 'NOT_APPLICABLE',
        Annotation: `AWS::EC2::Subnet ${SUBNET_A} is ResourceDeleted, so this rule does not apply to it.`,
        OrderingTimestamp: new Date(CAPTURE_TIME),
      },
    ]);
    expect(config).toHaveReceivedCommandTimes(PutEvaluationsCommand, 1);
    expect(config).not.toHaveReceivedCommand(GetComplianceDetailsByConfigRuleCommand);
    expect(elasticache.calls()).toHaveLength(0);
    expect(ec2.calls()).toHaveLength(0);
    expect(summary).toEqual({
      control: 'subnet-privacy',
      configRuleName: RULE_NAME,
      trigger: 'change',
      testMode: false,
      resourcesEvaluated: 0,
      reported: { COMPLIANT: 0, NON_COMPLIANT: 0, NOT_APPLICABLE: 1 },
      staleResultsCleared: 0,
    });
  });

  it('reports only NOT_APPLICABLE for a resource that left the scope of a periodic-only control', async () => {
    // Prepare: the rule's scope was narrowed; Config tells it about each resource that left it.
    const event = changeEvent(routeTableItem(ROUTE_TABLE, 'OK', CAPTURE_TIME), { eventLeftScope: true });

    // Act
    await runRule(encryptionInTransit, event, createAwsSession());

    // Assess
    expect(verdicts()).toEqual({
      [ROUTE_TABLE]: ['NOT_APPLICABLE', `AWS::EC2::RouteTable ${ROUTE_TABLE} is out of the rule scope, so this rule does not apply to it.`],
    });
    expect(elasticache.calls()).toHaveLength(0);
    expect(config).not.toHaveReceivedCommand(GetComplianceDetailsByConfigRuleCommand);
  });

  it('refuses a change of a resource type the control does not watch, reporting nothing', async () => {
    // Prepare
    const subnet = { ...routeTableItem(SUBNET_A, 'OK', CAPTURE_TIME), resourceType: 'AWS::EC2::Subnet' };

    // Act
    const run = runRule(subnetPrivacy, changeEvent(subnet), createAwsSession());

    // Assess
    await expect(run).rejects.toThrow(InvalidEventError);
    await expect(run).rejects.toThrow(
      'Control subnet-privacy does not react to changes of AWS::EC2::Subnet (only AWS::EC2::RouteTable); check the Config rule scope.',
    );
    expectNoAwsCall();
  });

  it('refuses a change to an existing, in-scope resource for a periodic-only control, reporting nothing', async () => {
    // Act
    const run = runRule(encryptionInTransit, changeEvent(routeTableItem(ROUTE_TABLE, 'OK', CAPTURE_TIME)), createAwsSession());

    // Assess
    await expect(run).rejects.toThrow(InvalidEventError);
    await expect(run).rejects.toThrow(
      'Control encryption-in-transit does not react to changes of AWS::EC2::RouteTable (it is periodic only); check the Config rule scope.',
    );
    expectNoAwsCall();
  });

  describe('that is oversized', () => {
    it('reads the item back from Config history as of the capture time, then re-evaluates', async () => {
      // Prepare: the capture time of the item from history is the one that counts.
      const historyTime = '2026-11-27T10:42:17.000Z';
      config.on(GetResourceConfigHistoryCommand).resolves({ configurationItems: [historyItem('OK', historyTime)] });

      // Act
      await runRule(subnetPrivacy, oversizedEvent(routeTableItem(ROUTE_TABLE, 'OK', CAPTURE_TIME)), createAwsSession());

      // Assess
      expect(config).toHaveReceivedCommandTimes(GetResourceConfigHistoryCommand, 1);
      expect(config).toHaveReceivedCommandWith(GetResourceConfigHistoryCommand, {
        resourceType: 'AWS::EC2::RouteTable',
        resourceId: ROUTE_TABLE,
        laterTime: new Date(CAPTURE_TIME),
        limit: 1,
      });
      expect(reported().map((e) => [e.ComplianceResourceId, e.OrderingTimestamp])).toEqual([
        ['orders-cache', new Date(historyTime)],
        ['reports-cache', new Date(historyTime)],
      ]);
    });

    it('stamps the run with the summary’s capture time when the history item has none', async () => {
      // Prepare
      const undated = historyItem('OK', CAPTURE_TIME);
      delete undated.configurationItemCaptureTime;
      delete undated.arn;
      delete undated.awsRegion;
      config.on(GetResourceConfigHistoryCommand).resolves({ configurationItems: [undated] });

      // Act
      await runRule(subnetPrivacy, oversizedEvent(routeTableItem(ROUTE_TABLE, 'OK', CAPTURE_TIME)), createAwsSession());

      // Assess
      expect(reported().map((e) => e.OrderingTimestamp)).toEqual([new Date(CAPTURE_TIME), new Date(CAPTURE_TIME)]);
    });

    it('reports the route table NOT_APPLICABLE when its history says it was deleted', async () => {
      // Prepare
      config.on(GetResourceConfigHistoryCommand).resolves({ configurationItems: [historyItem('ResourceDeleted', CAPTURE_TIME)] });

      // Act
      await runRule(subnetPrivacy, oversizedEvent(routeTableItem(ROUTE_TABLE, 'OK', CAPTURE_TIME)), createAwsSession());

      // Assess
      expect(reported()).toContainEqual(
        expect.objectContaining({ ComplianceResourceId: ROUTE_TABLE, ComplianceType: 'NOT_APPLICABLE', OrderingTimestamp: new Date(CAPTURE_TIME) }),
      );
    });

    it.each(['ResourceDeleted', 'ResourceNotRecorded'] as const)(
      'reports a route table whose summary says %s NOT_APPLICABLE and re-evaluates the caches, without reading history',
      async (status) => {
        // Act
        await runRule(subnetPrivacy, oversizedEvent(routeTableItem(ROUTE_TABLE, status, CAPTURE_TIME)), createAwsSession());

        // Assess
        expect(config).not.toHaveReceivedCommand(GetResourceConfigHistoryCommand);
        expect(reported().map((e) => [e.ComplianceResourceId, e.ComplianceType, e.OrderingTimestamp])).toEqual([
          ['orders-cache', 'COMPLIANT', new Date(CAPTURE_TIME)],
          ['reports-cache', 'COMPLIANT', new Date(CAPTURE_TIME)],
          [ROUTE_TABLE, 'NOT_APPLICABLE', new Date(CAPTURE_TIME)],
        ]);
      },
    );

    it('reports a route table that left the scope NOT_APPLICABLE without reading history', async () => {
      // Act
      await runRule(
        subnetPrivacy,
        oversizedEvent(routeTableItem(ROUTE_TABLE, 'OK', CAPTURE_TIME), { eventLeftScope: true }),
        createAwsSession(),
      );

      // Assess
      expect(config).not.toHaveReceivedCommand(GetResourceConfigHistoryCommand);
      expect(verdicts()[ROUTE_TABLE]).toEqual([
        'NOT_APPLICABLE',
        `AWS::EC2::RouteTable ${ROUTE_TABLE} is out of the rule scope; the caches it affected were re-evaluated.`,
      ]);
    });

    it('reports only NOT_APPLICABLE for a deleted resource the control does not watch, without reading history or listing', async () => {
      // Act
      await runRule(encryptionInTransit, oversizedEvent(routeTableItem(ROUTE_TABLE, 'ResourceDeleted', CAPTURE_TIME)), createAwsSession());

      // Assess
      expect(config).not.toHaveReceivedCommand(GetResourceConfigHistoryCommand);
      expect(verdicts()).toEqual({
        [ROUTE_TABLE]: ['NOT_APPLICABLE', `AWS::EC2::RouteTable ${ROUTE_TABLE} is ResourceDeleted, so this rule does not apply to it.`],
      });
      expect(elasticache.calls()).toHaveLength(0);
    });

    it('fails, listing and reporting nothing, when Config has no history for the item', async () => {
      // Prepare
      config.on(GetResourceConfigHistoryCommand).resolves({ configurationItems: [] });

      // Act
      const run = runRule(subnetPrivacy, oversizedEvent(routeTableItem(ROUTE_TABLE, 'OK', CAPTURE_TIME)), createAwsSession());

      // Assess
      await expect(run).rejects.toThrow(InvalidEventError);
      await expect(run).rejects.toThrow(
        `Config has no history for AWS::EC2::RouteTable ${ROUTE_TABLE} at ${CAPTURE_TIME}; the oversized change cannot be evaluated.`,
      );
      expect(elasticache.calls()).toHaveLength(0);
      expect(config).not.toHaveReceivedCommand(PutEvaluationsCommand);
    });

    it('names config:GetResourceConfigHistory when access to it is denied', async () => {
      // Prepare
      config.on(GetResourceConfigHistoryCommand).rejects(
        new ConfigServiceServiceException({
          name: 'AccessDeniedException',
          $fault: 'client',
          $metadata: { httpStatusCode: 400 },
          message: 'not authorized to perform: config:GetResourceConfigHistory',
        }),
      );

      // Act
      const run = runRule(subnetPrivacy, oversizedEvent(routeTableItem(ROUTE_TABLE, 'OK', CAPTURE_TIME)), createAwsSession());

      // Assess
      await expect(run).rejects.toMatchObject({ name: 'MissingPermissionError', iamAction: 'config:GetResourceConfigHistory' });
      expect(config).not.toHaveReceivedCommand(PutEvaluationsCommand);
    });

    it('refuses an oversized change the control does not watch without reading history', async () => {
      // Act
      const run = runRule(encryptionInTransit, oversizedEvent(routeTableItem(ROUTE_TABLE, 'OK', CAPTURE_TIME)), createAwsSession());

      // Assess
      await expect(run).rejects.toThrow(InvalidEventError);
      expectNoAwsCall();
    });
  });
});

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

/** Every evaluation sent to Config, in order, across all PutEvaluations calls. */
function reported(): Evaluation[] {
  return config.commandCalls(PutEvaluationsCommand).flatMap((call) => call.args[0].input.Evaluations ?? []);
}

/** Compliance and annotation by resource id. */
function verdicts(): Record<string, [string | undefined, string | undefined]> {
  return Object.fromEntries(reported().map((e) => [e.ComplianceResourceId, [e.ComplianceType, e.Annotation]]));
}

function expectNoAwsCall(): void {
  expect(elasticache.calls()).toHaveLength(0);
  expect(ec2.calls()).toHaveLength(0);
  expect(kms.calls()).toHaveLength(0);
  expect(config.calls()).toHaveLength(0);
  expect(sts.calls()).toHaveLength(0);
}

/** What DescribeReplicationGroups and DescribeCacheClusters list. */
interface Estate {
  replicationGroups: ReplicationGroup[];
  cacheClusters: CacheCluster[];
}

/** A replication group and the member clusters DescribeCacheClusters lists for it. */
function replicationGroup(id: string, overrides: Partial<ReplicationGroup> = {}, memberOverrides: Partial<CacheCluster> = {}): Estate {
  const group = replicationGroupFixture({ ReplicationGroupId: id, ...overrides });
  return {
    replicationGroups: [group],
    cacheClusters: (group.MemberClusters ?? []).map((member) => memberClusterFixture(id, member, memberOverrides)),
  };
}

function standaloneCluster(cluster: CacheCluster): Estate {
  return { replicationGroups: [], cacheClusters: [cluster] };
}

/** Serves the estate through paged Describe calls; returns what each call asked for. */
function givenEstate(...parts: Estate[]) {
  const groupPages = servePages(parts.flatMap((p) => p.replicationGroups));
  const clusterPages = servePages(parts.flatMap((p) => p.cacheClusters));
  elasticache
    .on(DescribeReplicationGroupsCommand)
    .callsFake((input: DescribeReplicationGroupsCommandInput) => {
      const { items, Marker } = groupPages.serve(input);
      return { ReplicationGroups: items, Marker } satisfies ReplicationGroupMessage;
    })
    .on(DescribeCacheClustersCommand)
    .callsFake((input: DescribeCacheClustersCommandInput) => {
      const { items, Marker } = clusterPages.serve(input);
      return { CacheClusters: items, Marker } satisfies CacheClusterMessage;
    });
  return { groupRequests: groupPages.requests, clusterRequests: clusterPages.requests };
}

/** Serves `items` the way ElastiCache pages: MaxRecords per page, an opaque Marker to the next. */
function servePages<T>(items: readonly T[]) {
  const requests: { MaxRecords: number | undefined; Marker: string | undefined }[] = [];
  return {
    /** What each call asked for, copied when it was made (the paginator reuses one input object). */
    requests,
    serve(input: { MaxRecords?: number; Marker?: string }): { items: T[]; Marker: string | undefined } {
      requests.push({ MaxRecords: input.MaxRecords, Marker: input.Marker });
      const start = input.Marker ? Number(input.Marker.replace('marker-', '')) : 0;
      const end = start + (input.MaxRecords ?? 100);
      return { items: items.slice(start, end), Marker: end < items.length ? `marker-${end}` : undefined };
    },
  };
}

/**
 * The private subnet group of the fixtures (both subnets on a route table with the local route only)
 * and a public one whose subnet routes 0.0.0.0/0 to an internet gateway.
 */
function givenNetwork(): void {
  const privateTable = 'rtb-0a1b2c3d4e5f60001';
  elasticache.on(DescribeCacheSubnetGroupsCommand).resolves({
    CacheSubnetGroups: [
      cacheSubnetGroupFixture(),
      cacheSubnetGroupFixture({ CacheSubnetGroupName: PUBLIC_SUBNET_GROUP, Subnets: subnetsOf(PUBLIC_SUBNET) }),
    ],
  });
  ec2.on(DescribeRouteTablesCommand).resolves({
    RouteTables: [
      routeTableFixture({
        RouteTableId: privateTable,
        Associations: [subnetAssociation(privateTable, SUBNET_A), subnetAssociation(privateTable, SUBNET_B)],
      }),
      routeTableFixture({
        RouteTableId: PUBLIC_ROUTE_TABLE,
        Associations: [subnetAssociation(PUBLIC_ROUTE_TABLE, PUBLIC_SUBNET)],
        Routes: [...(routeTableFixture().Routes ?? []), route('0.0.0.0/0', { GatewayId: INTERNET_GATEWAY })],
      }),
    ],
  });
}

/** The route table's item as GetResourceConfigHistory returns it (configuration is a JSON string). */
function historyItem(status: ConfigurationItem['configurationItemStatus'], captureTime: string): ConfigurationItem {
  return {
    version: '1.3',
    accountId: ACCOUNT_ID,
    configurationItemCaptureTime: new Date(captureTime),
    configurationItemStatus: status,
    configurationStateId: '1732700537816',
    configurationItemMD5Hash: '',
    arn: `arn:aws:ec2:us-east-1:${ACCOUNT_ID}:route-table/${ROUTE_TABLE}`,
    resourceType: 'AWS::EC2::RouteTable',
    resourceId: ROUTE_TABLE,
    awsRegion: 'us-east-1',
    availabilityZone: 'Not Applicable',
    tags: {},
    relatedEvents: [],
    relationships: [],
    configuration: JSON.stringify({ routeTableId: ROUTE_TABLE, vpcId: VPC_ID, routes: [], associations: [] }),
    supplementaryConfiguration: {},
  };
}

function kmsAccessDenied(): KMSServiceException {
  return new KMSServiceException({
    name: 'AccessDeniedException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    message: `User: arn:aws:sts::${ACCOUNT_ID}:assumed-role/rule-role/fn is not authorized to perform: kms:DescribeKey`,
  });
}

function accessDenied(action: string): ElastiCacheServiceException {
  return new ElastiCacheServiceException({
    name: 'AccessDenied',
    $fault: 'client',
    $metadata: { httpStatusCode: 403 },
    message: `User: arn:aws:sts::${ACCOUNT_ID}:assumed-role/rule-role/fn is not authorized to perform: ${action}`,
  });
}

/** The event's invokingEvent with some fields replaced. */
function withInvoking(event: Record<string, unknown>, fields: Record<string, unknown>): string {
  return JSON.stringify({ ...(JSON.parse(event.invokingEvent as string) as object), ...fields });
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
