/**
 * The manual runbooks on the emulator, through the Automation dry run, with what a person would
 * give them: each brings the resources its control flags to COMPLIANT (the rule's own bundle) and
 * refuses, changing nothing, what no longer matches (rule ids that changed, a version that is not an
 * upgrade, a user group outside the approved ones). The AUTH token never shows in any output.
 */
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, type IpPermission } from '@aws-sdk/client-ec2';
import { CreateCacheClusterCommand, CreateUserCommand, CreateUserGroupCommand } from '@aws-sdk/client-elasticache';
import { DisableKeyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { createKey, createReplicationGroup, createServerlessCache, createVpc } from '../../../scripts/local-aws/estate-builders.ts';
import { aws, group, server } from '../../support/emulator.ts';
import { describeEverything, recordedChanges, remediate, ruleVerdicts, runtime, useRemediationEmulator } from '../../support/remediation-harness.ts';

useRemediationEmulator();

async function unchangedBy(run: () => Promise<unknown>): Promise<void> {
  const before = await describeEverything();
  await server.startRecording();
  await run();
  expect(await recordedChanges()).toEqual([]);
  expect(await describeEverything()).toEqual(before);
}

describe('elasticache-engine-version.yaml (manual)', () => {
  const DOCUMENT = 'elasticache-engine-version.yaml';
  const RULE = { MinimumRedisVersion: '6.2', MinimumValkeyVersion: '7.2', MinimumMemcachedVersion: '1.6.12', AllowExtendedSupport: 'false' };

  it('upgrades a group and a standalone cluster to the named version, which the rule then passes', async () => {
    // Prepare
    await createReplicationGroup(aws, group('old-group', { engineVersion: '6.0' }));
    await aws.elasticache.send(new CreateCacheClusterCommand({ CacheClusterId: 'old-cluster', Engine: 'redis', EngineVersion: '5.0.6', CacheNodeType: 'cache.t4g.small', NumCacheNodes: 1 }));
    expect(await ruleVerdicts('engine-version')).toEqual({ 'old-group': 'NON_COMPLIANT', 'old-cluster': 'NON_COMPLIANT' });
    // Act
    const results = [await remediate(DOCUMENT, 'old-group', { TargetEngineVersion: '7.1', ...RULE }), await remediate(DOCUMENT, 'old-cluster', { TargetEngineVersion: '7.1', ...RULE })];
    // Assess
    expect(results.map((result) => [result.outcome, result.reason])).toEqual([['succeeded', undefined], ['succeeded', undefined]]);
    expect(await ruleVerdicts('engine-version')).toEqual({ 'old-group': 'COMPLIANT', 'old-cluster': 'COMPLIANT' });
  }, 120_000);

  it('refuses a version that is not an upgrade, changing nothing', async () => {
    await createReplicationGroup(aws, group('current', { engineVersion: '7.1' }));
    await unchangedBy(async () => {
      expect(await remediate(DOCUMENT, 'current', { TargetEngineVersion: '6.2', ...RULE })).toMatchObject({ outcome: 'failed', at: 'CheckTargetIsAnUpgrade', reason: expect.stringContaining('is not an upgrade') });
    });
  }, 60_000);
});

describe('elasticache-security-group-exposure.yaml (manual)', () => {
  const DOCUMENT = 'elasticache-security-group-exposure.yaml';

  async function exposedGroup(): Promise<{ groupId: string; world: string[]; vpcOnly: string }> {
    const vpc = await createVpc(aws, 'cache-vpc', '10.30.0.0/16', true);
    const { GroupId } = await aws.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'cache', Description: 'cache', VpcId: vpc }));
    const tcp = (port: number, sources: Partial<IpPermission>): IpPermission => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, ...sources });
    const { SecurityGroupRules } = await aws.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId,
        IpPermissions: [tcp(6379, { IpRanges: [{ CidrIp: '0.0.0.0/0' }, { CidrIp: '10.30.0.0/16' }] }), tcp(6379, { Ipv6Ranges: [{ CidrIpv6: '::/0' }] })],
      }),
    );
    const rules = SecurityGroupRules ?? [];
    const world = rules.filter((rule) => rule.CidrIpv4 === '0.0.0.0/0' || rule.CidrIpv6 === '::/0').map((rule) => rule.SecurityGroupRuleId!);
    const vpcOnly = rules.find((rule) => rule.CidrIpv4 === '10.30.0.0/16')!.SecurityGroupRuleId!;
    await createReplicationGroup(aws, group('exposed', { securityGroupIds: [GroupId!] }));
    return { groupId: GroupId!, world, vpcOnly };
  }

  it('revokes exactly the world-open rules named, keeps the VPC rule, and the rule then passes the group', async () => {
    // Prepare
    const { world, vpcOnly } = await exposedGroup();
    expect(world).toHaveLength(2);
    expect(await ruleVerdicts('security-group-exposure')).toEqual({ exposed: 'NON_COMPLIANT' });
    // Act
    const result = await remediate(DOCUMENT, 'exposed', { SecurityGroupRuleIds: world });
    // Assess
    expect([result.outcome, result.reason]).toEqual(['succeeded', undefined]);
    expect(await ruleVerdicts('security-group-exposure')).toEqual({ exposed: 'COMPLIANT' });
    const left = (await runtime.call('ec2', 'DescribeSecurityGroupRules', { SecurityGroupRuleIds: [vpcOnly] })) as { SecurityGroupRules: unknown[] };
    expect(left.SecurityGroupRules).toHaveLength(1);
  }, 120_000);

  it.each([
    ['a rule id that does not admit the world', 'vpc', 'admits 10.30.0.0/16'],
    ['a rule id that no longer exists', 'gone', 'no longer exists'],
  ])('refuses %s, changing nothing', async (_case, which, reason) => {
    const { world, vpcOnly } = await exposedGroup();
    const ids = which === 'vpc' ? [world[0]!, vpcOnly] : [world[0]!, 'sgr-0123456789abcdef0'];
    await unchangedBy(async () => {
      expect(await remediate(DOCUMENT, 'exposed', { SecurityGroupRuleIds: ids })).toMatchObject({ outcome: 'failed', at: 'CheckRulesStillExposeTheCache', reason: expect.stringContaining(reason) });
    });
  }, 60_000);
});

describe('elasticache-authentication.yaml (manual)', () => {
  const DOCUMENT = 'elasticache-authentication.yaml';
  const RULE = { AllowAuthToken: 'false', AuthTokenMaxAgeDays: 0 };
  const TOKEN = 'a-fresh-token-0123456789-xyz';

  async function userGroups(): Promise<void> {
    await aws.elasticache.send(new CreateUserCommand({ UserId: 'safe-default', UserName: 'default', Engine: 'redis', AccessString: 'off ~* -@all', Passwords: ['a-long-password-1234'] }));
    await aws.elasticache.send(new CreateUserCommand({ UserId: 'app', UserName: 'app', Engine: 'redis', AccessString: 'on ~* +@all', Passwords: ['a-long-password-5678'] }));
    await aws.elasticache.send(new CreateUserGroupCommand({ UserGroupId: 'approved', Engine: 'redis', UserIds: ['safe-default', 'app'] }));
    await aws.elasticache.send(new CreateUserGroupCommand({ UserGroupId: 'other', Engine: 'redis', UserIds: ['safe-default', 'app'] }));
  }

  it('attaches the approved user group to a group without RBAC, which the rule then passes', async () => {
    // Prepare
    await userGroups();
    await createReplicationGroup(aws, group('no-rbac', { engineVersion: '7.1' }));
    expect(await ruleVerdicts('authentication', { allowedUserGroupIds: 'approved' })).toEqual({ 'no-rbac': 'NON_COMPLIANT' });
    // Act
    const result = await remediate(DOCUMENT, 'no-rbac', { Action: 'attach-user-group', UserGroupId: 'approved', AllowedUserGroupIds: 'approved', ...RULE });
    // Assess
    expect([result.outcome, result.reason]).toEqual(['succeeded', undefined]);
    expect(await ruleVerdicts('authentication', { allowedUserGroupIds: 'approved' })).toEqual({ 'no-rbac': 'COMPLIANT' });
  }, 120_000);

  it('refuses a user group outside allowedUserGroupIds, changing nothing', async () => {
    await userGroups();
    await createReplicationGroup(aws, group('no-rbac', { engineVersion: '7.1' }));
    await unchangedBy(async () => {
      const result = await remediate(DOCUMENT, 'no-rbac', { Action: 'attach-user-group', UserGroupId: 'other', AllowedUserGroupIds: 'approved', ...RULE });
      expect(result).toMatchObject({ outcome: 'failed', at: 'CheckRequest', reason: expect.stringContaining('other is not in allowedUserGroupIds') });
    });
  }, 60_000);

  it('rotates the AUTH token of a standalone cluster from a SecureString parameter, never showing the token', async () => {
    // Prepare
    await aws.elasticache.send(
      new CreateCacheClusterCommand({ CacheClusterId: 'no-auth', Engine: 'redis', EngineVersion: '7.1', CacheNodeType: 'cache.t4g.small', NumCacheNodes: 1, TransitEncryptionEnabled: true }),
    );
    await runtime.call('ssm', 'PutParameter', { Name: '/cache/no-auth/token', Value: TOKEN, Type: 'SecureString' });
    expect(await ruleVerdicts('authentication')).toEqual({ 'no-auth': 'NON_COMPLIANT' });
    // Act
    const result = await remediate(DOCUMENT, 'no-auth', { Action: 'rotate-auth-token', AuthTokenParameterName: '/cache/no-auth/token', ...RULE });
    // Assess
    expect([result.outcome, result.reason]).toEqual(['succeeded', undefined]);
    expect(await ruleVerdicts('authentication')).toEqual({ 'no-auth': 'COMPLIANT' });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    expect(runtime.log()).not.toContain(TOKEN);
  }, 120_000);
});

describe('elasticache-encryption-at-rest-key.yaml (manual)', () => {
  const DOCUMENT = 'elasticache-encryption-at-rest-key.yaml';

  it('re-enables a disabled key and cancels a pending deletion, after which the rule passes both caches', async () => {
    // Prepare
    const disabled = await createKey(aws, 'alias/cache-disabled', 'disabled');
    const deleting = await createKey(aws, 'alias/cache-deleting', 'deleting');
    await createReplicationGroup(aws, group('key-disabled', { atRest: { kmsKeyId: disabled.arn } }));
    await createServerlessCache(aws, { name: 'key-deleting', engine: 'valkey', majorEngineVersion: '8', subnetIds: [], kmsKeyId: deleting.arn });
    await aws.kms.send(new DisableKeyCommand({ KeyId: disabled.keyId }));
    await aws.kms.send(new ScheduleKeyDeletionCommand({ KeyId: deleting.keyId, PendingWindowInDays: 7 }));
    expect(await ruleVerdicts('encryption-at-rest')).toEqual({ 'key-disabled': 'NON_COMPLIANT', 'key-deleting': 'NON_COMPLIANT' });
    // Act
    const results = [await remediate(DOCUMENT, 'key-disabled', { RequireCustomerManagedKey: 'false' }), await remediate(DOCUMENT, 'key-deleting', { RequireCustomerManagedKey: 'false' })];
    // Assess
    expect(results.map((result) => [result.outcome, result.reason])).toEqual([['succeeded', undefined], ['succeeded', undefined]]);
    expect(await ruleVerdicts('encryption-at-rest')).toEqual({ 'key-disabled': 'COMPLIANT', 'key-deleting': 'COMPLIANT' });
  }, 120_000);

  it('refuses a group on the AWS owned key, which has no key to restore, changing nothing', async () => {
    await createReplicationGroup(aws, group('default-key'));
    await unchangedBy(async () => {
      expect(await remediate(DOCUMENT, 'default-key', { RequireCustomerManagedKey: 'false' })).toMatchObject({ outcome: 'failed', at: 'CheckKeyCanBeRestored' });
    });
  }, 60_000);
});
