/**
 * The scan's evidence for auditors.
 *
 * Scenarios
 * - Given --framework ID, then only the controls mapping to it run; an unknown id is a usage error listing the known ones.
 * - Given a scan for a framework, then the table, the HTML and the JSON group the findings by requirement, with per
 *   requirement the controls, resources checked, counts, parameters, accounts, Regions and time.
 * - Given --format asff, then every finding fits botocore's AwsSecurityFinding shape, with a stable Id per resource ×
 *   control, PASSED/FAILED/NOT_AVAILABLE and the related requirements.
 * - Given an earlier ASFF report, then findings of resources now gone are ARCHIVED, but only where this scan read that
 *   account, Region and control completely.
 * - Given an import, then findings go in batches of at most 100 per Region; throttled requests and transient entry
 *   failures are retried, permanent ones reported; nothing is lost or sent twice once accepted.
 */
import { execFileSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { controls } from '#shared/controls/context/catalog.ts';
import type { ScanResult } from '../../../scan/findings.ts';
import { scanFinding } from '../../support/scan-findings.ts';
import { UsageError, parseScanOptions } from '../../../scan/options.ts';
import { toAsff, type AsffFinding } from '../../../scan/report/asff.ts';
import { renderHtml } from '../../../scan/report/html.ts';
import { SCHEMA_FILE, toJsonReport } from '../../../scan/report/json.ts';
import { renderTable } from '../../../scan/report/table.ts';
import { SecurityHubRequestError, type BatchImportFindings } from '../../../scan/aws/security-hub-api.ts';
import { importFindings } from '../../../scan/security-hub.ts';
import { sendToSecurityHub } from '../../../scan/evidence.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const ACCOUNT = '111122223333';

const finding = scanFinding;

function pciScan(overrides: Partial<ScanResult> = {}): ScanResult {
  const options = parseScanOptions(['--framework', 'pci-dss-4.0.1', '--param', 'automatic-backup.minimumRetentionDays=14'], controls);
  return {
    startedAt: new Date('2026-11-30T10:00:00Z'),
    finishedAt: new Date('2026-11-30T10:00:02Z'),
    accounts: [ACCOUNT],
    regions: ['eu-west-1', 'us-east-1'],
    controls: options.controls.map((c) => ({
      id: c.id, title: c.title, severity: c.severity, references: c.references, remediation: c.remediation,
      parameters: options.parameterText[c.id] ?? {}, frameworks: c.frameworks,
    })),
    findings: [
      finding({}),
      finding({ resourceId: 'sessions', arn: undefined, compliance: 'NON_COMPLIANT', annotation: 'TLS is off.' }),
      finding({ control: 'automatic-backup', compliance: 'NON_COMPLIANT', annotation: 'Backups are kept 1 day; at least 14 are required.' }),
      finding({ region: 'us-east-1', resourceId: 'memcached-1', resourceType: 'AWS::ElastiCache::CacheCluster', control: 'automatic-backup', compliance: 'NOT_APPLICABLE', annotation: 'Memcached has no backups.' }),
    ],
    failures: [],
    awsCalls: {},
    framework: options.framework!,
    ...overrides,
  };
}

describe('scan --framework', () => {
  it('runs only the controls that map a requirement of the framework', () => {
    // Act
    const options = parseScanOptions(['--framework', 'fsbp'], controls);
    // Assess
    expect(options.framework).toBe('fsbp');
    expect(options.controls.map((c) => c.id)).toEqual([
      'encryption-in-transit', 'encryption-at-rest', 'automatic-backup', 'authentication', 'default-subnet-group', 'high-availability', 'auto-minor-version-upgrade',
    ]);
  });

  it('keeps to --controls when both are given', () => {
    // Act
    const options = parseScanOptions(['--framework', 'dora', '--controls', 'automatic-backup,default-subnet-group'], controls);
    // Assess: default-subnet-group maps no DORA article.
    expect(options.controls.map((c) => c.id)).toEqual(['automatic-backup']);
  });

  it('refuses an unknown framework, listing the known ones', () => {
    // Act / Assess
    expect(() => parseScanOptions(['--framework', 'pci'], controls)).toThrow(UsageError);
    expect(() => parseScanOptions(['--framework', 'pci'], controls)).toThrow(
      '--framework "pci" is not a framework id; known: fsbp, pci-dss-4.0.1, nist-800-53-r5, iso-27001-2022, soc2, nist-csf-2.0, dora.',
    );
  });
});

describe('the reports of a framework scan', () => {
  it('open the table with the evidence per requirement', () => {
    // Act
    const lines = renderTable(pciScan(), false).split('\n');
    // Assess
    expect(lines[0]).toBe('Evidence by requirement: PCI DSS v4.0.1 (scanned 2026-11-30T10:00:00.000Z to 2026-11-30T10:00:02.000Z)');
    const row = (id: string) => lines.find((l) => l.startsWith(`${id} `));
    expect(row('4.2.1')).toMatch(/^4\.2\.1 +1 +1 +0 +2 {2}encryption-in-transit \(allowPreferredMode=false\) · 111122223333 · eu-west-1$/);
    expect(row('10.3.3')).toMatch(/^10\.3\.3 +1 +0 +1 +2 {2}automatic-backup \(minimumRetentionDays=14[^)]*\) · 111122223333 · eu-west-1, us-east-1$/);
    // Requirements sort as numbers: 1.3.1 before 10.3.3, 2.2.7 before 10.3.3.
    const order = lines.filter((l) => /^\d/.test(l)).map((l) => l.split(' ')[0]);
    expect(order.indexOf('2.2.7')).toBeLessThan(order.indexOf('10.3.3'));
  });

  it('give the HTML a requirement table with controls, basis, counts, accounts, Regions and time', () => {
    // Act
    const html = renderHtml(pciScan(), '0.1.0');
    // Assess
    expect(html).toContain('<h2>Evidence by requirement: PCI DSS v4.0.1</h2>');
    expect(html).toMatch(/<tr class="requirement" data-requirement="4\.2\.1" data-non-compliant="1" data-compliant="1" data-not-applicable="0" data-resources="2">/);
    expect(html).toContain('published: AWS Security Hub CSPM user guide, ElastiCache controls, ElastiCache.5 &quot;Related requirements&quot;');
    expect(html).toContain('2026-11-30T10:00:00.000Z to 2026-11-30T10:00:02.000Z');
    expect(html).toContain('pci-dss-4.0.1: 4.2.1, 2.2.7, 4.2.1.1, 8.3.2');
  });

  it('put the framework and the evidence per requirement in the JSON, which still validates', async () => {
    // Prepare
    const schema = JSON.parse(await readFile(`${root}${SCHEMA_FILE}`, 'utf8'));
    const validate = new Ajv2020({ strict: true, allErrors: true, validateFormats: false }).compile(schema);
    // Act
    const report = toJsonReport(pciScan(), '0.1.0') as { scope: { framework: string }; requirements: { requirement: string; counts: object; resources: number }[] };
    // Assess
    expect(validate(report) || validate.errors).toBe(true);
    expect(report.scope.framework).toBe('pci-dss-4.0.1');
    expect(report.requirements.find((r) => r.requirement === '4.2.1')).toMatchObject({ counts: { COMPLIANT: 1, NON_COMPLIANT: 1, NOT_APPLICABLE: 0 }, resources: 2 });
  });
});

/** Problems botocore's securityhub model finds in the findings (test/support/asff_contract.py). */
function asffProblems(findings: readonly object[]): string[] {
  const output = execFileSync(`${root}.venv/bin/python`, [`${root}test/support/asff_contract.py`], { input: JSON.stringify(findings), encoding: 'utf8' });
  return JSON.parse(output) as string[];
}

describe('--format asff', () => {
  it('writes findings that fit botocore\'s AwsSecurityFinding shape', () => {
    // Act
    const findings = toAsff(pciScan(), '0.1.0');
    // Assess
    expect(findings).toHaveLength(4);
    expect(asffProblems(findings)).toEqual([]);
  });

  it('is caught by the contract when a field breaks the shape', () => {
    // Prepare
    const [first] = toAsff(pciScan(), '0.1.0');
    // Act
    const problems = asffProblems([{ ...first, RecordState: 'GONE', Compliance: { Status: 'OK' }, Title: undefined }]);
    // Assess
    expect(problems.join('\n')).toMatch(/Title/);
    expect(problems.join('\n')).toMatch(/'GONE' is not one of RecordState/);
    expect(problems.join('\n')).toMatch(/'OK' is not one of ComplianceStatus/);
  });

  it('maps verdicts to compliance statuses and names the related requirements as Security Hub writes them', () => {
    // Act
    const [passed, failed, , notAvailable] = toAsff(pciScan(), '0.1.0');
    // Assess
    expect([passed!.Compliance.Status, failed!.Compliance.Status, notAvailable!.Compliance.Status]).toEqual(['PASSED', 'FAILED', 'NOT_AVAILABLE']);
    expect(failed!.Severity).toEqual({ Label: 'HIGH', Original: 'HIGH' });
    expect(passed!.Severity.Label).toBe('INFORMATIONAL');
    expect(passed!.Compliance.RelatedRequirements).toEqual(expect.arrayContaining(['AWS FSBP ElastiCache.5', 'PCI DSS v4.0.1/4.2.1', 'NIST.800-53.r5 SC-8', 'ISO/IEC 27001:2022 A.8.24']));
    expect(passed!.Compliance.RelatedRequirements!.length).toBeLessThanOrEqual(32);
    expect(failed!.Resources[0]).toEqual({
      Type: 'Other', Id: 'sessions', Partition: 'aws', Region: 'eu-west-1',
      Details: { Other: { ResourceType: 'AWS::ElastiCache::ReplicationGroup', ResourceId: 'sessions' } },
    });
    expect(passed!.ProductArn).toBe(`arn:aws:securityhub:eu-west-1:${ACCOUNT}:product/${ACCOUNT}/default`);
  });

  it('gives a resource × control the same Id in every scan, and keeps when it was first seen', () => {
    // Prepare
    const first = toAsff(pciScan(), '0.1.0');
    const later = pciScan({ startedAt: new Date('2026-12-01T10:00:00Z'), finishedAt: new Date('2026-12-01T10:00:03Z') });
    // Act
    const second = toAsff(later, '0.1.0', first);
    // Assess
    expect(second.map((f) => f.Id)).toEqual(first.map((f) => f.Id));
    expect(new Set(first.map((f) => f.Id)).size).toBe(first.length);
    expect(second[0]).toMatchObject({ CreatedAt: '2026-11-30T10:00:00.000Z', FirstObservedAt: '2026-11-30T10:00:00.000Z', UpdatedAt: '2026-12-01T10:00:03.000Z' });
  });

  it('archives the findings of a resource that disappeared, only where this scan read everything', () => {
    // Prepare: the previous report had two more caches, one in each Region.
    const gone = pciScan({ findings: [...pciScan().findings, finding({ resourceId: 'deleted-eu' }), finding({ region: 'us-east-1', resourceId: 'unknown-us' })] });
    const previous = toAsff(gone, '0.1.0');
    // This scan could not list us-east-1: nothing there may be cleared.
    const now = pciScan({
      finishedAt: new Date('2026-12-01T10:00:00Z'),
      failures: [{ account: ACCOUNT, region: 'us-east-1', control: undefined, action: 'elasticache:DescribeReplicationGroups', message: 'denied' }],
    });
    // Act
    const findings = toAsff(now, '0.1.0', previous);
    // Assess
    const archived = findings.filter((f) => f.RecordState === 'ARCHIVED');
    expect(archived.map((f) => f.Id)).toEqual([`elasticache-config-rules/${ACCOUNT}/eu-west-1/AWS::ElastiCache::ReplicationGroup/deleted-eu/encryption-in-transit`]);
    expect(archived[0]!.UpdatedAt).toBe('2026-12-01T10:00:00.000Z');
    expect(findings.some((f) => f.Id.includes('unknown-us'))).toBe(false);
    expect(asffProblems(findings)).toEqual([]);
  });
});

describe('the Security Hub import', () => {
  const many = (count: number, region = 'eu-west-1'): AsffFinding[] =>
    toAsff(pciScan({ findings: Array.from({ length: count }, (_, i) => finding({ region, resourceId: `cache-${i}` })) }), '0.1.0');

  /** A Security Hub that throttles requests and entries as scripted, recording what it accepted. */
  function scriptedHub(script: { throttleRequests?: number[]; failEntries?: Record<string, string[]> }) {
    const accepted: string[] = [];
    const batches: number[] = [];
    let request = 0;
    const send: BatchImportFindings = async (_region, findings) => {
      request++;
      batches.push(findings.length);
      if (script.throttleRequests?.includes(request)) throw new SecurityHubRequestError('slow down', 'LimitExceededException', 429);
      const failed = (findings as AsffFinding[])
        .map((f) => ({ f, code: script.failEntries?.[f.Id]?.shift() }))
        .filter((x): x is { f: AsffFinding; code: string } => x.code !== undefined)
        .map(({ f, code }) => ({ Id: f.Id, ErrorCode: code, ErrorMessage: code }));
      const failedIds = new Set(failed.map((f) => f.Id));
      for (const f of findings as AsffFinding[]) if (!failedIds.has(f.Id)) accepted.push(f.Id);
      return { FailedCount: failed.length, SuccessCount: findings.length - failed.length, FailedFindings: failed };
    };
    return { send, accepted, batches };
  }
  const noWait = { sleep: async () => undefined };

  it('sends batches of at most 100 and retries a throttled request whole', async () => {
    // Prepare
    const findings = many(250);
    const hub = scriptedHub({ throttleRequests: [2] });
    // Act
    const outcome = await importFindings(findings, hub.send, noWait);
    // Assess
    expect(hub.batches).toEqual([100, 100, 100, 50]);
    expect(outcome).toEqual({ imported: 250, refused: [], requests: 4, retries: 1 });
    expect(hub.accepted.sort()).toEqual(findings.map((f) => f.Id).sort());
  });

  it('retries throttled entries only, and reports an entry refused for good', async () => {
    // Prepare
    const findings = many(5);
    const [a, b, c] = findings.map((f) => f.Id) as [string, string, string];
    const hub = scriptedHub({ failEntries: { [a]: ['ThrottlingException', 'ThrottlingException'], [b]: ['InternalException'], [c]: ['InvalidInput'] } });
    // Act
    const outcome = await importFindings(findings, hub.send, noWait);
    // Assess
    expect(hub.batches).toEqual([5, 2, 1]);
    expect(outcome.imported).toBe(4);
    expect(outcome.refused).toEqual([{ Id: c, ErrorCode: 'InvalidInput', ErrorMessage: 'InvalidInput' }]);
    expect(new Set(hub.accepted).size).toBe(hub.accepted.length);
  });

  it('gives up after the last attempt and names every finding not imported', async () => {
    // Prepare
    const findings = many(3);
    const hub = scriptedHub({ throttleRequests: [1, 2, 3] });
    // Act
    const outcome = await importFindings(findings, hub.send, { ...noWait, maxAttempts: 3 });
    // Assess
    expect(outcome.imported).toBe(0);
    expect(outcome.refused.map((r) => r.Id)).toEqual(findings.map((f) => f.Id));
    expect(outcome.refused[0]!.ErrorCode).toBe('LimitExceededException');
  });

  it('imports each Region\'s findings in that Region', async () => {
    // Prepare
    const regions: string[] = [];
    const send: BatchImportFindings = async (region, findings) => {
      regions.push(region);
      return { FailedCount: 0, SuccessCount: findings.length };
    };
    // Act
    await importFindings([...many(2, 'eu-west-1'), ...many(1, 'us-east-1')], send, noWait);
    // Assess
    expect(regions).toEqual(['eu-west-1', 'us-east-1']);
  });
});

describe('importing a multi-account scan', () => {
  /** Findings of two accounts, as a scan with --assume-role reports them. */
  const twoAccounts = (): ScanResult =>
    pciScan({ accounts: [ACCOUNT, '444455556666'], findings: [finding({}), finding({ account: '444455556666', resourceId: 'other' })] });

  it('imports each account\'s findings with that account\'s credentials, since Security Hub takes only its own', async () => {
    // Prepare
    const sent: { key: string | undefined; accounts: string[] }[] = [];
    const access = {
      credentialsFor: async (account: string) => ({ accessKeyId: `key-${account}`, secretAccessKey: 'secret' }),
      importer: (credentials: { accessKeyId: string } | undefined): BatchImportFindings => async (_region, findings) => {
        sent.push({ key: credentials?.accessKeyId, accounts: (findings as AsffFinding[]).map((f) => f.AwsAccountId) });
        return { FailedCount: 0, SuccessCount: findings.length };
      },
    };
    const stderr = new PassThrough();
    // Act
    const ok = await sendToSecurityHub(twoAccounts(), { previous: [], assumeRole: 'Audit' }, { stderr }, access);
    // Assess
    expect(ok).toBe(true);
    expect(sent).toEqual([
      { key: `key-${ACCOUNT}`, accounts: [ACCOUNT] },
      { key: 'key-444455556666', accounts: ['444455556666'] },
    ]);
  });

  it('reports an account whose role cannot be assumed as refused, and still imports the others', async () => {
    // Prepare
    let imported = 0;
    const access = {
      credentialsFor: async (account: string) => {
        if (account === '444455556666') throw new Error('sts:AssumeRole on arn:aws:iam::444455556666:role/Audit failed');
        return undefined;
      },
      importer: (): BatchImportFindings => async (_region, findings) => {
        imported += findings.length;
        return { FailedCount: 0, SuccessCount: findings.length };
      },
    };
    const stderr = new PassThrough();
    let text = '';
    stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    // Act
    const ok = await sendToSecurityHub(twoAccounts(), { previous: [] }, { stderr }, access);
    // Assess
    expect(ok).toBe(false);
    expect(imported).toBe(1);
    expect(text).toContain('Security Hub: 1 of 2 findings imported in 1 request(s) (0 retried); 1 refused.');
    expect(text).toContain('/444455556666/eu-west-1/AWS::ElastiCache::ReplicationGroup/other/encryption-in-transit: AccessDenied sts:AssumeRole on arn:aws:iam::444455556666:role/Audit failed');
  });
});
