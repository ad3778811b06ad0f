/**
 * The CSV report for spreadsheets: RFC 4180 (CRLF, every field quoted), one row per finding, the
 * same columns as the JSON records with list fields joined by " | ".
 */
import type { ScanResult } from '../findings.ts';
import { toJsonReport, type ReportRecord } from './json.ts';

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

export function renderCsv(result: ScanResult, toolVersion: string): string {
  const { findings } = toJsonReport(result, toolVersion) as { findings: ReportRecord[] };
  const lines = [COLUMNS.map(cell).join(','), ...findings.map((record) => COLUMNS.map((column) => cell(record[column])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
