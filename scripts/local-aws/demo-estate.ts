/**
 * Builds ElastiCache estates in the local emulator with the SDK v3 clients, exactly as one would in
 * AWS: networks (VPCs, subnets, route tables, gateways), KMS keys, replication groups with their
 * member clusters, standalone clusters. The integration tests use the building blocks; the demo
 * uses `seedDemoEstate`, a dozen caches that each show one thing a control catches (or passes).
 *
 * Emulator quirks this works around (moto 5.2.5):
 * - CreateReplicationGroup names its member clusters (MemberClusters) but creates none: each member
 *   is created here with CreateCacheCluster(ReplicationGroupId=…), carrying what AWS would give it
 *   (engine, version, node type, subnet group, TLS flag, retention).
 * - Members of a non-"redis" engine (Valkey) are listed without ReplicationGroupId: only the group's
 *   MemberClusters links them, which is what the inventory must (and does) cope with.
 */
import {
  AllocateAddressCommand,
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  CreateEgressOnlyInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeRouteTablesCommand,
  EC2Client,
  type ResourceType,
} from '@aws-sdk/client-ec2';
import {
  CreateCacheClusterCommand,
  CreateCacheSubnetGroupCommand,
  CreateReplicationGroupCommand,
  ElastiCacheClient,
} from '@aws-sdk/client-elasticache';
import { CreateAliasCommand, CreateKeyCommand, DisableKeyCommand, KMSClient, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';

/* ------------------------------------------------------------------------------------------------
 * Clients
 * ---------------------------------------------------------------------------------------------- */

export interface EstateClients {
  ec2: EC2Client;
  elasticache: ElastiCacheClient;
  kms: KMSClient;
}

/** Clients configured from an environment such as `awsEnvFor(server)`, without touching process.env. */
export function estateClients(env: Readonly<Record<string, string>>): EstateClients {
  const config = {
    region: env.AWS_REGION ?? 'us-east-1',
    ...(env.AWS_ENDPOINT_URL ? { endpoint: env.AWS_ENDPOINT_URL } : {}),
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'testing',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'testing',
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    },
    maxAttempts: Number(env.AWS_MAX_ATTEMPTS ?? 3),
  };
  return { ec2: new EC2Client(config), elasticache: new ElastiCacheClient(config), kms: new KMSClient(config) };
}

/* ------------------------------------------------------------------------------------------------
 * Network
 * ---------------------------------------------------------------------------------------------- */

const named = (type: ResourceType, name: string) => [{ ResourceType: type, Tags: [{ Key: 'Name', Value: name }] }];

export interface RouteSpec {
  /** An IPv4 or IPv6 CIDR ("0.0.0.0/0", "::/0"). */
  destination: string;
  gatewayId?: string;
  natGatewayId?: string;
  egressOnlyInternetGatewayId?: string;
}

export async function createVpc(clients: EstateClients, name: string, cidr: string, ipv6 = false): Promise<string> {
  const { Vpc } = await clients.ec2.send(
    new CreateVpcCommand({ CidrBlock: cidr, AmazonProvidedIpv6CidrBlock: ipv6, TagSpecifications: named('vpc', name) }),
  );
  return Vpc!.VpcId!;
}

export async function createSubnet(
  clients: EstateClients,
  vpcId: string,
  name: string,
  cidr: string,
  availabilityZone: string,
): Promise<string> {
  const { Subnet } = await clients.ec2.send(
    new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: availabilityZone, TagSpecifications: named('subnet', name) }),
  );
  return Subnet!.SubnetId!;
}

export async function createInternetGateway(clients: EstateClients, vpcId: string, name: string): Promise<string> {
  const { InternetGateway } = await clients.ec2.send(
    new CreateInternetGatewayCommand({ TagSpecifications: named('internet-gateway', name) }),
  );
  const id = InternetGateway!.InternetGatewayId!;
  await clients.ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: id, VpcId: vpcId }));
  return id;
}

/** A route table with `routes`, explicitly associated with `subnetIds`. */
export async function createRouteTable(
  clients: EstateClients,
  vpcId: string,
  name: string,
  routes: readonly RouteSpec[],
  subnetIds: readonly string[],
): Promise<string> {
  const { RouteTable } = await clients.ec2.send(
    new CreateRouteTableCommand({ VpcId: vpcId, TagSpecifications: named('route-table', name) }),
  );
  const id = RouteTable!.RouteTableId!;
  await addRoutes(clients, id, routes);
  for (const subnetId of subnetIds) {
    await clients.ec2.send(new AssociateRouteTableCommand({ RouteTableId: id, SubnetId: subnetId }));
  }
  return id;
}

export async function addRoutes(clients: EstateClients, routeTableId: string, routes: readonly RouteSpec[]): Promise<void> {
  for (const { destination, ...target } of routes) {
    const to = destination.includes(':') ? { DestinationIpv6CidrBlock: destination } : { DestinationCidrBlock: destination };
    await clients.ec2.send(
      new CreateRouteCommand({
        RouteTableId: routeTableId,
        ...to,
        GatewayId: target.gatewayId,
        NatGatewayId: target.natGatewayId,
        EgressOnlyInternetGatewayId: target.egressOnlyInternetGatewayId,
      }),
    );
  }
}

/** The route table every subnet of the VPC without an explicit association falls back to. */
export async function mainRouteTableOf(clients: EstateClients, vpcId: string): Promise<string> {
  const { RouteTables } = await clients.ec2.send(
    new DescribeRouteTablesCommand({
      Filters: [
        { Name: 'vpc-id', Values: [vpcId] },
        { Name: 'association.main', Values: ['true'] },
      ],
    }),
  );
  return RouteTables![0]!.RouteTableId!;
}

export async function createSubnetGroup(clients: EstateClients, name: string, subnetIds: readonly string[]): Promise<string> {
  await clients.elasticache.send(
    new CreateCacheSubnetGroupCommand({
      CacheSubnetGroupName: name,
      CacheSubnetGroupDescription: name,
      SubnetIds: [...subnetIds],
    }),
  );
  return name;
}

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
  const { EgressOnlyInternetGateway } = await clients.ec2.send(
    new CreateEgressOnlyInternetGatewayCommand({ VpcId: app, TagSpecifications: named('egress-only-internet-gateway', 'app-eigw') }),
  );
  const eigw = EgressOnlyInternetGateway!.EgressOnlyInternetGatewayId!;
  const { AllocationId } = await clients.ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
  const { NatGateway } = await clients.ec2.send(
    new CreateNatGatewayCommand({ SubnetId: publicA, AllocationId, TagSpecifications: named('natgateway', 'app-nat') }),
  );
  const nat = NatGateway!.NatGatewayId!;

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
    publicSubnets: await createSubnetGroup(clients, 'public-subnets', [publicA, publicB]),
    ipv6PublicSubnets: await createSubnetGroup(clients, 'ipv6-public-subnets', [ipv6PublicA]),
    privateSubnets: await createSubnetGroup(clients, 'private-subnets', [privateA, privateB]),
    isolatedSubnets: await createSubnetGroup(clients, 'isolated-subnets', [isolatedA, isolatedB]),
    legacyVpcSubnets: await createSubnetGroup(clients, 'legacy-vpc-subnets', [legacyA]),
    routeTables,
    vpcs: { app, legacy },
  };
}

/* ------------------------------------------------------------------------------------------------
 * KMS
 * ---------------------------------------------------------------------------------------------- */

export interface DemoKey {
  keyId: string;
  arn: string;
  alias: string;
}

export interface DemoKeys {
  /** Enabled customer managed key. */
  enabled: DemoKey;
  /** A second enabled customer managed key, for approved-key lists that exclude it. */
  other: DemoKey;
  disabled: DemoKey;
  pendingDeletion: DemoKey;
}

export async function createKey(clients: EstateClients, alias: string, description: string): Promise<DemoKey> {
  const { KeyMetadata } = await clients.kms.send(new CreateKeyCommand({ Description: description }));
  const key = { keyId: KeyMetadata!.KeyId!, arn: KeyMetadata!.Arn!, alias: `alias/${alias}` };
  await clients.kms.send(new CreateAliasCommand({ AliasName: key.alias, TargetKeyId: key.keyId }));
  return key;
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
 * Caches
 * ---------------------------------------------------------------------------------------------- */

export interface ReplicationGroupSpec {
  id: string;
  engine: 'redis' | 'valkey';
  engineVersion: string;
  subnetGroup?: string;
  tls: 'required' | 'preferred' | 'off';
  /** `default-key`: encrypted with the AWS owned key; otherwise the KMS key ARN to use. */
  atRest: 'off' | 'default-key' | { kmsKeyId: string };
  retentionDays: number;
  /** Replicas per shard; default 1. */
  replicas?: number;
  /** More than one shard turns cluster mode on. */
  shards?: number;
  nodeType?: string;
}

/** Creates the group and, working around the emulator, each member cluster it names. */
export async function createReplicationGroup(clients: EstateClients, spec: ReplicationGroupSpec): Promise<string[]> {
  const replicas = spec.replicas ?? 1;
  const shards = spec.shards ?? 1;
  const nodeType = spec.nodeType ?? 'cache.t4g.small';
  const { ReplicationGroup } = await clients.elasticache.send(
    new CreateReplicationGroupCommand({
      ReplicationGroupId: spec.id,
      ReplicationGroupDescription: spec.id,
      Engine: spec.engine,
      EngineVersion: spec.engineVersion,
      CacheNodeType: nodeType,
      CacheSubnetGroupName: spec.subnetGroup,
      ReplicasPerNodeGroup: replicas,
      ...(shards > 1 ? { ClusterMode: 'enabled' as const, NumNodeGroups: shards } : {}),
      AutomaticFailoverEnabled: replicas > 0,
      MultiAZEnabled: replicas > 0,
      TransitEncryptionEnabled: spec.tls !== 'off',
      ...(spec.tls !== 'off' ? { TransitEncryptionMode: spec.tls } : {}),
      AtRestEncryptionEnabled: spec.atRest !== 'off',
      ...(typeof spec.atRest === 'object' ? { KmsKeyId: spec.atRest.kmsKeyId } : {}),
      SnapshotRetentionLimit: spec.retentionDays,
    }),
  );
  const members = [...new Set(ReplicationGroup?.MemberClusters ?? [])];
  for (const member of members) {
    await clients.elasticache.send(
      new CreateCacheClusterCommand({
        CacheClusterId: member,
        ReplicationGroupId: spec.id,
        Engine: spec.engine,
        EngineVersion: spec.engineVersion,
        CacheNodeType: nodeType,
        CacheSubnetGroupName: spec.subnetGroup,
        TransitEncryptionEnabled: spec.tls !== 'off',
        SnapshotRetentionLimit: spec.retentionDays,
      }),
    );
  }
  return members;
}

export interface CacheClusterSpec {
  id: string;
  engine: 'redis' | 'valkey' | 'memcached';
  engineVersion: string;
  subnetGroup?: string;
  tls: boolean;
  /** Redis OSS / Valkey only (Memcached has no snapshots). */
  retentionDays?: number;
  nodes?: number;
  nodeType?: string;
}

/** A cluster outside any replication group: Memcached, or a single-node Redis OSS / Valkey. */
export async function createCacheCluster(clients: EstateClients, spec: CacheClusterSpec): Promise<void> {
  await clients.elasticache.send(
    new CreateCacheClusterCommand({
      CacheClusterId: spec.id,
      Engine: spec.engine,
      EngineVersion: spec.engineVersion,
      CacheNodeType: spec.nodeType ?? 'cache.t4g.small',
      NumCacheNodes: spec.nodes ?? 1,
      CacheSubnetGroupName: spec.subnetGroup,
      TransitEncryptionEnabled: spec.tls,
      ...(spec.engine !== 'memcached' ? { SnapshotRetentionLimit: spec.retentionDays ?? 0 } : {}),
    }),
  );
}

/* ------------------------------------------------------------------------------------------------
 * The demo estate
 * ---------------------------------------------------------------------------------------------- */

export interface SeededCache {
  resourceType: 'AWS::ElastiCache::ReplicationGroup' | 'AWS::ElastiCache::CacheCluster';
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

const ENGINE_NAMES = { redis: 'Redis OSS', valkey: 'Valkey', memcached: 'Memcached' } as const;

/** A dozen caches across Redis OSS, Valkey and Memcached, each there to show one verdict. */
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
    { id: 'payments-sessions', engine: 'redis', engineVersion: '7.1', subnetGroup: privateSubnets, tls: 'required', atRest: { kmsKeyId: keys.enabled.arn }, retentionDays: 7, nodeType: 'cache.r7g.large' },
    'the model: TLS required, customer managed key, 7-day backups, private subnets (NAT / egress-only routes)',
  );
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
    { id: 'analytics-scratch', engine: 'redis', engineVersion: '6.2', subnetGroup: publicSubnets, tls: 'off', atRest: 'off', retentionDays: 0, replicas: 0 },
    'everything wrong: no TLS, no encryption at rest, no backups, public subnets',
  );
  await cluster(
    { id: 'feature-flags', engine: 'redis', engineVersion: '7.1', subnetGroup: privateSubnets, tls: false, retentionDays: 7 },
    'a standalone Redis OSS cluster is judged too (AWS managed rules skip it): no TLS; no at-rest encryption (AWS offers none for standalone clusters)',
  );
  await cluster(
    { id: 'rate-limiter', engine: 'valkey', engineVersion: '8.0', subnetGroup: isolatedSubnets, tls: true, retentionDays: 0 },
    'standalone Valkey with TLS but backups off; the emulator reports no TLS mode for clusters, so "required" cannot be shown',
  );
  await cluster(
    { id: 'product-page-fragments', engine: 'memcached', engineVersion: '1.6.22', subnetGroup: privateSubnets, tls: true, nodes: 3 },
    'Memcached 1.6.22 with TLS (1.6.12+); at-rest and backups do not apply to Memcached',
  );
  await cluster(
    { id: 'legacy-cache', engine: 'memcached', engineVersion: '1.5.16', subnetGroup: publicSubnets, tls: false, nodes: 2 },
    'Memcached 1.5.16 cannot do TLS at all (needs 1.6.12+), and sits in public subnets',
  );
  const subnetGroups = [
    { name: publicSubnets, routing: '0.0.0.0/0 and ::/0 → internet gateway' },
    { name: ipv6PublicSubnets, routing: 'IPv4 through a NAT gateway, but ::/0 → internet gateway' },
    { name: privateSubnets, routing: '0.0.0.0/0 → NAT gateway, ::/0 → egress-only internet gateway' },
    { name: isolatedSubnets, routing: 'no route table of their own: their VPC\'s main one (local routes only)' },
    { name: legacyVpcSubnets, routing: 'another VPC, whose main route table sends 0.0.0.0/0 → internet gateway' },
  ];
  const kmsKeys = [
    { alias: keys.enabled.alias, state: 'enabled, customer managed' },
    { alias: keys.other.alias, state: 'enabled, customer managed (another team\'s)' },
    { alias: keys.disabled.alias, state: 'disabled' },
    { alias: keys.pendingDeletion.alias, state: 'pending deletion' },
  ];
  return { caches, subnetGroups, kmsKeys, network, keys };
}
