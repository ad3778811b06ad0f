/**
 * `scan --template …`: parse, judge the files offline, write the reports, pick the exit code. The
 * exit codes are the account scan's: 0 done, 1 findings at or above --fail-on (UNDETERMINED too with
 * --fail-on-undetermined), 2 usage error, which includes a file that is not a template or plan.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { controls as catalog } from '#shared/controls/context/catalog.ts';
import type { Control } from '#shared/engine/control.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { severityRank } from '../findings.ts';
import { UsageError } from '../options.ts';
import { toolVersion } from '../report/write-reports.ts';
import { runTemplateScan, type TemplateScanResult } from './run-template-scan.ts';
import { renderSarif } from './sarif-report.ts';
import { TEMPLATE_USAGE, parseTemplateScanOptions, type TemplateReportFormat, type TemplateScanOptions } from './template-options.ts';
import { renderTemplateJson, renderTemplateTable, templateSummaryLine } from './template-report.ts';

export const TEMPLATE_REPORT_BASENAME = 'elasticache-template-scan';

interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export async function templateMain(argv: readonly string[], io: Io, controls: readonly Control<any, any>[] = catalog): Promise<ExitCode> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(`${TEMPLATE_USAGE}\n`);
    return EXIT.OK;
  }
  let options: TemplateScanOptions;
  let result: TemplateScanResult;
  try {
    options = parseTemplateScanOptions(argv, controls);
    result = await runTemplateScan(options);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${error.message}\n`);
    return EXIT.USAGE;
  }
  const version = await toolVersion();
  const render = (format: TemplateReportFormat): string =>
    format === 'table' ? renderTemplateTable(result) : format === 'json' ? renderTemplateJson(result, version) : renderSarif(result, version);
  for (const format of options.formats) {
    if (options.outputDir && format !== 'table') {
      await mkdir(options.outputDir, { recursive: true });
      const path = resolve(join(options.outputDir, `${TEMPLATE_REPORT_BASENAME}.${format}`));
      await writeFile(path, render(format));
      io.stderr.write(`Report written: ${path}\n`);
    } else io.stdout.write(render(format));
  }
  if (!options.formats.includes('table')) io.stderr.write(`${templateSummaryLine(result)}\n`);
  return templateExitCode(result, options);
}

export function templateExitCode(result: Pick<TemplateScanResult, 'findings'>, options: Pick<TemplateScanOptions, 'failOn' | 'failOnUndetermined'>): ExitCode {
  const { failOn } = options;
  if (!failOn) return EXIT.OK;
  const counted = result.findings.some(
    (f) => (f.compliance === 'NON_COMPLIANT' || (options.failOnUndetermined && f.compliance === 'UNDETERMINED')) && severityRank(f.severity) >= severityRank(failOn),
  );
  return counted ? EXIT.FINDINGS : EXIT.OK;
}
