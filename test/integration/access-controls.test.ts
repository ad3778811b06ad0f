/**
 * authentication, security-group-exposure and default-subnet-group as built bundles on Node 24
 * against the extended emulator: user groups and users past one page, security group rules of
 * every kind that matters, and the region's default VPC.
 */
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateManagedPrefixListCommand,
  CreateSecurityGroupCommand,
  DescribeVpcsCommand,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import { CreateUserCommand, CreateUserGroupCommand, ModifyReplicationGroupCommand } from '@aws-sdk/client-elasticache';
import { createCacheCluster, createReplicationGroup, createSubnet, createSubnetGroup, createVpc } from '../../scripts/local-aws/estate-builders.ts';
import { annotationOf, aws, group, useEmulator, verdicts, runControl as run } from '../support/emulator.ts';

useEmulator();

describe('authentication', () => {
  it('finds a passwordless user in a user group past the first page of users and of user groups', async () => {
    // Prepare: 105 users and 105 user groups, so the ones attached sit on the second page of each list.
    const password = 'correct-horse-battery-staple-1';
    await aws.elasticache.send(new CreateUserCommand({ UserId: 'safe-default', UserName: 'default', Engine: 'redis', AccessString: 'off ~* -@all', Passwords: [password] }));
    for (let i = 0; i < 105; i++) {
      await aws.elasticache.send(new CreateUserCommand({ UserId: `app-${String(i).padStart(3, '0')}`, UserName: `app-${i}`, Engine: 'redis', AccessString: 'on ~* +@all', Passwords: [password] }));
    }
    await aws.elasticache.send(new CreateUserCommand({ UserId: 'zz-open', UserName: 'batch', Engine: 'redis', AccessString: 'on ~* +@all', NoPasswordRequired: true }));
    for (let i = 0; i < 103; i++) {
      await aws.elasticache.send(new CreateUserGroupCommand({ UserGroupId: `g-${String(i).padStart(3, '0')}`, Engine: 'redis', UserIds: ['safe-default', `app-${String(i).padStart(3, '0')}`] }));
    }
    await aws.elasticache.send(new CreateUserGroupCommand({ UserGroupId: 'zz-safe', Engine: 'redis', UserIds: ['safe-default', 'app-104'] }));
    await aws.elasticache.send(new CreateUserGroupCommand({ UserGroupId: 'zz-open', Engine: 'redis', UserIds: ['safe-default', 'zz-open'] }));
    await aws.elasticache.send(new CreateUserGroupCommand({ UserGroupId: 'zz-shipped', Engine: 'redis', UserIds: ['default'] }));
    for (const [id, userGroup] of [['rbac-safe', 'zz-safe'], ['rbac-open', 'zz-open'], ['rbac-shipped', 'zz-shipped']] as const) {
      await createReplicationGroup(aws, group(id, { engineVersion: '7.1' }));
      await aws.elasticache.send(new ModifyReplicationGroupCommand({ ReplicationGroupId: id, UserGroupIdsToAdd: [userGroup], ApplyImmediately: true }));
    }
    await createReplicationGroup(aws, group('no-rbac', { engineVersion: '7.1' }));
    // Act
    const invocation = await run('authentication');
    // Assess
    expect(verdicts(invocation)).toEqual({ 'rbac-safe': 'COMPLIANT', 'rbac-open': 'NON_COMPLIANT', 'rbac-shipped': 'NON_COMPLIANT', 'no-rbac': 'NON_COMPLIANT' });
    expect(annotationOf(invocation, 'rbac-open')).toContain('user batch (id zz-open) is switched on and needs no password');
    expect(annotationOf(invocation, 'rbac-shipped')).toContain('user default is switched on and needs no password');
  }, 120_000);
});

describe('security-group-exposure', () => {
  it('fails world rules on the port, over IPv6 only, for all traffic and through a prefix list; passes another port and a referenced group', async () => {
    // Prepare
    const vpc = await createVpc(aws, 'cache-vpc', '10.30.0.0/16', true);
    const securityGroup = async (name: string, ...rules: IpPermission[]) => {
      const { GroupId } = await aws.ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpc }));
      if (rules.length > 0) await aws.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: rules }));
      return GroupId!;
    };
    const app = await securityGroup('app');
    const { PrefixList } = await aws.ec2.send(
      new CreateManagedPrefixListCommand({ PrefixListName: 'partners', AddressFamily: 'IPv4', MaxEntries: 5, Entries: [{ Cidr: '203.0.113.0/24' }, { Cidr: '0.0.0.0/0' }] }),
    );
    const tcp = (port: number, sources: Partial<IpPermission>): IpPermission => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, ...sources });
    const groups = {
      'sg-world': await securityGroup('world', tcp(6379, { IpRanges: [{ CidrIp: '0.0.0.0/0' }] })),
      'sg-ipv6-world': await securityGroup('ipv6-world', tcp(6379, { Ipv6Ranges: [{ CidrIpv6: '::/0' }] })),
      'sg-all-traffic': await securityGroup('all-traffic', { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }),
      'sg-prefix-list': await securityGroup('prefix-list', tcp(6379, { PrefixListIds: [{ PrefixListId: PrefixList!.PrefixListId! }] })),
      'sg-other-port': await securityGroup('other-port', tcp(22, { IpRanges: [{ CidrIp: '0.0.0.0/0' }] })),
      'sg-referenced': await securityGroup('referenced', tcp(6379, { UserIdGroupPairs: [{ GroupId: app }] }), tcp(6379, { IpRanges: [{ CidrIp: '10.30.0.0/16' }] })),
    };
    for (const [id, groupId] of Object.entries(groups)) await createReplicationGroup(aws, group(id, { securityGroupIds: [groupId] }));
    // Act
    const invocation = await run('security-group-exposure');
    // Assess
    expect(verdicts(invocation)).toEqual({
      'sg-world': 'NON_COMPLIANT',
      'sg-ipv6-world': 'NON_COMPLIANT',
      'sg-all-traffic': 'NON_COMPLIANT',
      'sg-prefix-list': 'NON_COMPLIANT',
      'sg-other-port': 'COMPLIANT',
      'sg-referenced': 'COMPLIANT',
    });
    expect(annotationOf(invocation, 'sg-ipv6-world')).toContain('admits ::/0');
    expect(annotationOf(invocation, 'sg-all-traffic')).toContain('rule all traffic');
    expect(annotationOf(invocation, 'sg-prefix-list')).toContain(`through prefix list ${PrefixList!.PrefixListId}`);
  }, 120_000);
});

describe('default-subnet-group', () => {
  it('fails the subnet group named default and one in the default VPC, and passes one in a dedicated VPC', async () => {
    // Prepare
    const { Vpcs } = await aws.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
    const defaultVpc = Vpcs![0]!.VpcId!;
    const inDefault = await createSubnet(aws, defaultVpc, 'default-vpc-extra', '172.31.200.0/24', 'us-east-1a');
    await createSubnetGroup(aws, 'in-default-vpc', [inDefault]);
    const dedicated = await createVpc(aws, 'dedicated', '10.40.0.0/16');
    await createSubnetGroup(aws, 'dedicated-private', [await createSubnet(aws, dedicated, 'dedicated-a', '10.40.0.0/24', 'us-east-1a')]);
    await createCacheCluster(aws, { id: 'named-default', engine: 'memcached', engineVersion: '1.6.22', tls: true, subnetGroup: 'default' });
    await createReplicationGroup(aws, group('default-vpc', { subnetGroup: 'in-default-vpc' }));
    await createReplicationGroup(aws, group('dedicated', { subnetGroup: 'dedicated-private' }));
    // Act
    const invocation = await run('default-subnet-group');
    // Assess
    expect(verdicts(invocation)).toEqual({ 'named-default': 'NON_COMPLIANT', 'default-vpc': 'NON_COMPLIANT', dedicated: 'COMPLIANT' });
    expect(annotationOf(invocation, 'named-default')).toContain('uses the subnet group named default');
    expect(annotationOf(invocation, 'default-vpc')).toContain(`default VPC ${defaultVpc}`);
  }, 120_000);
});
