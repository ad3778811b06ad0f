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
 * - Inside answeringFailures, a call that one part of a listing makes (DescribeServerlessCaches)
 *   answers its failure with an empty page, so that the rest of the listing stands in one pass.
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
   * Runs `work` with every failure of `action` answered by `empty` instead, and handed to
   * `onFailure`: how a listing goes on, in one pass, without a part that alone is refused.
   */
  answeringFailures<T>(action: string, empty: unknown, onFailure: (error: unknown) => void, work: () => Promise<T>): Promise<T>;
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
  let tolerated: { action: string; empty: unknown; onFailure: (error: unknown) => void } | undefined;
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
          const send = (): Promise<unknown> => {
            counter.set(action, (counter.get(action) ?? 0) + 1);
            const tolerance = tolerated;
            if (tolerance?.action !== action) return target.send(command, ...rest);
            return new Promise<unknown>((resolve) => resolve(target.send(command, ...rest))).catch((error: unknown) => {
              tolerance.onFailure(error);
              return tolerance.empty;
            });
          };
          if (!READ_OPERATION.test(operation) || listings.has(action)) return send();
          const key = `${action} ${JSON.stringify(command.input ?? {})}`;
          let answer = answers.get(key);
          if (!answer) {
            // A failed look-up is shared too: asking again within one scan would only fail again
            // (a denial) or add load to a throttled API.
            answer = send();
            answers.set(key, answer);
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
    async answeringFailures<T>(action: string, empty: unknown, onFailure: (error: unknown) => void, work: () => Promise<T>): Promise<T> {
      tolerated = { action, empty, onFailure };
      try {
        return await work();
      } finally {
        tolerated = undefined;
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
