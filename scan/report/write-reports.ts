/**
 * Where each report goes: the table to stdout (it is the terminal's format); with --output, every
 * format to DIR/elasticache-scan.<format> (the table as .txt), else (one format alone) to stdout for piping.
 * json, html, csv, asff and ocsf are the file formats.
 */
import { mkdir, open, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ScanResult } from '../findings.ts';
import type { ReportFormat, ScanOptions } from '../options.ts';
import { asffChunks, type AsffFinding } from './asff.ts';
import { csvChunks } from './csv.ts';
import { htmlChunks } from './html.ts';
import { jsonChunks } from './json.ts';
import { ocsfChunks } from './ocsf.ts';
import { DEFAULT_WIDTH, tableChunks } from './table.ts';

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
 * A report as a sequence of text chunks (a finding or a line each), read from the findings as it is
 * written: no report is ever held whole. The table fits the terminal (DEFAULT_WIDTH when stdout is
 * not one); its copy under --output is left at full width, for a wide editor or a grep, since no
 * terminal will wrap it.
 */
export function reportChunks(
  format: ReportFormat,
  result: ScanResult,
  toolVersion: string,
  colour: boolean,
  width = DEFAULT_WIDTH,
  previous: readonly AsffFinding[] = [],
): Iterable<string> {
  switch (format) {
    case 'table':
      return tableChunks(result, colour, width);
    case 'json':
      return jsonChunks(result, toolVersion);
    case 'csv':
      return csvChunks(result);
    case 'html':
      return htmlChunks(result, toolVersion);
    case 'asff':
      return asffChunks(result, toolVersion, previous);
    case 'ocsf':
      return ocsfChunks(result, toolVersion);
  }
}

/** Chunks gathered to about this many characters per write: few system calls, little memory. */
const WRITE_BATCH = 1 << 16;

/** Writes the chunks through `write` in batches; `write` waits for the stream to take them. */
async function pour(chunks: Iterable<string>, write: (text: string) => Promise<void>): Promise<void> {
  let batch: string[] = [];
  let size = 0;
  for (const chunk of chunks) {
    batch.push(chunk);
    size += chunk.length;
    if (size >= WRITE_BATCH) {
      await write(batch.join(''));
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) await write(batch.join(''));
}

/**
 * Writes to a stream, waiting for 'drain' when it says its buffer is full (a slow pipe, a terminal).
 * A reader that went away (`scan | head`: EPIPE, the stream destroyed) gets nothing more, as before.
 */
const toStream = (stream: NodeJS.WritableStream) => async (text: string): Promise<void> => {
  const writable = stream as NodeJS.WritableStream & { destroyed?: boolean };
  if (writable.destroyed === true) return;
  if (writable.write(text) !== false) return;
  await new Promise<void>((done) => {
    const settle = () => {
      for (const event of ['drain', 'error', 'close']) writable.removeListener(event, settle);
      done();
    };
    for (const event of ['drain', 'error', 'close']) writable.once(event, settle);
  });
};

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
    if (format === 'table' || !options.outputDir) {
      await pour(reportChunks(format, result, v, format === 'table' && colour, width, previous), toStream(io.stdout));
    }
    if (!options.outputDir) continue;
    // The directory was checked before the scan (checkOutputDir), so creating it cannot hang.
    await mkdir(options.outputDir, { recursive: true });
    const path = resolve(join(options.outputDir, `${REPORT_BASENAME}.${extensionOf(format)}`));
    const file = await open(path, 'w');
    try {
      await pour(reportChunks(format, result, v, false, Number.POSITIVE_INFINITY, previous), async (text) => {
        await file.write(text);
      });
    } finally {
      await file.close();
    }
    written.push(path);
  }
  return written;
}
