/**
 * The scan over mocked AWS: one shared inventory per region, every catalog control evaluated, and
 * failures contained to what they affect.
 *
 * Scenarios
 * - Given two regions, then each list call runs once per region (not once per control), and two
 *   controls that load the same context (route tables, subnet groups) share one call sequence.
 * - Given a control added to the catalog, then its verdicts appear with no scan change.
 * - Given one region whose listing is denied, then the other region's findings stand and the failure
 *   names the action and the region; exit code 3.
 * - Given a Region whose endpoints do not resolve, then its failure names it and says the name may be
 *   wrong (the other Regions stand).
 * - Given a control whose context is denied, then only that control is missing, and its failure names
 *   the action; given DescribeServerlessCaches alone fails, the other caches are still judged.
 * - Given non-compliant HIGH findings, then exit 1 with --fail-on high or medium, 0 with critical or none.
 * - Given --assume-role in two accounts and one refuses, then the other is scanned and the refusal named.
 * - Given no credentials (GetCallerIdentity fails), then the scan does not start (ScanNotStartedError).
 * - Given --region all, then every region DescribeRegions returns is scanned; given it is denied,
 *   then the failure names ec2:DescribeRegions.
 * - Given a progress reporter, then it is told each region's listing and each control.
 */
import { DescribeCacheClustersCommand, DescribeReplicationGroupsCommand, DescribeServerlessCachesCommand } from '@aws-sdk/client-elasticache';
import { DescribeRegionsCommand, DescribeRouteTablesCommand } from '@aws-sdk/client-ec2';
import { DescribeKeyCommand } from '@aws-sdk/client-kms';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { controls } from '#shared/controls/context/catalog.ts';
import { subnetPrivacy } from '#shared/controls/context/subnet-privacy.ts';
import { compliant, defineControl } from '#shared/engine/control.ts';
import { loadNetworkTopology } from '#shared/inventory/network.ts';
import { exitCodeOf } from '../../../scan/cli.ts';
import { EXIT } from '../../../scan/exit-codes.ts';
import { parseScanOptions } from '../../../scan/options.ts';
import { ScanNotStartedError, runScan } from '../../../scan/run-scan.ts';
import { accessDenied, ec2Unauthorized } from '../../support/aws-errors.ts';
import { cacheClusterFixture, kmsKeyMetadataFixture } from '../../support/fixtures.ts';
import {
  ec2,
  elasticache,
  givenEstate,
  givenNetwork,
  kms,
  range,
  replicationGroup,
  standaloneCluster,
  sts,
  useMockedAws,
} from '../../support/run-rule-harness.ts';

useMockedAws();

const ACCOUNT = '111122223333';

beforeEach(() => {
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/auditor`, UserId: 'AIDAEXAMPLE' });
  kms.on(DescribeKeyCommand).resolves({ KeyMetadata: kmsKeyMetadataFixture() });
});

const scan = (argv: string[], catalog = controls) => runScan(parseScanOptions(argv, catalog));
const regionOf = async (getClient: () => unknown) => (getClient() as { config: { region: () => Promise<string> } }).config.region();

describe('scan', () => {
  it('lists each kind once per region and shares contexts between controls', async () => {
    givenEstate(...range(150).map((i) => replicationGroup(`orders-${i}`)), standaloneCluster(cacheClusterFixture()));
    givenNetwork();
    // A second control reading the same network, as a security-group control would.
    const twin = defineControl({ ...subnetPrivacy, id: 'subnet-privacy-twin', loadContext: loadNetworkTopology });

    const result = await scan(
      ['--region', 'eu-west-1', '--region', 'us-east-1', '--controls', 'encryption-in-transit,encryption-at-rest,automatic-backup,subnet-privacy,subnet-privacy-twin'],
      [...controls, twin],
    );

    // 2 regions × ⌈150/100⌉ pages; clusters: 150 groups × 2 members + 1 standalone = 301 → 4 pages.
    expect(elasticache.commandCalls(DescribeReplicationGroupsCommand)).toHaveLength(4);
    expect(elasticache.commandCalls(DescribeCacheClustersCommand)).toHaveLength(8);
    expect(ec2.commandCalls(DescribeRouteTablesCommand)).toHaveLength(2);
    expect(result.awsCalls).toMatchObject({
      'elasticache:DescribeReplicationGroups': 4,
      'elasticache:DescribeCacheClusters': 8,
      'elasticache:DescribeCacheSubnetGroups': 2,
      'ec2:DescribeRouteTables': 2,
      // Every fixture group uses the same key: one lookup per region.
      'kms:DescribeKey': 2,
      'sts:GetCallerIdentity': 1,
    });
    expect([...result.findings]).toHaveLength(2 * 151 * 5);
    expect([...result.findings].filter((f) => f.control === 'subnet-privacy-twin')).toHaveLength(302);
    expect(result.failures).toEqual([]);
    expect(result.accounts).toEqual([ACCOUNT]);
    expect(result.regions).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('collects a Region with more findings than a call can take as arguments', async () => {
    // Prepare: 2,000 groups × 80 controls = 160,000 findings in one Region (12 controls × 12,000
    // caches at the 10,000-group benchmark), past what push(...findings) can spread.
    givenEstate(...range(2_000).map((i) => replicationGroup(`orders-${i}`)));
    const many = range(80).map((i) => defineControl({ ...controls[0]!, id: `always-compliant-${i}`, evaluate: () => compliant('Fine.') }));
    // Act
    const result = await scan(['--region', 'eu-west-1', '--controls', many.map((c) => c.id).join(',')], [...controls, ...many]);
    // Assess
    expect(result.failures).toEqual([]);
    expect([...result.findings]).toHaveLength(160_000);
  }, 60_000);

  it('evaluates a control added to the catalog without any scan change', async () => {
    givenEstate(replicationGroup('orders'));
    const added = defineControl({ ...controls[0]!, id: 'cache-eviction-policy', evaluate: () => compliant('Slow log delivered to CloudWatch Logs.') });
    const result = await scan(['--region', 'eu-west-1', '--controls', 'cache-eviction-policy'], [...controls, added]);
    expect([...result.findings]).toEqual([
      expect.objectContaining({ account: ACCOUNT, region: 'eu-west-1', resourceId: 'orders', control: 'cache-eviction-policy', compliance: 'COMPLIANT' }),
    ]);
  });

  it('keeps the other regions when one region cannot be listed, naming the action and region', async () => {
    givenEstate(replicationGroup('orders'));
    const served = elasticache.on(DescribeReplicationGroupsCommand);
    served.callsFake(async (_input, getClient) => {
      if ((await regionOf(getClient)) === 'ap-south-1') throw accessDenied('elasticache:DescribeReplicationGroups');
      return { ReplicationGroups: replicationGroup('orders').replicationGroups };
    });
    const result = await scan(['--region', 'ap-south-1,eu-west-1', '--controls', 'encryption-in-transit']);
    expect([...result.findings].map((f) => `${f.region} ${f.resourceId}`)).toEqual(['eu-west-1 orders']);
    expect(result.failures).toEqual([
      expect.objectContaining({ region: 'ap-south-1', control: undefined, action: 'elasticache:DescribeReplicationGroups' }),
    ]);
    expect(result.failures[0]!.message).toMatch(/^Access denied for elasticache:DescribeReplicationGroups \(account 111122223333, region ap-south-1\)/);
    expect(exitCodeOf(result, 'LOW')).toBe(EXIT.INCOMPLETE);
  });

  it('names a second Region whose endpoint does not resolve, and says the name may be wrong', async () => {
    givenEstate(replicationGroup('orders'));
    elasticache.on(DescribeReplicationGroupsCommand).callsFake(async (_input, getClient) => {
      if ((await regionOf(getClient)) === 'eu-wset-1') {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND elasticache.eu-wset-1.amazonaws.com'), { code: 'ENOTFOUND', syscall: 'getaddrinfo' });
      }
      return { ReplicationGroups: replicationGroup('orders').replicationGroups };
    });
    const result = await scan(['--region', 'eu-west-1,eu-wset-1', '--controls', 'encryption-in-transit']);
    expect([...result.findings].map((f) => `${f.region} ${f.resourceId}`)).toEqual(['eu-west-1 orders']);
    expect(result.failures.map((f) => f.message)).toEqual([
      'Region eu-wset-1 could not be reached (elasticache.eu-wset-1.amazonaws.com does not resolve): the Region name may be wrong (aws ec2 describe-regions lists them), or there is no network.',
    ]);
  });

  it('reports only the control whose context is denied as missing', async () => {
    givenEstate(replicationGroup('orders'));
    givenNetwork();
    ec2.on(DescribeRouteTablesCommand).rejects(ec2Unauthorized());
    const result = await scan(['--region', 'eu-west-1', '--controls', 'encryption-in-transit,subnet-privacy']);
    expect(new Set([...result.findings].map((f) => f.control))).toEqual(new Set(['encryption-in-transit']));
    expect(result.failures).toEqual([expect.objectContaining({ control: 'subnet-privacy', action: 'ec2:DescribeRouteTables', region: 'eu-west-1' })]);
  });

  it('still judges the other caches when only serverless caches cannot be listed', async () => {
    givenEstate(replicationGroup('orders'));
    elasticache.on(DescribeServerlessCachesCommand).rejects(accessDenied('elasticache:DescribeServerlessCaches'));
    const result = await scan(['--region', 'eu-west-1', '--controls', 'automatic-backup']);
    expect([...result.findings].map((f) => f.resourceId)).toEqual(['orders']);
    expect(result.failures).toEqual([expect.objectContaining({ action: 'elasticache:DescribeServerlessCaches', control: undefined })]);
    // The re-listing without serverless caches is answered from the shared session.
    expect(elasticache.commandCalls(DescribeReplicationGroupsCommand)).toHaveLength(1);
  });

  it('does not list serverless caches with --no-serverless', async () => {
    givenEstate(replicationGroup('orders'));
    await scan(['--region', 'eu-west-1', '--no-serverless']);
    expect(elasticache.commandCalls(DescribeServerlessCachesCommand)).toHaveLength(0);
  });

  it.each([
    ['HIGH', EXIT.FINDINGS],
    ['MEDIUM', EXIT.FINDINGS],
    ['CRITICAL', EXIT.OK],
    [undefined, EXIT.OK],
  ] as const)('exits by --fail-on %s', async (failOn, code) => {
    givenEstate(replicationGroup('orders', { TransitEncryptionEnabled: false }));
    const result = await scan(['--region', 'eu-west-1', '--controls', 'encryption-in-transit']);
    expect([...result.findings][0]!.compliance).toBe('NON_COMPLIANT');
    expect(exitCodeOf(result, failOn)).toBe(code);
  });

  it('scans every account whose role can be assumed and names the one that refused', async () => {
    givenEstate(replicationGroup('orders'));
    sts
      .on(AssumeRoleCommand, { RoleArn: 'arn:aws:iam::444455556666:role/ElastiCacheAudit' })
      .resolves({ Credentials: { AccessKeyId: 'ASIA', SecretAccessKey: 's', SessionToken: 't', Expiration: new Date(Date.now() + 3_600_000) } })
      .on(AssumeRoleCommand, { RoleArn: 'arn:aws:iam::777788889999:role/ElastiCacheAudit' })
      .rejects(Object.assign(new Error('not authorized to perform sts:AssumeRole'), { name: 'AccessDenied' }));
    const result = await scan(['--region', 'eu-west-1', '--assume-role', 'ElastiCacheAudit', '--accounts', '444455556666,777788889999', '--controls', 'automatic-backup']);
    expect(result.accounts).toEqual(['444455556666']);
    expect([...result.findings].map((f) => f.account)).toEqual(['444455556666']);
    expect(result.failures).toEqual([
      expect.objectContaining({ account: '777788889999', region: undefined, action: 'sts:AssumeRole on arn:aws:iam::777788889999:role/ElastiCacheAudit' }),
    ]);
  });

  it('does not start without credentials', async () => {
    sts.on(GetCallerIdentityCommand).rejects(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));
    await expect(scan(['--region', 'eu-west-1'])).rejects.toThrow(ScanNotStartedError);
    await expect(scan(['--region', 'eu-west-1'])).rejects.toThrow(/sts:GetCallerIdentity failed .*Could not load credentials/);
  });

  it('scans every enabled region with --region all', async () => {
    givenEstate(replicationGroup('orders'));
    ec2.on(DescribeRegionsCommand).resolves({ Regions: [{ RegionName: 'us-east-1' }, { RegionName: 'eu-west-1' }, { RegionName: 'ap-south-1' }] });
    const result = await scan(['--region', 'all', '--controls', 'automatic-backup']);
    expect(result.regions).toEqual(['ap-south-1', 'eu-west-1', 'us-east-1']);
    expect([...result.findings].map((f) => f.region)).toEqual(['ap-south-1', 'eu-west-1', 'us-east-1']);
  });

  it('names ec2:DescribeRegions when --region all is denied', async () => {
    process.env.AWS_REGION = 'us-east-1';
    ec2.on(DescribeRegionsCommand).rejects(ec2Unauthorized());
    const result = await scan(['--region', 'all']);
    expect(result.failures).toEqual([expect.objectContaining({ action: 'ec2:DescribeRegions', region: 'us-east-1' })]);
    expect(exitCodeOf(result, undefined)).toBe(EXIT.INCOMPLETE);
  });

  it('tells the progress reporter about each listing and control', async () => {
    givenEstate(replicationGroup('orders'));
    const steps: string[] = [];
    let planned = 0;
    await runScan(parseScanOptions(['--region', 'eu-west-1', '--controls', 'automatic-backup'], controls), {
      progress: { plan: (n) => (planned += n), step: (text) => steps.push(text), done: () => steps.push('done') },
    });
    expect(planned).toBe(2);
    expect(steps).toEqual([`${ACCOUNT} eu-west-1: listed 1 caches`, `${ACCOUNT} eu-west-1: automatic-backup`, 'done']);
  });
});
