/**
 * `elasticache-config-rules scan …`: parse the command line, scan, write the reports, pick the exit
 * code. Everything it does is in the modules it calls; this file only wires them to the process.
 */
// First: V8's memory mode must be set before the other modules (the AWS SDK) are loaded.
import './memory-mode.ts';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { controls as catalog } from '#shared/controls/context/catalog.ts';
import type { Control } from '#shared/engine/control.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import { severityRank, type ScanResult } from './findings.ts';
import { USAGE, UsageError, parseScanOptions, type ScanOptions } from './options.ts';
import { defaultRegion } from './aws/targets.ts';
import { scanPolicy } from './policy.ts';
import { progressFor } from './progress.ts';
import { OutputDirError, checkOutputDir } from './report/output-dir.ts';
import { writeReports } from './report/write-reports.ts';
import { ScanNotStartedError, runScan } from './run-scan.ts';
import { FindingSpool } from './finding-spool.ts';
import { loadEvidenceInputs, sendToSecurityHub } from './evidence.ts';
import { isTemplateScan } from './template/template-options.ts';
import { templateMain } from './template/template-cli.ts';

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

const defaultIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr, env: process.env });

/** Runs the command; resolves to the exit code instead of exiting, so tests can call it. */
export async function main(argv: readonly string[], io: CliIo = defaultIo(), controls: readonly Control<any, any>[] = catalog): Promise<ExitCode> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === undefined) {
    io.stdout.write(`${USAGE}\n`);
    return command === undefined ? EXIT.USAGE : EXIT.OK;
  }
  if (command !== 'scan') {
    io.stderr.write(`Unknown command "${command}"; the only command is "scan".\n\n${USAGE}\n`);
    return EXIT.USAGE;
  }
  // Templates and plans are judged offline, with options of their own (scan/template/).
  if (isTemplateScan(rest)) return templateMain(rest, io, controls);
  let options: ScanOptions;
  try {
    options = parseScanOptions(rest, controls);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${error.message}\n`);
    return EXIT.USAGE;
  }
  if (options.help) {
    io.stdout.write(`${USAGE}\n`);
    return EXIT.OK;
  }
  if (options.printPolicy) {
    io.stdout.write(`${JSON.stringify(scanPolicy(options.controls, { securityHub: options.securityHub }), null, 2)}\n`);
    return EXIT.OK;
  }
  // The SDK's credential chain reads the profile from here, for every client of the scan.
  if (options.profile) io.env.AWS_PROFILE = options.profile;
  const refused = await refusalBeforeScan(options);
  if (refused) {
    io.stderr.write(`${refused}\n`);
    return EXIT.USAGE;
  }
  const evidence = await loadEvidenceInputs(options, io);
  if (evidence === undefined) return EXIT.USAGE;

  // The findings wait on disk for the reports (finding-spool.ts), removed whatever happens next.
  const spool = new FindingSpool();
  try {
    let result: ScanResult;
    try {
      result = await runScan(options, { progress: progressFor(options.quiet, io.stderr), spool });
    } catch (error) {
      if (!(error instanceof ScanNotStartedError)) throw error;
      io.stderr.write(`Scan not started: ${error.message}\n`);
      return EXIT.INCOMPLETE;
    }
    const written = await writeReports(result, options, io, evidence.previous);
    for (const path of written) io.stderr.write(`Report written: ${path}\n`);
    for (const failure of result.failures) io.stderr.write(`Incomplete: ${failure.message}\n`);
    if (options.securityHub && !(await sendToSecurityHub(result, evidence, io))) return EXIT.INCOMPLETE;
    return exitCodeOf(result, options.failOn);
  } finally {
    spool.remove();
  }
}

/**
 * What the command line cannot do, found before any AWS call: a report directory that cannot be
 * written, or no region at all (neither --region nor one the SDK would use).
 */
async function refusalBeforeScan(options: ScanOptions): Promise<string | undefined> {
  if (options.outputDir !== undefined) {
    try {
      checkOutputDir(options.outputDir);
    } catch (error) {
      if (error instanceof OutputDirError) return error.message;
      throw error;
    }
  }
  if (options.regions.every((region) => region === 'all') && !(await defaultRegion())) {
    return options.regions.length > 0
      ? '--region all needs a home region to ask for the enabled regions: set AWS_REGION or a region in the profile.'
      : 'No region: pass --region REGION (or "all"), or set AWS_REGION or a region in the profile.';
  }
  return undefined;
}

export function exitCodeOf(result: Pick<ScanResult, 'failures' | 'findings'>, failOn: ScanOptions['failOn']): ExitCode {
  if (result.failures.length > 0) return EXIT.INCOMPLETE;
  if (!failOn) return EXIT.OK;
  // One pass over the findings (a scan's are on disk), stopping at the first that fails the bar.
  for (const f of result.findings) {
    if (f.compliance === 'NON_COMPLIANT' && severityRank(f.severity) >= severityRank(failOn)) return EXIT.FINDINGS;
  }
  return EXIT.OK;
}

/** The process entry (the bundle, the package's bin): runs main and sets the exit code. */
export async function run(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  // A reader that goes away (`scan | head`) is not an error of the scan.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  try {
    process.exitCode = await main(argv);
  } catch (error) {
    console.error(`Scan failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    process.exitCode = EXIT.INCOMPLETE;
  }
}

/**
 * Run when this file is the process's entry. Both sides are resolved through symlinks: Node gives
 * import.meta.url already resolved, while argv[1] is the path as typed, and comparing the two as
 * they come made a CLI started through a symlinked directory exit 0 having done nothing.
 */
export function isEntry(moduleUrl: string, entry: string | undefined): boolean {
  if (!entry) return false;
  try {
    return realpathSync(fileURLToPath(moduleUrl)) === realpathSync(entry);
  } catch {
    return false;
  }
}

if (isEntry(import.meta.url, process.argv[1])) await run();
