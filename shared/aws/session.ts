/**
 * The AWS clients of one run. Region, credentials and endpoint come from the SDK's standard
 * configuration (AWS_REGION, AWS_ENDPOINT_URL, …); nothing here knows about emulators.
 *
 * Clients are created lazily, once per session, by whichever module needs them: a function only
 * loads (and bundles) the service clients its control imports, which keeps the EC2 client (about
 * half of a bundle) out of the functions that do not read the network.
 */
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';

export interface ClientOptions {
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  retryMode?: string;
  maxAttempts?: number;
}

export type ClientConstructor<C> = new (options: ClientOptions) => C;

export interface AwsSession {
  client<C>(constructor: ClientConstructor<C>): C;
}

/**
 * Throttling on Describe* calls is common in large accounts. Adaptive retry with ten attempts rides
 * it out instead of failing a run; the standard AWS_RETRY_MODE / AWS_MAX_ATTEMPTS variables still win
 * when set, so an operator can tune it without a rebuild.
 */
export function retryOptions(env: NodeJS.ProcessEnv = process.env): ClientOptions {
  return {
    ...(env.AWS_RETRY_MODE ? {} : { retryMode: 'adaptive' }),
    ...(env.AWS_MAX_ATTEMPTS ? {} : { maxAttempts: 10 }),
  };
}

export function createAwsSession(credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider): AwsSession {
  const clients = new Map<ClientConstructor<unknown>, unknown>();
  const options: ClientOptions = { ...retryOptions(), ...(credentials ? { credentials } : {}) };
  return {
    client<C>(constructor: ClientConstructor<C>): C {
      let client = clients.get(constructor) as C | undefined;
      if (!client) {
        client = new constructor(options);
        clients.set(constructor, client);
      }
      return client;
    },
  };
}
