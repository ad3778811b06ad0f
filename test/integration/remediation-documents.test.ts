/**
 * The remediation documents against the local emulator: every PropertySelector and output Selector
 * resolves on a real Describe response, the backup, failover and minor-upgrade documents run end to
 * end (the emulator implements the ModifyReplicationGroup and ModifyCacheCluster fields they set), the
 * preconditions stop on the resources they must refuse, and SSM accepts every document.
 *
 * What moto cannot show (moto 5.2.5): ModifyCacheCluster is unimplemented and ModifyReplicationGroup
 * ignores TransitEncryptionMode, so those two documents run only up to their change here.
 */
import * as elasticache from '@aws-sdk/client-elasticache';
import { CreateDocumentCommand, SSMClient } from '@aws-sdk/client-ssm';
import { awsEnvFor, startMotoServer, type MotoServer } from '../../scripts/local-aws/moto-server.ts';
import { documentText, loadDocument, remediationDocuments, type AutomationStep } from '../../infra/remediation-documents.ts';
import { asJson, dryRun, type ApiCaller } from '../support/automation-dry-run.ts';
import { botocoreModels, select, shapeAtSelector } from '../support/ssm-validator.ts';

const { CreateCacheClusterCommand, CreateReplicationGroupCommand, DeleteReplicationGroupCommand, DescribeReplicationGroupsCommand, ElastiCacheClient } = elasticache;

const BACKUP_GROUP = 'elasticache-automatic-backup-replication-group.yaml';
const BACKUP_CLUSTER = 'elasticache-automatic-backup-cache-cluster.yaml';
const TLS_GROUP = 'elasticache-encryption-in-transit-replication-group.yaml';
const FAILOVER_GROUP = 'elasticache-high-availability-replication-group.yaml';
const MINOR_UPGRADE_GROUP = 'elasticache-auto-minor-version-upgrade-replication-group.yaml';
const MINOR_UPGRADE_CLUSTER = 'elasticache-auto-minor-version-upgrade-cache-cluster.yaml';
const LOG_GROUP_DOCUMENT = 'elasticache-log-delivery-replication-group.yaml';
const TOPIC_DOCUMENT = 'elasticache-event-notifications-replication-group.yaml';
const ROLE = 'arn:aws:iam::123456789012:role/ElastiCacheRemediation';
const RETENTION = 7;

let server: MotoServer;
let client: InstanceType<typeof ElastiCacheClient>;
let call: ApiCaller;

/** Runs an ElastiCache operation by name through the SDK v3 client, as Automation does through boto3. */
const elastiCacheCaller = (target: InstanceType<typeof ElastiCacheClient>): ApiCaller => async (service, api, input) => {
  if (service !== 'elasticache') throw new Error(`this test calls only elasticache, not ${service}`);
  const Command = (elasticache as unknown as Record<string, new (input: unknown) => any>)[`${api}Command`];
  if (Command === undefined) throw new Error(`@aws-sdk/client-elasticache has no ${api}Command`);
  return target.send(new Command(input));
};

async function createReplicationGroup(id: string, settings: Partial<elasticache.CreateReplicationGroupCommandInput>): Promise<void> {
  await client.send(
    new CreateReplicationGroupCommand({
      ReplicationGroupId: id,
      ReplicationGroupDescription: `remediation test ${id}`,
      Engine: 'redis',
      CacheNodeType: 'cache.t3.micro',
      ReplicasPerNodeGroup: 1,
      ...settings,
    }),
  );
}

async function createCacheCluster(id: string, engine: string, settings: Partial<elasticache.CreateCacheClusterCommandInput> = {}): Promise<void> {
  await client.send(new CreateCacheClusterCommand({ CacheClusterId: id, Engine: engine, CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1, ...settings }));
}

async function retentionOf(id: string): Promise<number | undefined> {
  const { ReplicationGroups } = await client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id }));
  return ReplicationGroups?.[0]?.SnapshotRetentionLimit;
}

/** The ModifyReplicationGroup requests moto recorded, as their query-protocol form fields. */
async function recordedModifications(): Promise<Record<string, string>[]> {
  const recorded = await server.downloadRecording();
  return recorded
    .filter((request) => request.operation === 'ModifyReplicationGroup')
    .map((request) => Object.fromEntries(new URLSearchParams(request.body)));
}

const isChange = (step: AutomationStep) => step.action === 'aws:executeAwsApi' && !String(step.inputs['Api']).startsWith('Describe');

beforeAll(async () => {
  server = await startMotoServer();
  const env = awsEnvFor(server);
  client = new ElastiCacheClient({
    endpoint: env.AWS_ENDPOINT_URL,
    region: env.AWS_REGION,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! },
    maxAttempts: 1,
  });
  call = elastiCacheCaller(client);
  // The resources every document is pointed at: a group with TLS on in preferred mode and no backups,
  // and a standalone Redis OSS cluster.
  await createReplicationGroup('tls-preferred', { TransitEncryptionEnabled: true, TransitEncryptionMode: 'preferred', SnapshotRetentionLimit: 0 });
  await createCacheCluster('standalone-redis', 'redis');
  // A group with a replica but neither failover nor Multi-AZ, and caches with minor upgrades off
  // (the flag given explicitly: moto 5.2.5 omits it otherwise, where AWS always reports it).
  await createReplicationGroup('failover-off', { AutomaticFailoverEnabled: false, MultiAZEnabled: false });
  await createReplicationGroup('minor-upgrades-off', { AutoMinorVersionUpgrade: false });
  await createCacheCluster('standalone-minor-upgrades-off', 'redis', { AutoMinorVersionUpgrade: false, EngineVersion: '7.1' });
}, 90_000);

afterAll(async () => {
  client?.destroy();
  await server?.stop();
}, 15_000);

describe('every selector of every document, on a real Describe response', () => {
  const models = botocoreModels();
  const targets: Record<string, Record<string, string>> = {
    [BACKUP_GROUP]: { ReplicationGroupId: 'tls-preferred' },
    [BACKUP_CLUSTER]: { CacheClusterId: 'standalone-redis' },
    [TLS_GROUP]: { ReplicationGroupId: 'tls-preferred' },
    [FAILOVER_GROUP]: { ReplicationGroupId: 'failover-off' },
    [MINOR_UPGRADE_GROUP]: { ReplicationGroupId: 'minor-upgrades-off' },
    [MINOR_UPGRADE_CLUSTER]: { CacheClusterId: 'standalone-minor-upgrades-off' },
  };
  const selectors = remediationDocuments.flatMap(({ file }) =>
    loadDocument(file).mainSteps.flatMap((step) => {
      const found: { file: string; step: AutomationStep; selector: string }[] = [];
      if (typeof step.inputs['PropertySelector'] === 'string') found.push({ file, step, selector: step.inputs['PropertySelector'] });
      for (const output of step.outputs ?? []) found.push({ file, step, selector: output.Selector });
      return found;
    }),
  );
  const JS_TYPE: Record<string, string> = { string: 'string', integer: 'number', long: 'number', boolean: 'boolean' };

  it.each(selectors.map((entry) => [entry.file, entry.step.name, entry.selector, entry] as const))(
    '%s %s: %s resolves to a value of the modelled type',
    async (file, _step, selector, { step }) => {
      // Prepare
      const api = String(step.inputs['Api']);
      const model = models('elasticache')!;
      const leaf = shapeAtSelector(model, model.operations[api]!.output!.shape, selector);
      if (!('shape' in leaf)) throw new Error(leaf.problem);
      // Act
      const response = asJson(await call('elasticache', api, targets[file]!));
      // Assess
      const value = select(response, selector);
      expect({ selector, type: typeof value }).toEqual({ selector, type: JS_TYPE[leaf.shape.type] });
    },
  );
});

describe(`${BACKUP_GROUP} (dry run)`, () => {
  const document = loadDocument(BACKUP_GROUP);
  const run = (id: string) => dryRun(document, { AutomationAssumeRole: ROLE, ReplicationGroupId: id, SnapshotRetentionLimit: RETENTION }, call);

  it('raises the retention of a group without backups and passes its own final check', async () => {
    // Prepare
    await createReplicationGroup('no-backups', { SnapshotRetentionLimit: 0 });
    await server.startRecording();
    // Act
    const result = await run('no-backups');
    // Assess
    expect(result).toEqual({ outcome: 'succeeded', ran: document.mainSteps.map((step) => step.name) });
    expect(await retentionOf('no-backups')).toBe(RETENTION);
    expect(await recordedModifications()).toEqual([
      expect.objectContaining({ ReplicationGroupId: 'no-backups', SnapshotRetentionLimit: String(RETENTION), ApplyImmediately: 'true' }),
    ]);
  });

  it('leaves a group that already keeps snapshots longer untouched', async () => {
    // Prepare
    await createReplicationGroup('long-backups', { SnapshotRetentionLimit: 35 });
    await server.startRecording();
    // Act
    const result = await run('long-backups');
    // Assess
    expect(result).toMatchObject({ outcome: 'succeeded' });
    expect(result.ran.at(-1)).toBe('RaiseRetentionOnlyIfShorter');
    expect(await retentionOf('long-backups')).toBe(35);
    expect(await recordedModifications()).toEqual([]);
  });

  it('refuses a group that is being deleted, at the status check, without modifying it', async () => {
    // Prepare
    await createReplicationGroup('being-deleted', { SnapshotRetentionLimit: 0 });
    await client.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: 'being-deleted' }));
    await server.startRecording();
    // Act
    const result = await run('being-deleted');
    // Assess
    expect(result).toMatchObject({ outcome: 'failed', at: 'AssertReplicationGroupIsModifiable', reason: expect.stringContaining('"deleting"') });
    expect(await recordedModifications()).toEqual([]);
  });
});

describe(`${BACKUP_CLUSTER} (dry run up to the change: moto has no ModifyCacheCluster)`, () => {
  const document = loadDocument(BACKUP_CLUSTER);
  const run = (id: string) =>
    dryRun(document, { AutomationAssumeRole: ROLE, CacheClusterId: id, SnapshotRetentionLimit: RETENTION }, call, { stopBefore: isChange });

  it('gets to the change for a standalone Redis OSS cluster without backups', async () => {
    expect(await run('standalone-redis')).toMatchObject({ outcome: 'stopped', at: 'SetSnapshotRetentionLimit' });
  });

  it('refuses a Memcached cluster, which has no snapshots', async () => {
    // Prepare
    await createCacheCluster('memcached', 'memcached');
    // Act
    const result = await run('memcached');
    // Assess
    expect(result).toMatchObject({ outcome: 'failed', at: 'AssertCacheClusterIsRedisOrValkey' });
  });
});

describe(`${TLS_GROUP} (dry run up to the change: moto ignores TransitEncryptionMode on modify)`, () => {
  const document = loadDocument(TLS_GROUP);
  const run = (id: string) => dryRun(document, { AutomationAssumeRole: ROLE, ReplicationGroupId: id }, call, { stopBefore: isChange });

  it('gets to the change for a group with TLS on in preferred mode', async () => {
    expect(await run('tls-preferred')).toMatchObject({ outcome: 'stopped', at: 'RequireTls' });
  });

  it('never touches a group with TLS off', async () => {
    // Prepare
    await createReplicationGroup('tls-off', { TransitEncryptionEnabled: false });
    // Act
    const result = await run('tls-off');
    // Assess
    expect(result).toMatchObject({ outcome: 'failed', at: 'AssertTlsIsOn', ran: ['AssertTlsIsOn'] });
  });

  it('does not act on a group already in required mode', async () => {
    // Prepare
    await createReplicationGroup('tls-required', { TransitEncryptionEnabled: true, TransitEncryptionMode: 'required' });
    // Act
    const result = await run('tls-required');
    // Assess
    expect(result).toMatchObject({ outcome: 'failed', at: 'AssertTlsModeIsPreferred' });
  });
});

describe(`${FAILOVER_GROUP} (dry run)`, () => {
  const document = loadDocument(FAILOVER_GROUP);
  const run = (id: string) => dryRun(document, { AutomationAssumeRole: ROLE, ReplicationGroupId: id }, call);

  it('enables automatic failover and Multi-AZ on a group with a replica and passes its own final check', async () => {
    // Prepare
    await createReplicationGroup('single-zone', { AutomaticFailoverEnabled: false, MultiAZEnabled: false });
    await server.startRecording();
    // Act
    const result = await run('single-zone');
    // Assess
    expect(result).toEqual({ outcome: 'succeeded', ran: document.mainSteps.map((step) => step.name) });
    const { ReplicationGroups } = await client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'single-zone' }));
    expect(ReplicationGroups?.[0]).toMatchObject({ AutomaticFailover: 'enabled', MultiAZ: 'enabled' });
    expect(await recordedModifications()).toEqual([
      expect.objectContaining({ ReplicationGroupId: 'single-zone', AutomaticFailoverEnabled: 'true', MultiAZEnabled: 'true', ApplyImmediately: 'true' }),
    ]);
  });

  it('refuses a group without a replica, clearly and without modifying it', async () => {
    // Prepare
    await createReplicationGroup('no-replica', { ReplicasPerNodeGroup: 0, AutomaticFailoverEnabled: false });
    await server.startRecording();
    // Act
    const result = await run('no-replica');
    // Assess
    expect(result).toMatchObject({ outcome: 'failed', at: 'AssertReplicationGroupHasAReplica', reason: expect.stringContaining('NodeGroupMembers[1]') });
    expect(await recordedModifications()).toEqual([]);
  });

  it('refuses a cluster-mode-enabled group, whose shards it cannot count', async () => {
    // Prepare
    await createReplicationGroup('sharded', { ClusterMode: 'enabled', NumNodeGroups: 2, ReplicasPerNodeGroup: 1, AutomaticFailoverEnabled: true, MultiAZEnabled: false });
    // Act
    const result = await run('sharded');
    // Assess
    expect(result).toMatchObject({ outcome: 'failed', at: 'AssertClusterModeIsDisabled' });
  });
});

describe(`${MINOR_UPGRADE_GROUP} (dry run)`, () => {
  const document = loadDocument(MINOR_UPGRADE_GROUP);
  const run = (id: string) => dryRun(document, { AutomationAssumeRole: ROLE, ReplicationGroupId: id }, call);

  it('turns minor upgrades on for a group with them off and passes its own final check', async () => {
    // Prepare
    await createReplicationGroup('upgrades-off-group', { AutoMinorVersionUpgrade: false });
    await server.startRecording();
    // Act
    const result = await run('upgrades-off-group');
    // Assess
    expect(result).toEqual({ outcome: 'succeeded', ran: document.mainSteps.map((step) => step.name) });
    const { ReplicationGroups } = await client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'upgrades-off-group' }));
    expect(ReplicationGroups?.[0]?.AutoMinorVersionUpgrade).toBe(true);
    expect(await recordedModifications()).toEqual([
      expect.objectContaining({ ReplicationGroupId: 'upgrades-off-group', AutoMinorVersionUpgrade: 'true', ApplyImmediately: 'true' }),
    ]);
  });

  it('refuses a group that is being deleted, at the status check, without modifying it', async () => {
    // Prepare
    await createReplicationGroup('minor-upgrades-deleted', { AutoMinorVersionUpgrade: false });
    await client.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: 'minor-upgrades-deleted' }));
    await server.startRecording();
    // Act
    const result = await run('minor-upgrades-deleted');
    // Assess
    expect(result).toMatchObject({ outcome: 'failed', at: 'AssertReplicationGroupIsModifiable' });
    expect(await recordedModifications()).toEqual([]);
  });
});

describe(`${MINOR_UPGRADE_CLUSTER} (dry run)`, () => {
  const document = loadDocument(MINOR_UPGRADE_CLUSTER);
  const run = (id: string) => dryRun(document, { AutomationAssumeRole: ROLE, CacheClusterId: id }, call);

  it('turns minor upgrades on for a standalone Redis OSS cluster and passes its own final check', async () => {
    // Prepare
    await createCacheCluster('upgrades-off-cluster', 'redis', { AutoMinorVersionUpgrade: false, EngineVersion: '7.1' });
    // Act
    const result = await run('upgrades-off-cluster');
    // Assess
    expect(result).toEqual({ outcome: 'succeeded', ran: document.mainSteps.map((step) => step.name) });
    const { CacheClusters } = await client.send(new elasticache.DescribeCacheClustersCommand({ CacheClusterId: 'upgrades-off-cluster' }));
    expect(CacheClusters?.[0]?.AutoMinorVersionUpgrade).toBe(true);
  });

  it('refuses a Memcached cluster, where the flag has no effect', async () => {
    // Prepare
    await createCacheCluster('memcached-minor-upgrades', 'memcached');
    // Act
    const result = await run('memcached-minor-upgrades');
    // Assess
    expect(result).toMatchObject({ outcome: 'failed', at: 'AssertCacheClusterIsRedisOrValkey' });
  });
});

// Until the emulator serves LogDeliveryConfigurations statuses and member NotificationConfiguration,
// these two documents run here only up to their change; the rule's next evaluation checks the result.
describe.each([
  [LOG_GROUP_DOCUMENT, { LogGroupName: '/aws/elasticache/slow-log' }, 'DeliverSlowLog'],
  [TOPIC_DOCUMENT, { TopicArn: 'arn:aws:sns:us-east-1:123456789012:elasticache-operations' }, 'SetNotificationTopic'],
] as const)('%s (dry run up to the change)', (file, parameters, change) => {
  const document = loadDocument(file);
  const run = (id: string) => dryRun(document, { AutomationAssumeRole: ROLE, ReplicationGroupId: id, ...parameters }, call, { stopBefore: isChange });

  it('gets to the change for an available group', async () => {
    expect(await run('tls-preferred')).toMatchObject({ outcome: 'stopped', at: change });
  });

  it('refuses a group that is being deleted, at the status check', async () => {
    // Prepare
    const id = `${change.toLowerCase().slice(0, 20)}-deleted`;
    await createReplicationGroup(id, {});
    await client.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: id }));
    // Act
    const result = await run(id);
    // Assess
    expect(result).toMatchObject({ outcome: 'failed', at: 'AssertReplicationGroupIsModifiable', reason: expect.stringContaining('"deleting"') });
  });
});

describe('SSM CreateDocument', () => {
  // The first SSM call loads moto's SSM backend (its bundled public documents): seconds on a busy machine.
  it.each(remediationDocuments.map(({ file }) => [file]))('accepts %s as a YAML Automation document', async (file) => {
    // Prepare
    const name = file.replace(/\.yaml$/, '');
    const declared = loadDocument(file).parameters;
    // Act
    const env = awsEnvFor(server);
    const ssm = new SSMClient({
      endpoint: env.AWS_ENDPOINT_URL,
      region: env.AWS_REGION,
      credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! },
      maxAttempts: 1,
    });
    const { DocumentDescription: created } = await ssm.send(
      new CreateDocumentCommand({ Name: name, Content: documentText(file), DocumentType: 'Automation', DocumentFormat: 'YAML' }),
    );
    // Assess
    expect(created).toMatchObject({ Name: name, DocumentType: 'Automation', DocumentFormat: 'YAML', SchemaVersion: '0.3' });
    const parameters = (created?.Parameters ?? []).map(({ Name, Type }) => ({ Name, Type }));
    expect(parameters).toEqual(Object.entries(declared).map(([Name, { type }]) => ({ Name, Type: type })));
    // The first SSM call makes moto load its SSM backend, which takes seconds on a loaded machine.
  }, 30_000);
});
