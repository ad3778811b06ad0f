/**
 * ASFF findings in the partitions, for controls and annotations the reports rarely see, and the
 * archiving of earlier findings next to a control that failed.
 *
 * Scenarios
 * - Given findings in China or GovCloud Regions, then the product ARN and the resource carry that
 *   partition.
 * - Given a finding of a control the result does not describe, then it keeps its control id as the
 *   title and claims no requirement, Security Hub control or remediation.
 * - Given an empty or very long annotation, then the description says so or is clipped to
 *   Security Hub's limit.
 * - Given an earlier finding of a control that failed in a Region, then it is kept, while one of
 *   another control read completely there is archived; archived findings stay archived.
 */
import { controls } from '#shared/controls/catalog.ts';
import type { Finding, ScanResult } from '../../../../scan/findings.ts';
import { scanFinding } from '../../../support/scan-findings.ts';
import { partitionOf, relatedRequirements, renderAsff, toAsff } from '../../../../scan/report/asff.ts';

const ACCOUNT = '111122223333';

const finding = (overrides: Partial<Finding>): Finding =>
  scanFinding({ arn: undefined, compliance: 'NON_COMPLIANT', annotation: 'TLS is off.', ...overrides });

function scan(overrides: Partial<ScanResult> = {}): ScanResult {
  return {
    startedAt: new Date('2026-12-07T10:00:00Z'),
    finishedAt: new Date('2026-12-07T10:00:05Z'),
    accounts: [ACCOUNT],
    regions: ['eu-west-1'],
    controls: controls
      .filter((c) => c.id === 'encryption-in-transit' || c.id === 'automatic-backup')
      .map((c) => ({ id: c.id, title: c.title, severity: c.severity, references: c.references, remediation: c.remediation, parameters: {}, frameworks: c.frameworks })),
    findings: [],
    failures: [],
    awsCalls: {},
    ...overrides,
  };
}

describe('ASFF partitions', () => {
  it.each([
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['eu-west-1', 'aws'],
  ])('writes findings of %s in the %s partition', (region, partition) => {
    // Act
    const [asff] = toAsff(scan({ regions: [region], findings: [finding({ region })] }), '0.1.0');
    // Assess
    expect(partitionOf(region)).toBe(partition);
    expect(asff!.ProductArn).toBe(`arn:${partition}:securityhub:${region}:${ACCOUNT}:product/${ACCOUNT}/default`);
    expect(asff!.Resources[0]).toMatchObject({ Partition: partition, Id: 'orders' });
  });
});

describe('ASFF contents', () => {
  it('gives a finding of a control the result does not describe its id as title, and no requirement or remediation', () => {
    // Prepare: a finding of a control left out of result.controls (an older catalog).
    const result = scan({ findings: [finding({ control: 'retired-control' })] });
    // Act
    const [asff] = toAsff(result, '0.1.0');
    // Assess
    expect(relatedRequirements(undefined)).toEqual([]);
    expect(asff!.Title).toBe('retired-control: retired-control');
    expect(asff!.Compliance).toEqual({ Status: 'FAILED' });
    expect(asff!.Remediation).toBeUndefined();
    expect(asff!.ProductFields).toEqual({
      'elasticache-config-rules/Control': 'retired-control',
      'elasticache-config-rules/Compliance': 'NON_COMPLIANT',
      'elasticache-config-rules/Version': '0.1.0',
    });
  });

  it('says when a finding has no annotation, and clips a long one to 1024 characters', () => {
    const result = scan({ findings: [finding({ annotation: '' }), finding({ resourceId: 'long', annotation: 'x'.repeat(2000) })] });

    const [empty, long] = toAsff(result, '0.1.0');

    expect(empty!.Description).toBe('(no annotation)');
    expect(long!.Description).toHaveLength(1024);
    expect(long!.Description.endsWith('x…')).toBe(true);
  });

  it('clips a title longer than Security Hub takes to 256 characters', () => {
    const result = scan({ findings: [finding({})] });
    result.controls[0] = { ...result.controls[0]!, id: 'encryption-in-transit', title: 'T'.repeat(300) };

    const [asff] = toAsff(result, '0.1.0');

    expect(asff!.Title).toHaveLength(256);
    expect(asff!.Title.startsWith('encryption-in-transit: TTT')).toBe(true);
  });

  it('renders the findings as a JSON list ending with a newline', () => {
    const text = renderAsff(scan({ findings: [finding({})] }), '0.1.0');
    expect(text.endsWith(']\n')).toBe(true);
    expect(JSON.parse(text)).toHaveLength(1);
  });
});

describe('archiving earlier findings', () => {
  it('keeps an earlier finding of a control that failed in its Region, and archives one of a control read completely', () => {
    // Prepare: both caches were reported before; now neither is, and automatic-backup failed in eu-west-1.
    const previous = toAsff(scan({ findings: [finding({ resourceId: 'deleted' }), finding({ resourceId: 'deleted', control: 'automatic-backup' })] }), '0.1.0');
    const now = scan({ failures: [{ account: ACCOUNT, region: 'eu-west-1', control: 'automatic-backup', action: 'elasticache:DescribeSnapshots', message: 'denied' }] });
    // Act
    const findings = toAsff(now, '0.1.0', previous);
    // Assess
    expect(findings.map((f) => [f.ProductFields['elasticache-config-rules/Control'], f.RecordState])).toEqual([['encryption-in-transit', 'ARCHIVED']]);
  });

  it('does not archive again a finding already archived, nor one of an account or control this scan did not read', () => {
    const [archived] = toAsff(scan({ findings: [finding({ resourceId: 'a' })] }), '0.1.0').map((f) => ({ ...f, RecordState: 'ARCHIVED' as const }));
    const [otherAccount] = toAsff(scan({ accounts: ['444455556666'], findings: [finding({ account: '444455556666' })] }), '0.1.0');
    const [otherControl] = toAsff(scan({ findings: [finding({ control: 'authentication' })] }), '0.1.0');

    const findings = toAsff(scan(), '0.1.0', [archived!, otherAccount!, otherControl!]);

    expect(findings).toEqual([]);
  });
});
