/**
 * The Lambda bundles' credential chain (put in place of the SDK's default chain by the build).
 *
 * Scenarios
 * - Given the role's credentials in the environment, as Lambda sets them, then those are used.
 * - Given only a container credentials endpoint, then its credentials are used, fetched once while
 *   they are valid and again when they are about to expire.
 * - Given neither, then the error names the variables Lambda sets, instead of a generic chain failure.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MissingCredentialsError, defaultProvider } from '#shared/aws/lambda-credentials.ts';

const VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN'];
let saved: Record<string, string | undefined>;

beforeEach(() => {
  saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of VARIABLES) delete process.env[name];
});

afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** A container credentials endpoint on loopback, answering with credentials expiring after `lifetimeMs`. */
async function credentialsEndpoint(lifetimeMs: number): Promise<{ server: Server; url: string; requests: () => number }> {
  let requests = 0;
  const server = createServer((_request, response) => {
    requests++;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({
      AccessKeyId: `ASIAENDPOINT${requests}`,
      SecretAccessKey: 'secret',
      Token: 'token',
      Expiration: new Date(Date.now() + lifetimeMs).toISOString(),
    }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/credentials`, requests: () => requests };
}

describe('the Lambda credential chain', () => {
  it('uses the execution role\'s credentials Lambda puts in the environment', async () => {
    // Prepare
    process.env.AWS_ACCESS_KEY_ID = 'ASIAROLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    process.env.AWS_SESSION_TOKEN = 'session';
    // Act
    const credentials = await defaultProvider()();
    // Assess
    expect(credentials).toMatchObject({ accessKeyId: 'ASIAROLE', secretAccessKey: 'secret', sessionToken: 'session' });
  });

  it('reads a container credentials endpoint once while its credentials are valid', async () => {
    // Prepare
    const endpoint = await credentialsEndpoint(60 * 60 * 1000);
    process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = endpoint.url;
    try {
      const provider = defaultProvider();
      // Act
      const first = await provider();
      const second = await provider();
      // Assess
      expect(first.accessKeyId).toBe('ASIAENDPOINT1');
      expect(second.accessKeyId).toBe('ASIAENDPOINT1');
      expect(endpoint.requests()).toBe(1);
    } finally {
      endpoint.server.close();
    }
  });

  it('reads the endpoint again when its credentials are about to expire', async () => {
    // Prepare: credentials valid for one more minute, within the five-minute refresh window.
    const endpoint = await credentialsEndpoint(60 * 1000);
    process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = endpoint.url;
    try {
      const provider = defaultProvider();
      // Act
      await provider();
      const again = await provider();
      // Assess
      expect(again.accessKeyId).toBe('ASIAENDPOINT2');
      expect(endpoint.requests()).toBe(2);
    } finally {
      endpoint.server.close();
    }
  });

  it('names the variables Lambda sets when there are no credentials', async () => {
    // Act
    const attempt = defaultProvider()();
    // Assess
    await expect(attempt).rejects.toThrow(MissingCredentialsError);
    await expect(attempt).rejects.toThrow(/AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
  });
});
