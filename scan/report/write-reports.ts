/**
 * Where each report goes: the table to stdout (it is the terminal's format); with --output, every
 * format to DIR/elasticache-scan.<format> (the table as .txt), else (one format alone) to stdout for piping.
 * json, html, csv, asff and ocsf are the file formats.
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
import { DEFAULT_WIDTH, renderTable } from './table.ts';

export const REPORT_BASENAME = 'elasticache-scan';

interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
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

/** The file name of each report under --output. */
export const extensionOf = (format: ReportFormat): string => (format === 'table' ? 'txt' : format);

/**
 * The table fits the terminal (DEFAULT_WIDTH when stdout is not one); its copy under --output is
 * left at full width, for a wide editor or a grep, since no terminal will wrap it.
 */
export function render(format: ReportFormat, result: ScanResult, toolVersion: string, colour: boolean, width = DEFAULT_WIDTH, previous: readonly AsffFinding[] = []): string {
  switch (format) {
    case 'table':
      return renderTable(result, colour, width);
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

/**
 * Writes every requested report; returns the paths of the files written. With --output every
 * format goes to a file, the table included (elasticache-scan.txt); the table is shown on stdout
 * as well, since it is the terminal's format. `previous` is the last ASFF report (--previous).
 */
export async function writeReports(
  result: ScanResult,
  options: Pick<ScanOptions, 'formats' | 'outputDir'>,
  io: Io,
  previous: readonly AsffFinding[] = [],
): Promise<string[]> {
  const v = await toolVersion();
  const colour = io.stdout.isTTY === true && !io.env.NO_COLOR;
  const width = io.stdout.columns && io.stdout.columns > 0 ? io.stdout.columns : DEFAULT_WIDTH;
  const written: string[] = [];
  for (const format of options.formats) {
    if (format === 'table' || !options.outputDir) io.stdout.write(render(format, result, v, format === 'table' && colour, width, previous));
    if (!options.outputDir) continue;
    // The directory was checked before the scan (checkOutputDir), so creating it cannot hang.
    await mkdir(options.outputDir, { recursive: true });
    const path = resolve(join(options.outputDir, `${REPORT_BASENAME}.${extensionOf(format)}`));
    await writeFile(path, render(format, result, v, false, Number.POSITIVE_INFINITY, previous));
    written.push(path);
  }
  return written;
}
