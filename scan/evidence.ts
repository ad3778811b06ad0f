/**
 * The scan's evidence outputs beyond the report files: the earlier ASFF report given with
 * --previous (read before the scan, so a bad path costs no scan), and the import into Security Hub
 * with --security-hub. Kept out of cli.ts, which only wires modules to the process.
 */
import type { ScanResult } from './findings.ts';
import type { ScanOptions } from './options.ts';
import { asffFindings, type AsffFinding } from './report/asff.ts';
import { PreviousReportError, loadPreviousFindings } from './report/previous-findings.ts';
import { toolVersion } from './report/write-reports.ts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { securityHubImporter, type BatchImportFindings } from './aws/security-hub-api.ts';
import { assumeRoleIn } from './aws/targets.ts';
import { FindingImporter, type ImportOutcome, type ImportSettings } from './security-hub.ts';

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

/**
 * Imports the findings as they are read, each through its account's access; false when Security
 * Hub refused any, each of which is named on stderr.
 */
export async function sendToSecurityHub(
  result: ScanResult,
  evidence: EvidenceInputs,
  io: Io,
  access: ImportAccess = defaultAccess(evidence.assumeRole),
  settings: ImportSettings = {},
): Promise<boolean> {
  const accounts = new Map<string, AccountImport>();
  let findings = 0;
  for (const finding of asffFindings(result, await toolVersion(), evidence.previous)) {
    findings++;
    let account = accounts.get(finding.AwsAccountId);
    if (!account) accounts.set(finding.AwsAccountId, (account = new AccountImport(finding.AwsAccountId, finding.Region, access, settings)));
    await account.add(finding);
  }
  const total: ImportOutcome = { imported: 0, refused: [], requests: 0, retries: 0 };
  for (const account of accounts.values()) {
    const outcome = await account.finish();
    total.imported += outcome.imported;
    for (const refused of outcome.refused) total.refused.push(refused); // may be every finding: no spread
    total.requests += outcome.requests;
    total.retries += outcome.retries;
  }
  io.stderr.write(
    `Security Hub: ${total.imported} of ${findings} findings imported in ${total.requests} request(s) (${total.retries} retried)` +
      `${total.refused.length > 0 ? `; ${total.refused.length} refused` : ''}.\n`,
  );
  for (const refused of total.refused) io.stderr.write(`Security Hub refused ${refused.Id}: ${refused.ErrorCode} ${refused.ErrorMessage}\n`);
  return total.refused.length === 0;
}

/**
 * One account's import; every finding ends imported or refused with the reason, whatever fails.
 * The role there is assumed at its first finding (in that finding's Region).
 */
class AccountImport {
  private importer: Promise<FindingImporter> | undefined;
  /** Set once the account cannot be reached or its import broke: its findings are refused with it. */
  private broken: { code: string; message: string } | undefined;
  private readonly refused: ImportOutcome = { imported: 0, refused: [], requests: 0, retries: 0 };

  constructor(
    private readonly account: string,
    private readonly region: string,
    private readonly access: ImportAccess,
    private readonly settings: ImportSettings,
  ) {}

  async add(finding: AsffFinding): Promise<void> {
    const importer = await this.importerOrBroken();
    if (!importer || this.broken) {
      this.refuse(finding);
      return;
    }
    try {
      await importer.add(finding);
    } catch (error) {
      this.breakWith(error);
    }
  }

  async finish(): Promise<ImportOutcome> {
    const importer = await this.importerOrBroken();
    if (!importer) return this.refused;
    let outcome: ImportOutcome | undefined;
    if (!this.broken) {
      try {
        outcome = await importer.finish();
      } catch (error) {
        this.breakWith(error);
      }
    }
    // Broken: what was still waiting for a batch is refused with the reason.
    outcome ??= importer.abandon(this.broken!.code, this.broken!.message);
    for (const refused of this.refused.refused) outcome.refused.push(refused);
    return outcome;
  }

  private importerOrBroken(): Promise<FindingImporter | undefined> {
    this.importer ??= this.access.credentialsFor(this.account, this.region).then(
      (credentials) => new FindingImporter(this.access.importer(credentials), this.settings),
      (error: unknown) => {
        // The role could not be assumed there: that account's findings are refused, the others still go.
        this.broken = { code: 'AccessDenied', message: error instanceof Error ? error.message : String(error) };
        return undefined as unknown as FindingImporter;
      },
    );
    return this.importer.then((importer) => importer as FindingImporter | undefined);
  }

  /** Not a Security Hub reply at all (network, an unreadable answer): the rest of the account is refused with it, never lost. */
  private breakWith(error: unknown): void {
    this.broken ??= { code: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) };
  }

  private refuse(finding: AsffFinding): void {
    this.refused.refused.push({ Id: finding.Id, ErrorCode: this.broken!.code, ErrorMessage: this.broken!.message });
  }
}
