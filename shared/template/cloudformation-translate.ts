/**
 * Translates a parsed CloudFormation (or SAM) template into a DeclaredStack: each ElastiCache cache
 * becomes the snapshot ElastiCache would report once it is created, and the VPCs, subnets, route
 * tables, security groups, users, user groups, subnet groups and keys of the same template become the
 * facts the network, access and key controls read.
 *
 * Defaults for omitted properties follow the ElastiCache API reference (CreateReplicationGroup,
 * CreateCacheCluster, CreateServerlessCache): TLS off, at-rest encryption off, SnapshotRetentionLimit
 * 0, automatic failover and Multi-AZ off, one node, the subnet group named default, the engine's
 * default port. Where the service chooses at creation (the newest engine version, the zones, a
 * default security group), the field is unknown, not guessed.
 */
import type { IpPermission } from '@aws-sdk/client-ec2';
import { SERVERLESS_ENCRYPTION, type CacheResource, type LogDelivery } from '../inventory/cache-resource.ts';
import type { UserFacts } from '../inventory/access-directory.ts';
import {
  CACHE_CLUSTER,
  CacheSnapshotBuilder,
  DEFAULT_PORT,
  REPLICATION_GROUP,
  SERVERLESS_CACHE,
  lowerText,
  textList,
  toBoolean,
  toNumber,
  toPorts,
  toText,
} from './cache-defaults.ts';
import { emptyFacts, type DeclaredCache, type DeclaredFacts, type DeclaredStack, type Fact } from './declared-stack.ts';
import { UndeterminedError, Unknown, deployTime, firstUnknown, needsAccount } from './deploy-time.ts';
import type { ParsedTemplate } from './cloudformation-parse.ts';
import { isRecord } from './records.ts';
import { NO_VALUE, ResourceReference, createResolver } from './cloudformation-resolve.ts';
import { TemplateFileError } from './template-errors.ts';

export const CFN_CACHE_TYPES: Record<string, CacheResource['resourceType']> = {
  'AWS::ElastiCache::ReplicationGroup': REPLICATION_GROUP,
  'AWS::ElastiCache::CacheCluster': CACHE_CLUSTER,
  'AWS::ElastiCache::ServerlessCache': SERVERLESS_CACHE,
};

/** ElastiCache types that feed the controls but are not judged themselves. */
export const CFN_INPUT_TYPES = [
  'AWS::ElastiCache::SubnetGroup',
  'AWS::ElastiCache::UserGroup',
  'AWS::ElastiCache::User',
  'AWS::ElastiCache::GlobalReplicationGroup',
];

interface Declared {
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
  line: number | undefined;
}

export function isCloudFormationTemplate(body: Record<string, unknown>): boolean {
  return isRecord(body.Resources) && Object.values(body.Resources).every((r) => isRecord(r) && typeof r.Type === 'string');
}

export function translateCloudFormation(template: ParsedTemplate): DeclaredStack {
  if (!isCloudFormationTemplate(template.body)) {
    throw new TemplateFileError(template.file, 'expected a CloudFormation or SAM template (a Resources mapping whose entries each have a Type)');
  }
  const resolver = createResolver(template.body);
  const stack: DeclaredStack = { file: template.file, kind: 'CloudFormation', caches: [], inputs: [], facts: emptyFacts(), skipped: [] };
  const declared: Declared[] = [];
  for (const [logicalId, resource] of Object.entries(template.body.Resources as Record<string, Record<string, unknown>>)) {
    const type = resource.Type as string;
    const line = template.resourceLines.get(logicalId);
    if (type.endsWith('::MODULE')) {
      stack.skipped.push({ address: logicalId, reason: `${type} is a CloudFormation module, expanded only by CloudFormation at deployment` });
      continue;
    }
    if (typeof resource.Condition === 'string' && resolver.condition(resource.Condition) === false) continue;
    const properties = resolver.resolve(resource.Properties ?? {});
    declared.push({ logicalId, type, properties: isRecord(properties) ? properties : {}, line });
  }
  const byId = new Map(declared.map((d) => [d.logicalId, d]));
  const ids = new Identifiers(byId);
  collectFacts(declared, ids, stack.facts);
  for (const resource of declared) {
    const cacheType = CFN_CACHE_TYPES[resource.type];
    if (cacheType) stack.caches.push(translateCache(resource, cacheType, ids, template.file));
    else if (CFN_INPUT_TYPES.includes(resource.type)) stack.inputs.push({ address: resource.logicalId, sourceType: resource.type, line: resource.line });
  }
  return stack;
}

/** What a Ref or Fn::GetAtt to a resource of the template stands for, as the id a cache would carry. */
class Identifiers {
  constructor(private readonly byId: ReadonlyMap<string, Declared>) {}

  /** The id a property names: a literal, a declared resource (its physical name, else its logical id), or Unknown. */
  of(value: unknown): string | Unknown {
    if (value instanceof Unknown) return value;
    if (value instanceof ResourceReference) return this.physical(value.logicalId);
    const text = toText(value);
    return text ?? new Unknown('not an id');
  }

  typeOf(value: unknown): string | undefined {
    return value instanceof ResourceReference ? this.byId.get(value.logicalId)?.type : undefined;
  }

  /** Where Ref returns a name the template sets (a user, a user group, a subnet group), that name; else the logical id. */
  physical(logicalId: string): string {
    const resource = this.byId.get(logicalId);
    const name =
      resource?.type === 'AWS::ElastiCache::User'
        ? resource.properties.UserId
        : resource?.type === 'AWS::ElastiCache::UserGroup'
          ? resource.properties.UserGroupId
          : resource?.type === 'AWS::ElastiCache::SubnetGroup'
            ? lowerText(resource.properties.CacheSubnetGroupName)
            : undefined;
    return typeof name === 'string' ? name : logicalId;
  }
}

function collectFacts(declared: readonly Declared[], ids: Identifiers, facts: DeclaredFacts): void {
  const of = (d: Declared) => ids.physical(d.logicalId);
  for (const d of declared) {
    const p = d.properties;
    switch (d.type) {
      case 'AWS::EC2::VPC':
        facts.vpcs.add(of(d));
        break;
      case 'AWS::EC2::Subnet':
        facts.subnetVpcs.set(of(d), factOf(ids.of(p.VpcId), `VpcId of subnet ${d.logicalId}`));
        break;
      case 'AWS::EC2::RouteTable':
        if (!facts.routeTables.has(of(d))) facts.routeTables.set(of(d), { internetRoutes: [] });
        break;
      case 'AWS::KMS::Key':
        facts.kmsKeys.set(of(d), { keyState: toBoolean(p.Enabled) === false ? 'Disabled' : 'Enabled' });
        break;
      case 'AWS::EC2::SecurityGroup': {
        const rules = Array.isArray(p.SecurityGroupIngress) ? p.SecurityGroupIngress : [];
        const unknown = firstUnknown(rules);
        facts.securityGroups.set(of(d), unknown ? deployTime(`SecurityGroupIngress of ${d.logicalId}`, unknown) : rules.filter(isRecord).map(permissionOf));
        break;
      }
      case 'AWS::ElastiCache::User':
        facts.users.set(of(d), userOf(d, of(d)));
        break;
      case 'AWS::ElastiCache::UserGroup': {
        const unknown = firstUnknown(p.UserIds);
        const userIds = (Array.isArray(p.UserIds) ? p.UserIds : []).map((u) => ids.of(u)).filter((u): u is string => typeof u === 'string');
        facts.userGroups.set(of(d), unknown ? deployTime(`UserIds of ${d.logicalId}`, unknown) : { userGroupId: of(d), status: 'active', userIds });
        break;
      }
      default:
    }
  }
  // Second pass: what attaches to the resources above (routes, associations, ingress rules, subnet groups).
  for (const d of declared) {
    const p = d.properties;
    switch (d.type) {
      case 'AWS::EC2::Route': {
        const table = ids.of(p.RouteTableId);
        const gateway = ids.of(p.GatewayId);
        if (table instanceof Unknown) {
          // A route whose table is unknown could make any declared table public.
          for (const key of facts.routeTables.keys()) facts.routeTables.set(key, deployTime(`RouteTableId of route ${d.logicalId}`, table));
          break;
        }
        const current = facts.routeTables.get(table);
        if (current instanceof UndeterminedError) break;
        if (p.GatewayId === undefined) break;
        if (gateway instanceof Unknown) {
          facts.routeTables.set(table, deployTime(`GatewayId of route ${d.logicalId}`, gateway));
          break;
        }
        const isInternetGateway = ids.typeOf(p.GatewayId) === 'AWS::EC2::InternetGateway' || gateway.startsWith('igw-');
        if (!isInternetGateway) break;
        const destination = toText(p.DestinationCidrBlock) ?? toText(p.DestinationIpv6CidrBlock) ?? '?';
        const routes = current?.internetRoutes ?? [];
        routes.push({ destination, gatewayId: gateway.startsWith('igw-') ? gateway : `igw-(${gateway})` });
        facts.routeTables.set(table, { internetRoutes: routes });
        break;
      }
      case 'AWS::EC2::SubnetRouteTableAssociation': {
        const subnet = ids.of(p.SubnetId);
        if (subnet instanceof Unknown) break;
        facts.subnetRouteTables.set(subnet, factOf(ids.of(p.RouteTableId), `RouteTableId of ${d.logicalId}`));
        break;
      }
      case 'AWS::EC2::SecurityGroupIngress': {
        const group = ids.of(p.GroupId);
        const unknown = group instanceof Unknown ? group : firstUnknown(p);
        if (unknown) {
          const poisoned = group instanceof Unknown ? [...facts.securityGroups.keys()] : [group];
          for (const key of poisoned) facts.securityGroups.set(key, deployTime(`ingress rule ${d.logicalId}`, unknown));
          break;
        }
        const current = facts.securityGroups.get(group as string);
        if (Array.isArray(current)) current.push(permissionOf(p));
        break;
      }
      case 'AWS::ElastiCache::SubnetGroup': {
        const unknown = firstUnknown(p.SubnetIds);
        const subnetIds = textList((Array.isArray(p.SubnetIds) ? p.SubnetIds : []).map((s) => ids.of(s)));
        const first = subnetIds[0];
        const vpcId: Fact<string> =
          first === undefined ? new UndeterminedError(`subnet group ${d.logicalId} lists no subnets`) : (facts.subnetVpcs.get(first) ?? needsAccount(`the VPC of subnet ${first}, defined outside the template (ec2:DescribeSubnets)`));
        const fact = unknown ? deployTime(`SubnetIds of ${d.logicalId}`, unknown) : { subnetIds, vpcId };
        // ElastiCache stores subnet group names in lower case; a cache names the group either way.
        for (const key of [ids.physical(d.logicalId), d.logicalId]) facts.subnetGroups.set(key.toLowerCase(), fact);
        break;
      }
      default:
    }
  }
}

function factOf(value: string | Unknown, property: string): Fact<string> {
  return value instanceof Unknown ? deployTime(property, value) : value;
}

function permissionOf(rule: Record<string, unknown>): IpPermission {
  const protocol = toText(rule.IpProtocol) ?? '-1';
  return {
    IpProtocol: protocol,
    FromPort: toNumber(rule.FromPort),
    ToPort: toNumber(rule.ToPort),
    IpRanges: rule.CidrIp !== undefined ? [{ CidrIp: toText(rule.CidrIp) }] : [],
    Ipv6Ranges: rule.CidrIpv6 !== undefined ? [{ CidrIpv6: toText(rule.CidrIpv6) }] : [],
    PrefixListIds: rule.SourcePrefixListId !== undefined ? [{ PrefixListId: toText(rule.SourcePrefixListId) }] : [],
  };
}

/** AuthenticationMode.Type as the API reports Authentication.Type (no-password-required → no-password). */
function userOf(d: Declared, userId: string): Fact<UserFacts> {
  const p = d.properties;
  const unknown = firstUnknown([p.AccessString, p.NoPasswordRequired, p.AuthenticationMode]);
  if (unknown) return deployTime(`AccessString or authentication of user ${d.logicalId}`, unknown);
  const mode = isRecord(p.AuthenticationMode) ? lowerText(p.AuthenticationMode.Type) : undefined;
  const passwords = textList(p.Passwords).length > 0 || (isRecord(p.AuthenticationMode) && textList(p.AuthenticationMode.Passwords).length > 0);
  const type = mode === 'no-password-required' || toBoolean(p.NoPasswordRequired) === true ? 'no-password' : mode ?? (passwords ? 'password' : 'no-password');
  return { userId, userName: toText(p.UserName), status: 'active', accessString: toText(p.AccessString), authenticationType: type };
}

/** Fields a secondary member of a global datastore takes from the datastore, not from its own properties. */
function translateCache(resource: Declared, resourceType: CacheResource['resourceType'], ids: Identifiers, file: string): DeclaredCache {
  const p = resource.properties;
  const nameProperty = resourceType === REPLICATION_GROUP ? 'ReplicationGroupId' : resourceType === CACHE_CLUSTER ? 'ClusterName' : 'ServerlessCacheName';
  const physicalName = toText(p[nameProperty]);
  const b = new CacheSnapshotBuilder(resourceType, physicalName?.toLowerCase() ?? resource.logicalId.toLowerCase());
  const has = (name: string) => p[name] !== undefined && p[name] !== NO_VALUE;

  // Engine: required for clusters and serverless caches; a replication group defaults to Redis OSS.
  b.set('engine', 'Engine', has('Engine') ? p.Engine : 'redis', (v) => lowerText(v) ?? 'unknown');
  const engine = b.unknownFields.engine ? undefined : b.snapshot.engine;

  const versionProperty = resourceType === SERVERLESS_CACHE ? 'MajorEngineVersion' : 'EngineVersion';
  if (has(versionProperty)) b.set('engineVersion', versionProperty, p[versionProperty], toText);
  else b.unknown('engineVersion', versionProperty, new Unknown(`left out, so ElastiCache picks the newest version when it creates the cache`));

  if (resourceType === SERVERLESS_CACHE) {
    // Serverless caches always use TLS only and encrypt at rest (CreateServerlessCache has no flag for either).
    Object.assign(b.snapshot, SERVERLESS_ENCRYPTION);
    setKey(b, p.KmsKeyId, ids);
    if (has('SnapshotRetentionLimit')) b.set('snapshotRetentionLimit', 'SnapshotRetentionLimit', p.SnapshotRetentionLimit, toNumber);
    else b.unknown('snapshotRetentionLimit', 'SnapshotRetentionLimit', new Unknown('left out; CreateServerlessCache documents no default'));
    if (has('SubnetIds')) b.set('subnetIds', 'SubnetIds', (p.SubnetIds as unknown[]).map((s) => ids.of(s)), textList);
    else b.unknown('subnetIds', 'SubnetIds', new Unknown('left out, so ElastiCache picks subnets of the default VPC when it creates the cache'));
    setSecurityGroups(b, 'SecurityGroupIds', p.SecurityGroupIds, ids);
    if (has('UserGroupId')) b.set('userGroupIds', 'UserGroupId', ids.of(p.UserGroupId), textList);
    b.snapshot.ports = [DEFAULT_PORT[engine ?? ''] ?? 6379];
    return b.build(resource.logicalId, resource.type, file, resource.line);
  }

  b.set('cacheNodeType', 'CacheNodeType', p.CacheNodeType, toText);
  b.set('transitEncryptionEnabled', 'TransitEncryptionEnabled', p.TransitEncryptionEnabled ?? false, toBoolean);
  if (resourceType === REPLICATION_GROUP) {
    // With TLS on and no mode given, CreateReplicationGroup creates the group in required mode.
    const tls = b.snapshot.transitEncryptionEnabled === true || b.unknownFields.transitEncryptionEnabled !== undefined;
    if (has('TransitEncryptionMode')) b.set('transitEncryptionMode', 'TransitEncryptionMode', p.TransitEncryptionMode, (v) => lowerText(v) as CacheResource['transitEncryptionMode']);
    else if (tls) b.snapshot.transitEncryptionMode = 'required';
    b.set('atRestEncryptionEnabled', 'AtRestEncryptionEnabled', p.AtRestEncryptionEnabled ?? false, toBoolean);
    setKey(b, p.KmsKeyId, ids);
    b.set('authTokenEnabled', 'AuthToken', p.AuthToken, (v) => v !== undefined && v !== '');
    if (has('UserGroupIds')) b.set('userGroupIds', 'UserGroupIds', (p.UserGroupIds as unknown[]).map((u) => ids.of(u)), textList);
    b.set('automaticFailover', 'AutomaticFailoverEnabled', p.AutomaticFailoverEnabled ?? false, (v) => (toBoolean(v) ? 'enabled' : 'disabled'));
    b.set('multiAZ', 'MultiAZEnabled', p.MultiAZEnabled ?? false, (v) => (toBoolean(v) ? 'enabled' : 'disabled'));
    setShards(b, p);
  } else {
    // CreateCacheCluster has no at-rest option and CloudFormation's CacheCluster no AuthToken.
    b.snapshot.atRestEncryptionEnabled = false;
    b.snapshot.authTokenEnabled = false;
    b.set('numCacheNodes', 'NumCacheNodes', p.NumCacheNodes ?? 1, toNumber);
    setZones(b, p);
  }
  b.set('snapshotRetentionLimit', 'SnapshotRetentionLimit', p.SnapshotRetentionLimit ?? 0, toNumber);
  // Without CacheSubnetGroupName, ElastiCache places the cache in the subnet group named default.
  b.set('cacheSubnetGroupNames', 'CacheSubnetGroupName', has('CacheSubnetGroupName') ? ids.of(p.CacheSubnetGroupName) : 'default', (v) => textList(v).map((n) => n.toLowerCase()));
  setSecurityGroups(b, resourceType === CACHE_CLUSTER ? 'VpcSecurityGroupIds' : 'SecurityGroupIds', resourceType === CACHE_CLUSTER ? p.VpcSecurityGroupIds : p.SecurityGroupIds, ids);
  b.set('ports', 'Port', p.Port ?? DEFAULT_PORT[engine ?? ''], toPorts);
  // AutoMinorVersionUpgrade is on unless turned off (ElastiCache's default for new caches).
  b.set('autoMinorVersionUpgrade', 'AutoMinorVersionUpgrade', p.AutoMinorVersionUpgrade ?? true, toBoolean);
  b.set('logDeliveries', 'LogDeliveryConfigurations', p.LogDeliveryConfigurations ?? [], logDeliveriesOf);
  setNotifications(b, p.NotificationTopicArn, ids);
  if (has('GlobalReplicationGroupId')) b.inherits('GlobalReplicationGroupId', 'a member of a global datastore takes this setting from the datastore');
  if (has('PrimaryClusterId')) b.inherits('PrimaryClusterId', 'a group built around an existing cluster takes this setting from that cluster');
  return b.build(resource.logicalId, resource.type, file, resource.line);
}

function setKey(b: CacheSnapshotBuilder, value: unknown, ids: Identifiers): void {
  if (value === undefined) return;
  const key = ids.of(value);
  if (key instanceof Unknown) return b.unknown('kmsKeyId', 'KmsKeyId', key);
  b.snapshot.kmsKeyId = key;
  if (value instanceof ResourceReference) b.deployTimeIds.kmsKeyId = `KMS key ${value.logicalId}`;
}

function setSecurityGroups(b: CacheSnapshotBuilder, property: string, value: unknown, ids: Identifiers): void {
  if (value === undefined) {
    b.defaultSecurityGroup(property);
    return;
  }
  b.set('securityGroupIds', property, (Array.isArray(value) ? value : [value]).map((g) => ids.of(g)), textList);
}

function setShards(b: CacheSnapshotBuilder, p: Record<string, unknown>): void {
  const groups = Array.isArray(p.NodeGroupConfiguration) ? p.NodeGroupConfiguration.filter(isRecord) : undefined;
  const unknown = firstUnknown([p.NumCacheClusters, p.NumNodeGroups, p.ReplicasPerNodeGroup, p.NodeGroupConfiguration, p.ClusterMode]);
  if (unknown) {
    b.unknownShards('NumCacheClusters / NumNodeGroups / ReplicasPerNodeGroup', unknown);
    return;
  }
  const shardCount = groups?.length ?? toNumber(p.NumNodeGroups) ?? 1;
  const clusterMode = ['enabled', 'compatible'].includes(lowerText(p.ClusterMode) ?? '') || shardCount > 1;
  let replicas: number[];
  if (groups && groups.length > 0 && groups.every((g) => g.ReplicaCount !== undefined)) replicas = groups.map((g) => toNumber(g.ReplicaCount) ?? 0);
  else if (p.ReplicasPerNodeGroup !== undefined) replicas = Array.from({ length: shardCount }, () => toNumber(p.ReplicasPerNodeGroup) ?? 0);
  else if (!clusterMode) replicas = [(toNumber(p.NumCacheClusters) ?? 1) - 1];
  else {
    b.unknown('shards', 'ReplicasPerNodeGroup', new Unknown('left out for a cluster-mode group; CreateReplicationGroup documents no default'));
    return;
  }
  b.setShards(replicas, clusterMode);
  const zones = [...textList(p.PreferredCacheClusterAZs), ...(groups ?? []).flatMap((g) => [...textList(g.PrimaryAvailabilityZone), ...textList(g.ReplicaAvailabilityZones)])];
  if (zones.length > 0) b.snapshot.availabilityZones = [...new Set(zones)];
  else b.unknown('availabilityZones', 'PreferredCacheClusterAZs', new Unknown('left out, so ElastiCache places the nodes when it creates the group'));
}

function setZones(b: CacheSnapshotBuilder, p: Record<string, unknown>): void {
  const unknown = firstUnknown([p.AZMode, p.PreferredAvailabilityZone, p.PreferredAvailabilityZones]);
  if (unknown) {
    b.unknown('availabilityZones', 'AZMode / PreferredAvailabilityZones', unknown);
    b.unknown('preferredAvailabilityZone', 'AZMode / PreferredAvailabilityZones', unknown);
    return;
  }
  const zones = [...new Set([...textList(p.PreferredAvailabilityZones), ...textList(p.PreferredAvailabilityZone)])];
  const nodes = b.snapshot.numCacheNodes ?? 1;
  if (lowerText(p.AZMode) === 'cross-az' && nodes > 1) {
    // ElastiCache reports "Multiple" for a Memcached cluster spread across zones.
    b.snapshot.preferredAvailabilityZone = 'Multiple';
    b.snapshot.availabilityZones = zones;
  } else if (zones.length > 0) {
    b.snapshot.availabilityZones = zones;
    b.snapshot.preferredAvailabilityZone = zones.length > 1 ? 'Multiple' : zones[0];
  } else {
    // Single-AZ (the default without AZMode): one zone, which ElastiCache picks.
    b.snapshot.availabilityZones = ['one Availability Zone that ElastiCache picks'];
  }
}

function logDeliveriesOf(value: unknown): LogDelivery[] {
  return (Array.isArray(value) ? value : []).filter(isRecord).map((c) => {
    const details = isRecord(c.DestinationDetails) ? c.DestinationDetails : {};
    const logs = isRecord(details.CloudWatchLogsDetails) ? details.CloudWatchLogsDetails : {};
    const firehose = isRecord(details.KinesisFirehoseDetails) ? details.KinesisFirehoseDetails : {};
    return {
      logType: lowerText(c.LogType) ?? '',
      destinationType: lowerText(c.DestinationType),
      // A delivery declared at creation is active once the cache is.
      status: 'active',
      destination: toText(logs.LogGroup) ?? toText(firehose.DeliveryStream) ?? referenceName(logs.LogGroup ?? firehose.DeliveryStream),
    };
  });
}

function referenceName(value: unknown): string | undefined {
  return value instanceof ResourceReference ? value.logicalId : undefined;
}

function setNotifications(b: CacheSnapshotBuilder, value: unknown, ids: Identifiers): void {
  if (b.unknownFields.memberClusterIds) return;
  const clusters = b.snapshot.resourceType === REPLICATION_GROUP ? b.snapshot.memberClusterIds : [b.snapshot.resourceId];
  const topic = value === undefined ? undefined : ids.of(value);
  if (topic instanceof Unknown) return b.unknown('notificationSettings', 'NotificationTopicArn', topic);
  b.snapshot.notificationSettings = clusters.map((cacheClusterId) => ({ cacheClusterId, topicArn: topic, topicStatus: topic ? 'active' : undefined }));
  if (value instanceof ResourceReference) b.deployTimeIds.notificationSettings = `SNS topic ${value.logicalId}`;
}
