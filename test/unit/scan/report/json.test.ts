/**
 * The JSON report for results the other report tests do not produce.
 *
 * Scenarios
 * - Given failures that name no Region, control or action (an account that could not be entered),
 *   then each is reported with null there, and the report still validates against its schema.
 * - Given a finding of a control the result does not describe, and a control without frameworks,
 *   then the record keeps its control id as title and claims no remediation, reference or
 *   requirement, rather than borrowing another control's.
 * - Given findings or none, then the report streamed a finding at a time is the very text
 *   JSON.stringify(report, null, 2) writes, and the ASFF report likewise.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ScanResult } from '../../../../scan/findings.ts';
import { renderAsff, toAsff } from '../../../../scan/report/asff.ts';
import { SCHEMA_FILE, renderJson, toJsonReport, type ReportRecord } from '../../../../scan/report/json.ts';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

function result(overrides: Partial<ScanResult> = {}): ScanResult {
  return {
    startedAt: new Date('2026-12-07T10:00:00Z'),
    finishedAt: new Date('2026-12-07T10:00:05Z'),
    accounts: ['111122223333', '444455556666'],
    regions: ['eu-west-1'],
    controls: [{ id: 'automatic-backup', title: 'Automatic backups are on', severity: 'MEDIUM', references: [], remediation: [], parameters: { minimumRetentionDays: '1' } }],
    findings: [
      {
        account: '111122223333',
        region: 'eu-west-1',
        resourceType: 'AWS::ElastiCache::CacheCluster',
        resourceId: 'reports',
        arn: undefined,
        control: 'retired-control',
        severity: 'LOW',
        compliance: 'NON_COMPLIANT',
        annotation: 'Judged by a control this result does not describe.',
      },
    ],
    failures: [{ account: '444455556666', region: undefined, control: undefined, action: undefined, message: 'Role ElastiCacheScan could not be assumed in account 444455556666.' }],
    awsCalls: { 'sts:AssumeRole': 1 },
    ...overrides,
  };
}

describe('the JSON report', () => {
  it('reports a failure that names no Region, control or action with nulls, and validates', async () => {
    // Prepare
    const schema = JSON.parse(await readFile(`${root}${SCHEMA_FILE}`, 'utf8'));
    const validate = new Ajv2020({ strict: true, allErrors: true, validateFormats: false }).compile(schema);
    // Act
    const report = toJsonReport(result(), '0.1.0') as { complete: boolean; failures: object[]; scope: { controls: { frameworks: object }[] } };
    // Assess
    expect(validate(report) || validate.errors).toBe(true);
    expect(report.complete).toBe(false);
    expect(report.failures).toEqual([{ account: '444455556666', region: null, control: null, action: null, message: 'Role ElastiCacheScan could not be assumed in account 444455556666.' }]);
    expect(report.scope.controls[0]!.frameworks).toEqual({});
  });

  it('keeps the control id as the title of a finding of an undescribed control, with nothing borrowed', () => {
    // Act
    const report = JSON.parse(renderJson(result(), '0.1.0')) as { findings: ReportRecord[] };
    // Assess
    expect(report.findings).toEqual([
      expect.objectContaining({ control: 'retired-control', title: 'retired-control', arn: null, remediation: [], references: [], frameworks: {} }),
    ]);
  });

  it.each([
    ['one finding', {}],
    ['no finding', { findings: [] }],
    ['two findings', { findings: [...result().findings, { ...[...result().findings][0]!, resourceId: 'orders', annotation: 'Quotes " and\nline breaks.' }] }],
  ])('streams the same text as the whole document with %s', (_, overrides: Partial<ScanResult>) => {
    const scan = result(overrides);
    expect(renderJson(scan, '0.1.0')).toBe(`${JSON.stringify(toJsonReport(scan, '0.1.0'), null, 2)}\n`);
    expect(renderAsff(scan, '0.1.0')).toBe(`${JSON.stringify(toAsff(scan, '0.1.0'), null, 2)}\n`);
  });
});
