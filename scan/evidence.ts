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
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { securityHubImporter, type BatchImportFindings } from './aws/security-hub-api.ts';
import { assumeRoleIn } from './aws/targets.ts';
import { importFindings, type ImportOutcome, type ImportSettings } from './security-hub.ts';

interface Io {
  stderr: NodeJS.WritableStream;
}

export interface EvidenceInputs {
  previous: AsffFinding[];
  /** --assume-role: Security Hub takes a finding only from its own account, so each account's findings are imported through the role there. */
  assumeRole?: string | undefined;
}

/** How to reach Security Hub as one account: the role's credentials there, or the scan's own. */
export interface ImportAccess {
  credentialsFor(account: string, region: string): Promise<AwsCredentialIdentity | undefined>;
  importer(credentials: AwsCredentialIdentity | undefined): BatchImportFindings;
}

const defaultAccess = (assumeRole: string | undefined): ImportAccess => ({
  credentialsFor: async (account, region) => (assumeRole ? (await assumeRoleIn(account, assumeRole, region, new Map())).credentials : undefined),
  importer: (credentials) => (credentials ? securityHubImporter(credentials) : securityHubImporter()),
});

/** Undefined (after saying why on stderr) when --previous cannot be used. */
export async function loadEvidenceInputs(options: Pick<ScanOptions, 'previous' | 'assumeRole'>, io: Io): Promise<EvidenceInputs | undefined> {
  try {
    return { previous: await loadPreviousFindings(options.previous), assumeRole: options.assumeRole };
  } catch (error) {
    if (!(error instanceof PreviousReportError)) throw error;
    io.stderr.write(`${error.message}\n`);
    return undefined;
  }
}

/** Imports the findings, account by account; false when Security Hub refused any, each of which is named on stderr. */
export async function sendToSecurityHub(
  result: ScanResult,
  evidence: EvidenceInputs,
  io: Io,
  access: ImportAccess = defaultAccess(evidence.assumeRole),
  settings: ImportSettings = {},
): Promise<boolean> {
  const findings = toAsff(result, await toolVersion(), evidence.previous);
  const total: ImportOutcome = { imported: 0, refused: [], requests: 0, retries: 0 };
  for (const account of [...new Set(findings.map((f) => f.AwsAccountId))]) {
    const own = findings.filter((f) => f.AwsAccountId === account);
    const outcome = await importAccount(own, account, access, settings);
    total.imported += outcome.imported;
    for (const refused of outcome.refused) total.refused.push(refused); // may be every finding: no spread
    total.requests += outcome.requests;
    total.retries += outcome.retries;
  }
  io.stderr.write(
    `Security Hub: ${total.imported} of ${findings.length} findings imported in ${total.requests} request(s) (${total.retries} retried)` +
      `${total.refused.length > 0 ? `; ${total.refused.length} refused` : ''}.\n`,
  );
  for (const refused of total.refused) io.stderr.write(`Security Hub refused ${refused.Id}: ${refused.ErrorCode} ${refused.ErrorMessage}\n`);
  return total.refused.length === 0;
}

function refusedAll(findings: readonly AsffFinding[], code: string, error: unknown): ImportOutcome {
  const message = error instanceof Error ? error.message : String(error);
  return { imported: 0, refused: findings.map((f) => ({ Id: f.Id, ErrorCode: code, ErrorMessage: message })), requests: 0, retries: 0 };
}

/** One account's import; every finding ends imported or refused with the reason, whatever fails. */
async function importAccount(own: readonly AsffFinding[], account: string, access: ImportAccess, settings: ImportSettings): Promise<ImportOutcome> {
  let credentials: AwsCredentialIdentity | undefined;
  try {
    credentials = await access.credentialsFor(account, own[0]!.Region);
  } catch (error) {
    // The role could not be assumed there: that account's findings are refused, the others still go.
    return refusedAll(own, 'AccessDenied', error);
  }
  try {
    return await importFindings(own, access.importer(credentials), settings);
  } catch (error) {
    // Not a Security Hub reply at all (network, an unreadable answer): named as it is, never lost.
    return refusedAll(own, error instanceof Error ? error.name : 'Error', error);
  }
}
