/**
 * The terminal report: one row per resource, one column per control, then each non-compliant
 * finding with its annotation, what could not be read, and a summary line. Colour only when the
 * output is a terminal (and NO_COLOR is unset), so redirected output stays plain text.
 */
import type { ComplianceType } from '#shared/engine/control.ts';
import { SEVERITIES, summaryLine, type Finding, type ScanResult } from '../findings.ts';
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

/** A resource's row: its verdict by control id (only what a cell shows, not the findings). */
interface Row { account: string; region: string; resourceType: string; id: string; verdicts: Map<string, ComplianceType> }

/**
 * The rows, one per resource, a Region at a time: findings come Region by Region (the report order),
 * so only one Region's resources are held, never the whole scan's. Within a Region, a resource's
 * row is where its first finding is.
 */
function* rowsOf(findings: Iterable<Finding>, seen: (finding: Finding) => void = () => undefined): Generator<Row> {
  let rows = new Map<string, Row>();
  let where: string | undefined;
  for (const f of findings) {
    seen(f);
    const region = `${f.account} ${f.region}`;
    if (region !== where) {
      yield* rows.values();
      rows = new Map();
      where = region;
    }
    const key = `${f.resourceType} ${f.resourceId}`;
    let row = rows.get(key);
    if (!row) {
      row = { account: f.account, region: f.region, resourceType: f.resourceType, id: f.resourceId, verdicts: new Map() };
      rows.set(key, row);
    }
    row.verdicts.set(f.control, f.compliance);
  }
  yield* rows.values();
}

/**
 * The table fits `width` columns (the terminal's, else DEFAULT_WIDTH): a column per control under
 * its id when that fits, else numbered control columns with one-symbol cells and a legend, so that
 * every control, resource and verdict stays on screen; the prose below is wrapped, never cut.
 */
export function renderTable(result: ScanResult, colour: boolean, width: number = DEFAULT_WIDTH): string {
  return [...tableChunks(result, colour, width)].join('');
}

/**
 * The table a line at a time. The findings are read three times: for the columns' widths, for the
 * rows, and for the non-compliant ones (a severity at a time, in the report order within each).
 */
export function* tableChunks(result: ScanResult, colour: boolean, width: number = DEFAULT_WIDTH): Generator<string> {
  const paint = (compliance: ComplianceType, text: string) => (colour ? `${COLOUR[compliance]}${text}${RESET}` : text);
  const bold = (text: string) => (colour ? `\x1b[1m${text}${RESET}` : text);

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
        const compliance = r.verdicts.get(c.id);
        if (compact) return compliance ? SYMBOL[compliance] : '?';
        return compliance ? CELL[compliance] : MISSING;
      },
      compliance: (r: Row) => r.verdicts.get(c.id),
    })),
  ];
  const full = layout(false);
  const compactLayout = layout(true);
  const fullWidths = full.map((c) => c.header.length);
  const compactWidths = compactLayout.map((c) => c.header.length);
  let rowCount = 0;
  const failingSeverities = new Set<string>();
  const failingSeverity = (f: Finding) => {
    if (f.compliance === 'NON_COMPLIANT') failingSeverities.add(f.severity);
  };
  for (const row of rowsOf(result.findings, failingSeverity)) {
    rowCount++;
    full.forEach((c, i) => (fullWidths[i] = Math.max(fullWidths[i]!, c.value(row).length)));
    compactLayout.forEach((c, i) => (compactWidths[i] = Math.max(compactWidths[i]!, c.value(row).length)));
  }
  const totalOf = (widths: number[]) => widths.reduce((sum, w) => sum + w, 0) + 2 * (widths.length - 1);
  const compact = totalOf(fullWidths) > width;
  const columns = compact ? compactLayout : full;
  const widths = compact ? compactWidths : fullWidths;

  // Padding is computed on the plain text; colour codes are wrapped around the padded cell. Compact
  // control columns are one space apart: a symbol under a number needs no more to be read.
  // When even that is too wide (many controls and a long resource id), the leading columns are one
  // space apart too.
  const firstControl = columns.length - result.controls.length;
  const joined = (cells: string[], gap: string) =>
    (compact ? [cells.slice(0, firstControl + 1).join(gap), ...cells.slice(firstControl + 1)].join(' ') : cells.join('  ')).trimEnd();
  const gap = compact && joined(columns.map((c, i) => c.header.padEnd(widths[i]!)), '  ').length > width ? ' ' : '  ';
  const line = (cells: string[]) => joined(cells, gap);
  const out = (...lines: string[]) => lines.map((text) => `${text}\n`).join('');
  yield out(...requirementsTableSection(result));
  yield out(bold(line(columns.map((c, i) => c.header.padEnd(widths[i]!)))));
  yield out(line(widths.map((w) => '─'.repeat(w))));
  for (const row of rowsOf(result.findings)) {
    yield out(
      line(
        columns.map((c, i) => {
          const text = c.value(row).padEnd(widths[i]!);
          const compliance = c.compliance?.(row);
          return compliance ? paint(compliance, text) : text;
        }),
      ),
    );
  }
  if (rowCount === 0) yield out('(no caches found)');
  if (compact) {
    yield out('', ...wrap(`Controls: ${result.controls.map((c, i) => `${i + 1}\u00a0${c.id}`).join(' · ')}.`, width));
    yield out(...wrap(`Cells: ${SYMBOL.COMPLIANT} compliant, ${SYMBOL.NON_COMPLIANT} non-compliant, ${SYMBOL.NOT_APPLICABLE} not applicable, ? not evaluated (see below).`, width));
  }

  // Most severe first; within a severity, in the report order.
  let failing = 0;
  for (const severity of SEVERITIES) {
    if (!failingSeverities.has(severity)) continue;
    for (const f of result.findings) {
      if (f.compliance !== 'NON_COMPLIANT' || f.severity !== severity) continue;
      if (failing++ === 0) yield out('', bold('Non-compliant:'));
      const padded = f.severity.padEnd(8);
      const [first = '', ...rest] = wrap(`${f.region} ${f.resourceId} · ${f.control}: ${f.annotation}`, width, '    ', `  ${padded} `);
      yield out(first.replace(padded, paint('NON_COMPLIANT', padded)), ...rest);
    }
  }
  if (result.failures.length > 0) {
    yield out('', bold('Could not be read (the scan is incomplete):'));
    for (const failure of result.failures) yield out(...wrap(failure.message, width, '    ', '  '));
  }
  yield out('', ...wrap(summaryLine(result), width, '').map(bold));
}
