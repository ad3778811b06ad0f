/**
 * Translation of a Terraform plan (terraform show -json) into a declared stack.
 *
 * Scenarios
 * - Given a file with format_version and terraform_version but no planned_values, then it is refused
 *   naming the file and what to run instead.
 * - Given values known only after apply, then an attribute the configuration fills from another
 *   resource of the plan is that resource, one it sets otherwise is unknown, and one it does not set
 *   takes the service's default.
 * - Given resources inside modules (and instances with keys), then they are translated with their
 *   module address and their configuration references are followed.
 * - Given data sources, member clusters and other ElastiCache resources, then only caches are judged,
 *   the others being inputs or ignored.
 * - Given network, key and access resources, then their facts are read, or undetermined when a
 *   value they need is known only after apply or only in the account.
 * - Given caches with attributes left out, then they take ElastiCache's defaults, and a value known
 *   only after apply makes exactly the fields it feeds unknown.
 */
import { UndeterminedError } from '#shared/template/deploy-time.ts';
import { loadTemplate } from '#shared/template/load-template.ts';
import { TemplateFileError } from '#shared/template/template-errors.ts';
import { isTerraformPlan, translateTerraformPlan } from '#shared/template/terraform-plan.ts';
import type { DeclaredCache, DeclaredStack } from '#shared/template/declared-stack.ts';

interface Planned {
  type: string;
  name: string;
  values: Record<string, unknown>;
  /** change.after_unknown of resource_changes. */
  afterUnknown?: Record<string, unknown>;
  /** configuration expressions: attribute → references. */
  references?: Record<string, string[]>;
  mode?: string;
  index?: string | number;
}

function resourceOf(r: Planned, prefix = '') {
  const key = r.index === undefined ? '' : `[${JSON.stringify(r.index)}]`;
  return { address: `${prefix}${r.type}.${r.name}${key}`, mode: r.mode ?? 'managed', type: r.type, name: r.name, values: r.values };
}

function configOf(r: Planned) {
  return { address: `${r.type}.${r.name}`, expressions: Object.fromEntries(Object.entries(r.references ?? {}).map(([name, references]) => [name, references.length > 0 ? { references } : { constant_value: 'x' }])) };
}

/** A plan of the root module's resources and, optionally, one module call `name`. */
function planOf(resources: Planned[], module?: { name: string; resources: Planned[] }): Record<string, unknown> {
  const prefix = module ? `module.${module.name}.` : '';
  const all = [...resources.map((r) => ({ r, prefix: '' })), ...(module?.resources ?? []).map((r) => ({ r, prefix }))];
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: {
      root_module: {
        resources: resources.map((r) => resourceOf(r)),
        ...(module ? { child_modules: [{ address: `module.${module.name}`, resources: module.resources.map((r) => resourceOf(r, prefix)) }] } : {}),
      },
    },
    resource_changes: all.map(({ r, prefix: p }) => ({ address: resourceOf(r, p).address, change: { actions: ['create'], after_unknown: r.afterUnknown ?? {} } })),
    configuration: {
      root_module: {
        resources: resources.filter((r) => r.references).map(configOf),
        ...(module ? { module_calls: { [module.name]: { source: './cache', module: { resources: module.resources.filter((r) => r.references).map(configOf) } } } } : {}),
      },
    },
  };
}

function translate(plan: Record<string, unknown>): DeclaredStack {
  return translateTerraformPlan('plan.json', plan, JSON.stringify(plan, null, 2));
}

const cacheAt = (stack: DeclaredStack, address: string): DeclaredCache => {
  const cache = stack.caches.find((c) => c.address === address);
  if (!cache) throw new Error(`no cache ${address} in ${stack.caches.map((c) => c.address).join(', ')}`);
  return cache;
};

const group = (name: string, values: Record<string, unknown>, extra: Partial<Planned> = {}): Planned => ({
  type: 'aws_elasticache_replication_group',
  name,
  values: { replication_group_id: name, description: name, engine: 'valkey', engine_version: '8.0', node_type: 'cache.t4g.small', ...values },
  ...extra,
});

describe('recognising a plan', () => {
  it('refuses a plan without planned_values, naming the file and the command that writes them', () => {
    // Prepare: what `terraform show -json` prints for state, not for a saved plan.
    const text = JSON.stringify({ format_version: '1.0', terraform_version: '1.9.8', values: {} });

    // Act / Assess
    expect(() => loadTemplate('state.json', text)).toThrow(TemplateFileError);
    expect(() => loadTemplate('state.json', text)).toThrow(/state\.json: .*without planned_values.*terraform show -json/);
  });

  it('tells a plan from a JSON CloudFormation template', () => {
    expect(isTerraformPlan({ format_version: '1.2', planned_values: {} })).toBe(true);
    expect(isTerraformPlan({ format_version: '1.2', terraform_version: '1.9.8' })).toBe(true);
    expect(isTerraformPlan({ AWSTemplateFormatVersion: '2010-09-09', Resources: {} })).toBe(false);
    expect(isTerraformPlan({ format_version: 1, planned_values: {} })).toBe(false);
  });
});

describe('values known only after apply', () => {
  it('follows a key, security groups and a topic the configuration takes from the plan to those resources', () => {
    // Prepare
    const plan = planOf([
      { type: 'aws_kms_key', name: 'cache', values: { is_enabled: true } },
      { type: 'aws_sns_topic', name: 'alerts', values: {} },
      { type: 'aws_security_group', name: 'cache', values: { ingress: [] } },
      group(
        'orders',
        { at_rest_encryption_enabled: true, num_cache_clusters: 2 },
        {
          afterUnknown: { kms_key_id: true, security_group_ids: [true], notification_topic_arn: true, arn: true },
          references: {
            kms_key_id: ['aws_kms_key.cache.arn', 'aws_kms_key.cache'],
            security_group_ids: ['aws_security_group.cache.id', 'aws_security_group.cache'],
            notification_topic_arn: ['aws_sns_topic.alerts.arn', 'aws_sns_topic.alerts'],
            description: [],
          },
        },
      ),
    ]);

    // Act
    const cache = cacheAt(translate(plan), 'aws_elasticache_replication_group.orders');

    // Assess
    expect(cache.snapshot.kmsKeyId).toBe('aws_kms_key.cache');
    expect(cache.deployTimeIds.kmsKeyId).toBe('KMS key aws_kms_key.cache');
    expect(cache.snapshot.securityGroupIds).toEqual(['aws_security_group.cache']);
    expect(cache.snapshot.notificationSettings).toEqual([
      { cacheClusterId: 'orders-001', topicArn: 'aws_sns_topic.alerts', topicStatus: 'active' },
      { cacheClusterId: 'orders-002', topicArn: 'aws_sns_topic.alerts', topicStatus: 'active' },
    ]);
    expect(cache.deployTimeIds.notificationSettings).toBe('SNS topic aws_sns_topic.alerts');
    expect(Object.keys(cache.unknownFields)).toEqual(['availabilityZones']);
  });

  it('makes an attribute the configuration sets from a variable unknown, naming it', () => {
    // Prepare: port and one of two security groups come from values Terraform computes at apply.
    const plan = planOf([
      group('orders', { security_group_ids: ['sg-0123456789abcdef0'] }, { afterUnknown: { port: true, security_group_ids: [false, true], transit_encryption_enabled: true }, references: { port: [], security_group_ids: [], transit_encryption_enabled: [] } }),
    ]);

    // Act
    const cache = cacheAt(translate(plan), 'aws_elasticache_replication_group.orders');

    // Assess
    expect(cache.unknownFields.ports?.reason).toBe('port is known only at deployment (port is known only after terraform apply)');
    expect(cache.unknownFields.securityGroupIds?.reason).toContain('security_group_ids is known only after terraform apply');
    expect(cache.unknownFields.transitEncryptionEnabled).toBeInstanceOf(UndeterminedError);
    // TLS that may be on is judged with the mode ElastiCache gives it.
    expect(cache.snapshot.transitEncryptionMode).toBe('required');
  });

  it('takes the service default for a computed attribute the configuration does not set', () => {
    // Prepare: the provider marks snapshot_retention_limit and port as computed; the configuration sets neither.
    const plan = planOf([group('orders', {}, { afterUnknown: { snapshot_retention_limit: true, port: true, member_clusters: [] }, references: { engine: [] } })]);

    // Act
    const cache = cacheAt(translate(plan), 'aws_elasticache_replication_group.orders');

    // Assess
    expect(cache.snapshot.snapshotRetentionLimit).toBe(0);
    expect(cache.snapshot.ports).toEqual([6379]);
    expect(cache.unknownFields.snapshotRetentionLimit).toBeUndefined();
  });

  it('leaves everything unknown that a variable node count feeds', () => {
    const plan = planOf([group('orders', { num_cache_clusters: null }, { afterUnknown: { num_cache_clusters: true } })]);

    const cache = cacheAt(translate(plan), 'aws_elasticache_replication_group.orders');

    for (const field of ['shards', 'memberClusterIds', 'notificationSettings', 'numCacheNodes', 'clusterModeEnabled'] as const) {
      expect(cache.unknownFields[field]?.reason).toContain('num_cache_clusters / num_node_groups');
    }
    expect(cache.snapshot.notificationSettings).toEqual([]);
  });

  it('makes a key, topic or subnet group that is unknown without a reference unknown', () => {
    const plan = planOf([
      group('orders', { num_cache_clusters: 1 }, { afterUnknown: { kms_key_id: true, notification_topic_arn: true, subnet_group_name: true } }),
    ]);

    const cache = cacheAt(translate(plan), 'aws_elasticache_replication_group.orders');

    expect(cache.unknownFields.kmsKeyId?.reason).toContain('kms_key_id');
    expect(cache.unknownFields.notificationSettings?.reason).toContain('notification_topic_arn');
    expect(cache.unknownFields.cacheSubnetGroupNames?.reason).toContain('subnet_group_name');
  });
});

describe('modules, instances and what is not a cache', () => {
  it('translates a cache of a child module with its module address, following references inside the module', () => {
    // Prepare: count = 2 in module "cache", whose security group is a resource of the same module.
    const plan = planOf([], {
      name: 'cache',
      resources: [
        { type: 'aws_security_group', name: 'this', values: { ingress: [{ from_port: 6379, to_port: 6379, protocol: 'tcp', cidr_blocks: ['10.0.0.0/16'] }] } },
        group('replica', { replication_group_id: 'orders-0' }, { index: 0, afterUnknown: { security_group_ids: true }, references: { security_group_ids: ['aws_security_group.this.id'] } }),
      ],
    });

    // Act
    const stack = translate(plan);
    const cache = cacheAt(stack, 'module.cache.aws_elasticache_replication_group.replica[0]');

    // Assess
    expect(cache.snapshot.resourceId).toBe('orders-0');
    expect(cache.snapshot.securityGroupIds).toEqual(['module.cache.aws_security_group.this']);
    expect(stack.facts.securityGroups.get('module.cache.aws_security_group.this')).toEqual([
      { IpProtocol: 'tcp', FromPort: 6379, ToPort: 6379, IpRanges: [{ CidrIp: '10.0.0.0/16' }], Ipv6Ranges: [], PrefixListIds: [] },
    ]);
    expect(cache.line).toBeGreaterThan(1);
  });

  it('judges member clusters through their group, keeps other ElastiCache resources as inputs and ignores data sources', () => {
    const plan = planOf([
      group('orders', {}),
      { type: 'aws_elasticache_cluster', name: 'member', values: { cluster_id: 'orders-003', replication_group_id: 'orders' } },
      { type: 'aws_elasticache_subnet_group', name: 'private', values: { name: 'private', subnet_ids: ['subnet-1'] } },
      { type: 'aws_elasticache_replication_group', name: 'existing', values: { replication_group_id: 'existing' }, mode: 'data' },
      { type: 'aws_s3_bucket', name: 'logs', values: {} },
    ]);

    const stack = translate(plan);

    expect(stack.kind).toBe('Terraform plan');
    expect(stack.caches.map((c) => c.address)).toEqual(['aws_elasticache_replication_group.orders']);
    expect(stack.inputs).toEqual([{ address: 'aws_elasticache_subnet_group.private', sourceType: 'aws_elasticache_subnet_group', line: expect.any(Number) }]);
  });

  it('reads a plan with no resource changes, no configuration and no resources', () => {
    const stack = translate({ format_version: '1.2', planned_values: { root_module: {} } });
    expect(stack.caches).toEqual([]);
    expect(stack.inputs).toEqual([]);
  });
});

describe('network, key and access facts', () => {
  it('links subnets to their VPC and subnet groups to the VPC of their first subnet', () => {
    // Prepare
    const plan = planOf([
      { type: 'aws_vpc', name: 'main', values: { cidr_block: '10.0.0.0/16' } },
      { type: 'aws_subnet', name: 'a', values: {}, afterUnknown: { vpc_id: true, id: true }, references: { vpc_id: ['aws_vpc.main.id'] } },
      { type: 'aws_subnet', name: 'late', values: {}, afterUnknown: { vpc_id: true }, references: { vpc_id: [] } },
      { type: 'aws_elasticache_subnet_group', name: 'ours', values: { name: 'Ours' }, afterUnknown: { subnet_ids: true }, references: { subnet_ids: ['aws_subnet.a.id'] } },
      { type: 'aws_elasticache_subnet_group', name: 'elsewhere', values: { name: 'elsewhere', subnet_ids: ['subnet-0abc'] } },
      { type: 'aws_elasticache_subnet_group', name: 'empty', values: { subnet_ids: [] } },
      { type: 'aws_elasticache_subnet_group', name: 'variable', values: { name: 'variable', subnet_ids: ['subnet-1'] }, afterUnknown: { subnet_ids: [false, true] }, references: { subnet_ids: [] } },
    ]);

    // Act
    const facts = translate(plan).facts;

    // Assess
    expect(facts.vpcs.has('aws_vpc.main')).toBe(true);
    expect(facts.subnetVpcs.get('aws_subnet.a')).toBe('aws_vpc.main');
    expect((facts.subnetVpcs.get('aws_subnet.late') as UndeterminedError).reason).toContain('vpc_id of aws_subnet.late');
    expect(facts.subnetGroups.get('ours')).toEqual({ subnetIds: ['aws_subnet.a'], vpcId: 'aws_vpc.main' });
    expect(facts.subnetGroups.get('aws_elasticache_subnet_group.ours')).toBe(facts.subnetGroups.get('ours'));
    const elsewhere = facts.subnetGroups.get('elsewhere') as { vpcId: UndeterminedError };
    expect(elsewhere.vpcId.reason).toBe('needs the account: the VPC of subnet subnet-0abc, defined outside the plan (ec2:DescribeSubnets)');
    const empty = facts.subnetGroups.get('aws_elasticache_subnet_group.empty') as { vpcId: UndeterminedError };
    expect(empty.vpcId.reason).toBe('aws_elasticache_subnet_group.empty lists no subnets');
    expect((facts.subnetGroups.get('variable') as UndeterminedError).reason).toContain('subnet_ids of aws_elasticache_subnet_group.variable');
  });

  it('reads separate routes to an internet gateway of the plan, and leaves a table undetermined when a route is', () => {
    const plan = planOf([
      { type: 'aws_internet_gateway', name: 'igw', values: {} },
      { type: 'aws_route_table', name: 'public', values: { route: [] } },
      { type: 'aws_route_table', name: 'variable', values: { route: [] }, afterUnknown: { route: [true] }, references: { route: [] } },
      { type: 'aws_route_table', name: 'private', values: { route: [{ cidr_block: '10.0.0.0/8', gateway_id: '' }, { ipv6_cidr_block: '::/0', gateway_id: 'igw-0ab' }] } },
      { type: 'aws_route_table', name: 'late', values: { route: [] } },
      { type: 'aws_route', name: 'internet', values: { destination_cidr_block: '0.0.0.0/0' }, afterUnknown: { route_table_id: true, gateway_id: true }, references: { route_table_id: ['aws_route_table.public.id'], gateway_id: ['aws_internet_gateway.igw.id'] } },
      { type: 'aws_route', name: 'ipv6', values: { destination_ipv6_cidr_block: '::/0', route_table_id: 'aws_route_table.public', gateway_id: 'igw-literal' } },
      { type: 'aws_route', name: 'nat', values: { destination_cidr_block: '0.0.0.0/0', route_table_id: 'aws_route_table.private', nat_gateway_id: 'nat-1' } },
      { type: 'aws_route', name: 'unknown-gateway', values: { destination_cidr_block: '0.0.0.0/0', route_table_id: 'aws_route_table.late' }, afterUnknown: { gateway_id: true }, references: { gateway_id: [] } },
      { type: 'aws_route', name: 'onto-variable', values: { route_table_id: 'aws_route_table.variable', gateway_id: 'igw-1' } },
      { type: 'aws_route', name: 'unknown-table', values: { gateway_id: 'igw-1' }, afterUnknown: { route_table_id: true }, references: { route_table_id: [] } },
      { type: 'aws_route_table_association', name: 'late', values: { route_table_id: 'aws_route_table.late' }, afterUnknown: { subnet_id: true }, references: { subnet_id: [] } },
      { type: 'aws_route_table_association', name: 'a', values: { subnet_id: 'subnet-1' }, afterUnknown: { route_table_id: true }, references: { route_table_id: [] } },
    ]);

    const facts = translate(plan).facts;

    expect(facts.routeTables.get('aws_route_table.public')).toEqual({
      internetRoutes: [
        { destination: '0.0.0.0/0', gatewayId: 'igw-(aws_internet_gateway.igw)' },
        { destination: '::/0', gatewayId: 'igw-literal' },
      ],
    });
    expect(facts.routeTables.get('aws_route_table.private')).toEqual({ internetRoutes: [{ destination: '::/0', gatewayId: 'igw-0ab' }] });
    expect((facts.routeTables.get('aws_route_table.late') as UndeterminedError).reason).toContain('gateway_id of aws_route.unknown-gateway');
    expect((facts.routeTables.get('aws_route_table.variable') as UndeterminedError).reason).toContain('route of aws_route_table.variable');
    expect((facts.subnetRouteTables.get('subnet-1') as UndeterminedError).reason).toContain('route_table_id of aws_route_table_association.a');
    expect(facts.subnetRouteTables.size).toBe(1);
  });

  it('adds standalone ingress rules to their group, and makes groups undetermined when a rule is', () => {
    const plan = planOf([
      { type: 'aws_security_group', name: 'cache', values: { ingress: [{ from_port: 0, to_port: 0, protocol: 'all', cidr_blocks: [], ipv6_cidr_blocks: ['::/0'], prefix_list_ids: [] }] } },
      { type: 'aws_security_group', name: 'other', values: {} },
      { type: 'aws_security_group', name: 'variable', values: { ingress: [] }, afterUnknown: { ingress: [{ cidr_blocks: [true] }] }, references: { ingress: [] } },
      {
        type: 'aws_vpc_security_group_ingress_rule',
        name: 'world',
        values: { ip_protocol: 'tcp', from_port: 6379, to_port: 6379, cidr_ipv4: '0.0.0.0/0' },
        afterUnknown: { security_group_id: true },
        references: { security_group_id: ['aws_security_group.cache.id'] },
      },
      { type: 'aws_security_group_rule', name: 'unknown-cidr', values: { type: 'ingress', security_group_id: 'aws_security_group.other', protocol: 'tcp' }, afterUnknown: { cidr_blocks: true }, references: { cidr_blocks: [] } },
    ]);

    const facts = translate(plan).facts;

    expect(facts.securityGroups.get('aws_security_group.cache')).toEqual([
      { IpProtocol: '-1', FromPort: 0, ToPort: 0, IpRanges: [], Ipv6Ranges: [{ CidrIpv6: '::/0' }], PrefixListIds: [] },
      { IpProtocol: 'tcp', FromPort: 6379, ToPort: 6379, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [] },
    ]);
    expect((facts.securityGroups.get('aws_security_group.other') as UndeterminedError).reason).toContain('ingress rule aws_security_group_rule.unknown-cidr');
    expect((facts.securityGroups.get('aws_security_group.variable') as UndeterminedError).reason).toContain('ingress of aws_security_group.variable');
  });

  it('reads a module\'s for_each network: inline routes with "" for what they leave out, its internet gateway, a rule, and keyed addresses at their line', () => {
    // Prepare: module "net" creates the gateway, routes and group; instances are keyed by for_each.
    const plan = planOf([], {
      name: 'net',
      resources: [
        { type: 'aws_internet_gateway', name: 'this', values: {} },
        // Terraform writes "" for the attributes an inline route leaves out.
        {
          type: 'aws_route_table',
          name: 'public',
          values: {
            route: [
              { cidr_block: '', ipv6_cidr_block: '::/0', destination_prefix_list_id: '', gateway_id: 'igw-0abc', nat_gateway_id: '' },
              { cidr_block: '', ipv6_cidr_block: '', destination_prefix_list_id: 'pl-0abc', gateway_id: 'igw-0abc', nat_gateway_id: '' },
              { cidr_block: '0.0.0.0/0', ipv6_cidr_block: '', destination_prefix_list_id: '', gateway_id: '', nat_gateway_id: 'nat-0abc' },
            ],
          },
          index: 'eu-west-1a',
        },
        { type: 'aws_route', name: 'internet', values: { route_table_id: 'module.net.aws_route_table.public["eu-west-1a"]', destination_cidr_block: '0.0.0.0/0', gateway_id: 'module.net.aws_internet_gateway.this' } },
        { type: 'aws_security_group', name: 'cache', values: { ingress: [] } },
        { type: 'aws_security_group_rule', name: 'vpc', values: { type: 'ingress', security_group_id: 'module.net.aws_security_group.cache', protocol: 'tcp', from_port: 6379, to_port: 6379, cidr_blocks: ['10.0.0.0/16'] } },
        { type: 'aws_elasticache_user_group', name: 'unnamed', values: { user_ids: null }, index: 'admins' },
      ],
    });

    // Act
    const stack = translate(plan);
    const text = JSON.stringify(plan, null, 2);

    // Assess
    expect(stack.facts.routeTables.get('module.net.aws_route_table.public["eu-west-1a"]')).toEqual({
      internetRoutes: [
        { destination: '::/0', gatewayId: 'igw-0abc' },
        { destination: '?', gatewayId: 'igw-0abc' },
        { destination: '0.0.0.0/0', gatewayId: 'igw-(module.net.aws_internet_gateway.this)' },
      ],
    });
    expect(stack.facts.securityGroups.get('module.net.aws_security_group.cache')).toEqual([
      { IpProtocol: 'tcp', FromPort: 6379, ToPort: 6379, IpRanges: [{ CidrIp: '10.0.0.0/16' }], Ipv6Ranges: [], PrefixListIds: [] },
    ]);
    const group = 'module.net.aws_elasticache_user_group.unnamed["admins"]';
    expect(stack.facts.userGroups.get(group)).toEqual({ userGroupId: group, status: 'active', userIds: [] });
    // The line of a keyed address is found although the key's quotes are escaped in the JSON.
    const line = text.split('\n').findIndex((l) => l.includes(`"address": ${JSON.stringify(group)}`)) + 1;
    expect(line).toBeGreaterThan(1);
    expect(stack.inputs).toEqual([{ address: group, sourceType: 'aws_elasticache_user_group', line }]);
  });

  it('makes every group of the plan undetermined for a rule whose group is known only after apply', () => {
    const plan = planOf([
      { type: 'aws_security_group', name: 'a', values: { ingress: [] } },
      { type: 'aws_security_group', name: 'b', values: { ingress: [] } },
      { type: 'aws_security_group_rule', name: 'r', values: { type: 'ingress', cidr_blocks: ['0.0.0.0/0'] }, afterUnknown: { security_group_id: true }, references: { security_group_id: [] } },
    ]);

    const facts = translate(plan).facts;

    for (const group of ['aws_security_group.a', 'aws_security_group.b']) expect(facts.securityGroups.get(group)).toBeInstanceOf(UndeterminedError);
  });

  it('reads users by their authentication, and user groups with users of the plan named by their user_id', () => {
    const plan = planOf([
      { type: 'aws_elasticache_user', name: 'app', values: { user_id: 'app', user_name: 'app', access_string: 'on ~app:* +@read', authentication_mode: [{ type: 'iam' }] } },
      { type: 'aws_elasticache_user', name: 'open', values: { user_id: 'open', user_name: 'default', access_string: 'on ~* +@all', no_password_required: true } },
      { type: 'aws_elasticache_user', name: 'legacy', values: { user_id: 'legacy', user_name: 'legacy', access_string: 'on ~* +@all', passwords: ['x'.repeat(16)] } },
      { type: 'aws_elasticache_user', name: 'bare', values: { user_name: 'bare', access_string: 'off' } },
      { type: 'aws_elasticache_user', name: 'late', values: { user_id: 'late', user_name: 'late' }, afterUnknown: { access_string: true }, references: { access_string: [] } },
      { type: 'aws_elasticache_user_group', name: 'g', values: { user_group_id: 'g', user_ids: ['aws_elasticache_user.app', 'default', 'aws_elasticache_user.late'] } },
      { type: 'aws_elasticache_user_group', name: 'variable', values: { user_group_id: 'variable' }, afterUnknown: { user_ids: [true] }, references: { user_ids: [] } },
    ]);

    const facts = translate(plan).facts;

    expect(facts.users.get('app')).toEqual({ userId: 'app', userName: 'app', status: 'active', accessString: 'on ~app:* +@read', authenticationType: 'iam' });
    expect(facts.users.get('aws_elasticache_user.open')).toMatchObject({ userId: 'open', authenticationType: 'no-password' });
    expect(facts.users.get('legacy')).toMatchObject({ authenticationType: 'password' });
    expect(facts.users.get('aws_elasticache_user.bare')).toMatchObject({ userId: 'aws_elasticache_user.bare', authenticationType: 'no-password' });
    expect((facts.users.get('late') as UndeterminedError).reason).toContain('access_string of aws_elasticache_user.late');
    // A user whose facts are undetermined keeps its address; the group still lists it.
    expect(facts.userGroups.get('g')).toEqual({ userGroupId: 'g', status: 'active', userIds: ['app', 'default', 'aws_elasticache_user.late'] });
    expect(facts.userGroups.get('aws_elasticache_user_group.g')).toBe(facts.userGroups.get('g'));
    expect((facts.userGroups.get('variable') as UndeterminedError).reason).toContain('user_ids of aws_elasticache_user_group.variable');
  });

  it('reads a key of the plan as enabled unless is_enabled is false', () => {
    const facts = translate(planOf([
      { type: 'aws_kms_key', name: 'on', values: {} },
      { type: 'aws_kms_key', name: 'off', values: { is_enabled: 'false' } },
    ])).facts;

    expect(facts.kmsKeys.get('aws_kms_key.on')).toEqual({ keyState: 'Enabled' });
    expect(facts.kmsKeys.get('aws_kms_key.off')).toEqual({ keyState: 'Disabled' });
  });
});

describe('caches with attributes left out', () => {
  it('gives a replication group ElastiCache\'s defaults, with the engine version unknown', () => {
    // Prepare: only what aws_elasticache_replication_group requires.
    const plan = planOf([{ type: 'aws_elasticache_replication_group', name: 'min', values: { replication_group_id: 'Min', description: 'min', node_type: 'cache.t4g.micro' } }]);

    // Act
    const cache = cacheAt(translate(plan), 'aws_elasticache_replication_group.min');

    // Assess
    expect(cache.snapshot).toMatchObject({
      resourceId: 'min',
      engine: 'redis',
      transitEncryptionEnabled: false,
      transitEncryptionMode: undefined,
      atRestEncryptionEnabled: false,
      authTokenEnabled: false,
      automaticFailover: 'disabled',
      multiAZ: 'disabled',
      clusterModeEnabled: false,
      memberClusterIds: ['min-001'],
      numCacheNodes: 1,
      snapshotRetentionLimit: 0,
      cacheSubnetGroupNames: ['default'],
      ports: [6379],
      autoMinorVersionUpgrade: true,
      logDeliveries: [],
      notificationSettings: [{ cacheClusterId: 'min-001', topicArn: undefined, topicStatus: undefined }],
    });
    expect(cache.unknownFields.engineVersion?.reason).toContain('ElastiCache picks the newest version');
    expect(cache.unknownFields.availabilityZones?.reason).toContain('preferred_cache_cluster_azs');
    expect(cache.unknownFields.securityGroupIds?.reason).toContain("VPC's default security group");
  });

  it('reads a cluster-mode group with its shards, zones, users, logs and settings', () => {
    const plan = planOf([
      group('orders', {
        num_node_groups: 2,
        replicas_per_node_group: 1,
        transit_encryption_enabled: true,
        transit_encryption_mode: 'Preferred',
        auth_token: 'a-token-of-16-chars',
        user_group_ids: ['g'],
        automatic_failover_enabled: true,
        multi_az_enabled: 'true',
        preferred_cache_cluster_azs: ['eu-west-1a', 'eu-west-1b', 'eu-west-1a'],
        subnet_group_name: 'Private',
        security_group_ids: ['sg-1'],
        port: 6380,
        auto_minor_version_upgrade: 'false',
        snapshot_retention_limit: 7,
        log_delivery_configuration: [{ log_type: 'slow-log', destination_type: 'cloudwatch-logs', destination: 'group', log_format: 'json' }],
        notification_topic_arn: 'arn:aws:sns:eu-west-1:111122223333:alerts',
      }),
    ]);

    const s = cacheAt(translate(plan), 'aws_elasticache_replication_group.orders').snapshot;

    expect(s.clusterModeEnabled).toBe(true);
    expect(s.shards).toEqual([{ shardId: '0001', replicaCount: 1 }, { shardId: '0002', replicaCount: 1 }]);
    expect(s.memberClusterIds).toEqual(['orders-0001-001', 'orders-0001-002', 'orders-0002-001', 'orders-0002-002']);
    expect(s.transitEncryptionMode).toBe('preferred');
    expect(s.authTokenEnabled).toBe(true);
    expect(s.userGroupIds).toEqual(['g']);
    expect(s.automaticFailover).toBe('enabled');
    expect(s.multiAZ).toBe('enabled');
    expect(s.availabilityZones).toEqual(['eu-west-1a', 'eu-west-1b']);
    expect(s.cacheSubnetGroupNames).toEqual(['private']);
    expect(s.ports).toEqual([6380]);
    expect(s.autoMinorVersionUpgrade).toBe(false);
    expect(s.snapshotRetentionLimit).toBe(7);
    expect(s.logDeliveries).toEqual([{ logType: 'slow-log', destinationType: 'cloudwatch-logs', status: 'active', destination: 'group' }]);
    expect(s.notificationSettings).toHaveLength(4);
    expect(s.notificationSettings[0]).toEqual({ cacheClusterId: 'orders-0001-001', topicArn: 'arn:aws:sns:eu-west-1:111122223333:alerts', topicStatus: 'active' });
  });

  it('reads cluster_mode enabled on one shard, and replicas_per_node_group without cluster mode', () => {
    const plan = planOf([group('one', { cluster_mode: 'enabled', replicas_per_node_group: 2 }), group('flat', { replicas_per_node_group: 1 })]);

    const stack = translate(plan);

    const one = cacheAt(stack, 'aws_elasticache_replication_group.one').snapshot;
    expect(one.clusterModeEnabled).toBe(true);
    expect(one.memberClusterIds).toEqual(['one-0001-001', 'one-0001-002', 'one-0001-003']);
    const flat = cacheAt(stack, 'aws_elasticache_replication_group.flat').snapshot;
    expect(flat.clusterModeEnabled).toBe(false);
    expect(flat.memberClusterIds).toEqual(['flat-001', 'flat-002']);
  });

  it('keeps a subnet group of the plan by address, and reads an unnamed cache by its address', () => {
    const plan = planOf([
      { type: 'aws_elasticache_replication_group', name: 'unnamed', values: { description: 'x', engine_version: '7.1' }, afterUnknown: { subnet_group_name: true }, references: { subnet_group_name: ['aws_elasticache_subnet_group.private.name'] } },
    ]);

    const cache = cacheAt(translate(plan), 'aws_elasticache_replication_group.unnamed');

    expect(cache.snapshot.resourceId).toBe('aws_elasticache_replication_group.unnamed');
    expect(cache.snapshot.cacheSubnetGroupNames).toEqual(['aws_elasticache_subnet_group.private']);
  });

  it('gives a serverless cache encryption, and leaves retention and subnets it does not set unknown', () => {
    const plan = planOf([{ type: 'aws_elasticache_serverless_cache', name: 'sessions', values: { name: 'Sessions', engine: 'memcached', major_engine_version: '1.6' } }]);

    const cache = cacheAt(translate(plan), 'aws_elasticache_serverless_cache.sessions');

    expect(cache.snapshot).toMatchObject({ resourceId: 'sessions', engine: 'memcached', engineVersion: '1.6', transitEncryptionEnabled: true, transitEncryptionMode: 'required', atRestEncryptionEnabled: true, ports: [11211], userGroupIds: [] });
    expect(cache.snapshot.kmsKeyId).toBeUndefined();
    expect(cache.unknownFields.snapshotRetentionLimit?.reason).toContain('documents no default');
    expect(cache.unknownFields.subnetIds?.reason).toContain('default VPC');
    expect(cache.unknownFields.securityGroupIds).toBeInstanceOf(UndeterminedError);
  });

  it('reads a serverless cache whose engine is known only after apply with the Redis OSS port', () => {
    const plan = planOf([{ type: 'aws_elasticache_serverless_cache', name: 's', values: { name: 's', snapshot_retention_limit: 1, subnet_ids: ['subnet-1'], security_group_ids: ['sg-1'] }, afterUnknown: { engine: true }, references: { engine: [] } }]);

    const cache = cacheAt(translate(plan), 'aws_elasticache_serverless_cache.s');

    expect(cache.unknownFields.engine?.reason).toContain('engine');
    expect(cache.snapshot.ports).toEqual([6379]);
    expect(cache.snapshot.snapshotRetentionLimit).toBe(1);
    expect(cache.snapshot.subnetIds).toEqual(['subnet-1']);
  });

  it('places standalone Memcached nodes across zones, or in one zone ElastiCache picks', () => {
    const plan = planOf([
      { type: 'aws_elasticache_cluster', name: 'spread', values: { cluster_id: 'spread', engine: 'memcached', engine_version: '1.6.22', az_mode: 'cross-az', num_cache_nodes: 3 } },
      { type: 'aws_elasticache_cluster', name: 'single', values: { cluster_id: 'single', engine: 'memcached', engine_version: '1.6.22' } },
      { type: 'aws_elasticache_cluster', name: 'zones', values: { cluster_id: 'zones', engine: 'memcached', engine_version: '1.6.22', num_cache_nodes: 2, preferred_availability_zones: ['a', 'b'] } },
    ]);

    const stack = translate(plan);

    const spread = cacheAt(stack, 'aws_elasticache_cluster.spread').snapshot;
    expect(spread).toMatchObject({ preferredAvailabilityZone: 'Multiple', numCacheNodes: 3, ports: [11211], atRestEncryptionEnabled: false, authTokenEnabled: false });
    expect(cacheAt(stack, 'aws_elasticache_cluster.single').snapshot.availabilityZones).toEqual(['one Availability Zone that ElastiCache picks']);
    expect(cacheAt(stack, 'aws_elasticache_cluster.zones').snapshot.availabilityZones).toEqual(['a', 'b']);
  });
});
