/**
 * One verdict before and after deployment: each CloudFormation template of the corpus is created on
 * the local emulator through the API with the template's values (test/support/deploy-template.ts),
 * then scanned as an account with the built scan CLI. Wherever `scan --template` said COMPLIANT or
 * NON_COMPLIANT, the account scan must say the same of the created cache.
 *
 * Scenarios
 * - Given each template, then every determined template verdict agrees with the account's verdict,
 *   except where the emulator is known to differ from ElastiCache (listed below with the reason):
 *   such a disagreement must be exactly the listed one, so a fixed emulator or a changed translation
 *   shows up here.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SNSClient } from '@aws-sdk/client-sns';
import { controls } from '#shared/controls/catalog.ts';
import { parseParameters } from '#shared/engine/parameters.ts';
import { evaluateDeclared } from '#shared/template/evaluate-declared.ts';
import { loadTemplate } from '#shared/template/load-template.ts';
import { deployTemplate } from '../support/deploy-template.ts';
import { aws, env, useEmulator } from '../support/emulator.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NODE_24 = join(ROOT, 'node_modules', 'node', 'bin', 'node');
const CLI = join(ROOT, 'dist', 'scan', 'cli.mjs');
const CORPUS = join(ROOT, 'test/fixtures/templates/cloudformation');

useEmulator();

/**
 * Where the emulator (moto 5.2.5 as extended here) does not behave as ElastiCache, the account
 * verdict differs for a reason unrelated to the template translation. Each entry: file, logical id,
 * control → why.
 */
const EMULATOR_DIFFERENCES: Record<string, string> = {};

/** Determined template verdicts per file (COMPLIANT or NON_COMPLIANT), so that a comparison cannot silently shrink. */
const MIN_COMPARED: Record<string, number> = {
  'hardened.yaml': 12,
  'public-network.yaml': 24,
  'conditions.yaml': 10,
  'defaults-left-out.yaml': 16,
  'sam-serverless.yaml': 10,
};

async function accountFindings(): Promise<{ resourceId: string; control: string; compliance: string; annotation: string }[]> {
  const { stdout } = await promisify(execFile)(NODE_24, [CLI, 'scan', '--format', 'json', '--quiet'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return (JSON.parse(stdout) as { findings: { resourceId: string; control: string; compliance: string; annotation: string }[] }).findings;
}

describe('template verdicts agree with the deployed caches', () => {
  const defaults = Object.fromEntries(controls.map((c) => [c.id, parseParameters(c.parameters, {})]));

  it.each(['hardened.yaml', 'public-network.yaml', 'conditions.yaml', 'defaults-left-out.yaml', 'sam-serverless.yaml'])(
    '%s',
    async (name) => {
      // Prepare
      const file = join(CORPUS, name);
      const text = await readFile(file, 'utf8');
      const stack = loadTemplate(file, text);
      const before = await evaluateDeclared(stack, { controls, parameters: defaults, evaluationTime: new Date() });
      await deployTemplate(aws, new SNSClient({ region: env.AWS_REGION, endpoint: env.AWS_ENDPOINT_URL, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! } }), file, text, env.AWS_REGION ?? 'us-east-1');
      // Act
      const after = await accountFindings();
      // Assess
      const physicalOf = new Map(stack.caches.map((c) => [c.address, c.snapshot.resourceId]));
      const disagreements: Record<string, string> = {};
      let compared = 0;
      for (const finding of before) {
        if (finding.compliance !== 'COMPLIANT' && finding.compliance !== 'NON_COMPLIANT') continue;
        const deployed = after.find((f) => f.resourceId === physicalOf.get(finding.resourceId) && f.control === finding.control);
        compared++;
        if (deployed?.compliance !== finding.compliance) {
          disagreements[`${name} ${finding.resourceId} ${finding.control}`] = `template ${finding.compliance} (${finding.annotation}); account ${deployed?.compliance ?? 'nothing'} (${deployed?.annotation ?? ''})`;
        }
      }
      // Every cache of the template was found in the account, and most verdicts were compared.
      expect(stack.caches.every((c) => after.some((f) => f.resourceId === c.snapshot.resourceId))).toBe(true);
      expect(compared).toBeGreaterThanOrEqual(MIN_COMPARED[name]!);
      const unexplained = Object.fromEntries(Object.entries(disagreements).filter(([key]) => !(key in EMULATOR_DIFFERENCES)));
      expect(unexplained).toEqual({});
      const explainedHere = Object.keys(EMULATOR_DIFFERENCES).filter((key) => key.startsWith(`${name} `));
      expect(Object.keys(disagreements).filter((key) => key in EMULATOR_DIFFERENCES).sort()).toEqual(explainedHere.sort());
    },
    120_000,
  );
});
