/**
 * The CSV report for spreadsheets: RFC 4180 (CRLF, every field quoted), one row per finding, the
 * same columns as the JSON records with list fields joined by " | ".
 */
import type { ScanResult } from '../findings.ts';
import { reportRecords, type ReportRecord } from './json.ts';

const COLUMNS: (keyof ReportRecord)[] = [
  'account', 'region', 'resourceType', 'resourceId', 'arn', 'control', 'title', 'severity', 'compliance', 'annotation', 'remediation', 'references', 'frameworks',
];

/**
 * A spreadsheet runs a cell starting with = + - @ (or a tab/CR) as a formula: resource names and
 * annotations come from the account, so such cells are prefixed with a quote (OWASP CSV injection).
 */
function cell(value: unknown): string {
  let text = Array.isArray(value)
    ? value.join(' | ')
    : value === null || value === undefined
      ? ''
      : typeof value === 'object'
        ? Object.entries(value).map(([framework, ids]) => `${framework}: ${(ids as string[]).join(', ')}`).join(' | ')
        : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** The report a row at a time. */
export function* csvChunks(result: ScanResult): Generator<string> {
  yield `${COLUMNS.map(cell).join(',')}\r\n`;
  for (const record of reportRecords(result)) yield `${COLUMNS.map((column) => cell(record[column])).join(',')}\r\n`;
}

export function renderCsv(result: ScanResult, _toolVersion?: string): string {
  return [...csvChunks(result)].join('');
}
