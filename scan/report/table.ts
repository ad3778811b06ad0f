/**
 * The terminal report: one row per resource, one column per control, then each non-compliant
 * finding with its annotation, what could not be read, and a summary line. Colour only when the
 * output is a terminal (and NO_COLOR is unset), so redirected output stays plain text.
 */
import type { ComplianceType } from '#shared/engine/control.ts';
import { severityRank, summaryLine, type Finding, type ScanResult } from '../findings.ts';
import { requirementsTableSection } from './requirements-views.ts';

const SHORT_TYPE: Record<string, string> = {
  'AWS::ElastiCache::ReplicationGroup': 'replication group',
  'AWS::ElastiCache::CacheCluster': 'cache cluster',
  'AWS::ElastiCache::ServerlessCache': 'serverless cache',
};

const CELL: Record<ComplianceType, string> = { COMPLIANT: '✔ pass', NON_COMPLIANT: '✘ FAIL', NOT_APPLICABLE: '– n/a' };
const COLOUR: Record<ComplianceType, string> = { COMPLIANT: '\x1b[32m', NON_COMPLIANT: '\x1b[31m', NOT_APPLICABLE: '\x1b[2m' };
const RESET = '\x1b[0m';
/** A control that could not be evaluated in that region (see the failures below the table). */
const MISSING = '? —';

export function renderTable(result: ScanResult, colour: boolean): string {
  const paint = (compliance: ComplianceType, text: string) => (colour ? `${COLOUR[compliance]}${text}${RESET}` : text);
  const bold = (text: string) => (colour ? `\x1b[1m${text}${RESET}` : text);

  interface Row { key: string; account: string; region: string; type: string; id: string; verdicts: Map<string, Finding> }
  const rows = new Map<string, Row>();
  for (const f of result.findings) {
    const key = `${f.account} ${f.region} ${f.resourceType} ${f.resourceId}`;
    let row = rows.get(key);
    if (!row) {
      row = { key, account: f.account, region: f.region, type: SHORT_TYPE[f.resourceType] ?? f.resourceType, id: f.resourceId, verdicts: new Map() };
      rows.set(key, row);
    }
    row.verdicts.set(f.control, f);
  }
  const multiAccount = result.accounts.length > 1;
  const columns: { header: string; value: (row: Row) => string; compliance?: (row: Row) => ComplianceType | undefined }[] = [
    ...(multiAccount ? [{ header: 'Account', value: (r: Row) => r.account }] : []),
    { header: 'Region', value: (r) => r.region },
    { header: 'Type', value: (r) => r.type },
    { header: 'Resource', value: (r) => r.id },
    ...result.controls.map((c) => ({
      header: c.id,
      value: (r: Row) => {
        const f = r.verdicts.get(c.id);
        return f ? CELL[f.compliance] : MISSING;
      },
      compliance: (r: Row) => r.verdicts.get(c.id)?.compliance,
    })),
  ];
  const list = [...rows.values()];
  const widths = columns.map((c) => Math.max(c.header.length, ...list.map((r) => c.value(r).length)));
  // Padding is computed on the plain text; colour codes are wrapped around the padded cell.
  const line = (cells: string[]) => cells.join('  ').trimEnd();
  const out: string[] = [...requirementsTableSection(result)];
  out.push(bold(line(columns.map((c, i) => c.header.padEnd(widths[i]!)))));
  out.push(line(widths.map((w) => '─'.repeat(w))));
  for (const row of list) {
    out.push(
      line(
        columns.map((c, i) => {
          const text = c.value(row).padEnd(widths[i]!);
          const compliance = c.compliance?.(row);
          return compliance ? paint(compliance, text) : text;
        }),
      ),
    );
  }
  if (list.length === 0) out.push('(no caches found)');

  const failing = result.findings
    .filter((f) => f.compliance === 'NON_COMPLIANT')
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  if (failing.length > 0) {
    out.push('', bold('Non-compliant:'));
    for (const f of failing) {
      out.push(`  ${paint('NON_COMPLIANT', f.severity.padEnd(8))} ${f.region} ${f.resourceId} · ${f.control}: ${f.annotation}`);
    }
  }
  if (result.failures.length > 0) {
    out.push('', bold('Could not be read (the scan is incomplete):'));
    for (const failure of result.failures) out.push(`  ${failure.message}`);
  }
  out.push('', bold(summaryLine(result)));
  return `${out.join('\n')}\n`;
}
