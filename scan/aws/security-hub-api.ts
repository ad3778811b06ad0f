/**
 * The one Security Hub call the scan makes, BatchImportFindings, through the SDK v3 client like
 * every other AWS call of the package. The client's own retries are off (maxAttempts 1): the import
 * (scan/security-hub.ts) retries whole requests and failed entries itself, so that it can count them
 * and report every finding it could not place. Endpoint and credentials come from the standard
 * configuration (AWS_ENDPOINT_URL[_SECURITY_HUB], the credential chain) unless given.
 */
import { BatchImportFindingsCommand, SecurityHubClient, SecurityHubServiceException } from '@aws-sdk/client-securityhub';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';

export interface ImportFindingsError {
  Id: string;
  ErrorCode: string;
  ErrorMessage: string;
}

export interface BatchImportFindingsResponse {
  FailedCount: number;
  SuccessCount: number;
  FailedFindings?: ImportFindingsError[];
}

/** Security Hub refused the whole request; `retryable` when trying again later may succeed. */
export class SecurityHubRequestError extends Error {
  override readonly name = 'SecurityHubRequestError';
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
  ) {
    super(message);
  }
  get retryable(): boolean {
    return this.status === 429 || this.status >= 500 || /Throttl|TooManyRequests|LimitExceeded/.test(this.code);
  }
}

export type BatchImportFindings = (region: string, findings: readonly object[]) => Promise<BatchImportFindingsResponse>;

/** One client per Region, built on first use. */
export function securityHubClients(
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider,
  endpoint?: string,
): (region: string) => SecurityHubClient {
  const clients = new Map<string, SecurityHubClient>();
  return (region) => {
    let client = clients.get(region);
    if (!client) {
      client = new SecurityHubClient({ region, maxAttempts: 1, ...(credentials ? { credentials } : {}), ...(endpoint ? { endpoint } : {}) });
      clients.set(region, client);
    }
    return client;
  };
}

/** `endpoint` overrides the configured one (tests); the CLI leaves it to AWS_ENDPOINT_URL and the defaults. */
export function securityHubImporter(credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider, endpoint?: string): BatchImportFindings {
  const clientIn = securityHubClients(credentials, endpoint);
  return async (region, findings) => {
    try {
      const reply = await clientIn(region).send(new BatchImportFindingsCommand({ Findings: findings as AwsSecurityFinding[] }));
      return {
        FailedCount: reply.FailedCount ?? 0,
        SuccessCount: reply.SuccessCount ?? 0,
        FailedFindings: (reply.FailedFindings ?? []).map((f) => ({ Id: f.Id ?? '', ErrorCode: f.ErrorCode ?? '', ErrorMessage: f.ErrorMessage ?? '' })),
      };
    } catch (error) {
      if (!(error instanceof SecurityHubServiceException)) throw error;
      const status = error.$metadata.httpStatusCode ?? 0;
      throw new SecurityHubRequestError(`securityhub BatchImportFindings failed in ${region}: ${error.name} ${error.message}`.trim(), error.name, status);
    }
  };
}
