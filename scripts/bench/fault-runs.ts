/**
 * The long fault campaign of the bench: the integration test's campaign (scripts/local-aws/
 * fault-campaign.ts) on a larger estate, with more runs, once with the engine's own retry settings
 * (adaptive, 10 attempts) and once with 2 attempts a call, so that some runs must fail and the
 * figures show that they fail loudly rather than report less.
 */
import { controls } from '#shared/controls/catalog.ts';
import { runFaultCampaign, type CampaignFigures } from '../local-aws/fault-campaign.ts';
import { seedFaultEstate, type FaultEstateSize } from '../local-aws/fault-estate.ts';
import { startFaultProxy } from '../local-aws/fault-proxy.ts';
import { estateClients } from '../local-aws/estate-builders.ts';
import { awsEnvFor, startMotoServer } from '../local-aws/moto-server.ts';

export const FAULT_SEED = 424242;
export const FAULT_ESTATE: FaultEstateSize = { groups: 220, standalone: 80 };
export const FAULT_RATE = 0.15;
export const FAULT_RUNS_PER_CONTROL = 4;

export interface FaultPass {
  /** AWS_MAX_ATTEMPTS of the faulty runs; undefined: the engine's default. */
  maxAttempts: number | undefined;
  figures: CampaignFigures;
}

export async function measureFaults(): Promise<FaultPass[]> {
  const server = await startMotoServer();
  const proxy = await startFaultProxy({ target: server.endpoint, seed: FAULT_SEED, faultRate: 0 });
  try {
    await seedFaultEstate(estateClients(awsEnvFor(server)), FAULT_ESTATE);
    const passes: FaultPass[] = [];
    for (const maxAttempts of [undefined, 2]) {
      const figures = await runFaultCampaign({
        server,
        proxy,
        env: awsEnvFor(server),
        controls: controls.map((control) => control.id),
        runsPerControl: FAULT_RUNS_PER_CONTROL,
        faultRate: FAULT_RATE,
        ...(maxAttempts ? { maxAttempts } : {}),
        notificationTime: new Date('2026-11-27T06:00:00.373Z'),
      });
      passes.push({ maxAttempts, figures });
    }
    return passes;
  } finally {
    await proxy.close();
    await server.stop();
  }
}

/** Anything that must never happen: a wrong verdict in any run, a missing one in a completed run. */
export function faultViolations(passes: readonly FaultPass[]): string[] {
  return passes.flatMap((pass) =>
    pass.figures.perControl
      .filter((c) => c.wrongVerdicts > 0 || c.missingVerdicts > 0)
      .map((c) => `${c.control} (max attempts ${pass.maxAttempts ?? 'default'}): ${c.wrongVerdicts} wrong, ${c.missingVerdicts} missing verdicts`),
  );
}
