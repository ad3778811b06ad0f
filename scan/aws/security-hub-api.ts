/**
 * The one Security Hub call the scan makes, BatchImportFindings (POST /findings/import, rest-json),
 * signed with SigV4. The package carries no Security Hub SDK client, and one call does not justify
 * one: this speaks the operation as botocore's securityhub model defines it. Endpoint and
 * credentials come from the standard configuration (AWS_ENDPOINT_URL[_SECURITYHUB], the credential
 * chain), as the SDK clients' do.
 */
import { createHash, createHmac } from 'node:crypto';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { SignatureV4 } from '@smithy/signature-v4';
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

/** Security Hub refused the whole request; `throttled` when retrying later may succeed. */
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

class Sha256 {
  private readonly hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

function bytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  return data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function endpointOf(region: string, env: NodeJS.ProcessEnv): URL {
  const configured = env.AWS_ENDPOINT_URL_SECURITYHUB ?? env.AWS_ENDPOINT_URL;
  if (configured) return new URL(configured);
  return new URL(`https://securityhub.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`);
}

/** Sends one signed Security Hub request (POST, JSON body) and returns the parsed reply. */
export type SecurityHubRequest = (region: string, path: string, body: object) => Promise<unknown>;

export function securityHubRequester(
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider = defaultProvider(),
  env: NodeJS.ProcessEnv = process.env,
): SecurityHubRequest {
  return async (region, operationPath, input) => {
    const endpoint = endpointOf(region, env);
    const body = JSON.stringify(input);
    const signer = new SignatureV4({ service: 'securityhub', region, credentials, sha256: Sha256 });
    const path = `${endpoint.pathname.replace(/\/$/, '')}${operationPath}`;
    const signed = await signer.sign({
      method: 'POST',
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      ...(endpoint.port ? { port: Number(endpoint.port) } : {}),
      path,
      headers: { host: endpoint.host, 'content-type': 'application/json' },
      body,
    });
    const response = await fetch(`${endpoint.origin}${path}`, { method: 'POST', headers: signed.headers as Record<string, string>, body });
    const text = await response.text();
    if (!response.ok) {
      const reply = safeJson(text);
      const code = (response.headers.get('x-amzn-errortype') ?? '').split(':')[0] || reply?.__type?.split('#').pop() || `HTTP ${response.status}`;
      throw new SecurityHubRequestError(`securityhub ${operationPath} failed in ${region}: ${code} ${reply?.message ?? reply?.Message ?? ''}`.trim(), code, response.status);
    }
    return JSON.parse(text) as unknown;
  };
}

export function securityHubImporter(
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider = defaultProvider(),
  env: NodeJS.ProcessEnv = process.env,
): BatchImportFindings {
  const request = securityHubRequester(credentials, env);
  return async (region, findings) => (await request(region, '/findings/import', { Findings: findings })) as BatchImportFindingsResponse;
}

function safeJson(text: string): { __type?: string; message?: string; Message?: string } | undefined {
  try {
    return JSON.parse(text) as { __type?: string; message?: string };
  } catch {
    return undefined;
  }
}
