/**
 * The demo estate: a dozen caches across Redis OSS, Valkey and Memcached in a network and under KMS
 * keys chosen so that each cache shows one thing a control catches (or passes). `npm run demo` seeds
 * it with `seedDemoEstate`; the integration tests reuse its network and keys.
 */
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, DescribeSubnetsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import {
  AddTagsToResourceCommand,
  CreateGlobalReplicationGroupCommand,
  CreateReplicationGroupCommand,
  CreateUserCommand,
  CreateUserGroupCommand,
  DescribeReplicationGroupsCommand,
  ModifyReplicationGroupCommand,
} from '@aws-sdk/client-elasticache';
import { DisableKeyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import {
  addRoutes,
  createCacheCluster,
  createEgressOnlyInternetGateway,
  createInternetGateway,
  createKey,
  createNatGateway,
  createReplicationGroup,
  createServerlessCache,
  createRouteTable,
  createSubnet,
  createSubnetGroup,
  createVpc,
  estateClients,
  mainRouteTableOf,
  type CacheClusterSpec,
  type EstateClients,
  type EstateKey,
  type ReplicationGroupSpec,
  type ServerlessCacheSpec,
} from './estate-builders.ts';

/* ------------------------------------------------------------------------------------------------
 * Network
 * ---------------------------------------------------------------------------------------------- */

/** The cache subnet groups of the demo network, by what their subnets' routing makes them. */
export interface DemoNetwork {
  /** Explicit route table: 0.0.0.0/0 and ::/0 → internet gateway. */
  publicSubnets: string;
  /** Explicit route table: IPv4 only through NAT, but ::/0 → internet gateway. */
  ipv6PublicSubnets: string;
  /** Explicit route table: 0.0.0.0/0 → NAT gateway, ::/0 → egress-only internet gateway. */
  privateSubnets: string;
  /** No explicit association: the app VPC's main route table (local routes only) governs. */
  isolatedSubnets: string;
  /** No explicit association in a second VPC whose main route table sends 0.0.0.0/0 to its igw. */
  legacyVpcSubnets: string;
  /** The account's default VPC, public as AWS creates it (its main route table → internet gateway). */
  defaultVpcSubnets: string;
  /** Subnet ids, for serverless caches (which name subnets, not a subnet group). */
  subnetIds: { public: string[]; private: string[]; isolated: string[] };
  routeTables: { public: string; ipv6Public: string; private: string; appMain: string; legacyMain: string };
  vpcs: { app: string; legacy: string };
}

/**
 * Two VPCs. The app VPC has public, IPv6-public, private (NAT, egress-only) and isolated subnets.
 * The legacy VPC's main route table is public, which must not leak into the app VPC's isolated
 * subnets (falling back to "any" main route table is a known false positive of other tools).
 */
export async function createDemoNetwork(clients: EstateClients): Promise<DemoNetwork> {
  const app = await createVpc(clients, 'app-vpc', '10.20.0.0/16', true);
  const subnet = (name: string, cidr: string, az: string) => createSubnet(clients, app, name, cidr, az);
  const publicA = await subnet('app-public-a', '10.20.0.0/24', 'us-east-1a');
  const publicB = await subnet('app-public-b', '10.20.1.0/24', 'us-east-1b');
  const ipv6PublicA = await subnet('app-ipv6-public-a', '10.20.2.0/24', 'us-east-1a');
  const privateA = await subnet('app-private-a', '10.20.10.0/24', 'us-east-1a');
  const privateB = await subnet('app-private-b', '10.20.11.0/24', 'us-east-1b');
  const isolatedA = await subnet('app-isolated-a', '10.20.20.0/24', 'us-east-1a');
  const isolatedB = await subnet('app-isolated-b', '10.20.21.0/24', 'us-east-1b');

  const igw = await createInternetGateway(clients, app, 'app-igw');
  const eigw = await createEgressOnlyInternetGateway(clients, app, 'app-eigw');
  const nat = await createNatGateway(clients, publicA, 'app-nat');

  const routeTables = {
    public: await createRouteTable(clients, app, 'app-public', [
      { destination: '0.0.0.0/0', gatewayId: igw },
      { destination: '::/0', gatewayId: igw },
    ], [publicA, publicB]),
    ipv6Public: await createRouteTable(clients, app, 'app-ipv6-public', [
      { destination: '0.0.0.0/0', natGatewayId: nat },
      { destination: '::/0', gatewayId: igw },
    ], [ipv6PublicA]),
    private: await createRouteTable(clients, app, 'app-private', [
      { destination: '0.0.0.0/0', natGatewayId: nat },
      { destination: '::/0', egressOnlyInternetGatewayId: eigw },
    ], [privateA, privateB]),
    appMain: await mainRouteTableOf(clients, app),
    legacyMain: '',
  };

  const legacy = await createVpc(clients, 'legacy-vpc', '10.30.0.0/16');
  const legacyA = await createSubnet(clients, legacy, 'legacy-a', '10.30.0.0/24', 'us-east-1a');
  routeTables.legacyMain = await mainRouteTableOf(clients, legacy);
  await addRoutes(clients, routeTables.legacyMain, [{ destination: '0.0.0.0/0', gatewayId: await createInternetGateway(clients, legacy, 'legacy-igw') }]);

  return {
    defaultVpcSubnets: await createDefaultVpcSubnetGroup(clients),
    subnetIds: { public: [publicA, publicB], private: [privateA, privateB], isolated: [isolatedA, isolatedB] },
    publicSubnets: await createSubnetGroup(clients, 'public-subnets', [publicA, publicB]),
    ipv6PublicSubnets: await createSubnetGroup(clients, 'ipv6-public-subnets', [ipv6PublicA]),
    privateSubnets: await createSubnetGroup(clients, 'private-subnets', [privateA, privateB]),
    isolatedSubnets: await createSubnetGroup(clients, 'isolated-subnets', [isolatedA, isolatedB]),
    legacyVpcSubnets: await createSubnetGroup(clients, 'legacy-vpc-subnets', [legacyA]),
    routeTables,
    vpcs: { app, legacy },
  };
}

/**
 * A subnet group of the default VPC's subnets. AWS gives every Region a default VPC whose main route
 * table sends 0.0.0.0/0 to an internet gateway; the emulator's default VPC has none, so it is added.
 */
async function createDefaultVpcSubnetGroup(clients: EstateClients): Promise<string> {
  const { Vpcs } = await clients.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
  const vpcId = Vpcs?.[0]?.VpcId;
  if (!vpcId) throw new Error('the emulator reported no default VPC');
  const { Subnets } = await clients.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
  const subnetIds = (Subnets ?? []).flatMap((subnet) => (subnet.SubnetId ? [subnet.SubnetId] : [])).slice(0, 2);
  await addRoutes(clients, await mainRouteTableOf(clients, vpcId), [{ destination: '0.0.0.0/0', gatewayId: await createInternetGateway(clients, vpcId, 'default-igw') }]);
  return createSubnetGroup(clients, 'default-vpc-subnets', subnetIds);
}

/* ------------------------------------------------------------------------------------------------
 * KMS
 * ---------------------------------------------------------------------------------------------- */

export interface DemoKeys {
  /** Enabled customer managed key. */
  enabled: EstateKey;
  /** A second enabled customer managed key, for approved-key lists that exclude it. */
  other: EstateKey;
  disabled: EstateKey;
  pendingDeletion: EstateKey;
}

export async function createDemoKeys(clients: EstateClients): Promise<DemoKeys> {
  const keys: DemoKeys = {
    enabled: await createKey(clients, 'payments-cache', 'Customer managed key for payment caches'),
    other: await createKey(clients, 'search-cache', 'Customer managed key of the search team'),
    disabled: await createKey(clients, 'orders-cache-disabled', 'Disabled by mistake during a key rotation'),
    pendingDeletion: await createKey(clients, 'reporting-cache-retired', 'Scheduled for deletion while still in use'),
  };
  await clients.kms.send(new DisableKeyCommand({ KeyId: keys.disabled.keyId }));
  await clients.kms.send(new ScheduleKeyDeletionCommand({ KeyId: keys.pendingDeletion.keyId, PendingWindowInDays: 7 }));
  return keys;
}

/* ------------------------------------------------------------------------------------------------
 * The demo estate
 * ---------------------------------------------------------------------------------------------- */

export interface SeededCache {
  resourceType: 'AWS::ElastiCache::ReplicationGroup' | 'AWS::ElastiCache::CacheCluster' | 'AWS::ElastiCache::ServerlessCache';
  id: string;
  /** Engine, version and shape, e.g. "Valkey 8.0 replication group, 2 nodes". */
  what: string;
  /** What this cache is in the estate to show. */
  shows: string;
}

export interface DemoEstate {
  caches: SeededCache[];
  /** The subnet groups the caches use, with what their routing makes them. */
  subnetGroups: { name: string; routing: string }[];
  /** The KMS keys the caches use, with their state. */
  kmsKeys: { alias: string; state: string }[];
  network: DemoNetwork;
  keys: DemoKeys;
}

const GROUP = 'AWS::ElastiCache::ReplicationGroup' as const;
const CLUSTER = 'AWS::ElastiCache::CacheCluster' as const;
const SERVERLESS = 'AWS::ElastiCache::ServerlessCache' as const;
/** The operations team's SNS topic for ElastiCache events (the emulator's default account). */
const CACHE_EVENTS_TOPIC = 'arn:aws:sns:us-east-1:123456789012:elasticache-events';

const ENGINE_NAMES = { redis: 'Redis OSS', valkey: 'Valkey', memcached: 'Memcached' } as const;

/** A dozen caches across Redis OSS, Valkey and Memcached, each there to show one verdict. */
/** The tag cross-region-recovery looks for by default. */
async function markCritical(clients: EstateClients, groupId: string): Promise<void> {
  const { ReplicationGroups } = await clients.elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: groupId }));
  await clients.elasticache.send(
    new AddTagsToResourceCommand({ ResourceName: ReplicationGroups![0]!.ARN!, Tags: [{ Key: 'resilience-tier', Value: 'critical' }] }),
  );
}

/** Marks the group critical and makes it the primary of a global datastore with a secondary in `region`. */
async function replicateToAnotherRegion(env: Readonly<Record<string, string>>, groupId: string, region: string): Promise<void> {
  const clients = estateClients(env);
  await markCritical(clients, groupId);
  const { GlobalReplicationGroup } = await clients.elasticache.send(
    new CreateGlobalReplicationGroupCommand({ GlobalReplicationGroupIdSuffix: groupId, PrimaryReplicationGroupId: groupId }),
  );
  await estateClients({ ...env, AWS_REGION: region }).elasticache.send(
    new CreateReplicationGroupCommand({
      ReplicationGroupId: `${groupId}-${region}`,
      ReplicationGroupDescription: `${groupId} secondary`,
      GlobalReplicationGroupId: GlobalReplicationGroup!.GlobalReplicationGroupId,
      NumCacheClusters: 2,
    }),
  );
}

export async function seedDemoEstate(env: Readonly<Record<string, string>>): Promise<DemoEstate> {
  const clients = estateClients(env);
  const network = await createDemoNetwork(clients);
  const keys = await createDemoKeys(clients);
  const caches: SeededCache[] = [];

  const group = async (spec: ReplicationGroupSpec, shows: string) => {
    const members = await createReplicationGroup(clients, spec);
    const shape = (spec.shards ?? 1) > 1 ? `cluster mode, ${spec.shards} shards, ` : '';
    caches.push({ resourceType: GROUP, id: spec.id, what: `${ENGINE_NAMES[spec.engine]} ${spec.engineVersion} replication group (${shape}${members.length} node${members.length === 1 ? '' : 's'})`, shows });
  };
  const cluster = async (spec: CacheClusterSpec, shows: string) => {
    await createCacheCluster(clients, spec);
    const nodes = spec.nodes ?? 1;
    const shape = spec.engine === 'memcached' ? `cluster (${nodes} node${nodes === 1 ? '' : 's'})` : 'standalone cluster (not in a replication group)';
    caches.push({ resourceType: CLUSTER, id: spec.id, what: `${ENGINE_NAMES[spec.engine]} ${spec.engineVersion} ${shape}`, shows });
  };
  const { privateSubnets, publicSubnets, ipv6PublicSubnets, isolatedSubnets, legacyVpcSubnets } = network;

  await group(
    { id: 'payments-sessions', engine: 'redis', engineVersion: '7.1', subnetGroup: privateSubnets, tls: 'required', atRest: { kmsKeyId: keys.enabled.arn }, retentionDays: 7, nodeType: 'cache.r7g.large', securityGroupIds: [await applicationOnlySecurityGroup(clients, network.vpcs.app)], notificationTopicArn: CACHE_EVENTS_TOPIC, slowLogGroup: '/elasticache/payments-sessions/slow-log' },
    'the model: TLS required, customer managed key, 7-day backups, private subnets (NAT / egress-only routes), RBAC with a password-protected default user, port open to the application\'s security group only, a replica in another zone, events to SNS, slow log delivered; tagged critical, with a copy in us-west-2 (global datastore)',
  );
  await attachPasswordProtectedUserGroup(clients, 'payments-sessions');
  await replicateToAnotherRegion(env, 'payments-sessions', 'us-west-2');
  await group(
    { id: 'checkout-cart', engine: 'valkey', engineVersion: '8.0', subnetGroup: privateSubnets, tls: 'required', atRest: 'default-key', retentionDays: 35 },
    'Valkey is judged like Redis OSS (its members, listed without ReplicationGroupId, are joined through the group\'s MemberClusters); AWS owned key; 35-day backups',
  );
  await group(
    { id: 'inventory-sharded', engine: 'valkey', engineVersion: '7.2', subnetGroup: isolatedSubnets, tls: 'required', atRest: { kmsKeyId: keys.enabled.arn }, retentionDays: 7, shards: 2 },
    'cluster mode; subnets with no route table of their own fall back to their own VPC\'s (private) main route table',
  );
  await group(
    { id: 'catalog-search', engine: 'redis', engineVersion: '7.1', subnetGroup: privateSubnets, tls: 'preferred', atRest: { kmsKeyId: keys.other.arn }, retentionDays: 1 },
    'TLS in preferred mode still accepts plaintext (every other tool passes it); backups kept only 1 day',
  );
  await group(
    { id: 'orders-queue', engine: 'valkey', engineVersion: '7.2', subnetGroup: privateSubnets, tls: 'required', atRest: { kmsKeyId: keys.disabled.arn }, retentionDays: 7 },
    'encrypted with a DISABLED KMS key: data and snapshots are unreadable',
  );
  await group(
    { id: 'reporting-cache', engine: 'redis', engineVersion: '7.0', subnetGroup: ipv6PublicSubnets, tls: 'required', atRest: { kmsKeyId: keys.pendingDeletion.arn }, retentionDays: 14 },
    'KMS key pending deletion; subnet private for IPv4 (NAT) but public for IPv6 (::/0 → internet gateway)',
  );
  await group(
    { id: 'partner-api-tokens', engine: 'redis', engineVersion: '7.1', subnetGroup: legacyVpcSubnets, tls: 'required', atRest: { kmsKeyId: keys.enabled.arn }, retentionDays: 7 },
    'in another VPC whose main route table sends 0.0.0.0/0 to an internet gateway: public through the fallback',
  );
  await group(
    { id: 'analytics-scratch', engine: 'redis', engineVersion: '5.0.6', subnetGroup: network.defaultVpcSubnets, tls: 'off', atRest: 'off', retentionDays: 0, replicas: 0 },
    'everything wrong: no TLS, no encryption at rest, no backups, the default VPC\'s public subnets, no replica, Redis OSS 5 (on paid Extended Support since 2026-02-01, no automatic minor upgrades); tagged critical, yet in no global datastore',
  );
  await markCritical(clients, 'analytics-scratch');
  await cluster(
    { id: 'feature-flags', engine: 'redis', engineVersion: '7.1', subnetGroup: privateSubnets, tls: false, retentionDays: 7 },
    'a standalone Redis OSS cluster is judged too (AWS managed rules skip it): no TLS; no at-rest encryption (AWS offers none for standalone clusters)',
  );
  await cluster(
    { id: 'rate-limiter', engine: 'valkey', engineVersion: '8.0', subnetGroup: isolatedSubnets, tls: true, retentionDays: 0 },
    'standalone Valkey with TLS (a standalone cluster has no preferred mode: TLS only) but backups off',
  );
  await cluster(
    { id: 'product-page-fragments', engine: 'memcached', engineVersion: '1.6.22', subnetGroup: privateSubnets, tls: true, nodes: 3 },
    'Memcached 1.6.22 with TLS (1.6.12+); at-rest and backups do not apply to Memcached',
  );
  await cluster(
    { id: 'legacy-cache', engine: 'memcached', engineVersion: '1.5.16', subnetGroup: publicSubnets, tls: false, nodes: 2 },
    'Memcached 1.5.16 cannot do TLS at all (needs 1.6.12+), and sits in public subnets',
  );
  const serverless = async (spec: ServerlessCacheSpec, shows: string) => {
    await createServerlessCache(clients, spec);
    caches.push({ resourceType: SERVERLESS, id: spec.name, what: `${ENGINE_NAMES[spec.engine]} ${spec.majorEngineVersion} serverless cache`, shows });
  };
  await createPasswordProtectedUserGroup(clients, 'sessions', 'valkey');
  await serverless(
    { name: 'sessions', engine: 'valkey', majorEngineVersion: '8', subnetIds: network.subnetIds.private, kmsKeyId: keys.enabled.arn, userGroupId: 'sessions-users', retentionDays: 7, securityGroupIds: [await applicationOnlySecurityGroup(clients, network.vpcs.app, 'sessions')] },
    'serverless Valkey done right: customer managed key, RBAC with passwords only, 7-day snapshots, private subnets (no managed rule or scanner looks at serverless caches at all)',
  );
  await serverless(
    { name: 'search-suggestions', engine: 'redis', majorEngineVersion: '7', subnetIds: network.subnetIds.private, retentionDays: 0 },
    'serverless Redis OSS with no user group (anyone who reaches it connects without a password) and snapshots off',
  );
  await serverless(
    { name: 'page-fragments', engine: 'memcached', majorEngineVersion: '1.6', subnetIds: network.subnetIds.public, retentionDays: 1 },
    'serverless Memcached in public subnets (serverless Memcached takes snapshots, so backups apply)',
  );
  const subnetGroups = [
    { name: publicSubnets, routing: '0.0.0.0/0 and ::/0 → internet gateway' },
    { name: ipv6PublicSubnets, routing: 'IPv4 through a NAT gateway, but ::/0 → internet gateway' },
    { name: privateSubnets, routing: '0.0.0.0/0 → NAT gateway, ::/0 → egress-only internet gateway' },
    { name: isolatedSubnets, routing: 'no route table of their own: their VPC\'s main one (local routes only)' },
    { name: legacyVpcSubnets, routing: 'another VPC, whose main route table sends 0.0.0.0/0 → internet gateway' },
    { name: network.defaultVpcSubnets, routing: 'the default VPC, whose main route table sends 0.0.0.0/0 → internet gateway' },
  ];
  const kmsKeys = [
    { alias: keys.enabled.alias, state: 'enabled, customer managed' },
    { alias: keys.other.alias, state: 'enabled, customer managed (another team\'s)' },
    { alias: keys.disabled.alias, state: 'disabled' },
    { alias: keys.pendingDeletion.alias, state: 'pending deletion' },
  ];
  return { caches, subnetGroups, kmsKeys, network, keys };
}

/** A security group admitting the cache port only from the application's own security group. */
async function applicationOnlySecurityGroup(clients: EstateClients, vpcId: string, application = 'payments'): Promise<string> {
  const { GroupId: app } = await clients.ec2.send(new CreateSecurityGroupCommand({ GroupName: `${application}-app`, Description: `${application} application`, VpcId: vpcId }));
  const { GroupId: cache } = await clients.ec2.send(new CreateSecurityGroupCommand({ GroupName: `${application}-cache`, Description: `${application} cache`, VpcId: vpcId }));
  await clients.ec2.send(
    new AuthorizeSecurityGroupIngressCommand({ GroupId: cache, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 6379, ToPort: 6379, UserIdGroupPairs: [{ GroupId: app }] }] }),
  );
  return cache!;
}

/**
 * RBAC as AWS recommends it: a replacement default user that is off, and an application user with a
 * password, in user group `<name>-users`.
 */
async function createPasswordProtectedUserGroup(clients: EstateClients, name: string, engine: 'redis' | 'valkey' = 'redis'): Promise<string> {
  const password = 'demo-only-password-not-a-secret';
  await clients.elasticache.send(new CreateUserCommand({ UserId: `${name}-default`, UserName: 'default', Engine: engine, AccessString: 'off ~* -@all', Passwords: [password] }));
  await clients.elasticache.send(new CreateUserCommand({ UserId: `${name}-app`, UserName: `${name}-app`, Engine: engine, AccessString: 'on ~* +@all', Passwords: [password] }));
  await clients.elasticache.send(new CreateUserGroupCommand({ UserGroupId: `${name}-users`, Engine: engine, UserIds: [`${name}-default`, `${name}-app`] }));
  return `${name}-users`;
}

async function attachPasswordProtectedUserGroup(clients: EstateClients, replicationGroupId: string): Promise<void> {
  const userGroupId = await createPasswordProtectedUserGroup(clients, replicationGroupId);
  await clients.elasticache.send(new ModifyReplicationGroupCommand({ ReplicationGroupId: replicationGroupId, UserGroupIdsToAdd: [userGroupId], ApplyImmediately: true }));
}
