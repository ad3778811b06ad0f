/**
 * Translates a Terraform plan, as `terraform show -json` writes it, into a DeclaredStack. Resources
 * come from planned_values (the root module and every child module); a value Terraform knows only
 * after apply is absent there and marked true in resource_changes[].change.after_unknown, so it is
 * unknown, never absent. An unknown attribute that the configuration fills from another resource of
 * the plan (security_group_ids = [aws_security_group.cache.id]) is followed to that resource, as a
 * Ref is in a CloudFormation template.
 *
 * Omitted attributes take the service's defaults, as for CloudFormation (see cache-defaults.ts).
 */
import type { IpPermission } from '@aws-sdk/client-ec2';
import { SERVERLESS_ENCRYPTION, type CacheResource, type LogDelivery } from '../inventory/cache-resource.ts';
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
import { emptyFacts, type DeclaredCache, type DeclaredFacts, type DeclaredStack } from './declared-stack.ts';
import { UndeterminedError, Unknown, deployTime, firstUnknown, needsAccount } from './deploy-time.ts';
import { isRecord } from './records.ts';
import { TemplateFileError } from './template-errors.ts';

export const TF_CACHE_TYPES: Record<string, CacheResource['resourceType']> = {
  aws_elasticache_replication_group: REPLICATION_GROUP,
  aws_elasticache_cluster: CACHE_CLUSTER,
  aws_elasticache_serverless_cache: SERVERLESS_CACHE,
};

const TF_INPUT_TYPES = ['aws_elasticache_subnet_group', 'aws_elasticache_user_group', 'aws_elasticache_user', 'aws_elasticache_global_replication_group', 'aws_elasticache_user_group_association'];

export function isTerraformPlan(json: Record<string, unknown>): boolean {
  return typeof json.format_version === 'string' && (isRecord(json.planned_values) || 'terraform_version' in json);
}

/** One planned resource with its unknown marks and the references its configuration makes. */
interface PlannedResource {
  address: string;
  type: string;
  values: Record<string, unknown>;
  line: number | undefined;
}

export function translateTerraformPlan(file: string, plan: Record<string, unknown>, text: string): DeclaredStack {
  if (!isRecord(plan.planned_values)) throw new TemplateFileError(file, 'is a Terraform plan without planned_values (terraform show -json of a saved plan writes them)');
  const afterUnknown = new Map<string, unknown>();
  for (const change of Array.isArray(plan.resource_changes) ? plan.resource_changes : []) {
    if (isRecord(change) && typeof change.address === 'string' && isRecord(change.change)) afterUnknown.set(change.address, change.change.after_unknown);
  }
  const { references, expressions } = configurationReferences(plan.configuration);
  const resources: PlannedResource[] = [];
  const visit = (module: unknown) => {
    if (!isRecord(module)) return;
    for (const r of Array.isArray(module.resources) ? module.resources : []) {
      if (!isRecord(r) || r.mode !== 'managed' || typeof r.address !== 'string' || typeof r.type !== 'string') continue;
      const values = withUnknowns(isRecord(r.values) ? r.values : {}, afterUnknown.get(r.address), r.address, references, expressions);
      resources.push({ address: r.address, type: r.type, values, line: lineOf(text, r.address) });
    }
    for (const child of Array.isArray(module.child_modules) ? module.child_modules : []) visit(child);
  };
  visit(plan.planned_values.root_module);

  const stack: DeclaredStack = { file, kind: 'Terraform plan', caches: [], inputs: [], facts: emptyFacts(), skipped: [] };
  collectFacts(resources, stack.facts);
  for (const r of resources) {
    const cacheType = TF_CACHE_TYPES[r.type];
    // A cluster that belongs to a replication group is judged through its group, as in the account.
    if (cacheType === CACHE_CLUSTER && r.values.replication_group_id) continue;
    if (cacheType) stack.caches.push(translateCache(r, cacheType, file));
    else if (TF_INPUT_TYPES.includes(r.type)) stack.inputs.push({ address: r.address, sourceType: r.type, line: r.line });
  }
  return stack;
}

/** A reference to another resource of the plan, standing in for a value known after apply. */
class PlanReference {
  constructor(readonly address: string) {}
}

/**
 * configuration.root_module (and module_calls, recursively): for each resource address, the
 * resource addresses each attribute expression refers to (module paths prefixed), and which
 * attributes the configuration sets at all.
 */
function configurationReferences(configuration: unknown): { references: Map<string, Map<string, string[]>>; expressions: Map<string, Set<string>> } {
  const out = new Map<string, Map<string, string[]>>();
  const expressions = new Map<string, Set<string>>();
  const visit = (module: unknown, prefix: string) => {
    if (!isRecord(module)) return;
    for (const r of Array.isArray(module.resources) ? module.resources : []) {
      if (!isRecord(r) || typeof r.address !== 'string' || !isRecord(r.expressions)) continue;
      const attributes = new Map<string, string[]>();
      for (const [name, expression] of Object.entries(r.expressions)) {
        const refs = isRecord(expression) && Array.isArray(expression.references) ? expression.references.filter((x): x is string => typeof x === 'string') : [];
        // "aws_security_group.cache.id" and "aws_security_group.cache" both name the resource; keep the latter.
        const resourcesReferred = [...new Set(refs.map((ref) => ref.split('.').slice(0, 2).join('.')).filter((ref) => /^aws_/.test(ref)))];
        if (resourcesReferred.length > 0) attributes.set(name, resourcesReferred.map((ref) => `${prefix}${ref}`));
      }
      out.set(`${prefix}${r.address}`, attributes);
      expressions.set(`${prefix}${r.address}`, new Set(Object.keys(r.expressions)));
    }
    if (isRecord(module.module_calls)) {
      for (const [name, call] of Object.entries(module.module_calls)) if (isRecord(call)) visit(call.module, `${prefix}module.${name}.`);
    }
  };
  if (isRecord(configuration)) visit(configuration.root_module, '');
  return { references: out, expressions };
}

/** Replaces every value marked in after_unknown by Unknown, or by the resource its configuration refers to. */
function withUnknowns(
  values: Record<string, unknown>,
  unknown: unknown,
  address: string,
  references: Map<string, Map<string, string[]>>,
  expressions: Map<string, Set<string>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  if (!isRecord(unknown)) return out;
  // Configuration addresses carry no instance keys ([0], ["a"]).
  const refs = references.get(address.replace(/\[[^\]]*\]/g, ''));
  const configured = expressions.get(address.replace(/\[[^\]]*\]/g, ''));
  for (const [name, mark] of Object.entries(unknown)) {
    if (!containsTrue(mark)) continue;
    // An attribute the configuration does not set is computed by the provider from what the service
    // creates: for a new resource, the service's default, exactly as for a property left out.
    if (configured && !configured.has(name)) {
      delete out[name];
      continue;
    }
    const referred = refs?.get(name);
    const reason = new Unknown(`${name} is known only after terraform apply`);
    if (referred && referred.length > 0) {
      const list = referred.map((ref) => new PlanReference(ref));
      out[name] = Array.isArray(mark) || /_ids$/.test(name) ? list : list[0];
    } else {
      out[name] = Array.isArray(mark) ? mark.map((m, i) => (containsTrue(m) ? reason : (values[name] as unknown[] | undefined)?.[i])) : reason;
    }
  }
  return out;
}

function containsTrue(mark: unknown): boolean {
  if (mark === true) return true;
  if (Array.isArray(mark)) return mark.some(containsTrue);
  if (isRecord(mark)) return Object.values(mark).some(containsTrue);
  return false;
}

/** The id a value names: a literal, the address of a resource of the plan, or Unknown. */
function idOf(value: unknown): string | Unknown {
  if (value instanceof PlanReference) return value.address;
  if (value instanceof Unknown) return value;
  return toText(value) ?? new Unknown('not an id');
}

function idsOf(value: unknown): (string | Unknown)[] {
  return (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).map(idOf);
}

function lineOf(text: string, address: string): number | undefined {
  const index = text.search(new RegExp(`"address"\\s*:\\s*${JSON.stringify(address).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  if (index < 0) return undefined;
  return text.slice(0, index).split('\n').length;
}

function collectFacts(resources: readonly PlannedResource[], facts: DeclaredFacts): void {
  const known = (value: unknown, what: string): string | UndeterminedError => {
    const id = idOf(value);
    return id instanceof Unknown ? deployTime(what, id) : id;
  };
  for (const r of resources) {
    const v = r.values;
    switch (r.type) {
      case 'aws_vpc':
        facts.vpcs.add(r.address);
        break;
      case 'aws_subnet':
        facts.subnetVpcs.set(r.address, known(v.vpc_id, `vpc_id of ${r.address}`));
        break;
      case 'aws_route_table': {
        const routes = Array.isArray(v.route) ? v.route.filter(isRecord) : [];
        const unknown = firstUnknown(v.route);
        facts.routeTables.set(r.address, unknown ? deployTime(`route of ${r.address}`, unknown) : { internetRoutes: routes.flatMap(internetRoute) });
        break;
      }
      case 'aws_kms_key':
        facts.kmsKeys.set(r.address, { keyState: toBoolean(v.is_enabled) === false ? 'Disabled' : 'Enabled' });
        break;
      case 'aws_security_group': {
        const unknown = firstUnknown(v.ingress);
        facts.securityGroups.set(r.address, unknown ? deployTime(`ingress of ${r.address}`, unknown) : (Array.isArray(v.ingress) ? v.ingress.filter(isRecord) : []).map(permissionOf));
        break;
      }
      case 'aws_elasticache_user': {
        const unknown = firstUnknown([v.access_string, v.no_password_required, v.authentication_mode]);
        const mode = Array.isArray(v.authentication_mode) && isRecord(v.authentication_mode[0]) ? lowerText(v.authentication_mode[0].type) : undefined;
        const type = mode === 'no-password-required' || toBoolean(v.no_password_required) === true ? 'no-password' : mode ?? (textList(v.passwords).length > 0 ? 'password' : 'no-password');
        const userId = toText(v.user_id) ?? r.address;
        const fact = unknown ? deployTime(`access_string of ${r.address}`, unknown) : { userId, userName: toText(v.user_name), status: 'active', accessString: toText(v.access_string), authenticationType: type };
        facts.users.set(userId, fact);
        facts.users.set(r.address, fact);
        break;
      }
      default:
    }
  }
  for (const r of resources) {
    const v = r.values;
    switch (r.type) {
      case 'aws_route': {
        const table = idOf(v.route_table_id);
        if (table instanceof Unknown) break;
        const current = facts.routeTables.get(table);
        if (current instanceof UndeterminedError) break;
        const gateway = v.gateway_id === undefined || v.gateway_id === null ? undefined : idOf(v.gateway_id);
        if (gateway instanceof Unknown) facts.routeTables.set(table, deployTime(`gateway_id of ${r.address}`, gateway));
        else if (gateway && (gateway.startsWith('igw-') || gateway.startsWith('aws_internet_gateway.') || gateway.includes('.aws_internet_gateway.'))) {
          facts.routeTables.set(table, { internetRoutes: [...(current?.internetRoutes ?? []), { destination: toText(v.destination_cidr_block) ?? toText(v.destination_ipv6_cidr_block) ?? '?', gatewayId: gateway.startsWith('igw-') ? gateway : `igw-(${gateway})` }] });
        }
        break;
      }
      case 'aws_route_table_association': {
        const subnet = idOf(v.subnet_id);
        if (!(subnet instanceof Unknown)) facts.subnetRouteTables.set(subnet, known(v.route_table_id, `route_table_id of ${r.address}`));
        break;
      }
      case 'aws_vpc_security_group_ingress_rule':
      case 'aws_security_group_rule': {
        if (r.type === 'aws_security_group_rule' && v.type !== 'ingress') break;
        const group = idOf(v.security_group_id);
        const unknown = group instanceof Unknown ? group : firstUnknown(v);
        if (unknown) {
          for (const key of group instanceof Unknown ? [...facts.securityGroups.keys()] : [group]) facts.securityGroups.set(key, deployTime(`ingress rule ${r.address}`, unknown));
          break;
        }
        const current = facts.securityGroups.get(group as string);
        if (Array.isArray(current)) {
          current.push(
            permissionOf({
              from_port: v.from_port,
              to_port: v.to_port,
              protocol: v.ip_protocol ?? v.protocol,
              cidr_blocks: [...textList(v.cidr_ipv4), ...textList(v.cidr_blocks)],
              ipv6_cidr_blocks: [...textList(v.cidr_ipv6), ...textList(v.ipv6_cidr_blocks)],
              prefix_list_ids: [...textList(v.prefix_list_id), ...textList(v.prefix_list_ids)],
            }),
          );
        }
        break;
      }
      case 'aws_elasticache_subnet_group': {
        const subnetIds = idsOf(v.subnet_ids);
        const unknown = subnetIds.find((s): s is Unknown => s instanceof Unknown);
        const first = subnetIds[0] as string | undefined;
        const fact = unknown
          ? deployTime(`subnet_ids of ${r.address}`, unknown)
          : { subnetIds: subnetIds as string[], vpcId: first === undefined ? new UndeterminedError(`${r.address} lists no subnets`) : (facts.subnetVpcs.get(first) ?? needsAccount(`the VPC of subnet ${first}, defined outside the plan (ec2:DescribeSubnets)`)) };
        facts.subnetGroups.set(r.address, fact);
        if (typeof v.name === 'string') facts.subnetGroups.set(v.name.toLowerCase(), fact);
        break;
      }
      case 'aws_elasticache_user_group': {
        const userIds = idsOf(v.user_ids);
        const unknown = userIds.find((u): u is Unknown => u instanceof Unknown);
        const groupId = toText(v.user_group_id) ?? r.address;
        // A user of the plan referred to by address stands for its user_id.
        const resolved = (userIds as string[]).map((u) => {
          const user = facts.users.get(u);
          return user && !(user instanceof UndeterminedError) ? user.userId : u;
        });
        const fact = unknown ? deployTime(`user_ids of ${r.address}`, unknown) : { userGroupId: groupId, status: 'active', userIds: resolved };
        facts.userGroups.set(groupId, fact);
        facts.userGroups.set(r.address, fact);
        break;
      }
      default:
    }
  }
}

function internetRoute(route: Record<string, unknown>): { destination: string; gatewayId: string }[] {
  const gateway = toText(route.gateway_id);
  if (!gateway?.startsWith('igw-')) return [];
  // Terraform writes "" for the attributes an inline route leaves out (an IPv6 route has cidr_block "").
  return [{ destination: toText(route.cidr_block) || toText(route.ipv6_cidr_block) || '?', gatewayId: gateway }];
}

function permissionOf(rule: Record<string, unknown>): IpPermission {
  const protocol = toText(rule.protocol) ?? '-1';
  return {
    IpProtocol: protocol === 'all' ? '-1' : protocol,
    FromPort: toNumber(rule.from_port),
    ToPort: toNumber(rule.to_port),
    IpRanges: textList(rule.cidr_blocks).map((CidrIp) => ({ CidrIp })),
    Ipv6Ranges: textList(rule.ipv6_cidr_blocks).map((CidrIpv6) => ({ CidrIpv6 })),
    PrefixListIds: textList(rule.prefix_list_ids).map((PrefixListId) => ({ PrefixListId })),
  };
}

function given(value: unknown): boolean {
  return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
}

function translateCache(r: PlannedResource, resourceType: CacheResource['resourceType'], file: string): DeclaredCache {
  const v = r.values;
  const name = toText(resourceType === REPLICATION_GROUP ? v.replication_group_id : resourceType === CACHE_CLUSTER ? v.cluster_id : v.name);
  const b = new CacheSnapshotBuilder(resourceType, name?.toLowerCase() ?? r.address);
  b.set('engine', 'engine', given(v.engine) ? v.engine : 'redis', (x) => lowerText(x) ?? 'unknown');
  const engine = b.unknownFields.engine ? undefined : b.snapshot.engine;
  const versionAttribute = resourceType === SERVERLESS_CACHE ? 'major_engine_version' : 'engine_version';
  if (given(v[versionAttribute])) b.set('engineVersion', versionAttribute, v[versionAttribute], toText);
  else b.unknown('engineVersion', versionAttribute, new Unknown('left out, so ElastiCache picks the newest version when it creates the cache'));

  const key = (attribute: string) => {
    if (!given(v[attribute])) return;
    const id = idOf(v[attribute]);
    if (id instanceof Unknown) return b.unknown('kmsKeyId', attribute, id);
    b.snapshot.kmsKeyId = id;
    if (v[attribute] instanceof PlanReference) b.deployTimeIds.kmsKeyId = `KMS key ${id}`;
  };
  const securityGroups = () => {
    if (!given(v.security_group_ids)) {
      b.defaultSecurityGroup('security_group_ids');
      return;
    }
    b.set('securityGroupIds', 'security_group_ids', idsOf(v.security_group_ids), textList);
  };

  if (resourceType === SERVERLESS_CACHE) {
    Object.assign(b.snapshot, SERVERLESS_ENCRYPTION);
    key('kms_key_id');
    if (given(v.snapshot_retention_limit)) b.set('snapshotRetentionLimit', 'snapshot_retention_limit', v.snapshot_retention_limit, toNumber);
    else b.unknown('snapshotRetentionLimit', 'snapshot_retention_limit', new Unknown('left out; CreateServerlessCache documents no default'));
    if (given(v.subnet_ids)) b.set('subnetIds', 'subnet_ids', idsOf(v.subnet_ids), textList);
    else b.unknown('subnetIds', 'subnet_ids', new Unknown('left out, so ElastiCache picks subnets of the default VPC when it creates the cache'));
    securityGroups();
    if (given(v.user_group_id)) b.set('userGroupIds', 'user_group_id', idOf(v.user_group_id), textList);
    b.snapshot.ports = [DEFAULT_PORT[engine ?? ''] ?? 6379];
    return b.build(r.address, r.type, file, r.line);
  }

  b.set('cacheNodeType', 'node_type', v.node_type, toText);
  b.set('transitEncryptionEnabled', 'transit_encryption_enabled', v.transit_encryption_enabled ?? false, toBoolean);
  if (resourceType === REPLICATION_GROUP) {
    const tls = b.snapshot.transitEncryptionEnabled === true || b.unknownFields.transitEncryptionEnabled !== undefined;
    if (given(v.transit_encryption_mode)) b.set('transitEncryptionMode', 'transit_encryption_mode', v.transit_encryption_mode, (x) => lowerText(x) as CacheResource['transitEncryptionMode']);
    else if (tls) b.snapshot.transitEncryptionMode = 'required';
    b.set('atRestEncryptionEnabled', 'at_rest_encryption_enabled', v.at_rest_encryption_enabled ?? false, toBoolean);
    key('kms_key_id');
    b.set('authTokenEnabled', 'auth_token', v.auth_token, (x) => given(x) && x !== '');
    if (given(v.user_group_ids)) b.set('userGroupIds', 'user_group_ids', idsOf(v.user_group_ids), textList);
    b.set('automaticFailover', 'automatic_failover_enabled', v.automatic_failover_enabled ?? false, (x) => (toBoolean(x) ? 'enabled' : 'disabled'));
    b.set('multiAZ', 'multi_az_enabled', v.multi_az_enabled ?? false, (x) => (toBoolean(x) ? 'enabled' : 'disabled'));
    const unknown = firstUnknown([v.num_cache_clusters, v.num_node_groups, v.replicas_per_node_group, v.cluster_mode]);
    if (unknown) {
      b.unknownShards('num_cache_clusters / num_node_groups', unknown);
    } else {
      const shards = toNumber(v.num_node_groups) ?? 1;
      const clusterMode = lowerText(v.cluster_mode) === 'enabled' || shards > 1;
      const replicas = clusterMode || given(v.replicas_per_node_group) ? Array.from({ length: shards }, () => toNumber(v.replicas_per_node_group) ?? 0) : [(toNumber(v.num_cache_clusters) ?? 1) - 1];
      b.setShards(replicas, clusterMode);
    }
    const zones = textList(v.preferred_cache_cluster_azs);
    if (zones.length > 0) b.snapshot.availabilityZones = [...new Set(zones)];
    else b.unknown('availabilityZones', 'preferred_cache_cluster_azs', new Unknown('left out, so ElastiCache places the nodes when it creates the group'));
  } else {
    b.snapshot.atRestEncryptionEnabled = false;
    b.snapshot.authTokenEnabled = false;
    b.set('numCacheNodes', 'num_cache_nodes', v.num_cache_nodes ?? 1, toNumber);
    const zones = [...new Set([...textList(v.preferred_availability_zones), ...textList(v.availability_zone)])];
    if (lowerText(v.az_mode) === 'cross-az' && (b.snapshot.numCacheNodes ?? 1) > 1) b.snapshot.preferredAvailabilityZone = 'Multiple';
    else if (zones.length === 0) b.snapshot.availabilityZones = ['one Availability Zone that ElastiCache picks'];
    if (zones.length > 0) b.snapshot.availabilityZones = zones;
  }
  b.set('snapshotRetentionLimit', 'snapshot_retention_limit', v.snapshot_retention_limit ?? 0, toNumber);
  b.set('cacheSubnetGroupNames', 'subnet_group_name', given(v.subnet_group_name) ? idOf(v.subnet_group_name) : 'default', (x) => textList(x).map((n) => (n.startsWith('aws_') || n.startsWith('module.') ? n : n.toLowerCase())));
  securityGroups();
  b.set('ports', 'port', v.port ?? DEFAULT_PORT[engine ?? ''], toPorts);
  b.set('autoMinorVersionUpgrade', 'auto_minor_version_upgrade', v.auto_minor_version_upgrade ?? true, toBoolean);
  b.set('logDeliveries', 'log_delivery_configuration', v.log_delivery_configuration ?? [], logDeliveriesOf);
  if (!b.unknownFields.memberClusterIds) {
    const clusters = resourceType === REPLICATION_GROUP ? b.snapshot.memberClusterIds : [b.snapshot.resourceId];
    const topic = given(v.notification_topic_arn) ? idOf(v.notification_topic_arn) : undefined;
    if (topic instanceof Unknown) b.unknown('notificationSettings', 'notification_topic_arn', topic);
    else {
      b.snapshot.notificationSettings = clusters.map((cacheClusterId) => ({ cacheClusterId, topicArn: topic, topicStatus: topic ? 'active' : undefined }));
      if (v.notification_topic_arn instanceof PlanReference) b.deployTimeIds.notificationSettings = `SNS topic ${topic}`;
    }
  }
  if (given(v.global_replication_group_id)) b.inherits('global_replication_group_id', 'a member of a global datastore takes this setting from the datastore');
  return b.build(r.address, r.type, file, r.line);
}

function logDeliveriesOf(value: unknown): LogDelivery[] {
  return (Array.isArray(value) ? value : []).filter(isRecord).map((c) => ({
    logType: lowerText(c.log_type) ?? '',
    destinationType: lowerText(c.destination_type),
    status: 'active',
    destination: toText(c.destination),
  }));
}
