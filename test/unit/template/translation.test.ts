/**
 * Translation details of single caches and their network, beyond the corpus.
 *
 * Scenarios
 * - Given NodeGroupConfiguration, ReplicasPerNodeGroup or neither on a cluster-mode group, then the
 *   shards and members are as ElastiCache would create them, or unknown.
 * - Given a secondary member of a global datastore or a group built on an existing cluster, then the
 *   settings they inherit are unknown.
 * - Given Memcached zones (AZMode, preferred zones), then they are reported as ElastiCache would.
 * - Given routes, associations and ingress rules with deploy-time values, then the network facts they
 *   touch are undetermined, not guessed.
 * - Given a Terraform plan with an inline internet route, an egress rule, a security group rule and
 *   a global datastore member, then they are read as in CloudFormation.
 */
import { controls } from '#shared/controls/catalog.ts';
import { parseParameters } from '#shared/engine/parameters.ts';
import { translateCloudFormation } from '#shared/template/cloudformation-translate.ts';
import { UndeterminedError } from '#shared/template/deploy-time.ts';
import { evaluateDeclared } from '#shared/template/evaluate-declared.ts';
import { loadTemplate } from '#shared/template/load-template.ts';
import type { DeclaredStack } from '#shared/template/declared-stack.ts';

const defaults = Object.fromEntries(controls.map((c) => [c.id, parseParameters(c.parameters, {})]));

function cfn(resources: Record<string, unknown>, parameters: Record<string, unknown> = {}): DeclaredStack {
  return translateCloudFormation({ file: 't.yaml', body: { Parameters: parameters, Resources: resources }, resourceLines: new Map() });
}

const group = (properties: Record<string, unknown>) => ({ Type: 'AWS::ElastiCache::ReplicationGroup', Properties: { ReplicationGroupDescription: 'x', EngineVersion: '7.1', ...properties } });

async function verdict(stack: DeclaredStack, control: string): Promise<{ compliance: string; annotation: string }> {
  const findings = await evaluateDeclared(stack, { controls: controls.filter((c) => c.id === control), parameters: defaults, evaluationTime: new Date('2026-12-07T00:00:00Z') });
  return findings[0]!;
}

describe('replication group shards', () => {
  it('reads NodeGroupConfiguration replica counts and zones', () => {
    const stack = cfn({
      G: group({ ReplicationGroupId: 'Orders', NodeGroupConfiguration: [{ ReplicaCount: 2, PrimaryAvailabilityZone: 'a', ReplicaAvailabilityZones: ['b', 'c'] }, { ReplicaCount: 1 }] }),
    });
    const snapshot = stack.caches[0]!.snapshot;
    expect(snapshot.resourceId).toBe('orders');
    expect(snapshot.clusterModeEnabled).toBe(true);
    expect(snapshot.shards.map((s) => s.replicaCount)).toEqual([2, 1]);
    expect(snapshot.memberClusterIds).toEqual(['orders-0001-001', 'orders-0001-002', 'orders-0001-003', 'orders-0002-001', 'orders-0002-002']);
    expect(snapshot.availabilityZones).toEqual(['a', 'b', 'c']);
  });

  it('reads ReplicasPerNodeGroup for every shard, and leaves the shards unknown without it', () => {
    const withReplicas = cfn({ G: group({ NumNodeGroups: 3, ReplicasPerNodeGroup: 1 }) }).caches[0]!.snapshot;
    expect(withReplicas.shards).toHaveLength(3);
    const without = cfn({ G: group({ NumNodeGroups: 2 }) }).caches[0]!;
    expect(without.unknownFields.shards).toBeInstanceOf(UndeterminedError);
    expect(without.unknownFields.shards!.reason).toContain('ReplicasPerNodeGroup');
  });

  it('makes shards, members and notifications unknown when the node counts are', () => {
    const cache = cfn({ G: group({ NumCacheClusters: { Ref: 'Nodes' } }) }, { Nodes: { Type: 'Number' } }).caches[0]!;
    for (const field of ['shards', 'memberClusterIds', 'numCacheNodes'] as const) expect(cache.unknownFields[field]).toBeDefined();
  });

  it('takes a global datastore member\'s and a group built on a cluster\'s inherited settings as unknown', async () => {
    const member = cfn({ G: group({ GlobalReplicationGroupId: 'ldgnf-global', TransitEncryptionEnabled: false }) });
    expect(await verdict(member, 'encryption-in-transit')).toMatchObject({ compliance: 'UNDETERMINED', annotation: expect.stringContaining('global datastore') });
    const built = cfn({ G: group({ PrimaryClusterId: 'old-cluster' }) });
    expect(await verdict(built, 'encryption-at-rest')).toMatchObject({ compliance: 'UNDETERMINED', annotation: expect.stringContaining('existing cluster') });
  });
});

describe('Memcached zones', () => {
  const memcached = (properties: Record<string, unknown>) =>
    cfn({ M: { Type: 'AWS::ElastiCache::CacheCluster', Properties: { Engine: 'memcached', EngineVersion: '1.6.22', CacheNodeType: 'cache.t4g.small', ...properties } } });

  it.each<[string, Record<string, unknown>, string]>([
    ['cross-az with two nodes', { AZMode: 'cross-az', NumCacheNodes: 2 }, 'COMPLIANT'],
    ['two preferred zones', { NumCacheNodes: 2, PreferredAvailabilityZones: ['a', 'b'] }, 'COMPLIANT'],
    ['one preferred zone', { PreferredAvailabilityZone: 'a' }, 'NON_COMPLIANT'],
    ['an AZMode from a parameter', { AZMode: { Ref: 'Mode' } }, 'UNDETERMINED'],
  ])('judges %s', async (_what, properties, compliance) => {
    const stack = cfn({ M: { Type: 'AWS::ElastiCache::CacheCluster', Properties: { Engine: 'memcached', EngineVersion: '1.6.22', ...properties } } }, { Mode: { Type: 'String' } });
    expect((await verdict(stack, 'high-availability')).compliance).toBe(compliance);
    expect(memcached({}).caches[0]!.snapshot.preferredAvailabilityZone).toBeUndefined();
  });
});

describe('network facts with deploy-time values', () => {
  const base = {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
    Subnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24' } },
    Table: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
    Assoc: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { Ref: 'Subnet' }, RouteTableId: { Ref: 'Table' } } },
    Subnets: { Type: 'AWS::ElastiCache::SubnetGroup', Properties: { Description: 'x', SubnetIds: [{ Ref: 'Subnet' }] } },
    Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'x', VpcId: { Ref: 'Vpc' } } },
    G: group({ CacheSubnetGroupName: { Ref: 'Subnets' }, SecurityGroupIds: [{ Ref: 'Sg' }] }),
  };
  const parameters = { Gateway: { Type: 'String' }, Table: { Type: 'String' }, Cidr: { Type: 'String' }, Group: { Type: 'String' } };

  it('judges a private table as private, and a route to a literal igw- as public', async () => {
    expect((await verdict(cfn(base), 'subnet-privacy')).compliance).toBe('COMPLIANT');
    const routed = cfn({ ...base, R: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'Table' }, DestinationIpv6CidrBlock: '::/0', GatewayId: 'igw-0abc' } } });
    expect(await verdict(routed, 'subnet-privacy')).toMatchObject({ compliance: 'NON_COMPLIANT', annotation: expect.stringContaining('::/0 → igw-0abc') });
    const natted = cfn({ ...base, R: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'Table' }, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-0abc' } } });
    expect((await verdict(natted, 'subnet-privacy')).compliance).toBe('COMPLIANT');
  });

  it.each<[string, Record<string, unknown>]>([
    ['a route whose gateway is a parameter', { R: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'Table' }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: 'Gateway' } } } }],
    ['a route whose table is a parameter', { R: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'TableParam' }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1' } } }],
  ])('leaves subnet privacy undetermined for %s', async (_what, extra) => {
    const stack = cfn({ ...base, ...extra }, { ...parameters, TableParam: { Type: 'String' } });
    expect((await verdict(stack, 'subnet-privacy')).compliance).toBe('UNDETERMINED');
  });

  it('leaves exposure undetermined for an ingress rule with a parameter, or on a group that is a parameter', async () => {
    const cidr = cfn({ ...base, I: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: { Ref: 'Sg' }, IpProtocol: 'tcp', FromPort: 6379, ToPort: 6379, CidrIp: { Ref: 'Cidr' } } } }, parameters);
    expect(await verdict(cidr, 'security-group-exposure')).toMatchObject({ compliance: 'UNDETERMINED', annotation: expect.stringContaining('ingress rule I') });
    const groupParam = cfn({ ...base, I: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: { Ref: 'Group' }, IpProtocol: '-1', CidrIp: '0.0.0.0/0' } } }, parameters);
    expect((await verdict(groupParam, 'security-group-exposure')).compliance).toBe('UNDETERMINED');
    const inline = cfn({ ...base, Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'x', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, CidrIp: { Ref: 'Cidr' } }] } } }, parameters);
    expect((await verdict(inline, 'security-group-exposure')).compliance).toBe('UNDETERMINED');
  });

  it('leaves authentication undetermined for a user whose access string is a parameter', async () => {
    const stack = cfn(
      {
        U: { Type: 'AWS::ElastiCache::User', Properties: { UserId: 'u1', UserName: 'default', Engine: 'redis', AccessString: { Ref: 'Access' }, NoPasswordRequired: true } },
        UG: { Type: 'AWS::ElastiCache::UserGroup', Properties: { UserGroupId: 'ug1', Engine: 'redis', UserIds: [{ Ref: 'U' }] } },
        G: group({ UserGroupIds: [{ Ref: 'UG' }], TransitEncryptionEnabled: true }),
      },
      { Access: { Type: 'String' } },
    );
    expect(await verdict(stack, 'authentication')).toMatchObject({ compliance: 'UNDETERMINED', annotation: expect.stringContaining('AccessString') });
  });

  it('judges a disabled key of the template as the rule would', async () => {
    const stack = cfn({ K: { Type: 'AWS::KMS::Key', Properties: { Enabled: false } }, G: group({ AtRestEncryptionEnabled: true, KmsKeyId: { 'Fn::GetAtt': ['K', 'Arn'] } }) });
    expect(await verdict(stack, 'encryption-at-rest')).toMatchObject({ compliance: 'NON_COMPLIANT', annotation: expect.stringContaining('Disabled') });
  });
});

describe('Terraform plan details', () => {
  const plan = (resources: { type: string; name: string; values: Record<string, unknown> }[]) =>
    loadTemplate(
      'p.json',
      JSON.stringify({
        format_version: '1.2',
        terraform_version: '1.9.8',
        planned_values: { root_module: { resources: resources.map((r) => ({ address: `${r.type}.${r.name}`, mode: 'managed', type: r.type, name: r.name, values: r.values })) } },
        resource_changes: [],
      }),
    );

  it('reads inline internet routes, security group rules and a global datastore member', async () => {
    const stack = plan([
      { type: 'aws_route_table', name: 'pub', values: { route: [{ cidr_block: '0.0.0.0/0', gateway_id: 'igw-1' }, { cidr_block: '10.1.0.0/16', gateway_id: 'vgw-1' }] } },
      { type: 'aws_route_table_association', name: 'a', values: { subnet_id: 'subnet-1', route_table_id: 'aws_route_table.pub' } },
      { type: 'aws_security_group', name: 'sg', values: { ingress: [] } },
      { type: 'aws_security_group_rule', name: 'egress', values: { type: 'egress', security_group_id: 'aws_security_group.sg', cidr_blocks: ['0.0.0.0/0'], protocol: '-1', from_port: 0, to_port: 0 } },
      { type: 'aws_security_group_rule', name: 'world', values: { type: 'ingress', security_group_id: 'sg-literal', cidr_blocks: ['0.0.0.0/0'], protocol: 'tcp', from_port: 6379, to_port: 6379 } },
      { type: 'aws_elasticache_replication_group', name: 'member', values: { replication_group_id: 'm', description: 'm', global_replication_group_id: 'g', engine_version: '7.1', security_group_ids: ['aws_security_group.sg'] } },
    ]);
    expect(stack.facts.routeTables.get('aws_route_table.pub')).toEqual({ internetRoutes: [{ destination: '0.0.0.0/0', gatewayId: 'igw-1' }] });
    expect(stack.facts.subnetRouteTables.get('subnet-1')).toBe('aws_route_table.pub');
    expect(stack.facts.securityGroups.get('aws_security_group.sg')).toEqual([]);
    expect(await verdict(stack, 'encryption-in-transit')).toMatchObject({ compliance: 'UNDETERMINED', annotation: expect.stringContaining('global datastore') });
  });

  it('reads a serverless cache and a standalone Memcached cluster with their defaults', async () => {
    const stack = plan([
      { type: 'aws_elasticache_serverless_cache', name: 's', values: { name: 's', engine: 'valkey', major_engine_version: '8', kms_key_id: 'aws_kms_key.k', security_group_ids: ['sg-1'], subnet_ids: ['subnet-1'], user_group_id: 'ug' } },
      { type: 'aws_kms_key', name: 'k', values: { is_enabled: false } },
      { type: 'aws_elasticache_cluster', name: 'c', values: { cluster_id: 'c', engine: 'memcached', engine_version: '1.6.22', availability_zone: 'eu-west-1a' } },
    ]);
    expect(await verdict(stack, 'encryption-at-rest')).toMatchObject({ compliance: 'NON_COMPLIANT', annotation: expect.stringContaining('Disabled') });
    expect(stack.caches.find((c) => c.address === 'aws_elasticache_cluster.c')!.snapshot.availabilityZones).toEqual(['eu-west-1a']);
    expect(stack.caches.find((c) => c.address === 'aws_elasticache_serverless_cache.s')!.snapshot.snapshotRetentionLimit).toBeUndefined();
  });
});
