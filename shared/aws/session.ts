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

/** How many AWS API calls the clients of a session have made (retries of one call count once). */
export interface CallMeter {
  calls: number;
}

export interface AwsSession {
  client<C>(constructor: ClientConstructor<C>): C;
  /** Shared with the sessions derived from this one (an assumed role), so a run counts all its calls. */
  readonly meter: CallMeter;
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

export function createAwsSession(
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider,
  meter: CallMeter = { calls: 0 },
): AwsSession {
  const clients = new Map<ClientConstructor<unknown>, unknown>();
  const options: ClientOptions = { ...retryOptions(), ...(credentials ? { credentials } : {}) };
  return {
    meter,
    client<C>(constructor: ClientConstructor<C>): C {
      let client = clients.get(constructor) as C | undefined;
      if (!client) {
        client = metered(new constructor(options), meter);
        clients.set(constructor, client);
      }
      return client;
    },
  };
}

/**
 * Counts each `send`. Counted here rather than in the SDK's middleware stack so that the count is the
 * same whether a client talks to AWS or is mocked at `send` in a test; retries happen inside `send`
 * and are not counted (the run's duration shows them).
 */
function metered<C>(client: C, meter: CallMeter): C {
  const sender = client as { send?: (...args: unknown[]) => Promise<unknown> };
  const send = sender.send;
  if (typeof send !== 'function') return client;
  sender.send = (...args: unknown[]) => {
    meter.calls++;
    return send.apply(client, args);
  };
  return client;
}
