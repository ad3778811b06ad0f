/**
 * The scan's findings imported into Security Hub on the local emulator (moto's securityhub, with
 * throttling injected by scripts/local-aws/moto_ext/security_hub.py: every 3rd BatchImportFindings
 * request refused with LimitExceededException, every 7th finding returned in FailedFindings).
 *
 * Scenarios
 * - Given the demo estate and `scan --format asff --security-hub`, then every ASFF finding the scan
 *   wrote is in Security Hub exactly once, although requests and entries were throttled.
 * - Given the same scan again, then Security Hub holds the same number of findings (updated, not duplicated).
 * - Given a previous report holding a cache that no longer exists, then a scan with --previous archives its findings in Security Hub.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jest } from '@jest/globals';
import { seedDemoEstate } from '../../scripts/local-aws/demo-estate.ts';
import { awsEnvFor, startMotoServer, type MotoServer } from '../../scripts/local-aws/moto-server.ts';
import { GetFindingsCommand } from '@aws-sdk/client-securityhub';
import { securityHubClients, securityHubImporter } from '../../scan/aws/security-hub-api.ts';
import type { AsffFinding } from '../../scan/report/asff.ts';
import { importFindings } from '../../scan/security-hub.ts';
import { runBuiltCli } from '../support/scan-cli.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = join(ROOT, '.test-results', 'security-hub');

jest.setTimeout(120_000);

let server: MotoServer;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startMotoServer({ env: { MOTO_EXT_SECURITYHUB_FAULTS: 'request=3,entry=7' } });
  env = awsEnvFor(server);
}, 60_000);

afterAll(async () => {
  await server?.stop();
}, 15_000);

const scan = (...args: string[]) => runBuiltCli(['scan', ...args], env);

/** Every finding Security Hub holds in the Region (GetFindings, all pages). */
async function findingsInHub(): Promise<{ Id: string; RecordState: string; Compliance?: { Status: string } }[]> {
  const hub = securityHubClients({ accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! }, env.AWS_ENDPOINT_URL)('us-east-1');
  const all: { Id: string; RecordState: string; Compliance?: { Status: string } }[] = [];
  let token: string | undefined;
  do {
    const page = await hub.send(new GetFindingsCommand({ MaxResults: 100, ...(token ? { NextToken: token } : {}) }));
    all.push(...(page.Findings ?? []).map((f) => ({ Id: f.Id!, RecordState: f.RecordState!, ...(f.Compliance?.Status ? { Compliance: { Status: f.Compliance.Status } } : {}) })));
    token = page.NextToken;
  } while (token);
  return all;
}

it('imports every finding once despite throttling, updates on re-import, and archives a deleted cache\'s findings', async () => {
  // Prepare
  const estate = await seedDemoEstate(env);
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
  const args = ['--region', 'us-east-1', '--format', 'asff', '--security-hub', '--quiet'];

  // Act: first scan
  const first = await scan(...args, '--output', join(OUT, 'first'));
  // Assess
  expect(first.stderr).toMatch(/Security Hub: (\d+) of \1 findings imported in \d+ request\(s\) \([1-9]\d* retried\)\./);
  expect(first.code).toBe(0);
  const written = JSON.parse(await readFile(join(OUT, 'first', 'elasticache-scan.asff'), 'utf8')) as AsffFinding[];
  expect(written.length).toBeGreaterThan(100);
  let hub = await findingsInHub();
  expect(hub.map((f) => f.Id).sort()).toEqual(written.map((f) => f.Id).sort());

  // Act: the same scan again
  const second = await scan(...args, '--output', join(OUT, 'second'));
  // Assess: updated in place, no duplicate
  expect(second.code).toBe(0);
  hub = await findingsInHub();
  expect(hub).toHaveLength(written.length);

  // Prepare: an earlier report (and Security Hub) also held a cache that no longer exists. The
  // emulator keeps deleted caches listed as "deleting", as AWS does for a while, so the vanished
  // cache is one the estate never had.
  const secondReport = JSON.parse(await readFile(join(OUT, 'second', 'elasticache-scan.asff'), 'utf8')) as AsffFinding[];
  const vanished = secondReport
    .filter((f) => f.Resources[0]!.Details.Other.ResourceId === estate.caches[0]!.id)
    .map((f) => JSON.parse(JSON.stringify(f).split(`/${estate.caches[0]!.id}/`).join('/decommissioned-cache/').split(`:${estate.caches[0]!.id}"`).join(':decommissioned-cache"')) as AsffFinding);
  const credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! };
  const seeded = await importFindings(vanished, securityHubImporter(credentials, env.AWS_ENDPOINT_URL), { sleep: async () => undefined });
  expect(seeded.refused).toEqual([]);
  const previousFile = join(OUT, 'previous.asff');
  await writeFile(previousFile, JSON.stringify([...secondReport, ...vanished]));
  expect((await findingsInHub()).filter((f) => f.Id.includes('/decommissioned-cache/'))).toHaveLength(vanished.length);

  // Act: the next scan is given the previous report
  const third = await scan(...args, '--output', join(OUT, 'third'), '--previous', previousFile);
  // Assess
  expect(third.code).toBe(0);
  hub = await findingsInHub();
  expect(hub).toHaveLength(written.length + vanished.length);
  const archived = hub.filter((f) => f.RecordState === 'ARCHIVED').map((f) => f.Id);
  expect(archived.sort()).toEqual(vanished.map((f) => f.Id).sort());
  expect(vanished.length).toBeGreaterThan(0);
});
