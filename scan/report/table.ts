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
  'AWS::ElastiCache::Snapshot': 'snapshot',
  'AWS::ElastiCache::ServerlessCacheSnapshot': 'serverless snapshot',
};

const CELL: Record<ComplianceType, string> = { COMPLIANT: '✔ pass', NON_COMPLIANT: '✘ FAIL', NOT_APPLICABLE: '– n/a' };
const COLOUR: Record<ComplianceType, string> = { COMPLIANT: '\x1b[32m', NON_COMPLIANT: '\x1b[31m', NOT_APPLICABLE: '\x1b[2m' };
const RESET = '\x1b[0m';
/** A control that could not be evaluated in that region (see the failures below the table). */
const MISSING = '? —';

/** The width assumed when the output is not a terminal (a pipe, a file, a CI log). */
export const DEFAULT_WIDTH = 120;

/** Compact cells, when one column per control with its full id would not fit the width. */
const SYMBOL: Record<ComplianceType, string> = { COMPLIANT: '✔', NON_COMPLIANT: '✘', NOT_APPLICABLE: '–' };
const COMPACT_TYPE: Record<string, string> = {
  'AWS::ElastiCache::ReplicationGroup': 'group',
  'AWS::ElastiCache::CacheCluster': 'cluster',
  'AWS::ElastiCache::ServerlessCache': 'serverless',
  'AWS::ElastiCache::Snapshot': 'snapshot',
  'AWS::ElastiCache::ServerlessCacheSnapshot': 'sl-snapshot',
};

/**
 * Words of `text` (split at spaces and line breaks, not at a no-break space) on lines of at most `width` characters: the first line opens with `lead` (kept as
 * it is), the others with `indent`; a word longer than a line stays whole.
 */
export function wrap(text: string, width: number, indent = '    ', lead = ''): string[] {
  const lines: string[] = [];
  let line = lead;
  let words = 0;
  for (const word of text.split(/[ \t\r\n]+/).filter(Boolean)) {
    if (words > 0 && `${line} ${word}`.length > width) {
      lines.push(line);
      line = `${indent}${word}`;
    } else {
      line = words > 0 ? `${line} ${word}` : `${line}${word}`;
    }
    words += 1;
  }
  if (words > 0) lines.push(line);
  return lines;
}

/**
 * The table fits `width` columns (the terminal's, else DEFAULT_WIDTH): a column per control under
 * its id when that fits, else numbered control columns with one-symbol cells and a legend, so that
 * every control, resource and verdict stays on screen; the prose below is wrapped, never cut.
 */
export function renderTable(result: ScanResult, colour: boolean, width: number = DEFAULT_WIDTH): string {
  const paint = (compliance: ComplianceType, text: string) => (colour ? `${COLOUR[compliance]}${text}${RESET}` : text);
  const bold = (text: string) => (colour ? `\x1b[1m${text}${RESET}` : text);

  interface Row { key: string; account: string; region: string; resourceType: string; id: string; verdicts: Map<string, Finding> }
  const rows = new Map<string, Row>();
  for (const f of result.findings) {
    const key = `${f.account} ${f.region} ${f.resourceType} ${f.resourceId}`;
    let row = rows.get(key);
    if (!row) {
      row = { key, account: f.account, region: f.region, resourceType: f.resourceType, id: f.resourceId, verdicts: new Map() };
      rows.set(key, row);
    }
    row.verdicts.set(f.control, f);
  }
  const list = [...rows.values()];
  const multiAccount = result.accounts.length > 1;
  interface Column { header: string; value: (row: Row) => string; compliance?: (row: Row) => ComplianceType | undefined }
  const layout = (compact: boolean): Column[] => [
    ...(multiAccount ? [{ header: 'Account', value: (r: Row) => r.account }] : []),
    { header: 'Region', value: (r) => r.region },
    { header: 'Type', value: (r) => (compact ? COMPACT_TYPE : SHORT_TYPE)[r.resourceType] ?? r.resourceType },
    { header: 'Resource', value: (r) => r.id },
    ...result.controls.map((c, i) => ({
      header: compact ? String(i + 1) : c.id,
      value: (r: Row) => {
        const f = r.verdicts.get(c.id);
        if (compact) return f ? SYMBOL[f.compliance] : '?';
        return f ? CELL[f.compliance] : MISSING;
      },
      compliance: (r: Row) => r.verdicts.get(c.id)?.compliance,
    })),
  ];
  const widthsOf = (columns: Column[]) => columns.map((c) => Math.max(c.header.length, ...list.map((r) => c.value(r).length)));
  const totalOf = (widths: number[]) => widths.reduce((sum, w) => sum + w, 0) + 2 * (widths.length - 1);
  let columns = layout(false);
  let widths = widthsOf(columns);
  const compact = totalOf(widths) > width;
  if (compact) {
    columns = layout(true);
    widths = widthsOf(columns);
  }

  // Padding is computed on the plain text; colour codes are wrapped around the padded cell. Compact
  // control columns are one space apart: a symbol under a number needs no more to be read.
  // When even that is too wide (many controls and a long resource id), the leading columns are one
  // space apart too.
  const firstControl = columns.length - result.controls.length;
  const joined = (cells: string[], gap: string) =>
    (compact ? [cells.slice(0, firstControl + 1).join(gap), ...cells.slice(firstControl + 1)].join(' ') : cells.join('  ')).trimEnd();
  const gap = compact && joined(columns.map((c, i) => c.header.padEnd(widths[i]!)), '  ').length > width ? ' ' : '  ';
  const line = (cells: string[]) => joined(cells, gap);
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
  if (compact) {
    out.push('', ...wrap(`Controls: ${result.controls.map((c, i) => `${i + 1}\u00a0${c.id}`).join(' · ')}.`, width));
    out.push(...wrap(`Cells: ${SYMBOL.COMPLIANT} compliant, ${SYMBOL.NON_COMPLIANT} non-compliant, ${SYMBOL.NOT_APPLICABLE} not applicable, ? not evaluated (see below).`, width));
  }

  const failing = result.findings
    .filter((f) => f.compliance === 'NON_COMPLIANT')
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  if (failing.length > 0) {
    out.push('', bold('Non-compliant:'));
    for (const f of failing) {
      const severity = f.severity.padEnd(8);
      const [first = '', ...rest] = wrap(`${f.region} ${f.resourceId} · ${f.control}: ${f.annotation}`, width, '    ', `  ${severity} `);
      out.push(first.replace(severity, paint('NON_COMPLIANT', severity)), ...rest);
    }
  }
  if (result.failures.length > 0) {
    out.push('', bold('Could not be read (the scan is incomplete):'));
    for (const failure of result.failures) out.push(...wrap(failure.message, width, '    ', '  '));
  }
  out.push('', ...wrap(summaryLine(result), width, '').map(bold));
  return `${out.join('\n')}\n`;
}
