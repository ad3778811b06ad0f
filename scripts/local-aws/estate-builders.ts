/**
 * Building blocks for ElastiCache estates in the local emulator, made with the SDK v3 clients exactly
 * as one would in AWS: networks (VPCs, subnets, route tables, gateways), KMS keys, replication groups
 * with their member clusters, standalone clusters. The demo estate (demo-estate.ts) and the
 * integration tests compose them.
 *
 * The emulator (moto extended by scripts/local-aws/moto_ext/) creates a replication group's member
 * clusters itself, as AWS does, each carrying the group's engine, version, node type, subnet group,
 * security groups, TLS and at-rest flags and retention: everything a member should have is passed to
 * CreateReplicationGroup, never to the members.
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
  CreateServerlessCacheCommand,
  ElastiCacheClient,
} from '@aws-sdk/client-elasticache';
import { CreateAliasCommand, CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { botoCall, BotoCallError } from './boto-call.ts';

/* ------------------------------------------------------------------------------------------------
 * Clients
 * ---------------------------------------------------------------------------------------------- */

export interface EstateClients {
  ec2: EC2Client;
  elasticache: ElastiCacheClient;
  kms: KMSClient;
  sns: SNSClient;
  /** The environment the clients were built from (for boto3 calls: CloudWatch Logs, Firehose). */
  env: Readonly<Record<string, string>>;
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
  return {
    ec2: new EC2Client(config), elasticache: new ElastiCacheClient(config), kms: new KMSClient(config), sns: new SNSClient(config), env,
  };
}

/** Creates the CloudWatch Logs log group unless it exists (a delivery to a missing one ends in `error`). */
export function ensureLogGroup(clients: EstateClients, name: string): void {
  try {
    botoCall(clients.env, 'logs', 'create_log_group', { logGroupName: name });
  } catch (error) {
    if (!(error instanceof BotoCallError && error.name === 'ResourceAlreadyExistsException')) throw error;
  }
}

/** Creates the SNS topic an ARN names (in the clients' account and region; CreateTopic is idempotent). */
export async function ensureTopic(clients: EstateClients, topicArn: string): Promise<void> {
  await clients.sns.send(new CreateTopicCommand({ Name: topicArn.split(':').at(-1) }));
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

export async function createEgressOnlyInternetGateway(clients: EstateClients, vpcId: string, name: string): Promise<string> {
  const { EgressOnlyInternetGateway } = await clients.ec2.send(
    new CreateEgressOnlyInternetGatewayCommand({ VpcId: vpcId, TagSpecifications: named('egress-only-internet-gateway', name) }),
  );
  return EgressOnlyInternetGateway!.EgressOnlyInternetGatewayId!;
}

/** A NAT gateway in `subnetId`, on an Elastic IP allocated for it. */
export async function createNatGateway(clients: EstateClients, subnetId: string, name: string): Promise<string> {
  const { AllocationId } = await clients.ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
  const { NatGateway } = await clients.ec2.send(
    new CreateNatGatewayCommand({ SubnetId: subnetId, AllocationId, TagSpecifications: named('natgateway', name) }),
  );
  return NatGateway!.NatGatewayId!;
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

/* ------------------------------------------------------------------------------------------------
 * KMS
 * ---------------------------------------------------------------------------------------------- */

export interface EstateKey {
  keyId: string;
  arn: string;
  alias: string;
}

export async function createKey(clients: EstateClients, alias: string, description: string): Promise<EstateKey> {
  const { KeyMetadata } = await clients.kms.send(new CreateKeyCommand({ Description: description }));
  const key = { keyId: KeyMetadata!.KeyId!, arn: KeyMetadata!.Arn!, alias: `alias/${alias}` };
  await clients.kms.send(new CreateAliasCommand({ AliasName: key.alias, TargetKeyId: key.keyId }));
  return key;
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
  securityGroupIds?: string[];
  /** SNS topic for the group's events (set on every member); created unless it exists. */
  notificationTopicArn?: string;
  /** CloudWatch Logs group the slow log is delivered to; created unless it exists. */
  slowLogGroup?: string;
}

/** Creates the group; AWS (and the emulator) create its member clusters. Returns their ids. */
export async function createReplicationGroup(clients: EstateClients, spec: ReplicationGroupSpec): Promise<string[]> {
  const replicas = spec.replicas ?? 1;
  const shards = spec.shards ?? 1;
  const nodeType = spec.nodeType ?? 'cache.t4g.small';
  // ElastiCache reports a topic that does not exist as inactive and a delivery to a missing log group as error.
  if (spec.notificationTopicArn) await ensureTopic(clients, spec.notificationTopicArn);
  if (spec.slowLogGroup) ensureLogGroup(clients, spec.slowLogGroup);
  const { ReplicationGroup } = await clients.elasticache.send(
    new CreateReplicationGroupCommand({
      ReplicationGroupId: spec.id,
      ReplicationGroupDescription: spec.id,
      Engine: spec.engine,
      EngineVersion: spec.engineVersion,
      CacheNodeType: nodeType,
      CacheSubnetGroupName: spec.subnetGroup,
      ...(spec.securityGroupIds ? { SecurityGroupIds: spec.securityGroupIds } : {}),
      ...(shards > 1
        ? { ClusterMode: 'enabled' as const, NumNodeGroups: shards, ReplicasPerNodeGroup: replicas }
        : { NumCacheClusters: replicas + 1 }),
      AutomaticFailoverEnabled: replicas > 0,
      MultiAZEnabled: replicas > 0,
      TransitEncryptionEnabled: spec.tls !== 'off',
      ...(spec.tls !== 'off' ? { TransitEncryptionMode: spec.tls } : {}),
      AtRestEncryptionEnabled: spec.atRest !== 'off',
      ...(typeof spec.atRest === 'object' ? { KmsKeyId: spec.atRest.kmsKeyId } : {}),
      SnapshotRetentionLimit: spec.retentionDays,
      ...(spec.notificationTopicArn ? { NotificationTopicArn: spec.notificationTopicArn } : {}),
      ...(spec.slowLogGroup
        ? {
            LogDeliveryConfigurations: [
              {
                LogType: 'slow-log' as const,
                DestinationType: 'cloudwatch-logs' as const,
                DestinationDetails: { CloudWatchLogsDetails: { LogGroup: spec.slowLogGroup } },
                LogFormat: 'json' as const,
              },
            ],
          }
        : {}),
    }),
  );
  return ReplicationGroup?.MemberClusters ?? [];
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

export interface ServerlessCacheSpec {
  name: string;
  engine: 'redis' | 'valkey' | 'memcached';
  majorEngineVersion: string;
  subnetIds: string[];
  securityGroupIds?: string[];
  /** Undefined: the AWS owned key. */
  kmsKeyId?: string;
  userGroupId?: string;
  retentionDays?: number;
}

/** A serverless cache: no nodes, subnets named directly, always TLS and encrypted at rest. */
export async function createServerlessCache(clients: EstateClients, spec: ServerlessCacheSpec): Promise<void> {
  await clients.elasticache.send(
    new CreateServerlessCacheCommand({
      ServerlessCacheName: spec.name,
      Engine: spec.engine,
      MajorEngineVersion: spec.majorEngineVersion,
      ...(spec.subnetIds.length > 0 ? { SubnetIds: spec.subnetIds } : {}),
      ...(spec.securityGroupIds ? { SecurityGroupIds: spec.securityGroupIds } : {}),
      ...(spec.kmsKeyId ? { KmsKeyId: spec.kmsKeyId } : {}),
      ...(spec.userGroupId ? { UserGroupId: spec.userGroupId } : {}),
      ...(spec.retentionDays !== undefined ? { SnapshotRetentionLimit: spec.retentionDays } : {}),
    }),
  );
}
