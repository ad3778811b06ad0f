/**
 * `scan --security-hub`: imports the ASFF findings with BatchImportFindings, in each finding's
 * Region, in batches of at most 100 (the API's limit). A throttled or failed request is retried
 * whole; entries Security Hub lists in FailedFindings are retried when the error is transient
 * (throttling, limits, internal errors) and otherwise reported as refused. No finding is sent twice
 * once accepted, and every finding ends either imported or in the refused list.
 */
import type { AsffFinding } from './report/asff.ts';
import { SecurityHubRequestError, type BatchImportFindings, type ImportFindingsError } from './aws/security-hub-api.ts';

export const BATCH_SIZE = 100;
const TRANSIENT_ENTRY_ERROR = /throttl|limit|internal|unavailable|timeout|toomanyrequests/i;

export interface ImportOutcome {
  imported: number;
  refused: ImportFindingsError[];
  /** Requests sent, retries included. */
  requests: number;
  retries: number;
}

export interface ImportSettings {
  maxAttempts?: number;
  /** Waits before a retry; attempt counts from 1. Exponential with jitter by default. */
  sleep?: (attempt: number) => Promise<void>;
}

const defaultSleep = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.min(20_000, 200 * 2 ** attempt) * (0.5 + Math.random() / 2)));

export async function importFindings(findings: Iterable<AsffFinding>, send: BatchImportFindings, settings: ImportSettings = {}): Promise<ImportOutcome> {
  const importer = new FindingImporter(send, settings);
  for (const finding of findings) await importer.add(finding);
  return importer.finish();
}

/**
 * Takes findings one at a time and sends them a full batch at a time, per Region, so that a scan's
 * findings are imported as they are read and at most a batch per Region is held.
 */
export class FindingImporter {
  private readonly outcome: ImportOutcome = { imported: 0, refused: [], requests: 0, retries: 0 };
  private readonly batches = new Map<string, AsffFinding[]>();

  constructor(
    private readonly send: BatchImportFindings,
    private readonly settings: ImportSettings = {},
  ) {}

  async add(finding: AsffFinding): Promise<void> {
    let batch = this.batches.get(finding.Region);
    if (!batch) this.batches.set(finding.Region, (batch = []));
    batch.push(finding);
    if (batch.length >= BATCH_SIZE) {
      this.batches.delete(finding.Region);
      await this.sendBatch(finding.Region, batch);
    }
  }

  /** Sends what is left; the outcome of every finding added. */
  async finish(): Promise<ImportOutcome> {
    for (const [region, batch] of this.batches) {
      this.batches.delete(region);
      await this.sendBatch(region, batch);
    }
    return this.outcome;
  }

  /** Refuses, with the reason, what is left unsent; the outcome of every finding added. */
  abandon(code: string, message: string): ImportOutcome {
    for (const batch of this.batches.values()) for (const f of batch) this.outcome.refused.push({ Id: f.Id, ErrorCode: code, ErrorMessage: message });
    this.batches.clear();
    return this.outcome;
  }

  private async sendBatch(region: string, batch: AsffFinding[]): Promise<void> {
    const maxAttempts = this.settings.maxAttempts ?? 8;
    const sleep = this.settings.sleep ?? defaultSleep;
    const outcome = this.outcome;
    let pending = batch;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > 1) {
        outcome.retries++;
        await sleep(attempt - 1);
      }
      outcome.requests++;
      let failed: ImportFindingsError[];
      try {
        const reply = await this.send(region, pending);
        failed = reply.FailedFindings ?? [];
        outcome.imported += reply.SuccessCount;
      } catch (error) {
        if (!(error instanceof SecurityHubRequestError)) {
          // Not a Security Hub reply at all (network, an unreadable answer): the batch is refused
          // with it, and the caller decides what becomes of the rest.
          const code = error instanceof Error ? error.name : 'Error';
          const message = error instanceof Error ? error.message : String(error);
          for (const f of pending) outcome.refused.push({ Id: f.Id, ErrorCode: code, ErrorMessage: message });
          throw error;
        }
        if (!error.retryable || attempt >= maxAttempts) {
          for (const f of pending) outcome.refused.push({ Id: f.Id, ErrorCode: error.code, ErrorMessage: error.message });
          break;
        }
        continue;
      }
      const transient = failed.filter((f) => TRANSIENT_ENTRY_ERROR.test(f.ErrorCode));
      const permanent = failed.filter((f) => !TRANSIENT_ENTRY_ERROR.test(f.ErrorCode));
      outcome.refused.push(...permanent);
      if (attempt >= maxAttempts) {
        outcome.refused.push(...transient);
        break;
      }
      const retry = new Set(transient.map((f) => f.Id));
      pending = pending.filter((f) => retry.has(f.Id));
    }
  }
}
