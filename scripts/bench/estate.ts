/**
 * A synthetic ElastiCache estate in real API shapes: `groups` replication groups of two member
 * clusters each, on a fixed network (30 VPCs, 150 cache subnet groups, 120 route tables) and six KMS
 * keys. The mix mirrors a large account: mostly TLS in required mode, some preferred or off; mostly
 * customer managed keys, some AWS owned default keys, some unencrypted; a few public subnet groups.
 *
 * Every record is built from its index when a page asks for it, as the SDK builds a fresh page
 * from each response: the mock keeps no copy of the estate, so peak RSS is the engine's own.
 */
import type { RouteTable } from '@aws-sdk/client-ec2';
import type { CacheCluster, CacheSubnetGroup, ReplicationGroup } from '@aws-sdk/client-elasticache';
import type { KeyMetadata } from '@aws-sdk/client-kms';

export const ACCOUNT_ID = '123456789012';
export const REGION = 'eu-west-1';
export const MEMBERS_PER_GROUP = 2;

const VPC_COUNT = 30;
const SUBNET_GROUPS_PER_VPC = 5;
const ROUTE_TABLES_PER_VPC = 4;
export const SUBNET_GROUP_COUNT = VPC_COUNT * SUBNET_GROUPS_PER_VPC;
export const ROUTE_TABLE_COUNT = VPC_COUNT * ROUTE_TABLES_PER_VPC;

const CREATED = new Date('2024-03-11T09:30:00Z');
const APPLICATIONS = ['orders', 'sessions', 'catalog', 'rate-limit', 'feature-flags', 'search'];
const NODE_TYPES = ['cache.r7g.large', 'cache.m7g.large', 'cache.t4g.medium', 'cache.r6g.xlarge'];
const REDIS_VERSIONS = ['7.1.0', '7.0.7', '6.2.6'];
const RETENTION_DAYS = [1, 7, 0, 5, 35, 14, 3];

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');
const arn = (service: string, resource: string): string => `arn:aws:${service}:${REGION}:${ACCOUNT_ID}:${resource}`;

// ---- KMS -----------------------------------------------------------------------------------------

function kmsKey(index: number, manager: 'CUSTOMER' | 'AWS', state: string, description: string): KeyMetadata {
  const keyId = `${hex(0x5e1ec7ed + index, 8)}-0b1a-4c2d-9e3f-${hex(index, 12)}`;
  return {
    AWSAccountId: ACCOUNT_ID,
    KeyId: keyId,
    Arn: arn('kms', `key/${keyId}`),
    CreationDate: CREATED,
    Enabled: state === 'Enabled',
    Description: description,
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeyState: state as KeyMetadata['KeyState'],
    Origin: 'AWS_KMS',
    KeyManager: manager,
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    KeySpec: 'SYMMETRIC_DEFAULT',
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    MultiRegion: false,
    ...(state === 'PendingDeletion' ? { DeletionDate: new Date('2026-12-01T00:00:00Z'), PendingDeletionWindowInDays: 30 } : {}),
  };
}

/** Six keys: four healthy, one disabled, one pending deletion; one of them AWS managed. */
export const KMS_KEYS: readonly KeyMetadata[] = [
  kmsKey(0, 'CUSTOMER', 'Enabled', 'ElastiCache orders data'),
  kmsKey(1, 'CUSTOMER', 'Enabled', 'ElastiCache sessions data'),
  kmsKey(2, 'CUSTOMER', 'Enabled', 'ElastiCache shared platform key'),
  kmsKey(3, 'AWS', 'Enabled', 'Default key that protects my ElastiCache data when no other key is defined'),
  kmsKey(4, 'CUSTOMER', 'Disabled', 'ElastiCache legacy key (rotated out)'),
  kmsKey(5, 'CUSTOMER', 'PendingDeletion', 'ElastiCache decommissioned workload'),
];

// ---- Network -------------------------------------------------------------------------------------

const AZS = ['a', 'b', 'c'] as const;
const subnetId = (vpc: number, slot: number): string => `subnet-0${hex(vpc * 16 + slot, 16)}`;
const privateSubnet = (vpc: number, az: number): string => subnetId(vpc, az);
const publicSubnet = (vpc: number, az: number): string => subnetId(vpc, 3 + az);
const vpcId = (vpc: number): string => `vpc-0${hex(0xa000 + vpc, 16)}`;
const securityGroupId = (vpc: number): string => `sg-0${hex(0xb000 + vpc, 16)}`;

export const subnetGroupName = (index: number): string =>
  `app-cache-subnets-${String(Math.floor(index / SUBNET_GROUPS_PER_VPC)).padStart(2, '0')}-${index % SUBNET_GROUPS_PER_VPC}`;

/** Three subnets across three AZs; one group in fifteen (the last of every third VPC) includes a public subnet. */
export function cacheSubnetGroup(index: number): CacheSubnetGroup {
  const vpc = Math.floor(index / SUBNET_GROUPS_PER_VPC);
  const exposed = index % SUBNET_GROUPS_PER_VPC === SUBNET_GROUPS_PER_VPC - 1 && vpc % 3 === 0;
  const subnets = AZS.map((_, az) => (exposed && az === 0 ? publicSubnet(vpc, az) : privateSubnet(vpc, az)));
  return {
    CacheSubnetGroupName: subnetGroupName(index),
    CacheSubnetGroupDescription: `Cache subnets of application VPC ${vpc}`,
    VpcId: vpcId(vpc),
    Subnets: subnets.map((id, az) => ({
      SubnetIdentifier: id,
      SubnetAvailabilityZone: { Name: `${REGION}${AZS[az]}` },
      SupportedNetworkTypes: ['ipv4'],
    })),
    ARN: arn('elasticache', `subnetgroup:${subnetGroupName(index)}`),
    SupportedNetworkTypes: ['ipv4'],
  };
}

/**
 * Per VPC: the main table (local route only, governs the third private subnet), two private tables
 * with a NAT default route, and a public table with IPv4 and IPv6 routes to an internet gateway.
 */
export function routeTable(index: number): RouteTable {
  const vpc = Math.floor(index / ROUTE_TABLES_PER_VPC);
  const role = index % ROUTE_TABLES_PER_VPC;
  const tableId = `rtb-0${hex(0xc000 + index, 16)}`;
  const association = (n: number, subnet?: string) => ({
    Main: subnet === undefined,
    RouteTableAssociationId: `rtbassoc-0${hex(0xd000 + index * 4 + n, 16)}`,
    RouteTableId: tableId,
    ...(subnet ? { SubnetId: subnet } : {}),
    AssociationState: { State: 'associated' as const },
  });
  const local = { DestinationCidrBlock: `10.${vpc}.0.0/16`, GatewayId: 'local', Origin: 'CreateRouteTable' as const, State: 'active' as const };
  const viaNat = { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: `nat-0${hex(0xe000 + vpc, 16)}`, Origin: 'CreateRoute' as const, State: 'active' as const };
  const igw = `igw-0${hex(0xf000 + vpc, 16)}`;
  const [name, associations, routes] =
    role === 0
      ? ['main', [association(0)], [local]]
      : role === 3
        ? [
            'public',
            AZS.map((_, az) => association(az, publicSubnet(vpc, az))),
            [
              local,
              { DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw, Origin: 'CreateRoute' as const, State: 'active' as const },
              { DestinationIpv6CidrBlock: '::/0', GatewayId: igw, Origin: 'CreateRoute' as const, State: 'active' as const },
            ],
          ]
        : [`private-${AZS[role - 1]}`, [association(0, privateSubnet(vpc, role - 1))], [local, viaNat]];
  return {
    RouteTableId: tableId,
    VpcId: vpcId(vpc),
    OwnerId: ACCOUNT_ID,
    Associations: associations,
    Routes: routes,
    PropagatingVgws: [],
    Tags: [{ Key: 'Name', Value: `app-${String(vpc).padStart(2, '0')}-${name}` }],
  };
}

// ---- Replication groups and their members --------------------------------------------------------

type Tls = 'off' | 'preferred' | 'required';

interface GroupProfile {
  id: string;
  engine: 'redis' | 'valkey';
  engineVersion: string;
  tls: Tls;
  atRest: boolean;
  /** Key ARN as ElastiCache reports it; undefined with at-rest on means the AWS owned default key. */
  kmsKeyArn: string | undefined;
  retentionDays: number;
  nodeType: string;
  subnetGroup: number;
}

/** Deterministic variety from the index; different moduli keep the attributes uncorrelated. */
function profileOf(index: number): GroupProfile {
  const engine = index % 5 === 0 ? 'valkey' : 'redis';
  const tls: Tls = index % 20 === 3 ? 'off' : index % 20 === 7 ? 'preferred' : 'required';
  const atRestSlot = index % 10;
  return {
    id: `${APPLICATIONS[index % APPLICATIONS.length]}-${String(index).padStart(5, '0')}`,
    engine,
    engineVersion: engine === 'valkey' ? '8.0.1' : REDIS_VERSIONS[index % REDIS_VERSIONS.length]!,
    tls,
    atRest: atRestSlot !== 9,
    kmsKeyArn: atRestSlot === 9 || atRestSlot === 4 ? undefined : KMS_KEYS[Math.floor(index / 10) % KMS_KEYS.length]!.Arn,
    retentionDays: RETENTION_DAYS[index % RETENTION_DAYS.length]!,
    nodeType: NODE_TYPES[index % NODE_TYPES.length]!,
    subnetGroup: index % SUBNET_GROUP_COUNT,
  };
}

export const replicationGroupId = (index: number): string => profileOf(index).id;
const memberId = (groupId: string, member: number): string => `${groupId}-${String(member + 1).padStart(3, '0')}`;
const endpoint = (name: string) => ({ Address: `${name}.x1y2z3.euw1.cache.amazonaws.com`, Port: 6379 });

function encryptionFields(p: GroupProfile) {
  return {
    AuthTokenEnabled: p.tls !== 'off' && p.engine === 'redis',
    TransitEncryptionEnabled: p.tls !== 'off',
    ...(p.tls !== 'off' ? { TransitEncryptionMode: p.tls } : {}),
    AtRestEncryptionEnabled: p.atRest,
  };
}

export function replicationGroup(index: number): ReplicationGroup {
  const p = profileOf(index);
  const members = Array.from({ length: MEMBERS_PER_GROUP }, (_, m) => memberId(p.id, m));
  return {
    ReplicationGroupId: p.id,
    Description: `${p.id.split('-')[0]} cache`,
    Status: 'available',
    PendingModifiedValues: {},
    MemberClusters: members,
    NodeGroups: [
      {
        NodeGroupId: '0001',
        Status: 'available',
        PrimaryEndpoint: endpoint(`master.${p.id}`),
        ReaderEndpoint: endpoint(`replica.${p.id}`),
        NodeGroupMembers: members.map((id, m) => ({
          CacheClusterId: id,
          CacheNodeId: '0001',
          ReadEndpoint: endpoint(id),
          PreferredAvailabilityZone: `${REGION}${AZS[m % AZS.length]}`,
          CurrentRole: m === 0 ? 'primary' : 'replica',
        })),
      },
    ],
    ...(p.retentionDays > 0 ? { SnapshottingClusterId: members[MEMBERS_PER_GROUP - 1] } : {}),
    AutomaticFailover: 'enabled',
    MultiAZ: 'enabled',
    SnapshotRetentionLimit: p.retentionDays,
    SnapshotWindow: '03:00-04:00',
    ClusterEnabled: false,
    CacheNodeType: p.nodeType,
    ...encryptionFields(p),
    ...(p.kmsKeyArn ? { KmsKeyId: p.kmsKeyArn } : {}),
    ...(p.engine === 'valkey' ? { UserGroupIds: [`${p.id.split('-')[0]}-users`] } : {}),
    MemberClustersOutpostArns: [],
    ARN: arn('elasticache', `replicationgroup:${p.id}`),
    LogDeliveryConfigurations:
      index % 2 === 0
        ? [
            {
              LogType: 'slow-log',
              DestinationType: 'cloudwatch-logs',
              DestinationDetails: { CloudWatchLogsDetails: { LogGroup: `/elasticache/${p.id}/slow-log` } },
              LogFormat: 'json',
              Status: 'active',
            },
          ]
        : [],
    ReplicationGroupCreateTime: CREATED,
    DataTiering: 'disabled',
    AutoMinorVersionUpgrade: true,
    NetworkType: 'ipv4',
    IpDiscovery: 'ipv4',
    ClusterMode: 'disabled',
    Engine: p.engine,
  };
}

/** Member cluster `index` of the estate: member `index % 2` of group `index / 2`. */
export function cacheCluster(index: number): CacheCluster {
  const group = Math.floor(index / MEMBERS_PER_GROUP);
  const member = index % MEMBERS_PER_GROUP;
  const p = profileOf(group);
  const id = memberId(p.id, member);
  const vpc = Math.floor(p.subnetGroup / SUBNET_GROUPS_PER_VPC);
  return {
    CacheClusterId: id,
    ClientDownloadLandingPage: 'https://console.aws.amazon.com/elasticache/home#client-download:',
    CacheNodeType: p.nodeType,
    Engine: p.engine,
    EngineVersion: p.engineVersion,
    CacheClusterStatus: 'available',
    NumCacheNodes: 1,
    PreferredAvailabilityZone: `${REGION}${AZS[member % AZS.length]}`,
    CacheClusterCreateTime: CREATED,
    PreferredMaintenanceWindow: 'sun:05:00-sun:06:00',
    PendingModifiedValues: {},
    CacheSecurityGroups: [],
    CacheParameterGroup: {
      CacheParameterGroupName: p.engine === 'valkey' ? 'default.valkey8' : `default.redis${p.engineVersion.split('.')[0]}`,
      ParameterApplyStatus: 'in-sync',
      CacheNodeIdsToReboot: [],
    },
    CacheSubnetGroupName: subnetGroupName(p.subnetGroup),
    AutoMinorVersionUpgrade: true,
    SecurityGroups: [{ SecurityGroupId: securityGroupId(vpc), Status: 'active' }],
    ReplicationGroupId: p.id,
    SnapshotRetentionLimit: p.retentionDays,
    SnapshotWindow: '03:00-04:00',
    ...encryptionFields(p),
    ARN: arn('elasticache', `cluster:${id}`),
    ReplicationGroupLogDeliveryEnabled: index % 2 === 0,
    LogDeliveryConfigurations: [],
    NetworkType: 'ipv4',
    IpDiscovery: 'ipv4',
  };
}

/** The key references the estate's first `groups` replication groups report, each once. */
export function distinctKmsKeys(groups: number): Set<string> {
  const keys = new Set<string>();
  for (let i = 0; i < groups; i++) {
    const p = profileOf(i);
    if (p.atRest && p.kmsKeyArn) keys.add(p.kmsKeyArn);
  }
  return keys;
}
