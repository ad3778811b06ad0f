/**
 * The project's own fault test: the built bundles on Node 24 run every control on a few hundred
 * caches, through a seeded fault-injecting proxy in front of the emulator (throttling in each
 * protocol's own format, HTTP 500/503, connections reset before and after the emulator acts).
 *
 * Scenario
 * - Given faults on about one request in five and at most three attempts a call, then each run
 *   reports exactly what the clean run reports or fails with an error; no run reports a wrong
 *   verdict, and no completed run leaves a resource out.
 *
 * Kept small for `make test`; `npm run bench` runs the long campaign and records its figures.
 */
import { controls } from '#shared/controls/catalog.ts';
import { runFaultCampaign } from '../../scripts/local-aws/fault-campaign.ts';
import { seedFaultEstate } from '../../scripts/local-aws/fault-estate.ts';
import { startFaultProxy, type FaultProxy } from '../../scripts/local-aws/fault-proxy.ts';
import { estateClients } from '../../scripts/local-aws/estate-builders.ts';
import { awsEnvFor, startMotoServer, type MotoServer } from '../../scripts/local-aws/moto-server.ts';

const SEED = 20261127;
let server: MotoServer;
let proxy: FaultProxy;

beforeAll(async () => {
  server = await startMotoServer();
  await seedFaultEstate(estateClients(awsEnvFor(server)), { groups: 140, standalone: 60 });
  proxy = await startFaultProxy({ target: server.endpoint, seed: SEED, faultRate: 0 });
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  await server?.stop();
});

it('never reports a wrong or missing verdict: every faulty run matches the clean run or fails loudly', async () => {
  // Act
  const figures = await runFaultCampaign({
    server,
    proxy,
    env: awsEnvFor(server),
    controls: controls.map((control) => control.id),
    runsPerControl: 1,
    faultRate: 0.2,
    maxAttempts: 3,
    notificationTime: new Date('2026-11-27T06:00:00.373Z'),
  });

  // Assess
  for (const control of figures.perControl) {
    expect(control.resources).toBeGreaterThanOrEqual(200);
    expect({ control: control.control, wrong: control.wrongVerdicts, missing: control.missingVerdicts }).toEqual({
      control: control.control,
      wrong: 0,
      missing: 0,
    });
    expect(control.completed + control.failedLoudly).toBe(control.runs);
  }
  // The campaign did inject faults of every kind (else it proves nothing).
  const injected = Object.values(figures.faults).reduce((sum, count) => sum + count, 0);
  expect(injected).toBeGreaterThan(0);
}, 110_000);
