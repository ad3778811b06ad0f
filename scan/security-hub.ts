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

export async function importFindings(findings: readonly AsffFinding[], send: BatchImportFindings, settings: ImportSettings = {}): Promise<ImportOutcome> {
  const maxAttempts = settings.maxAttempts ?? 8;
  const sleep = settings.sleep ?? defaultSleep;
  const outcome: ImportOutcome = { imported: 0, refused: [], requests: 0, retries: 0 };
  const byRegion = new Map<string, AsffFinding[]>();
  for (const finding of findings) byRegion.set(finding.Region, [...(byRegion.get(finding.Region) ?? []), finding]);

  for (const [region, regional] of byRegion) {
    for (let start = 0; start < regional.length; start += BATCH_SIZE) {
      let pending = regional.slice(start, start + BATCH_SIZE);
      for (let attempt = 1; pending.length > 0; attempt++) {
        if (attempt > 1) {
          outcome.retries++;
          await sleep(attempt - 1);
        }
        outcome.requests++;
        let failed: ImportFindingsError[];
        try {
          const reply = await send(region, pending);
          failed = reply.FailedFindings ?? [];
          outcome.imported += reply.SuccessCount;
        } catch (error) {
          if (!(error instanceof SecurityHubRequestError)) throw error;
          if (!error.retryable || attempt >= maxAttempts) {
            outcome.refused.push(...pending.map((f) => ({ Id: f.Id, ErrorCode: error.code, ErrorMessage: error.message })));
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
  return outcome;
}
