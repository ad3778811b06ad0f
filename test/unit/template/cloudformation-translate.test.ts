/**
 * Translation of a CloudFormation template's resources into snapshots and facts, resource by resource.
 *
 * Scenarios
 * - Given a Resources mapping whose entries lack a Type, then it is refused naming the file.
 * - Given a resource whose Properties resolve to AWS::NoValue, then it is translated with none.
 * - Given routes onto undetermined, foreign or undeclared tables, to gateways that are not internet
 *   gateways, or from subnets known only at deployment, then the route facts are exactly what the
 *   template tells.
 * - Given subnet groups, user groups and users declared with few or deploy-time properties, then
 *   their facts say what is known and why the rest is not.
 * - Given ingress rules without a protocol or with a prefix list, then they are read as EC2 reports them.
 * - Given caches whose engine is known only at deployment, then the engine's default port is unknown too.
 * - Given log deliveries to CloudWatch Logs or Firehose (named or created by the template), then the
 *   destination is read.
 */
import { translateCloudFormation } from '#shared/template/cloudformation-translate.ts';
import { UndeterminedError } from '#shared/template/deploy-time.ts';
import { TemplateFileError } from '#shared/template/template-errors.ts';
import type { DeclaredCache, DeclaredStack } from '#shared/template/declared-stack.ts';

function cfn(resources: Record<string, unknown>, parameters: Record<string, unknown> = {}, conditions: Record<string, unknown> = {}): DeclaredStack {
  return translateCloudFormation({ file: 't.yaml', body: { Parameters: parameters, Conditions: conditions, Resources: resources }, resourceLines: new Map([['G', 12]]) });
}

const group = (properties: Record<string, unknown>) => ({ Type: 'AWS::ElastiCache::ReplicationGroup', Properties: { ReplicationGroupDescription: 'x', EngineVersion: '7.1', ...properties } });
const cacheOf = (stack: DeclaredStack, logicalId = 'G'): DeclaredCache => stack.caches.find((c) => c.address === logicalId)!;
const reasonOf = (fact: unknown): string => {
  if (!(fact instanceof UndeterminedError)) throw new Error(`expected an undetermined fact, got ${JSON.stringify(fact)}`);
  return fact.reason;
};

describe('what is a template', () => {
  it('refuses a Resources mapping whose entries have no Type, naming the file', () => {
    // Prepare: a Terraform-like mapping mistaken for a template.
    const template = { file: 'main.yaml', body: { Resources: { cache: { properties: {} } } }, resourceLines: new Map<string, number>() };

    // Act / Assess
    expect(() => translateCloudFormation(template)).toThrow(TemplateFileError);
    expect(() => translateCloudFormation(template)).toThrow(/^main\.yaml: expected a CloudFormation or SAM template/);
  });

  it('translates a cache whose Properties are dropped by a false condition with the defaults, at its line', () => {
    const stack = cfn({ G: { Type: 'AWS::ElastiCache::ReplicationGroup', Properties: { 'Fn::If': ['Custom', { Port: 1 }, { Ref: 'AWS::NoValue' }] } } }, {}, { Custom: { 'Fn::Equals': ['a', 'b'] } });

    const cache = cacheOf(stack);

    expect(cache.line).toBe(12);
    expect(cache.snapshot.resourceId).toBe('g');
    expect(cache.snapshot.ports).toEqual([6379]);
    expect(cache.unknownFields.engineVersion).toBeInstanceOf(UndeterminedError);
  });
});

describe('route facts', () => {
  const parameters = { Gateway: { Type: 'String' }, Subnet: { Type: 'String' } };

  it('keeps a table undetermined once a route made it so, whatever routes follow', () => {
    const stack = cfn(
      {
        Table: { Type: 'AWS::EC2::RouteTable', Properties: {} },
        Unknown: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'Table' }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: 'Gateway' } } },
        Later: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'Table' }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1' } },
      },
      parameters,
    );

    expect(reasonOf(stack.facts.routeTables.get('Table'))).toContain('GatewayId of route Unknown');
  });

  it('reads only routes to an internet gateway, to a destination it may not name, onto tables declared or not', () => {
    const stack = cfn({
      Igw: { Type: 'AWS::EC2::InternetGateway', Properties: {} },
      Vgw: { Type: 'AWS::EC2::VPNGateway', Properties: { Type: 'ipsec.1' } },
      Table: { Type: 'AWS::EC2::RouteTable', Properties: {} },
      ToVpn: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'Table' }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: 'Vgw' } } },
      ToIgw: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'Table' }, DestinationPrefixListId: 'pl-1', GatewayId: { Ref: 'Igw' } } },
      Foreign: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: 'rtb-0abc', DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-0def' } },
    });

    expect(stack.facts.routeTables.get('Table')).toEqual({ internetRoutes: [{ destination: '?', gatewayId: 'igw-(Igw)' }] });
    expect(stack.facts.routeTables.get('rtb-0abc')).toEqual({ internetRoutes: [{ destination: '0.0.0.0/0', gatewayId: 'igw-0def' }] });
  });

  it('ignores an association whose subnet is known only at deployment', () => {
    const stack = cfn(
      {
        Table: { Type: 'AWS::EC2::RouteTable', Properties: {} },
        Assoc: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { Ref: 'Subnet' }, RouteTableId: { Ref: 'Table' } } },
      },
      parameters,
    );

    expect(stack.facts.subnetRouteTables.size).toBe(0);
  });
});

describe('subnet group, user and ingress facts', () => {
  it('says why a subnet group\'s VPC is not known: no subnets, or subnets known only at deployment', () => {
    const stack = cfn(
      {
        Empty: { Type: 'AWS::ElastiCache::SubnetGroup', Properties: { Description: 'x' } },
        Variable: { Type: 'AWS::ElastiCache::SubnetGroup', Properties: { Description: 'x', CacheSubnetGroupName: 'Variable-Subnets', SubnetIds: { Ref: 'Subnets' } } },
      },
      { Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' } },
    );

    expect(stack.facts.subnetGroups.get('empty')).toEqual({ subnetIds: [], vpcId: new UndeterminedError('subnet group Empty lists no subnets') });
    expect(reasonOf(stack.facts.subnetGroups.get('variable-subnets'))).toContain('SubnetIds of Variable');
    expect(stack.facts.subnetGroups.get('variable')).toBe(stack.facts.subnetGroups.get('variable-subnets'));
  });

  it('reads a user group without users, and one whose users are known only at deployment', () => {
    const stack = cfn(
      {
        None: { Type: 'AWS::ElastiCache::UserGroup', Properties: { UserGroupId: 'none', Engine: 'redis' } },
        Variable: { Type: 'AWS::ElastiCache::UserGroup', Properties: { UserGroupId: 'variable', Engine: 'redis', UserIds: { Ref: 'Users' } } },
      },
      { Users: { Type: 'CommaDelimitedList' } },
    );

    expect(stack.facts.userGroups.get('none')).toEqual({ userGroupId: 'none', status: 'active', userIds: [] });
    expect(reasonOf(stack.facts.userGroups.get('variable'))).toContain('UserIds of Variable');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['NoPasswordRequired', { NoPasswordRequired: true }, 'no-password'],
    ['Passwords', { Passwords: ['a-password-of-16+'] }, 'password'],
    ['AuthenticationMode passwords', { AuthenticationMode: { Type: 'password', Passwords: ['a-password-of-16+'] } }, 'password'],
    ['AuthenticationMode no-password-required', { AuthenticationMode: { Type: 'no-password-required' } }, 'no-password'],
    ['nothing about authentication', {}, 'no-password'],
  ])('reads a user with %s as %s', (_what, properties, authenticationType) => {
    const stack = cfn({ U: { Type: 'AWS::ElastiCache::User', Properties: { UserId: 'u1', UserName: 'app', Engine: 'redis', AccessString: 'on ~* +@all', ...properties } } });

    expect(stack.facts.users.get('u1')).toEqual({ userId: 'u1', userName: 'app', status: 'active', accessString: 'on ~* +@all', authenticationType });
  });

  it('reads an ingress rule without a protocol as all traffic, and a prefix list as its source', () => {
    const stack = cfn({
      Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'x', SecurityGroupIngress: [{ SourcePrefixListId: 'pl-0abc', FromPort: 6379, ToPort: 6379, IpProtocol: 'tcp' }] } },
      All: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: { Ref: 'Sg' }, CidrIpv6: '::/0' } },
      Elsewhere: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: 'sg-0foreign', CidrIp: '0.0.0.0/0', IpProtocol: '-1' } },
    });

    expect(stack.facts.securityGroups.get('Sg')).toEqual([
      { IpProtocol: 'tcp', FromPort: 6379, ToPort: 6379, IpRanges: [], Ipv6Ranges: [], PrefixListIds: [{ PrefixListId: 'pl-0abc' }] },
      { IpProtocol: '-1', FromPort: undefined, ToPort: undefined, IpRanges: [], Ipv6Ranges: [{ CidrIpv6: '::/0' }], PrefixListIds: [] },
    ]);
    // A group the template does not declare is read from the account, not from its rules here.
    expect(stack.facts.securityGroups.has('sg-0foreign')).toBe(false);
  });
});

describe('caches', () => {
  it('leaves the engine and its default port unknown when the engine is a parameter', () => {
    const stack = cfn(
      {
        G: group({ Engine: { Ref: 'Engine' } }),
        S: { Type: 'AWS::ElastiCache::ServerlessCache', Properties: { ServerlessCacheName: 's', Engine: { Ref: 'Engine' }, MajorEngineVersion: '8' } },
      },
      { Engine: { Type: 'String', AllowedValues: ['redis', 'valkey'] } },
    );

    const g = cacheOf(stack);
    expect(g.unknownFields.engine?.reason).toContain('Engine');
    expect(g.snapshot.ports).toEqual([]);
    // A serverless cache of either engine it allows listens on 6379.
    expect(cacheOf(stack, 'S').snapshot.ports).toEqual([6379]);
  });

  it('reads an engine it does not know as unknown, and a cluster with a parameter node count in one zone', () => {
    const stack = cfn(
      { C: { Type: 'AWS::ElastiCache::CacheCluster', Properties: { Engine: ['redis'], EngineVersion: '7.1', CacheNodeType: 'cache.t4g.micro', NumCacheNodes: { Ref: 'Nodes' }, AZMode: 'cross-az' } } },
      { Nodes: { Type: 'Number' } },
    );

    const cluster = cacheOf(stack, 'C');
    expect(cluster.snapshot.engine).toBe('unknown');
    expect(cluster.unknownFields.numCacheNodes).toBeInstanceOf(UndeterminedError);
    expect(cluster.snapshot.availabilityZones).toEqual(['one Availability Zone that ElastiCache picks']);
  });

  it('reads a replica count that is not a number as no replica, the reading that never passes high availability by mistake', () => {
    const stack = cfn({
      G: group({ NodeGroupConfiguration: [{ ReplicaCount: 'two' }] }),
      H: group({ NumNodeGroups: 2, ReplicasPerNodeGroup: 'one' }),
    });

    expect(cacheOf(stack).snapshot.shards).toEqual([{ shardId: '0001', replicaCount: 0 }]);
    expect(cacheOf(stack, 'H').snapshot.shards.map((s) => s.replicaCount)).toEqual([0, 0]);
  });

  it('reads log deliveries to CloudWatch Logs and Firehose, named or created by the template', () => {
    const stack = cfn({
      Logs: { Type: 'AWS::Logs::LogGroup', Properties: {} },
      Stream: { Type: 'AWS::KinesisFirehose::DeliveryStream', Properties: {} },
      G: group({
        LogDeliveryConfigurations: [
          { LogType: 'slow-log', DestinationType: 'cloudwatch-logs', LogFormat: 'json', DestinationDetails: { CloudWatchLogsDetails: { LogGroup: 'cache-slow' } } },
          { LogType: 'engine-log', DestinationType: 'cloudwatch-logs', LogFormat: 'json', DestinationDetails: { CloudWatchLogsDetails: { LogGroup: { Ref: 'Logs' } } } },
          { LogType: 'slow-log', DestinationType: 'kinesis-firehose', LogFormat: 'json', DestinationDetails: { KinesisFirehoseDetails: { DeliveryStream: 'cache-stream' } } },
          { LogType: 'engine-log', DestinationType: 'kinesis-firehose', LogFormat: 'json', DestinationDetails: { KinesisFirehoseDetails: { DeliveryStream: { Ref: 'Stream' } } } },
          { DestinationType: 'cloudwatch-logs', DestinationDetails: 'not-a-mapping' },
        ],
      }),
    });

    expect(cacheOf(stack).snapshot.logDeliveries).toEqual([
      { logType: 'slow-log', destinationType: 'cloudwatch-logs', status: 'active', destination: 'cache-slow' },
      { logType: 'engine-log', destinationType: 'cloudwatch-logs', status: 'active', destination: 'Logs' },
      { logType: 'slow-log', destinationType: 'kinesis-firehose', status: 'active', destination: 'cache-stream' },
      { logType: 'engine-log', destinationType: 'kinesis-firehose', status: 'active', destination: 'Stream' },
      { logType: '', destinationType: 'cloudwatch-logs', status: 'active', destination: undefined },
    ]);
  });
});
