/**
 * Keeps the raw body of every response an SDK v3 client receives, before the SDK parses it (and
 * silently drops whatever its model does not know), so that a test can check the wire response.
 */
import { spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { ElastiCacheClient, ServiceInputTypes, ServiceOutputTypes } from '@aws-sdk/client-elasticache';
import type { DeserializeHandler, DeserializeHandlerArguments, HandlerExecutionContext } from '@aws-sdk/types';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHECKER = fileURLToPath(new URL('./shape_contract.py', import.meta.url));

export interface RawResponse {
  operation: string;
  body: string;
}

interface HttpResponseLike {
  body?: unknown;
}

/** Records each response body `client` receives into the returned array, oldest first. */
export function recordRawResponses(client: ElastiCacheClient): RawResponse[] {
  const recorded: RawResponse[] = [];
  client.middlewareStack.addRelativeTo(
    (next: DeserializeHandler<ServiceInputTypes, ServiceOutputTypes>, context: HandlerExecutionContext) =>
      async (args: DeserializeHandlerArguments<ServiceInputTypes>) => {
      const result = await next(args);
      const response = result.response as HttpResponseLike;
      if (response.body instanceof Readable) {
        const chunks: Buffer[] = [];
        for await (const chunk of response.body) chunks.push(Buffer.from(chunk as Uint8Array));
        const body = Buffer.concat(chunks);
        recorded.push({ operation: context.commandName?.replace(/Command$/, '') ?? '', body: body.toString('utf8') });
        response.body = Readable.from([body]);
      }
      return result;
    },
    { relation: 'after', toMiddleware: 'deserializerMiddleware', name: 'recordRawResponse', override: true },
  );
  return recorded;
}

/** Problems per response, as reported by the botocore-shape checker (`[]` when the response conforms). */
export function shapeProblems(responses: readonly RawResponse[]): string[][] {
  const python = process.env['MOTO_PYTHON'] ?? `${REPO_ROOT}.venv/bin/python`;
  const run = spawnSync(python, [CHECKER], { input: JSON.stringify(responses), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${CHECKER} failed (status ${run.status}): ${run.stderr}`);
  return (JSON.parse(run.stdout) as { problems: string[] }[]).map((r) => r.problems);
}
