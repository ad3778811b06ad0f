/**
 * Bundles one Lambda per control in the catalog (dist/<control>/index.mjs exporting `handler`), the
 * other functions, and the scan CLI (dist/scan/cli.mjs). The SDK is bundled (not taken from the
 * runtime) so the code that was tested is the code that runs. No source maps: nothing reads them
 * (the functions do not run with --enable-source-maps), and errors name what failed in their messages.
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { controls } from '#shared/controls/catalog.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * One function per control, plus the notifier that turns compliance changes into SNS alerts, the
 * detector that starts rules when a change is made, the verifier whose verdict ends every
 * remediation runbook, and the optional CloudFormation hook.
 */
export const functionNames = (): string[] => [
  ...controls.map((control) => control.id),
  'compliance-notifier',
  'change-detector',
  'remediation-verifier',
  'cloudformation-hook',
];

/**
 * The SDK describes each service's shapes in one generated module (dist-es/schemas/schemas_0.js): a
 * string constant per name, then one array per shape, e.g. `[3, n0, _AC, 0, [...], [[1, { [_eQN]:
 * "Min" }]]]`. A computed key (`[_eQN]`) may run code as far as esbuild knows (a key is converted
 * to a string), so it keeps every shape of the service, used or not: all 537 KiB of EC2's, of
 * which a function reading subnets needs a few. Writing the constant's string in place of the name
 * (`["ec2QueryName"]`) is the same object, and lets esbuild drop the shapes nothing imports.
 */
export function inlineSchemaKeys(source: string): string {
  const strings = new Map<string, string>();
  for (const [, name, literal] of source.matchAll(/^const (_\w+) = ("(?:[^"\\\n]|\\.)*");$/gm)) strings.set(name!, literal!);
  return source.replace(/\[(_\w+)\]:/g, (key, name: string) => (strings.has(name) ? `[${strings.get(name)}]:` : key));
}

const SDK_SCHEMAS = /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/;

export const sdkSchemasPlugin: Plugin = {
  name: 'sdk-schema-keys',
  setup(build) {
    build.onLoad({ filter: SDK_SCHEMAS }, async ({ path }) => ({ contents: inlineSchemaKeys(await readFile(path, 'utf8')), loader: 'js' }));
  },
};

/** esbuild settings every bundle shares: the Lambda functions and the scan CLI. */
export const LAMBDA_BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  // The SDK's ES modules first: about half the size and load time of its CommonJS builds.
  mainFields: ['module', 'main'],
  minify: true,
  legalComments: 'none',
  // A few bundled CommonJS dependencies call require() for Node built-ins.
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  logLevel: 'warning',
  plugins: [sdkSchemasPlugin],
} as const satisfies BuildOptions;

/**
 * What only the Lambda functions get: the SDK's default credential chain replaced by the one Lambda
 * needs (shared/aws/lambda-credentials.ts), which drops the nested STS, SSO, SSO OIDC and sign-in
 * clients the chain bundles for profiles and SSO. `scan` keeps the whole chain: it runs with
 * people's profiles and SSO sessions.
 */
export const LAMBDA_ONLY_OPTIONS = {
  alias: { '@aws-sdk/credential-provider-node': `${root}shared/aws/lambda-credentials.ts` },
} as const satisfies BuildOptions;

/** The esbuild options of one Lambda function's bundle (the bundle report builds with the same). */
export function functionBundleOptions(name: string, outfile: string): BuildOptions {
  return {
    entryPoints: [`${root}functions/${name}/index.ts`],
    outfile,
    ...LAMBDA_BUNDLE_OPTIONS,
    ...LAMBDA_ONLY_OPTIONS,
    mainFields: [...LAMBDA_BUNDLE_OPTIONS.mainFields],
    plugins: [...LAMBDA_BUNDLE_OPTIONS.plugins],
  };
}

export async function buildFunctions(names: readonly string[] = functionNames()): Promise<void> {
  // Build beside dist/ and swap each function in whole, so a test or demo running at the same time
  // never finds a function missing or half written.
  const staging = `${root}dist/.staging-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await Promise.all(names.map((name) => build(functionBundleOptions(name, `${staging}/${name}/index.mjs`))));
  await mkdir(`${root}dist`, { recursive: true });
  for (const name of names) {
    await rm(`${root}dist/${name}`, { recursive: true, force: true });
    await rename(`${staging}/${name}`, `${root}dist/${name}`);
  }
  await rm(staging, { recursive: true, force: true });
}

/** The bundled scan CLI (dist/scan/cli.mjs); Node 20 is enough, since it runs on people's machines, not Lambda. */
export const SCAN_CLI_BUNDLE = `${root}dist/scan/cli.mjs`;

/** The esbuild options of the scan CLI's bundle. */
export function scanBundleOptions(outfile: string): BuildOptions {
  return {
    entryPoints: [`${root}scan/cli.ts`],
    outfile,
    ...LAMBDA_BUNDLE_OPTIONS,
    target: 'node20',
    mainFields: [...LAMBDA_BUNDLE_OPTIONS.mainFields],
    plugins: [...LAMBDA_BUNDLE_OPTIONS.plugins],
  };
}

export async function buildScanCli(): Promise<void> {
  const staging = `${root}dist/.staging-scan-${process.pid}.mjs`;
  await build(scanBundleOptions(staging));
  await mkdir(`${root}dist/scan`, { recursive: true });
  await rename(staging, SCAN_CLI_BUNDLE);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildFunctions();
  await buildScanCli();
  console.log(`built ${functionNames().length} functions and the scan CLI into dist/`);
}
