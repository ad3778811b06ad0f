/**
 * The demo estate: a dozen caches across Redis OSS, Valkey and Memcached in a network and under KMS
 * keys chosen so that each cache shows one thing a control catches (or passes). `npm run demo` seeds
 * it with `seedDemoEstate`; the integration tests reuse its network and keys.
 */
import { DisableKeyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import {
  addRoutes,
  createCacheCluster,
  createEgressOnlyInternetGateway,
  createInternetGateway,
  createKey,
  createNatGateway,
  createReplicationGroup,
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
    { id: 'analytics-scratch', engine: 'redis', engineVersion: '5.0.6', subnetGroup: publicSubnets, tls: 'off', atRest: 'off', retentionDays: 0, replicas: 0 },
    'everything wrong: no TLS, no encryption at rest, no backups, public subnets, no replica, Redis OSS 5 (on paid Extended Support since 2026-02-01, no automatic minor upgrades)',
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
