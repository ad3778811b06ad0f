/**
 * The scan's evidence outputs beyond the report files: the earlier ASFF report given with
 * --previous (read before the scan, so a bad path costs no scan), and the import into Security Hub
 * with --security-hub. Kept out of cli.ts, which only wires modules to the process.
 */
import type { ScanResult } from './findings.ts';
import type { ScanOptions } from './options.ts';
import { toAsff, type AsffFinding } from './report/asff.ts';
import { PreviousReportError, loadPreviousFindings } from './report/previous-findings.ts';
import { toolVersion } from './report/write-reports.ts';
import { securityHubImporter, type BatchImportFindings } from './aws/security-hub-api.ts';
import { importFindings, type ImportSettings } from './security-hub.ts';

interface Io {
  stderr: NodeJS.WritableStream;
}

export interface EvidenceInputs {
  previous: AsffFinding[];
}

/** Undefined (after saying why on stderr) when --previous cannot be used. */
export async function loadEvidenceInputs(options: Pick<ScanOptions, 'previous'>, io: Io): Promise<EvidenceInputs | undefined> {
  try {
    return { previous: await loadPreviousFindings(options.previous) };
  } catch (error) {
    if (!(error instanceof PreviousReportError)) throw error;
    io.stderr.write(`${error.message}\n`);
    return undefined;
  }
}

/** Imports the findings; false when Security Hub refused any, each of which is named on stderr. */
export async function sendToSecurityHub(
  result: ScanResult,
  evidence: EvidenceInputs,
  io: Io,
  send: BatchImportFindings = securityHubImporter(),
  settings: ImportSettings = {},
): Promise<boolean> {
  const findings = toAsff(result, await toolVersion(), evidence.previous);
  const outcome = await importFindings(findings, send, settings);
  io.stderr.write(
    `Security Hub: ${outcome.imported} of ${findings.length} findings imported in ${outcome.requests} request(s) (${outcome.retries} retried)` +
      `${outcome.refused.length > 0 ? `; ${outcome.refused.length} refused` : ''}.\n`,
  );
  for (const refused of outcome.refused) io.stderr.write(`Security Hub refused ${refused.Id}: ${refused.ErrorCode} ${refused.ErrorMessage}\n`);
  return outcome.refused.length === 0;
}
