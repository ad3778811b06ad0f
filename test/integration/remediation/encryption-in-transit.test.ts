/**
 * The two TLS runbooks on the emulator, through the Automation dry run: the automated one moves a
 * group from preferred to required mode (COMPLIANT by the rule's own bundle); the manual one turns
 * TLS on in preferred mode on Redis OSS 7+ / Valkey (COMPLIANT once allowPreferredMode is true, as
 * during a migration) and refuses what it cannot do in place.
 */
import { DeleteReplicationGroupCommand, DescribeReplicationGroupsCommand } from '@aws-sdk/client-elasticache';
import { createCacheCluster, createReplicationGroup } from '../../../scripts/local-aws/estate-builders.ts';
import { aws, group, server } from '../../support/emulator.ts';
import { describeEverything, recordedChanges, remediate, ruleVerdicts, useRemediationEmulator } from '../../support/remediation-harness.ts';

useRemediationEmulator();

const REQUIRED = 'elasticache-encryption-in-transit.yaml';
const PREFERRED = 'elasticache-encryption-in-transit-preferred.yaml';

describe(REQUIRED, () => {
  it('moves every group in preferred mode to required, which the rule then judges COMPLIANT', async () => {
    // Prepare
    await createReplicationGroup(aws, group('redis-preferred', { tls: 'preferred' }));
    await createReplicationGroup(aws, group('valkey-sharded-preferred', { engine: 'valkey', engineVersion: '8.0', tls: 'preferred', shards: 2 }));
    const flagged = ['redis-preferred', 'valkey-sharded-preferred'];
    expect(await ruleVerdicts('encryption-in-transit')).toEqual(Object.fromEntries(flagged.map((id) => [id, 'NON_COMPLIANT'])));
    // Act
    const results = [];
    for (const id of flagged) results.push(await remediate(REQUIRED, id, { AllowPreferredMode: 'false' }));
    // Assess
    expect(results.map((result, i) => [flagged[i], result.outcome, result.reason])).toEqual(flagged.map((id) => [id, 'succeeded', undefined]));
    expect(await ruleVerdicts('encryption-in-transit')).toEqual(Object.fromEntries(flagged.map((id) => [id, 'COMPLIANT'])));
  }, 120_000);

  it.each([
    ['a group with TLS off', 'tls-off', 'AssertTlsIsOn'],
    ['a group being deleted', 'being-deleted', 'AssertReplicationGroupIsModifiable'],
    ['a standalone cluster', 'standalone', 'IdentifyResource'],
  ])('refuses %s, changing nothing', async (_case, id, at) => {
    // Prepare
    await createReplicationGroup(aws, group('tls-off', { tls: 'off' }));
    await createReplicationGroup(aws, group('being-deleted', { tls: 'preferred' }));
    await aws.elasticache.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: 'being-deleted' }));
    await createCacheCluster(aws, { id: 'standalone', engine: 'redis', engineVersion: '7.1', tls: false });
    const before = await describeEverything();
    await server.startRecording();
    // Act
    const result = await remediate(REQUIRED, id, { AllowPreferredMode: 'false' });
    // Assess
    expect(result).toMatchObject({ outcome: 'failed', at });
    expect(await recordedChanges()).toEqual([]);
    expect(await describeEverything()).toEqual(before);
  }, 60_000);
});

describe(`${PREFERRED} (manual)`, () => {
  it('turns TLS on in preferred mode on Redis OSS 7.1 and Valkey; then the required runbook finishes the migration', async () => {
    // Prepare
    await createReplicationGroup(aws, group('redis-tls-off', { tls: 'off' }));
    await createReplicationGroup(aws, group('valkey-tls-off', { engine: 'valkey', engineVersion: '8.0', tls: 'off' }));
    // Act
    const step1 = [await remediate(PREFERRED, 'redis-tls-off'), await remediate(PREFERRED, 'valkey-tls-off')];
    const preferredVerdicts = await ruleVerdicts('encryption-in-transit', { allowPreferredMode: 'true' });
    const step2 = await remediate(REQUIRED, 'redis-tls-off', { AllowPreferredMode: 'false' });
    // Assess
    expect(step1.map((result) => [result.outcome, result.reason])).toEqual([['succeeded', undefined], ['succeeded', undefined]]);
    expect(preferredVerdicts).toEqual({ 'redis-tls-off': 'COMPLIANT', 'valkey-tls-off': 'COMPLIANT' });
    const { ReplicationGroups } = await aws.elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'valkey-tls-off' }));
    expect(ReplicationGroups?.[0]).toMatchObject({ TransitEncryptionEnabled: true, TransitEncryptionMode: 'preferred' });
    expect(step2).toMatchObject({ outcome: 'succeeded' });
    expect((await ruleVerdicts('encryption-in-transit'))['redis-tls-off']).toBe('COMPLIANT');
  }, 120_000);

  it.each([
    ['Redis OSS 6.2, which cannot turn TLS on in place', 'redis-6', 'AssertEngineSupportsTlsInPlace'],
    ['a group whose TLS is already on', 'tls-on', 'AssertTlsIsOff'],
  ])('refuses %s, changing nothing', async (_case, id, at) => {
    // Prepare
    await createReplicationGroup(aws, group('redis-6', { engineVersion: '6.2', tls: 'off' }));
    await createReplicationGroup(aws, group('tls-on', { tls: 'preferred' }));
    const before = await describeEverything();
    await server.startRecording();
    // Act
    const result = await remediate(PREFERRED, id);
    // Assess
    expect(result).toMatchObject({ outcome: 'failed', at });
    expect(await recordedChanges()).toEqual([]);
    expect(await describeEverything()).toEqual(before);
  }, 60_000);
});
