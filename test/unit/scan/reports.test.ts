/**
 * The four reports of one scan result.
 *
 * Scenarios
 * - Given a result, then the table has one row per resource and one column per control, a cell "? —"
 *   where a control could not be evaluated, the non-compliant annotations, the failures and a
 *   summary line; colour codes only when asked (a terminal).
 * - Given a result, then the JSON validates against scan/report/scan-report.v1.schema.json, with one
 *   record per resource × control carrying severity, annotation, remediation and references.
 * - Given annotations with commas, quotes, line breaks or a leading "=", then the CSV quotes them and
 *   defuses formulas.
 * - Given a resource id with markup, then the HTML escapes it; the HTML fetches nothing (CSP
 *   default-src 'none', no src/href to a network address), has one row per finding and a chart row
 *   per control with its counts.
 * - Given a terminal narrower than one column per control id (or 120 columns when stdout is no
 *   terminal), then the controls are numbered with a legend and the annotations wrapped: every line
 *   fits, and no control, resource or verdict is lost.
 * - Given table, json and html with --output, then each is written there (the table as .txt) and the
 *   table still goes to stdout.
 * - Given a slow stdout (a small buffer, drained later), then every report is written whole and in
 *   order, waiting for it to drain.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { controls } from '#shared/controls/catalog.ts';
import { frameworkRequirementsOf } from '#shared/frameworks/mapping.ts';
import type { Finding, ScanResult } from '../../../scan/findings.ts';
import { scanFinding } from '../../support/scan-findings.ts';
import { renderCsv } from '../../../scan/report/csv.ts';
import { renderHtml } from '../../../scan/report/html.ts';
import { SCHEMA_FILE, toJsonReport } from '../../../scan/report/json.ts';
import { renderTable } from '../../../scan/report/table.ts';
import { reportChunks, writeReports } from '../../../scan/report/write-reports.ts';

const finding = scanFinding;

function result(): ScanResult {
  return {
    startedAt: new Date('2026-11-30T10:00:00Z'),
    finishedAt: new Date('2026-11-30T10:00:02Z'),
    accounts: ['111122223333'],
    regions: ['eu-west-1', 'us-east-1'],
    controls: controls.slice(0, 2).map((c) => ({
      id: c.id, title: c.title, severity: c.severity, references: c.references, remediation: c.remediation, parameters: {}, frameworks: c.frameworks,
    })),
    findings: [
      finding({}),
      finding({ control: 'encryption-at-rest', compliance: 'NON_COMPLIANT', annotation: 'KMS key k-1 is Disabled, "unreadable", data\nlost' }),
      finding({ resourceId: '=HYPERLINK("x")', resourceType: 'AWS::ElastiCache::CacheCluster', arn: undefined, compliance: 'NON_COMPLIANT', annotation: 'TLS is off.' }),
      finding({ resourceId: '<script>alert(1)</script>', region: 'us-east-1', control: 'encryption-at-rest', compliance: 'NOT_APPLICABLE', annotation: 'Memcached.' }),
    ],
    failures: [{ account: '111122223333', region: 'us-east-1', control: 'encryption-in-transit', action: 'kms:DescribeKey', message: 'Access denied for kms:DescribeKey (account 111122223333, region us-east-1, control encryption-in-transit).' }],
    awsCalls: { 'elasticache:DescribeReplicationGroups': 2, 'sts:GetCallerIdentity': 1 },
  };
}

describe('table', () => {
  it('shows a row per resource, a column per control, the failing annotations and a summary', () => {
    const text = renderTable(result(), false);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^Region +Type +Resource +encryption-in-transit +encryption-at-rest$/);
    expect(lines.find((l) => l.includes(' orders '))).toMatch(/✔ pass +✘ FAIL/);
    // The resource whose in-transit verdict is missing (that control failed in us-east-1).
    expect(lines.find((l) => l.includes('<script>'))).toMatch(/\? — +– n\/a/);
    expect(text).toContain('HIGH     eu-west-1 orders · encryption-at-rest: KMS key k-1 is Disabled');
    expect(text).toContain('Access denied for kms:DescribeKey');
    // The summary, wrapped to the default width of 120.
    expect(lines.slice(-3, -1)).toEqual([
      '3 resources × 2 controls in 1 account × 2 regions: 2 non-compliant, 1 compliant, 1 not applicable. INCOMPLETE: 1 part(s)',
      'of the scan could not be read.',
    ]);
    expect(text).not.toContain('\x1b[');
  });

  it('colours only when asked', () => {
    expect(renderTable(result(), true)).toContain('\x1b[31m✘ FAIL');
  });

  it.each([80, 120])('fits %i columns with every control, keeping each resource and verdict', (width) => {
    const wide = result();
    wide.controls = controls.map((c) => ({ id: c.id, title: c.title, severity: c.severity, references: c.references, remediation: c.remediation, parameters: {} }));
    // In the report order (findings come a Region at a time): with the other eu-west-1 findings.
    const [first, second, third, ...others] = wide.findings as Finding[];
    wide.findings = [
      first!,
      second!,
      third!,
      finding({
        control: 'subnet-privacy',
        compliance: 'NON_COMPLIANT',
        annotation: `Subnets ${Array.from({ length: 12 }, (_, i) => `subnet-0a1b2c3d4e5f6a00${i}`).join(', ')} route to an internet gateway: move the cache to a subnet group of private subnets.`,
      }),
      ...others,
    ];
    const lines = renderTable(wide, false, width).trimEnd().split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
    // Numbered control columns with a legend naming every control.
    expect(lines[0]).toMatch(new RegExp(`^Region +Type +Resource +${controls.map((_, i) => i + 1).join(' +')}$`));
    const legend = lines.join(' ');
    controls.forEach((c, i) => expect(legend).toContain(`${i + 1}\u00a0${c.id}`));
    const orders = lines.find((l) => /^eu-west-1 +group /.test(l))!;
    expect(orders).toMatch(/^eu-west-1 +group +orders +✔ +✘ +\? +✘/);
    expect(lines.find((l) => l.includes('<script>'))).toMatch(/\? +– +\?/);
    // The long annotation is wrapped, not cut: its last words are there.
    expect(legend).toContain('subnet-0a1b2c3d4e5f6a0011 route to an internet gateway');
    expect(legend).toContain('private subnets.');
  });

  it('keeps the full control ids when they fit', () => {
    expect(renderTable(result(), false, 120).split('\n')[0]).toMatch(/^Region +Type +Resource +encryption-in-transit +encryption-at-rest$/);
  });
});

describe('json', () => {
  it('validates against its versioned schema, one record per resource × control', async () => {
    const schema = JSON.parse(await readFile(new URL(`../../../${SCHEMA_FILE}`, import.meta.url), 'utf8'));
    const validate = new Ajv2020({ strict: true, allErrors: true, validateFormats: false }).compile(schema);
    const report = toJsonReport(result(), '0.1.0') as { findings: Record<string, unknown>[]; schemaVersion: string; complete: boolean };
    expect(validate.errors ?? validate(report)).toBe(true);
    expect(report.schemaVersion).toBe('1.1.0');
    expect(report.complete).toBe(false);
    expect(report.findings).toHaveLength(4);
    expect(report.findings[1]).toEqual({
      account: '111122223333',
      region: 'eu-west-1',
      resourceType: 'AWS::ElastiCache::ReplicationGroup',
      resourceId: 'orders',
      arn: 'arn:aws:elasticache:eu-west-1:111122223333:replicationgroup:orders',
      control: 'encryption-at-rest',
      title: controls[1]!.title,
      severity: 'HIGH',
      compliance: 'NON_COMPLIANT',
      annotation: 'KMS key k-1 is Disabled, "unreadable", data\nlost',
      remediation: [...controls[1]!.remediation],
      references: [...controls[1]!.references],
      frameworks: frameworkRequirementsOf(controls[1]!),
    });
    expect(report.findings[1]!.frameworks).toMatchObject({ fsbp: ['ElastiCache.4'], 'pci-dss-4.0.1': ['3.5.1', '8.3.2'] });
  });

  it('is refused by the schema when a record lacks a field', async () => {
    const schema = JSON.parse(await readFile(new URL(`../../../${SCHEMA_FILE}`, import.meta.url), 'utf8'));
    const validate = new Ajv2020({ strict: true, validateFormats: false }).compile(schema);
    const report = toJsonReport(result(), '0.1.0') as { findings: Record<string, unknown>[] };
    delete report.findings[0]!.severity;
    expect(validate(report)).toBe(false);
  });
});

describe('csv', () => {
  it('quotes every field and defuses formulas', () => {
    const lines = renderCsv(result(), '0.1.0').split('\r\n');
    expect(lines[0]).toBe('"account","region","resourceType","resourceId","arn","control","title","severity","compliance","annotation","remediation","references","frameworks"');
    expect(lines).toHaveLength(4 + 2); // header, 4 rows, and the empty string after the last CRLF
    expect(lines[2]).toContain('"KMS key k-1 is Disabled, ""unreadable"", data\nlost"');
    expect(lines[3]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines[1]).toContain('"Security Hub ElastiCache.5 | ELASTICACHE_REPL_GRP_ENCRYPTED_IN_TRANSIT"');
    expect(lines[1]).toMatch(/,"fsbp: ElastiCache\.5 \| pci-dss-4\.0\.1: 4\.2\.1, 2\.2\.7, 4\.2\.1\.1, 8\.3\.2 \| nist-800-53-r5: AC-17\(2\), [^"]*\| dora: Article 9\(2\), Article 9\(3\)\(a\)"\r?$/);
  });
});

describe('html', () => {
  it('is self-contained, escaped, and has a row per finding and a chart row per control', () => {
    const html = renderHtml(result(), '0.1.0');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html.match(/<tr data-control=/g)).toHaveLength(4);
    expect(html).toMatch(/data-control="encryption-at-rest" data-compliant="0" data-non-compliant="1" data-not-applicable="1" data-total="2"/);
    // Remediation only where something must be fixed.
    expect(html.match(/<details>/g)).toHaveLength(2);
    expect(html).toContain('Security Hub ElastiCache.4');
    expect(html).toContain('Incomplete scan:');
    expect(html).toContain('@media print');
  });
});

describe('writing reports', () => {
  it('writes files to --output and the table to stdout', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scan-reports-'));
    try {
      const stdout = Object.assign(new PassThrough(), { isTTY: false });
      let printed = '';
      stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
      const written = await writeReports(result(), { formats: ['table', 'json', 'html'], outputDir: dir }, { stdout, env: {} });
      expect(written).toEqual([join(dir, 'elasticache-scan.txt'), join(dir, 'elasticache-scan.json'), join(dir, 'elasticache-scan.html')]);
      expect(printed).toMatch(/^Region/);
      // The table's file is the same table, without colour and at full width.
      expect(await readFile(join(dir, 'elasticache-scan.txt'), 'utf8')).toBe(renderTable(result(), false, Number.POSITIVE_INFINITY));
      const json = JSON.parse(await readFile(join(dir, 'elasticache-scan.json'), 'utf8'));
      expect(json.tool).toEqual({ name: 'elasticache-config-rules', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('waits for a slow stdout to drain and writes every report whole', async () => {
    // Prepare: a stdout that takes 64 bytes before saying it is full, and drains on a later turn.
    const many = result();
    many.findings = Array.from({ length: 2_000 }, (_, i) => [...result().findings].map((f) => ({ ...f, resourceId: `${f.resourceId}-${i}` }))).flat();
    let printed = '';
    let full = 0;
    let mostBuffered = 0;
    const stdout: Writable & { isTTY: boolean } = Object.assign(
      new Writable({
        highWaterMark: 64,
        write(chunk: Buffer, _encoding, done) {
          printed += chunk.toString();
          mostBuffered = Math.max(mostBuffered, stdout.writableLength);
          setImmediate(done);
        },
      }),
      { isTTY: false },
    );
    stdout.on('drain', () => full++);
    // Act
    await writeReports(many, { formats: ['json'], outputDir: undefined }, { stdout, env: {} });
    // Assess
    expect(full).toBeGreaterThan(1);
    // A report of megabytes, never more than a write's worth (64 KiB) waiting in the stream.
    expect(printed.length).toBeGreaterThan(2_000_000);
    expect(mostBuffered).toBeLessThan(2 * 65_536);
    expect(printed).toBe([...reportChunks('json', many, JSON.parse(printed).tool.version, false)].join(''));
  });
});
