/**
 * Creates what a CloudFormation template of the corpus declares on the local emulator through the
 * AWS API, with the template's own values (parameter defaults and conditions resolved, references
 * replaced by the ids the emulator assigned), as CloudFormation would. Properties the template
 * leaves out are left out of the API calls too, so the service's (the emulator's) defaults apply.
 *
 * Only the resource types the corpus uses are known; any other type fails loudly.
 */
import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import {
  CreateCacheClusterCommand,
  CreateCacheSubnetGroupCommand,
  CreateReplicationGroupCommand,
  CreateServerlessCacheCommand,
  CreateUserCommand,
  CreateUserGroupCommand,
} from '@aws-sdk/client-elasticache';
import { CreateKeyCommand, DisableKeyCommand } from '@aws-sdk/client-kms';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { ensureLogGroup, type EstateClients } from '../../scripts/local-aws/estate-builders.ts';
import { parseCloudFormation } from '#shared/template/cloudformation-parse.ts';
import { isRecord } from '#shared/template/records.ts';
import { ResourceReference, createResolver } from '#shared/template/cloudformation-resolve.ts';

/** The order CloudFormation's dependencies impose on the corpus's types. */
const ORDER = [
  'AWS::EC2::VPC',
  'AWS::EC2::Subnet',
  'AWS::EC2::InternetGateway',
  'AWS::EC2::VPCGatewayAttachment',
  'AWS::EC2::RouteTable',
  'AWS::EC2::Route',
  'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupIngress',
  'AWS::ElastiCache::SubnetGroup',
  'AWS::KMS::Key',
  'AWS::SNS::Topic',
  'AWS::Logs::LogGroup',
  'AWS::ElastiCache::User',
  'AWS::ElastiCache::UserGroup',
  'AWS::ElastiCache::ReplicationGroup',
  'AWS::ElastiCache::CacheCluster',
  'AWS::ElastiCache::ServerlessCache',
];

/** Types the corpus declares beside its caches that no control reads: not created. */
const IGNORED = ['AWS::Serverless::Function'];

const bool = (v: unknown): boolean | undefined => (v === undefined ? undefined : v === true || v === 'true');
const num = (v: unknown): number | undefined => (v === undefined ? undefined : Number(v));

export async function deployTemplate(clients: EstateClients, sns: SNSClient, file: string, text: string, region: string): Promise<Map<string, string>> {
  const { body } = parseCloudFormation(file, text);
  const resolver = createResolver(body);
  const physical = new Map<string, string>();
  const arns = new Map<string, string>();
  const declared = Object.entries(body.Resources as Record<string, Record<string, unknown>>)
    .filter(([, r]) => typeof r.Condition !== 'string' || resolver.condition(r.Condition) === true)
    .filter(([, r]) => !IGNORED.includes(r.Type as string))
    .map(([id, r]) => ({ id, type: r.Type as string, p: resolver.resolve(r.Properties ?? {}) as Record<string, unknown> }));
  const unknownType = declared.find((d) => !ORDER.includes(d.type));
  if (unknownType) throw new Error(`deployTemplate does not know ${unknownType.type} (${unknownType.id})`);
  declared.sort((a, b) => ORDER.indexOf(a.type) - ORDER.indexOf(b.type));

  const id = (value: unknown): string => {
    if (value instanceof ResourceReference) {
      const found = value.attribute === 'Arn' ? (arns.get(value.logicalId) ?? physical.get(value.logicalId)) : physical.get(value.logicalId);
      if (!found) throw new Error(`${value.logicalId} is referred to before it exists`);
      return found;
    }
    if (typeof value !== 'string') throw new Error(`not an id: ${JSON.stringify(value)}`);
    return value;
  };
  const ids = (value: unknown): string[] | undefined => (Array.isArray(value) ? value.map(id) : undefined);
  const permission = (rule: Record<string, unknown>): IpPermission => ({
    IpProtocol: String(rule.IpProtocol),
    FromPort: num(rule.FromPort),
    ToPort: num(rule.ToPort),
    ...(rule.CidrIp ? { IpRanges: [{ CidrIp: String(rule.CidrIp) }] } : {}),
    ...(rule.CidrIpv6 ? { Ipv6Ranges: [{ CidrIpv6: String(rule.CidrIpv6) }] } : {}),
    ...(rule.SourceSecurityGroupId ? { UserIdGroupPairs: [{ GroupId: id(rule.SourceSecurityGroupId) }] } : {}),
  });
  const logDeliveries = (value: unknown) =>
    Array.isArray(value)
      ? value.filter(isRecord).map((c) => {
          const logs = isRecord(c.DestinationDetails) && isRecord(c.DestinationDetails.CloudWatchLogsDetails) ? c.DestinationDetails.CloudWatchLogsDetails : {};
          return {
            LogType: c.LogType as 'slow-log',
            DestinationType: c.DestinationType as 'cloudwatch-logs',
            LogFormat: c.LogFormat as 'json',
            DestinationDetails: { CloudWatchLogsDetails: { LogGroup: id(logs.LogGroup) } },
          };
        })
      : undefined;

  for (const { id: logicalId, type, p } of declared) {
    const name = logicalId.toLowerCase();
    switch (type) {
      case 'AWS::EC2::VPC':
        physical.set(logicalId, (await clients.ec2.send(new CreateVpcCommand({ CidrBlock: String(p.CidrBlock) }))).Vpc!.VpcId!);
        break;
      case 'AWS::EC2::Subnet':
        physical.set(
          logicalId,
          (await clients.ec2.send(new CreateSubnetCommand({ VpcId: id(p.VpcId), CidrBlock: String(p.CidrBlock), AvailabilityZone: (p.AvailabilityZone as string) ?? `${region}a` }))).Subnet!.SubnetId!,
        );
        break;
      case 'AWS::EC2::InternetGateway':
        physical.set(logicalId, (await clients.ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!);
        break;
      case 'AWS::EC2::VPCGatewayAttachment':
        await clients.ec2.send(new AttachInternetGatewayCommand({ VpcId: id(p.VpcId), InternetGatewayId: id(p.InternetGatewayId) }));
        break;
      case 'AWS::EC2::RouteTable':
        physical.set(logicalId, (await clients.ec2.send(new CreateRouteTableCommand({ VpcId: id(p.VpcId) }))).RouteTable!.RouteTableId!);
        break;
      case 'AWS::EC2::Route':
        await clients.ec2.send(new CreateRouteCommand({ RouteTableId: id(p.RouteTableId), DestinationCidrBlock: p.DestinationCidrBlock as string, GatewayId: id(p.GatewayId) }));
        break;
      case 'AWS::EC2::SubnetRouteTableAssociation':
        await clients.ec2.send(new AssociateRouteTableCommand({ SubnetId: id(p.SubnetId), RouteTableId: id(p.RouteTableId) }));
        break;
      case 'AWS::EC2::SecurityGroup': {
        const groupId = (await clients.ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: String(p.GroupDescription), VpcId: id(p.VpcId) }))).GroupId!;
        physical.set(logicalId, groupId);
        const rules = Array.isArray(p.SecurityGroupIngress) ? p.SecurityGroupIngress.filter(isRecord) : [];
        if (rules.length > 0) await clients.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: rules.map(permission) }));
        break;
      }
      case 'AWS::EC2::SecurityGroupIngress':
        await clients.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id(p.GroupId), IpPermissions: [permission(p)] }));
        break;
      case 'AWS::ElastiCache::SubnetGroup': {
        const groupName = ((p.CacheSubnetGroupName as string) ?? name).toLowerCase();
        await clients.elasticache.send(new CreateCacheSubnetGroupCommand({ CacheSubnetGroupName: groupName, CacheSubnetGroupDescription: String(p.Description), SubnetIds: ids(p.SubnetIds) }));
        physical.set(logicalId, groupName);
        break;
      }
      case 'AWS::KMS::Key': {
        const key = (await clients.kms.send(new CreateKeyCommand({ Description: p.Description as string }))).KeyMetadata!;
        if (bool(p.Enabled) === false) await clients.kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
        physical.set(logicalId, key.KeyId!);
        arns.set(logicalId, key.Arn!);
        break;
      }
      case 'AWS::SNS::Topic': {
        const arn = (await sns.send(new CreateTopicCommand({ Name: name }))).TopicArn!;
        physical.set(logicalId, arn);
        break;
      }
      case 'AWS::Logs::LogGroup':
        // Created, as the stack would: ElastiCache reports a delivery to a missing group as `error`.
        ensureLogGroup(clients, name);
        physical.set(logicalId, name);
        break;
      case 'AWS::ElastiCache::User': {
        const mode = isRecord(p.AuthenticationMode) ? p.AuthenticationMode : undefined;
        await clients.elasticache.send(
          new CreateUserCommand({
            UserId: String(p.UserId),
            UserName: String(p.UserName),
            Engine: String(p.Engine),
            AccessString: String(p.AccessString),
            NoPasswordRequired: bool(p.NoPasswordRequired),
            ...(mode ? { AuthenticationMode: { Type: mode.Type as 'password', ...(Array.isArray(mode.Passwords) ? { Passwords: ['a-password-long-enough-1234'] } : {}) } } : {}),
          }),
        );
        physical.set(logicalId, String(p.UserId));
        break;
      }
      case 'AWS::ElastiCache::UserGroup':
        await clients.elasticache.send(new CreateUserGroupCommand({ UserGroupId: String(p.UserGroupId), Engine: String(p.Engine), UserIds: ids(p.UserIds) }));
        physical.set(logicalId, String(p.UserGroupId));
        break;
      case 'AWS::ElastiCache::ReplicationGroup': {
        const groupId = ((p.ReplicationGroupId as string) ?? name).toLowerCase();
        const clusters = num(p.NumCacheClusters);
        await clients.elasticache.send(
          new CreateReplicationGroupCommand({
            ReplicationGroupId: groupId,
            ReplicationGroupDescription: String(p.ReplicationGroupDescription),
            Engine: p.Engine as string,
            EngineVersion: p.EngineVersion as string,
            CacheNodeType: p.CacheNodeType as string,
            NumCacheClusters: clusters,
            // The emulator builds members from ReplicasPerNodeGroup (the notes' quirk); AWS takes NumCacheClusters.
            ...(clusters !== undefined ? { ReplicasPerNodeGroup: clusters - 1 } : {}),
            PreferredCacheClusterAZs: p.PreferredCacheClusterAZs as string[] | undefined,
            AutomaticFailoverEnabled: bool(p.AutomaticFailoverEnabled),
            MultiAZEnabled: bool(p.MultiAZEnabled),
            TransitEncryptionEnabled: bool(p.TransitEncryptionEnabled),
            TransitEncryptionMode: p.TransitEncryptionMode as 'required' | undefined,
            AtRestEncryptionEnabled: bool(p.AtRestEncryptionEnabled),
            KmsKeyId: p.KmsKeyId === undefined ? undefined : id(p.KmsKeyId),
            SnapshotRetentionLimit: num(p.SnapshotRetentionLimit),
            CacheSubnetGroupName: p.CacheSubnetGroupName === undefined ? undefined : id(p.CacheSubnetGroupName),
            SecurityGroupIds: ids(p.SecurityGroupIds),
            UserGroupIds: ids(p.UserGroupIds),
            NotificationTopicArn: p.NotificationTopicArn === undefined ? undefined : id(p.NotificationTopicArn),
            LogDeliveryConfigurations: logDeliveries(p.LogDeliveryConfigurations),
            AutoMinorVersionUpgrade: bool(p.AutoMinorVersionUpgrade),
            Port: num(p.Port),
          }),
        );
        physical.set(logicalId, groupId);
        break;
      }
      case 'AWS::ElastiCache::CacheCluster': {
        const clusterId = ((p.ClusterName as string) ?? name).toLowerCase();
        await clients.elasticache.send(
          new CreateCacheClusterCommand({
            CacheClusterId: clusterId,
            Engine: p.Engine as string,
            EngineVersion: p.EngineVersion as string,
            CacheNodeType: p.CacheNodeType as string,
            NumCacheNodes: num(p.NumCacheNodes),
            AZMode: p.AZMode as 'cross-az' | undefined,
            PreferredAvailabilityZones: p.PreferredAvailabilityZones as string[] | undefined,
            CacheSubnetGroupName: p.CacheSubnetGroupName === undefined ? undefined : id(p.CacheSubnetGroupName),
            SecurityGroupIds: ids(p.VpcSecurityGroupIds),
            SnapshotRetentionLimit: num(p.SnapshotRetentionLimit),
            TransitEncryptionEnabled: bool(p.TransitEncryptionEnabled),
            NotificationTopicArn: p.NotificationTopicArn === undefined ? undefined : id(p.NotificationTopicArn),
            AutoMinorVersionUpgrade: bool(p.AutoMinorVersionUpgrade),
          }),
        );
        physical.set(logicalId, clusterId);
        break;
      }
      case 'AWS::ElastiCache::ServerlessCache': {
        const cacheName = String(p.ServerlessCacheName ?? name);
        await clients.elasticache.send(
          new CreateServerlessCacheCommand({
            ServerlessCacheName: cacheName,
            Engine: String(p.Engine),
            MajorEngineVersion: p.MajorEngineVersion as string | undefined,
            KmsKeyId: p.KmsKeyId === undefined ? undefined : id(p.KmsKeyId),
            SubnetIds: ids(p.SubnetIds),
            SecurityGroupIds: ids(p.SecurityGroupIds),
            UserGroupId: p.UserGroupId === undefined ? undefined : id(p.UserGroupId),
            SnapshotRetentionLimit: num(p.SnapshotRetentionLimit),
          }),
        );
        physical.set(logicalId, cacheName);
        break;
      }
      default:
        throw new Error(`deployTemplate does not know ${type}`);
    }
  }
  return physical;
}
