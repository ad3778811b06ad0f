/**
 * What the authentication, security-group-exposure and default-subnet-group controls read beyond
 * the caches, end to end from Config's event with the AWS SDK clients mocked at `send`
 * (test/support/run-rule-harness.ts).
 *
 * Scenarios
 * - Given caches with user groups, then every user group and every user is listed once per page, and
 *   nothing is asked without user groups; an AUTH token's age is judged against the notification time.
 * - Given caches sharing security groups, then each group is described once, by id, a hundred ids a
 *   call and without MaxResults; each prefix list once, all pages; a deleted group does not fail the
 *   run but makes its caches NON_COMPLIANT; a refusal names ec2:DescribeSecurityGroups.
 * - Given default-subnet-group, then the default VPC is asked for with the is-default filter, once.
 */
import {
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2ServiceException,
  GetManagedPrefixListEntriesCommand,
  type DescribeSecurityGroupsCommandInput,
  type GetManagedPrefixListEntriesCommandInput,
} from '@aws-sdk/client-ec2';
import {
  DescribeCacheSubnetGroupsCommand,
  DescribeUserGroupsCommand,
  DescribeUsersCommand,
  type DescribeUserGroupsCommandInput,
  type DescribeUsersCommandInput,
} from '@aws-sdk/client-elasticache';
import { createAwsSession } from '#shared/aws/session.ts';
import { authentication } from '#shared/controls/context/authentication.ts';
import { defaultSubnetGroup } from '#shared/controls/context/default-subnet-group.ts';
import { securityGroupExposure } from '#shared/controls/context/security-group-exposure.ts';
import { runRule } from '#shared/engine/run-rule.ts';
import { ec2Unauthorized } from '../../support/aws-errors.ts';
import { scheduledEvent } from '../../support/config-events.ts';
import {
  SECURITY_GROUP,
  cacheClusterFixture,
  cacheSubnetGroupFixture,
  inboundRule,
  securityGroupFixture,
  userFixture,
  userGroupFixture,
} from '../../support/fixtures.ts';
import {
  config,
  ec2,
  elasticache,
  givenEstate,
  range,
  replicationGroup,
  reported,
  servePages,
  standaloneCluster,
  useMockedAws,
  verdicts,
} from '../../support/run-rule-harness.ts';

useMockedAws();

describe('authentication: user groups and users', () => {
  /** 150 user groups (group-0 …) of one replacement default user and 150 app users each: two pages of each list. */
  function givenDirectory() {
    const users = [userFixture({ UserId: 'orders-default', UserName: 'default', AccessString: 'off ~* -@all' }), ...range(150).map((i) => userFixture({ UserId: `app-${i}` }))];
    const groups = range(150).map((i) => userGroupFixture({ UserGroupId: `group-${i}`, UserIds: ['orders-default', `app-${i}`] }));
    const userPages = servePages(users);
    const groupPages = servePages(groups);
    elasticache
      .on(DescribeUsersCommand)
      .callsFake((input: DescribeUsersCommandInput) => {
        const { items, Marker } = userPages.serve(input);
        return { Users: items, Marker };
      })
      .on(DescribeUserGroupsCommand)
      .callsFake((input: DescribeUserGroupsCommandInput) => {
        const { items, Marker } = groupPages.serve(input);
        return { UserGroups: items, Marker };
      });
    return { userRequests: userPages.requests, groupRequests: groupPages.requests };
  }

  it('lists every user group and every user once per page, whatever the number of caches', async () => {
    // Prepare: the last group and user sit on the second page.
    givenEstate(...range(50).map((i) => replicationGroup(`orders-${i}`, { UserGroupIds: [`group-${149 - i}`] })));
    const { userRequests, groupRequests } = givenDirectory();
    // Act
    await runRule(authentication, scheduledEvent(), createAwsSession());
    // Assess
    expect(userRequests).toEqual([{ MaxRecords: 100, Marker: undefined }, { MaxRecords: 100, Marker: 'marker-100' }]);
    expect(groupRequests).toEqual([{ MaxRecords: 100, Marker: undefined }, { MaxRecords: 100, Marker: 'marker-100' }]);
    expect(reported()).toHaveLength(50);
    expect(new Set(reported().map((e) => e.ComplianceType))).toEqual(new Set(['COMPLIANT']));
  });

  it('asks for no user or user group when no cache has a user group', async () => {
    // Prepare
    givenEstate(standaloneCluster(cacheClusterFixture({ AuthTokenEnabled: true })));
    // Act
    await runRule(authentication, scheduledEvent(), createAwsSession());
    // Assess
    expect(elasticache).not.toHaveReceivedCommand(DescribeUsersCommand);
    expect(elasticache).not.toHaveReceivedCommand(DescribeUserGroupsCommand);
    expect(verdicts()['reports-cache']?.[0]).toBe('COMPLIANT');
  });

  it("judges an AUTH token's age against Config's notification time, not the Lambda's clock", async () => {
    // Prepare
    givenEstate(standaloneCluster(cacheClusterFixture({ AuthTokenEnabled: true, AuthTokenLastModifiedDate: new Date('2026-01-01T00:00:00.000Z') })));
    const event = scheduledEvent({ notificationCreationTime: '2026-03-01T00:00:00.000Z' });
    const ruleParameters = JSON.stringify({ authTokenMaxAgeDays: '30' });
    // Act
    await runRule(authentication, { ...event, ruleParameters }, createAwsSession());
    // Assess
    expect(verdicts()['reports-cache']?.[1]).toContain('last rotated 59 days ago');
  });

  it('fails the run naming elasticache:DescribeUsers when it is refused', async () => {
    // Prepare
    givenEstate(replicationGroup('orders-cache'));
    givenDirectory();
    elasticache.on(DescribeUsersCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDenied' }));
    // Act
    const run = runRule(authentication, scheduledEvent(), createAwsSession());
    // Assess
    await expect(run).rejects.toMatchObject({ name: 'MissingPermissionError', iamAction: 'elasticache:DescribeUsers' });
    expect(config.calls()).toHaveLength(0);
  });
});

describe('security-group-exposure: security groups and prefix lists', () => {
  const WORLD_LIST = 'pl-0a1b2c3d4e5f60001';
  const groupId = (i: number) => `sg-${String(i).padStart(17, '0')}`;

  function serveGroups(exists: (id: string) => boolean = () => true) {
    const requests: string[][] = [];
    ec2.on(DescribeSecurityGroupsCommand).callsFake((input: DescribeSecurityGroupsCommandInput) => {
      expect(input.MaxResults).toBeUndefined();
      requests.push([...(input.GroupIds ?? [])]);
      const gone = (input.GroupIds ?? []).find((id) => !exists(id));
      if (gone) {
        throw new EC2ServiceException({ name: 'InvalidGroup.NotFound', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: `The security group '${gone}' does not exist` });
      }
      return { SecurityGroups: (input.GroupIds ?? []).map((id) => securityGroupFixture({ GroupId: id })) };
    });
    return requests;
  }

  it('describes 250 groups shared by 500 caches in three calls of at most 100 ids', async () => {
    // Prepare
    givenEstate(...range(500).map((i) => replicationGroup(`orders-${i}`, {}, { SecurityGroups: [{ SecurityGroupId: groupId(i % 250), Status: 'active' }] })));
    const requests = serveGroups();
    // Act
    await runRule(securityGroupExposure, scheduledEvent(), createAwsSession());
    // Assess
    expect(requests.map((ids) => ids.length)).toEqual([100, 100, 50]);
    expect(new Set(requests.flat()).size).toBe(250);
    expect(reported()).toHaveLength(500);
  });

  it('judges the caches of a deleted group NON_COMPLIANT and the others on their own groups', async () => {
    // Prepare
    const gone = groupId(999);
    givenEstate(
      replicationGroup('orders-cache'),
      replicationGroup('carts-cache', {}, { SecurityGroups: [{ SecurityGroupId: gone, Status: 'active' }] }),
    );
    serveGroups((id) => id !== gone);
    // Act
    await runRule(securityGroupExposure, scheduledEvent(), createAwsSession());
    // Assess
    expect(verdicts()['orders-cache']?.[0]).toBe('COMPLIANT');
    expect(verdicts()['carts-cache']).toEqual(['NON_COMPLIANT', `Exposure cannot be ruled out: security group ${gone} no longer exists; remove the reference or replace the group.`]);
    expect(ec2).toHaveReceivedCommandTimes(DescribeSecurityGroupsCommand, 2);
  });

  it('reads a prefix list once, all pages, and finds 0.0.0.0/0 on its second page', async () => {
    // Prepare
    givenEstate(replicationGroup('orders-cache'), replicationGroup('carts-cache'));
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [securityGroupFixture({ IpPermissions: [inboundRule('tcp', 6379, 6379, { PrefixListIds: [{ PrefixListId: WORLD_LIST }] })] })],
    });
    const entries = [...range(100).map((i) => ({ Cidr: `10.${i}.0.0/16` })), { Cidr: '0.0.0.0/0', Description: 'everyone' }];
    const pages = servePages(entries);
    ec2.on(GetManagedPrefixListEntriesCommand).callsFake((input: GetManagedPrefixListEntriesCommandInput) => {
      const { items, Marker } = pages.serve({ MaxRecords: input.MaxResults, Marker: input.NextToken });
      return { Entries: items, NextToken: Marker };
    });
    // Act
    await runRule(securityGroupExposure, scheduledEvent(), createAwsSession());
    // Assess
    expect(pages.requests).toHaveLength(2);
    expect(verdicts()['orders-cache']).toEqual([
      'NON_COMPLIANT',
      `Security group ${SECURITY_GROUP} rule tcp 6379 admits 0.0.0.0/0 through prefix list ${WORLD_LIST} to port 6379: narrow it to the application's security group.`,
    ]);
  });

  it('fails the run naming ec2:DescribeSecurityGroups when it is refused', async () => {
    // Prepare
    givenEstate(replicationGroup('orders-cache'));
    ec2.on(DescribeSecurityGroupsCommand).rejects(ec2Unauthorized());
    // Act
    const run = runRule(securityGroupExposure, scheduledEvent(), createAwsSession());
    // Assess
    await expect(run).rejects.toMatchObject({ name: 'MissingPermissionError', iamAction: 'ec2:DescribeSecurityGroups' });
    expect(config.calls()).toHaveLength(0);
  });
});

describe('default-subnet-group: the default VPC', () => {
  const DEFAULT_VPC = 'vpc-0d0e0f0a0b0c0d0e0';

  it('asks for the default VPC once, with the is-default filter, and judges subnet groups in it', async () => {
    // Prepare
    givenEstate(replicationGroup('orders-cache'), standaloneCluster(cacheClusterFixture({ CacheSubnetGroupName: 'legacy' })));
    elasticache.on(DescribeCacheSubnetGroupsCommand).resolves({
      CacheSubnetGroups: [cacheSubnetGroupFixture(), cacheSubnetGroupFixture({ CacheSubnetGroupName: 'legacy', VpcId: DEFAULT_VPC })],
    });
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: DEFAULT_VPC, IsDefault: true, CidrBlock: '172.31.0.0/16', State: 'available' }] });
    // Act
    await runRule(defaultSubnetGroup, scheduledEvent(), createAwsSession());
    // Assess
    expect(ec2).toHaveReceivedCommandTimes(DescribeVpcsCommand, 1);
    expect(ec2).toHaveReceivedCommandWith(DescribeVpcsCommand, { Filters: [{ Name: 'is-default', Values: ['true'] }] });
    expect(ec2).not.toHaveReceivedCommand(DescribeSubnetsCommand);
    expect(verdicts()['orders-cache']?.[0]).toBe('COMPLIANT');
    expect(verdicts()['reports-cache']).toEqual([
      'NON_COMPLIANT',
      `Subnet group legacy lies in the account's default VPC ${DEFAULT_VPC}: restore a snapshot into a cache in a private subnet group of a dedicated VPC.`,
    ]);
  });
});
