/**
 * What the bench needs to know about where the functions run: the Node 24 binary that stands in for
 * the nodejs24.x runtime, the V8 flags that runtime starts Node with, and each function's memory
 * size and architecture, read from the SAM template builder (the one place they are declared).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSamTemplate } from '../../infra/sam-template.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface NodeRuntime {
  path: string;
  version: string;
}

/** The `node` binary of the `node@24` dev dependency; the machines' own Node is 20. */
export function node24(): NodeRuntime {
  const path = `${root}node_modules/.bin/node`;
  if (!existsSync(path)) throw new Error(`${path} is missing: run npm ci (the node@24 dev dependency provides it).`);
  const version = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
  if (!version.startsWith('v24.')) throw new Error(`${path} is Node ${version}, not Node 24 as on the nodejs24.x runtime.`);
  return { path, version };
}

export interface LambdaTarget {
  runtime: string;
  architecture: string;
  memoryMb: number;
  timeoutSeconds: number;
}

/** The function whose CodeUri is dist/<name>/ in the SAM template. */
export function lambdaTargetOf(name: string): LambdaTarget {
  const resources = (buildSamTemplate().Resources ?? {}) as Record<string, { Type?: string; Properties?: Record<string, unknown> }>;
  const fn = Object.values(resources).find(
    (r) => r.Type === 'AWS::Serverless::Function' && r.Properties?.CodeUri === `dist/${name}/`,
  )?.Properties;
  if (!fn || typeof fn.MemorySize !== 'number') throw new Error(`No function with CodeUri dist/${name}/ and a MemorySize in the SAM template.`);
  return {
    runtime: String(fn.Runtime),
    architecture: Array.isArray(fn.Architectures) ? String(fn.Architectures[0]) : 'x86_64',
    memoryMb: fn.MemorySize,
    timeoutSeconds: Number(fn.Timeout),
  };
}

/**
 * The heap limits the Lambda Node.js runtime's bootstrap passes to Node: a tenth of the memory for
 * the young generation (half of it per semi-space) and the rest for the old generation. Without
 * them V8 sizes its heap for the whole machine and peak RSS would say little about a 256 MB function.
 * (From the bootstrap of AWS's Lambda Node.js base images up to nodejs18.x; assumed unchanged since.)
 */
export function lambdaNodeFlags(memoryMb: number): string[] {
  const newSpace = Math.floor(memoryMb / 10);
  return [`--max-semi-space-size=${Math.floor(newSpace / 2)}`, `--max-old-space-size=${memoryMb - newSpace}`];
}
