/**
 * The scan's AWS session for one account and region. It is an ordinary AwsSession (what the
 * inventory loaders and the controls' loadContext take), with two additions the Config rules do not
 * need:
 *
 * - Look-ups are shared: a Describe/List/Get with the same input is sent once per session, and every
 *   later caller (another control's loadContext) gets the same answer. A rule runs one control per
 *   Lambda, so it never repeats a call; the scan runs every control over one inventory, and this is
 *   what keeps each look-up (a KMS key, the security groups, the user groups) to one call per
 *   region, whatever the controls load, including controls added after the scan was written.
 * - The inventories' paginated listings (`listings`, their IAM actions) are not kept: their raw
 *   pages are the bulk of a large estate, and the scan memoizes the normalized listing instead
 *   (one per inventory and region, see run-scan.ts), so a page is read once without being held.
 *   Only inside keepingListings (a listing retried without serverless caches) are they replayed.
 *
 * Every call actually sent is counted by IAM action, for the report and the benchmark.
 */
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { retryOptions, type AwsSession, type ClientConstructor, type ClientOptions } from '#shared/aws/session.ts';

/** Calls sent, by IAM action ("elasticache:DescribeReplicationGroups"). */
export type CallCounter = Map<string, number>;

export interface SharedSession extends AwsSession {
  readonly region: string;
  /**
   * Runs `work` with the listings' pages shared, so that listing again inside it costs no call;
   * they are dropped when it settles.
   */
  keepingListings<T>(work: () => Promise<T>): Promise<T>;
}

interface SendingClient {
  send(command: { input?: unknown }, ...rest: unknown[]): Promise<unknown>;
  config?: { serviceId?: string };
}

/** Only reads may be shared: an answer to a write must never be replayed. */
const READ_OPERATION = /^(Describe|List|Get)/;

/**
 * The IAM action of a command, e.g. elasticache:DescribeCacheClusters. Read from the command's
 * operation schema ([kind, "com.amazonaws.elasticache", "DescribeCacheClusters", …]) because class
 * names do not survive minification in the bundled CLI; the class name is the fallback.
 */
export function iamActionOf(client: SendingClient, command: object): string {
  const schema = (command as { schema?: unknown }).schema;
  if (Array.isArray(schema) && typeof schema[1] === 'string' && typeof schema[2] === 'string') {
    return `${schema[1].slice(schema[1].lastIndexOf('.') + 1)}:${schema[2]}`;
  }
  const service = (client.config?.serviceId ?? 'unknown').toLowerCase().replace(/\s+/g, '');
  return `${service}:${command.constructor.name.replace(/Command$/, '')}`;
}

export function createSharedSession(
  region: string,
  counter: CallCounter,
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider,
  listings: ReadonlySet<string> = new Set(),
): SharedSession {
  const clients = new Map<ClientConstructor<unknown>, unknown>();
  const answers = new Map<string, Promise<unknown>>();
  let keptListings: Map<string, Promise<unknown>> | undefined;
  // region is not part of the Lambda's ClientOptions (there the SDK reads AWS_REGION); the SDK
  // client constructors accept it alongside the rest.
  const options: ClientOptions & { region: string } = { ...retryOptions(), region, ...(credentials ? { credentials } : {}) };

  const share = <C>(client: C): C =>
    new Proxy(client as C & SendingClient, {
      get(target, property, receiver) {
        if (property !== 'send') return Reflect.get(target, property, receiver);
        return (command: { input?: unknown }, ...rest: unknown[]) => {
          const action = iamActionOf(target, command);
          const operation = action.slice(action.indexOf(':') + 1);
          if (!READ_OPERATION.test(operation)) {
            counter.set(action, (counter.get(action) ?? 0) + 1);
            return target.send(command, ...rest);
          }
          const shared = listings.has(action) ? keptListings : answers;
          if (!shared) {
            counter.set(action, (counter.get(action) ?? 0) + 1);
            return target.send(command, ...rest);
          }
          const key = `${action} ${JSON.stringify(command.input ?? {})}`;
          let answer = shared.get(key);
          if (!answer) {
            counter.set(action, (counter.get(action) ?? 0) + 1);
            // A failed read is shared too: asking again within one scan would only fail again
            // (a denial) or add load to a throttled API.
            answer = target.send(command, ...rest);
            shared.set(key, answer);
          }
          return answer;
        };
      },
    });

  return {
    region,
    // The engine's meter (a run's AWS calls, for its metrics) reads the scan's own per-action count.
    meter: {
      get calls() {
        return [...counter.values()].reduce((sum, n) => sum + n, 0);
      },
    },
    async keepingListings<T>(work: () => Promise<T>): Promise<T> {
      keptListings = new Map();
      try {
        return await work();
      } finally {
        keptListings = undefined;
      }
    },
    client<C>(constructor: ClientConstructor<C>): C {
      let client = clients.get(constructor) as C | undefined;
      if (!client) {
        client = share(new constructor(options));
        clients.set(constructor, client);
      }
      return client;
    },
  };
}
