/**
 * Where each report goes: the table to stdout (it is the terminal's format); json, html, csv, asff and ocsf to
 * DIR/elasticache-scan.<format> with --output, else (one format alone) to stdout for piping.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ScanResult } from '../findings.ts';
import type { ReportFormat, ScanOptions } from '../options.ts';
import { renderAsff, type AsffFinding } from './asff.ts';
import { renderCsv } from './csv.ts';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderOcsf } from './ocsf.ts';
import { renderTable } from './table.ts';

export const REPORT_BASENAME = 'elasticache-scan';

interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

let version: string | undefined;
/** The package version, stamped in every report so a filed report says what produced it. */
export async function toolVersion(): Promise<string> {
  if (version === undefined) {
    try {
      const text = await readFile(new URL('../../package.json', import.meta.url), 'utf8');
      version = (JSON.parse(text) as { version?: string }).version ?? 'unknown';
    } catch {
      // The bundled CLI sits in dist/scan/, where ../../package.json is the repository's too; a copy
      // moved elsewhere still reports, without a version.
      version = 'unknown';
    }
  }
  return version;
}

export function render(format: ReportFormat, result: ScanResult, toolVersion: string, colour: boolean, previous: readonly AsffFinding[] = []): string {
  switch (format) {
    case 'table':
      return renderTable(result, colour);
    case 'json':
      return renderJson(result, toolVersion);
    case 'csv':
      return renderCsv(result, toolVersion);
    case 'html':
      return renderHtml(result, toolVersion);
    case 'asff':
      return renderAsff(result, toolVersion, previous);
    case 'ocsf':
      return renderOcsf(result, toolVersion);
  }
}

/** Writes every requested report; returns the paths of the files written. */
export async function writeReports(
  result: ScanResult,
  options: Pick<ScanOptions, 'formats' | 'outputDir'>,
  io: Io,
  previous: readonly AsffFinding[] = [],
): Promise<string[]> {
  const v = await toolVersion();
  const colour = io.stdout.isTTY === true && !io.env.NO_COLOR;
  const written: string[] = [];
  for (const format of options.formats) {
    if (format === 'table' || !options.outputDir) {
      io.stdout.write(render(format, result, v, format === 'table' && colour, previous));
      continue;
    }
    await mkdir(options.outputDir, { recursive: true });
    const path = resolve(join(options.outputDir, `${REPORT_BASENAME}.${format}`));
    await writeFile(path, render(format, result, v, false, previous));
    written.push(path);
  }
  return written;
}
