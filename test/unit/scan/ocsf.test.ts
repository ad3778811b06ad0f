/**
 * Scenarios
 * - Given --format ocsf, then each finding is one OCSF Compliance Finding (class_uid 2003) that conforms to the published
 *   OCSF 1.1.0 schema, names its schema version, and carries the compliance status, the control and the requirements.
 * - Given an event that breaks the schema, then the validation names what is wrong (the check can fail).
 */
import { controls } from '#shared/controls/catalog.ts';
import type { ScanResult } from '../../../scan/findings.ts';
import { scanFinding } from '../../support/scan-findings.ts';
import { renderOcsf, toOcsf } from '../../../scan/report/ocsf.ts';
import { OCSF_VERSION, ocsfProblems } from '../../support/ocsf-schema.ts';

const finding = scanFinding;

const result = (): ScanResult => ({
  startedAt: new Date('2026-11-30T10:00:00Z'),
  finishedAt: new Date('2026-11-30T10:00:02Z'),
  accounts: ['111122223333'],
  regions: ['eu-west-1'],
  controls: controls.map((c) => ({ id: c.id, title: c.title, severity: c.severity, references: c.references, remediation: c.remediation, parameters: {}, frameworks: c.frameworks })),
  findings: [
    finding({}),
    finding({ control: 'encryption-at-rest', compliance: 'NON_COMPLIANT', annotation: 'At-rest encryption is off.' }),
    finding({ control: 'event-notifications', severity: 'LOW', compliance: 'NOT_APPLICABLE', arn: undefined, annotation: 'Serverless caches send no events.' }),
  ],
  failures: [],
  awsCalls: {},
});

describe('--format ocsf', () => {
  it('writes Compliance Findings that conform to the OCSF 1.1.0 schema', () => {
    // Act
    const events = toOcsf(result(), '0.1.0');
    // Assess
    expect(OCSF_VERSION).toBe('1.1.0');
    expect(events).toHaveLength(3);
    for (const event of events) expect(ocsfProblems(event, 'compliance_finding')).toEqual([]);
  });

  it('names its schema version and carries the status, the control and the requirements', () => {
    // Act
    const [passed, failed, notApplicable] = toOcsf(result(), '0.1.0') as any[];
    // Assess
    expect(passed).toMatchObject({ class_uid: 2003, category_uid: 2, type_uid: 200301, severity_id: 1, metadata: { version: '1.1.0' } });
    expect(passed.compliance).toMatchObject({ control: 'encryption-in-transit', status_id: 1, status: 'Pass' });
    expect(passed.compliance.requirements).toEqual(expect.arrayContaining(['PCI DSS v4.0.1/4.2.1', 'NIST.800-53.r5 SC-8']));
    expect(passed.compliance.standards).toContain('PCI DSS v4.0.1');
    expect(failed).toMatchObject({ severity_id: 4, severity: 'High', compliance: { status_id: 3, status: 'Fail' }, remediation: { desc: expect.any(String) } });
    expect(notApplicable.compliance).toMatchObject({ status_id: 99, status: 'Not applicable' });
    expect(notApplicable.resource).toMatchObject({ uid: 'orders', type: 'AWS::ElastiCache::ReplicationGroup' });
  });

  it('writes one event per line', () => {
    // Act
    const lines = renderOcsf(result(), '0.1.0').trimEnd().split('\n');
    // Assess
    expect(lines).toHaveLength(3);
    expect(lines.map((line) => (JSON.parse(line) as { class_uid: number }).class_uid)).toEqual([2003, 2003, 2003]);
  });

  it('is refused by the schema when an event lacks a required attribute, adds an unknown one or has a wrong type', () => {
    // Prepare
    const [event] = toOcsf(result(), '0.1.0') as [Record<string, any>];
    const broken: Record<string, any> = { ...event, compliance: { ...event.compliance, standards: undefined, status_id: 7 }, colour: 'red', time: '2026-11-30' };
    delete broken.compliance.standards;
    delete broken.finding_info;
    // Act
    const problems = ocsfProblems(broken, 'compliance_finding');
    // Assess
    expect(problems).toEqual(
      expect.arrayContaining([
        '.finding_info: required',
        '.compliance.standards: required',
        '.colour: not an attribute of this class/object',
        '.time: must be an integer',
      ]),
    );
    expect(problems.join('\n')).toMatch(/\.compliance\.status_id: 7 is not one of/);
  });
});
