/**
 * Fixture builders shaped like the real API replies (ElastiCache DescribeReplicationGroups,
 * DescribeCacheClusters and DescribeCacheSubnetGroups; EC2 DescribeRouteTables; KMS DescribeKey),
 * typed with the SDK's own types so that the compiler rejects a field the API does not have.
 *
 * One small estate runs through all of them: replication group `orders-cache` (Redis OSS 7.1, two
 * nodes) in subnet group `orders-private` of VPC `vpc-0a1b2c3d4e5f60001`.
 */
import type { IpPermission, Route, RouteTable, RouteTableAssociation, SecurityGroup } from '@aws-sdk/client-ec2';
import type { CacheCluster, CacheSubnetGroup, ReplicationGroup, ServerlessCache, User, UserGroup } from '@aws-sdk/client-elasticache';
import type { KeyMetadata } from '@aws-sdk/client-kms';
import { REPLICATION_GROUP, type CacheResource } from '#shared/inventory/cache-resource.ts';
import type { KmsKeyFacts } from '#shared/inventory/kms-key.ts';

export const ACCOUNT_ID = '123456789012';
export const REGION = 'us-east-1';
export const VPC_ID = 'vpc-0a1b2c3d4e5f60001';
export const SUBNET_GROUP = 'orders-private';
export const SUBNET_A = 'subnet-0a1b2c3d4e5f6a001';
export const SUBNET_B = 'subnet-0a1b2c3d4e5f6b002';
export const SECURITY_GROUP = 'sg-0a1b2c3d4e5f67890';
export const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
export const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/${KEY_ID}`;

// ---------------------------------------------------------------------------------------------
// ElastiCache

/** A cluster-mode-disabled Redis OSS replication group with a primary and one replica. */
export function replicationGroupFixture(overrides: Partial<ReplicationGroup> = {}): ReplicationGroup {
  const id = overrides.ReplicationGroupId ?? 'orders-cache';
  return {
    ReplicationGroupId: id,
    Description: 'Order session cache',
    GlobalReplicationGroupInfo: {},
    Status: 'available',
    PendingModifiedValues: {},
    MemberClusters: [`${id}-001`, `${id}-002`],
    NodeGroups: [
      {
        NodeGroupId: '0001',
        Status: 'available',
        PrimaryEndpoint: { Address: `${id}.abc123.ng.0001.use1.cache.amazonaws.com`, Port: 6379 },
        ReaderEndpoint: { Address: `${id}-ro.abc123.ng.0001.use1.cache.amazonaws.com`, Port: 6379 },
        NodeGroupMembers: [
          { CacheClusterId: `${id}-001`, CacheNodeId: '0001', PreferredAvailabilityZone: 'us-east-1a', CurrentRole: 'primary' },
          { CacheClusterId: `${id}-002`, CacheNodeId: '0001', PreferredAvailabilityZone: 'us-east-1b', CurrentRole: 'replica' },
        ],
      },
    ],
    SnapshottingClusterId: `${id}-002`,
    AutomaticFailover: 'enabled',
    MultiAZ: 'enabled',
    SnapshotRetentionLimit: 7,
    SnapshotWindow: '05:00-06:00',
    ClusterEnabled: false,
    CacheNodeType: 'cache.r7g.large',
    AuthTokenEnabled: false,
    TransitEncryptionEnabled: true,
    TransitEncryptionMode: 'required',
    AtRestEncryptionEnabled: true,
    KmsKeyId: KEY_ARN,
    ARN: `arn:aws:elasticache:${REGION}:${ACCOUNT_ID}:replicationgroup:${id}`,
    UserGroupIds: ['orders-users'],
    LogDeliveryConfigurations: [],
    ReplicationGroupCreateTime: new Date('2024-03-14T09:26:53.452Z'),
    DataTiering: 'disabled',
    AutoMinorVersionUpgrade: true,
    NetworkType: 'ipv4',
    IpDiscovery: 'ipv4',
    ClusterMode: 'disabled',
    Engine: 'redis',
    ...overrides,
  };
}

/**
 * A member node of a replication group as DescribeCacheClusters lists it. Members carry what the
 * group's own reply lacks: engine version, subnet group and security groups.
 */
export function memberClusterFixture(
  replicationGroupId: string,
  cacheClusterId: string,
  overrides: Partial<CacheCluster> = {},
): CacheCluster {
  return {
    ...cacheClusterFixture({
      CacheClusterId: cacheClusterId,
      ReplicationGroupId: replicationGroupId,
      CacheNodeType: 'cache.r7g.large',
      SnapshotRetentionLimit: 0,
      TransitEncryptionEnabled: true,
      TransitEncryptionMode: 'required',
      AtRestEncryptionEnabled: true,
      ReplicationGroupLogDeliveryEnabled: false,
    }),
    ...overrides,
  };
}

/** A standalone single-node Redis OSS cluster (CreateCacheCluster), with no replication group. */
export function cacheClusterFixture(overrides: Partial<CacheCluster> = {}): CacheCluster {
  const id = overrides.CacheClusterId ?? 'reports-cache';
  return {
    CacheClusterId: id,
    ClientDownloadLandingPage: 'https://console.aws.amazon.com/elasticache/home#client-download:',
    CacheNodeType: 'cache.t4g.small',
    Engine: 'redis',
    EngineVersion: '7.1.0',
    CacheClusterStatus: 'available',
    NumCacheNodes: 1,
    PreferredAvailabilityZone: 'us-east-1a',
    CacheClusterCreateTime: new Date('2024-03-14T09:26:53.452Z'),
    PreferredMaintenanceWindow: 'sun:08:00-sun:09:00',
    PendingModifiedValues: {},
    CacheSecurityGroups: [],
    CacheParameterGroup: { CacheParameterGroupName: 'default.redis7', ParameterApplyStatus: 'in-sync', CacheNodeIdsToReboot: [] },
    CacheSubnetGroupName: SUBNET_GROUP,
    AutoMinorVersionUpgrade: true,
    SecurityGroups: [{ SecurityGroupId: SECURITY_GROUP, Status: 'active' }],
    SnapshotRetentionLimit: 1,
    SnapshotWindow: '05:00-06:00',
    AuthTokenEnabled: false,
    TransitEncryptionEnabled: false,
    AtRestEncryptionEnabled: false,
    ARN: `arn:aws:elasticache:${REGION}:${ACCOUNT_ID}:cluster:${id}`,
    LogDeliveryConfigurations: [],
    NetworkType: 'ipv4',
    IpDiscovery: 'ipv4',
    ...overrides,
  };
}

/** A two-node Memcached cluster spread over zones (hence PreferredAvailabilityZone "Multiple"). */
export function memcachedClusterFixture(overrides: Partial<CacheCluster> = {}): CacheCluster {
  const id = overrides.CacheClusterId ?? 'catalog-memcached';
  return {
    ...cacheClusterFixture({ CacheClusterId: id }),
    ConfigurationEndpoint: { Address: `${id}.abc123.cfg.use1.cache.amazonaws.com`, Port: 11211 },
    CacheNodeType: 'cache.m7g.large',
    Engine: 'memcached',
    EngineVersion: '1.6.22',
    NumCacheNodes: 2,
    PreferredAvailabilityZone: 'Multiple',
    CacheParameterGroup: { CacheParameterGroupName: 'default.memcached1.6', ParameterApplyStatus: 'in-sync', CacheNodeIdsToReboot: [] },
    // Memcached has no snapshots, so ElastiCache reports no retention.
    SnapshotRetentionLimit: undefined,
    SnapshotWindow: undefined,
    TransitEncryptionEnabled: true,
    ...overrides,
  };
}

export function cacheSubnetGroupFixture(overrides: Partial<CacheSubnetGroup> = {}): CacheSubnetGroup {
  const name = overrides.CacheSubnetGroupName ?? SUBNET_GROUP;
  return {
    CacheSubnetGroupName: name,
    CacheSubnetGroupDescription: 'Private subnets for the orders cache',
    VpcId: VPC_ID,
    Subnets: [
      { SubnetIdentifier: SUBNET_A, SubnetAvailabilityZone: { Name: 'us-east-1a' }, SupportedNetworkTypes: ['ipv4'] },
      { SubnetIdentifier: SUBNET_B, SubnetAvailabilityZone: { Name: 'us-east-1b' }, SupportedNetworkTypes: ['ipv4'] },
    ],
    ARN: `arn:aws:elasticache:${REGION}:${ACCOUNT_ID}:subnetgroup:${name}`,
    SupportedNetworkTypes: ['ipv4'],
    ...overrides,
  };
}

/** The subnets entry of a cache subnet group for the given subnet ids. */
export function subnetsOf(...subnetIds: string[]): CacheSubnetGroup['Subnets'] {
  return subnetIds.map((id) => ({ SubnetIdentifier: id, SubnetAvailabilityZone: { Name: 'us-east-1a' }, SupportedNetworkTypes: ['ipv4'] }));
}

// ---------------------------------------------------------------------------------------------
// EC2 route tables

/** A route table of VPC_ID holding only the VPC's local route, associated with nothing. */
export function routeTableFixture(overrides: Partial<RouteTable> = {}): RouteTable {
  return {
    Associations: [],
    PropagatingVgws: [],
    RouteTableId: 'rtb-0a1b2c3d4e5f60001',
    Routes: [{ DestinationCidrBlock: '10.20.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' }],
    Tags: [],
    VpcId: VPC_ID,
    OwnerId: ACCOUNT_ID,
    ...overrides,
  };
}

/**
 * A route created with CreateRoute. The destination picks the field it lands in: an IPv6 CIDR,
 * a prefix list (pl-) or an IPv4 CIDR.
 */
export function route(destination: string, target: Route, overrides: Partial<Route> = {}): Route {
  const where: Route = destination.includes(':')
    ? { DestinationIpv6CidrBlock: destination }
    : destination.startsWith('pl-')
      ? { DestinationPrefixListId: destination }
      : { DestinationCidrBlock: destination };
  return { ...where, ...target, Origin: 'CreateRoute', State: 'active', ...overrides };
}

export function subnetAssociation(
  routeTableId: string,
  subnetId: string,
  state: NonNullable<RouteTableAssociation['AssociationState']>['State'] = 'associated',
): RouteTableAssociation {
  return {
    Main: false,
    RouteTableAssociationId: `rtbassoc-${subnetId.slice('subnet-'.length)}`,
    RouteTableId: routeTableId,
    SubnetId: subnetId,
    AssociationState: { State: state },
  };
}

export function mainAssociation(routeTableId: string): RouteTableAssociation {
  return {
    Main: true,
    RouteTableAssociationId: `rtbassoc-${routeTableId.slice('rtb-'.length)}`,
    RouteTableId: routeTableId,
    AssociationState: { State: 'associated' },
  };
}

// ---------------------------------------------------------------------------------------------
// EC2 security groups

export const APP_SECURITY_GROUP = 'sg-0a1b2c3d4e5f6app1';

/** The fixtures' cache security group as DescribeSecurityGroups returns it: 6379 from the application's group only. */
export function securityGroupFixture(overrides: Partial<SecurityGroup> = {}): SecurityGroup {
  return {
    GroupId: SECURITY_GROUP,
    GroupName: 'orders-cache',
    Description: 'Orders cache: Redis from the order service only',
    OwnerId: ACCOUNT_ID,
    VpcId: VPC_ID,
    IpPermissions: [inboundRule('tcp', 6379, 6379, { UserIdGroupPairs: [{ GroupId: APP_SECURITY_GROUP, UserId: ACCOUNT_ID }] })],
    IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }],
    SecurityGroupArn: `arn:aws:ec2:${REGION}:${ACCOUNT_ID}:security-group/${overrides.GroupId ?? SECURITY_GROUP}`,
    ...overrides,
  };
}

/** An inbound rule; `-1` (all traffic) carries no ports, as EC2 reports it. */
export function inboundRule(protocol: string, fromPort: number | undefined, toPort: number | undefined, sources: Partial<IpPermission>): IpPermission {
  return {
    IpProtocol: protocol,
    ...(fromPort === undefined ? {} : { FromPort: fromPort, ToPort: toPort }),
    IpRanges: [],
    Ipv6Ranges: [],
    PrefixListIds: [],
    UserIdGroupPairs: [],
    ...sources,
  };
}

// ---------------------------------------------------------------------------------------------
// KMS

/** DescribeKey's KeyMetadata for an enabled customer managed symmetric key (API reference example). */
export function kmsKeyMetadataFixture(overrides: Partial<KeyMetadata> = {}): KeyMetadata {
  const keyId = overrides.KeyId ?? KEY_ID;
  return {
    AWSAccountId: ACCOUNT_ID,
    KeyId: keyId,
    Arn: `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/${keyId}`,
    CreationDate: new Date('2024-01-10T12:00:00.000Z'),
    Enabled: true,
    Description: 'ElastiCache orders data key',
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeyState: 'Enabled',
    Origin: 'AWS_KMS',
    KeyManager: 'CUSTOMER',
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    KeySpec: 'SYMMETRIC_DEFAULT',
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    MultiRegion: false,
    ...overrides,
  };
}

/** What shared/inventory/kms.ts records from one DescribeKey reply. */
export function kmsKeyFacts(metadata: KeyMetadata): KmsKeyFacts {
  return {
    found: true,
    keyId: metadata.KeyId!,
    arn: metadata.Arn,
    keyState: metadata.KeyState!,
    keyManager: metadata.KeyManager,
  };
}

// ---------------------------------------------------------------------------------------------
// Serverless caches

/** A Valkey serverless cache as DescribeServerlessCaches lists it (API reference, ServerlessCache). */
export function serverlessCacheFixture(overrides: Partial<ServerlessCache> = {}): ServerlessCache {
  const name = overrides.ServerlessCacheName ?? 'sessions';
  return {
    ServerlessCacheName: name,
    Description: 'Session store',
    CreateTime: new Date('2025-06-02T08:15:00.000Z'),
    Status: 'available',
    Engine: 'valkey',
    MajorEngineVersion: '8',
    FullEngineVersion: '8.0',
    KmsKeyId: KEY_ARN,
    StorageEncryptionType: 'sse-kms',
    SecurityGroupIds: [SECURITY_GROUP],
    Endpoint: { Address: `${name}-abc123.serverless.use1.cache.amazonaws.com`, Port: 6379 },
    ReaderEndpoint: { Address: `${name}-abc123.serverless.use1.cache.amazonaws.com`, Port: 6380 },
    ARN: `arn:aws:elasticache:${REGION}:${ACCOUNT_ID}:serverlesscache:${name}`,
    UserGroupId: 'sessions-users',
    SubnetIds: [SUBNET_A, SUBNET_B],
    SnapshotRetentionLimit: 7,
    DailySnapshotTime: '04:00',
    NetworkType: 'ipv4',
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------
// Users and user groups (RBAC)

/** An ElastiCache user as DescribeUsers lists it (API reference, User): on, with a password. */
export function userFixture(overrides: Partial<User> = {}): User {
  const id = overrides.UserId ?? 'app-user';
  return {
    UserId: id,
    UserName: id,
    Status: 'active',
    Engine: 'redis',
    MinimumEngineVersion: '6.0',
    AccessString: 'on ~app:* +@all -@dangerous',
    UserGroupIds: ['orders-users'],
    Authentication: { Type: 'password', PasswordCount: 1 },
    ARN: `arn:aws:elasticache:${REGION}:${ACCOUNT_ID}:user:${id}`,
    ...overrides,
  };
}

/** The user group `orders-users` of the fixtures: a replacement default user and app-user. */
export function userGroupFixture(overrides: Partial<UserGroup> = {}): UserGroup {
  const id = overrides.UserGroupId ?? 'orders-users';
  return {
    UserGroupId: id,
    Status: 'active',
    Engine: 'redis',
    UserIds: ['orders-default', 'app-user'],
    MinimumEngineVersion: '6.0',
    PendingChanges: {},
    ReplicationGroups: ['orders-cache'],
    ServerlessCaches: [],
    ARN: `arn:aws:elasticache:${REGION}:${ACCOUNT_ID}:usergroup:${id}`,
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------
// Normalized snapshot

/** The snapshot normalize.ts makes of replicationGroupFixture() and its two members. */
export function cacheResource(overrides: Partial<CacheResource> = {}): CacheResource {
  return {
    resourceType: REPLICATION_GROUP,
    resourceId: 'orders-cache',
    arn: `arn:aws:elasticache:${REGION}:${ACCOUNT_ID}:replicationgroup:orders-cache`,
    engine: 'redis',
    engineVersion: '7.1.0',
    status: 'available',
    cacheNodeType: 'cache.r7g.large',
    transitEncryptionEnabled: true,
    transitEncryptionMode: 'required',
    atRestEncryptionEnabled: true,
    kmsKeyId: KEY_ARN,
    snapshotRetentionLimit: 7,
    cacheSubnetGroupNames: [SUBNET_GROUP],
    subnetIds: [],
    securityGroupIds: [SECURITY_GROUP],
    ports: [6379],
    authTokenEnabled: false,
    authTokenLastModified: undefined,
    userGroupIds: ['orders-users'],
    autoMinorVersionUpgrade: true,
    automaticFailover: 'enabled',
    multiAZ: 'enabled',
    clusterModeEnabled: false,
    shards: [{ shardId: '0001', replicaCount: 1 }],
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    preferredAvailabilityZone: undefined,
    numCacheNodes: 2,
    logDeliveries: [],
    notificationSettings: [
      { cacheClusterId: 'orders-cache-001', topicArn: undefined, topicStatus: undefined },
      { cacheClusterId: 'orders-cache-002', topicArn: undefined, topicStatus: undefined },
    ],
    memberClusterIds: ['orders-cache-001', 'orders-cache-002'],
    ...overrides,
  };
}
