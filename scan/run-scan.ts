/**
 * The scan itself: for each account and region, list → normalize (one shared inventory) → each
 * control's context → evaluate. It reuses the rules' inventory, context loaders and evaluators
 * unchanged, and never calls AWS Config.
 *
 * A failure is contained to what it affects: a region whose caches cannot be listed is reported as
 * such while the other regions' findings stand; a control whose context cannot be loaded is missing
 * from that region only.
 */
import type { Control, EvaluatedResource, Inventory, RunFacts } from '#shared/engine/control.ts';
import { ListingFailedError, MissingPermissionError, describe } from '#shared/engine/errors.ts';
import { listCacheResources } from '#shared/inventory/elasticache.ts';
import { CACHE_INVENTORY, inventoryOf } from '#shared/inventory/inventories.ts';
import type { CacheResource } from '#shared/inventory/cache-resource.ts';
import { createSharedSession, type CallCounter } from './aws/shared-session.ts';
import {
  AwsAccessError,
  assumeRoleIn,
  callerAccount,
  defaultRegion,
  enabledRegions,
  unreachableRegionMessage,
  unresolvedHostOf,
  type AccountTarget,
} from './aws/targets.ts';
import type { ControlSummary, Finding, ScanFailure, ScanResult } from './findings.ts';
import type { ScanOptions } from './options.ts';
import { silentProgress, type Progress } from './progress.ts';

/** Regions scanned at once: enough to hide latency, few enough not to provoke throttling. */
const CONCURRENT_REGIONS = 4;

/** Nothing can be scanned at all (no region, no credentials); the CLI exits 3 with the reason. */
export class ScanNotStartedError extends Error {
  override readonly name = 'ScanNotStartedError';
}

export interface ScanDependencies {
  progress?: Progress;
  now?: () => Date;
}

export async function runScan(options: ScanOptions, dependencies: ScanDependencies = {}): Promise<ScanResult> {
  const progress = dependencies.progress ?? silentProgress;
  const now = dependencies.now ?? (() => new Date());
  const startedAt = now();
  const counter: CallCounter = new Map();
  const failures: ScanFailure[] = [];
  const findings: Finding[] = [];

  // The home region is where STS and DescribeRegions are asked; the first named region, else the SDK's.
  const named = options.regions.filter((r) => r !== 'all');
  const home = named[0] ?? (await defaultRegion());
  if (!home) {
    throw new ScanNotStartedError('No region: pass --region (or "all"), or set AWS_REGION or a region in the profile.');
  }

  let targets: AccountTarget[];
  try {
    targets = options.assumeRole
      ? await enterAccounts(options.accounts, options.assumeRole, home, counter, failures)
      : [{ account: await callerAccount(home, counter), credentials: undefined }];
  } catch (error) {
    throw new ScanNotStartedError(error instanceof Error ? error.message : String(error), { cause: error });
  }

  const regionsSeen = new Set<string>();
  for (const target of targets) {
    let regions = named.length > 0 ? named : [home];
    if (options.regions.includes('all')) {
      try {
        regions = await enabledRegions(target, home, counter);
      } catch (error) {
        failures.push(failureOf(error, target.account, home, undefined));
        continue;
      }
    }
    progress.plan(regions.length * (1 + options.controls.length));
    const queue = [...regions];
    const worker = async (): Promise<void> => {
      for (let region = queue.shift(); region !== undefined; region = queue.shift()) {
        regionsSeen.add(region);
        const scanned = await scanRegion(target, region, options, counter, progress, { evaluationTime: startedAt });
        // One loop, not push(...findings): a Region's findings (controls × caches, 144,000 at 10,000
        // groups) overflow the call stack as spread arguments.
        for (const finding of scanned.findings) findings.push(finding);
        for (const failure of scanned.failures) failures.push(failure);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENT_REGIONS, regions.length) }, worker));
  }
  progress.done();

  // Regions finish in any order; reports list them in a stable one.
  const order = (f: { account: string; region: string | undefined }) => `${f.account} ${f.region ?? ''}`;
  findings.sort((a, b) => order(a).localeCompare(order(b)));
  failures.sort((a, b) => order(a).localeCompare(order(b)));
  return {
    startedAt,
    finishedAt: now(),
    accounts: targets.map((t) => t.account),
    regions: [...regionsSeen].sort(),
    controls: options.controls.map((control) => summarize(control, options)),
    findings,
    failures,
    awsCalls: Object.fromEntries([...counter.entries()].sort(([a], [b]) => a.localeCompare(b))),
    ...(options.framework ? { framework: options.framework } : {}),
  };
}

async function enterAccounts(
  accounts: readonly string[],
  role: string,
  home: string,
  counter: CallCounter,
  failures: ScanFailure[],
): Promise<AccountTarget[]> {
  const targets: AccountTarget[] = [];
  for (const account of accounts) {
    try {
      targets.push(await assumeRoleIn(account, role, home, counter));
    } catch (error) {
      // One account refusing the role must not hide the others.
      failures.push(failureOf(error, account, undefined, undefined));
    }
  }
  return targets;
}

async function scanRegion(
  target: AccountTarget,
  region: string,
  options: ScanOptions,
  counter: CallCounter,
  progress: Progress,
  run: RunFacts,
): Promise<{ findings: Finding[]; failures: ScanFailure[] }> {
  const session = createSharedSession(region, counter, target.credentials);
  const where = `${target.account} ${region}`;
  const failures: ScanFailure[] = [];
  let resources: CacheResource[];
  try {
    resources = await listInventory(session, options.includeServerlessCaches, (error) =>
      failures.push(failureOf(error, target.account, region, undefined)),
    );
    progress.step(`${where}: listed ${resources.length} caches`);
  } catch (error) {
    progress.step(`${where}: listing failed`);
    return { findings: [], failures: [failureOf(error, target.account, region, undefined)] };
  }

  // Any other inventory (snapshots) is listed once for the controls that judge it; its failure is
  // theirs alone. It reads the caches' pages again, which the shared session answers without a call.
  const listings = new Map<Inventory<EvaluatedResource>, Promise<EvaluatedResource[]>>([[CACHE_INVENTORY, Promise.resolve(resources)]]);
  const listingOf = (inventory: Inventory<EvaluatedResource>): Promise<EvaluatedResource[]> => {
    let listing = listings.get(inventory);
    if (!listing) {
      listing = inventory.list(session, { includeServerlessCaches: options.includeServerlessCaches && !serverlessRefused(failures) });
      listings.set(inventory, listing);
    }
    return listing;
  };

  // Controls load their context side by side: the shared session answers repeated reads once.
  const perControl = await Promise.all(
    options.controls.map(async (control) => {
      try {
        const judged = await listingOf(inventoryOf(control));
        const found = await evaluateControl(control, judged, options.parameters[control.id] ?? {}, session, run);
        progress.step(`${where}: ${control.id}`);
        return { findings: found.map((f) => ({ ...f, account: target.account, region })), failures: [] };
      } catch (error) {
        progress.step(`${where}: ${control.id} failed`);
        return { findings: [], failures: [failureOf(error, target.account, region, control.id)] };
      }
    }),
  );
  return { findings: perControl.flatMap((p) => p.findings), failures: [...failures, ...perControl.flatMap((p) => p.failures)] };
}

/**
 * Serverless caches are a newer API than the rest (a region, a partition or an emulator may not
 * serve it, or a policy may omit it): when only their listing fails, the other caches are still
 * judged and the failure is recorded. Re-listing costs no call, since the session shares the
 * replication group and cluster pages already read.
 */
async function listInventory(
  session: ReturnType<typeof createSharedSession>,
  includeServerlessCaches: boolean,
  onServerlessFailure: (error: unknown) => void,
): Promise<CacheResource[]> {
  try {
    return await listCacheResources(session, { includeServerlessCaches });
  } catch (error) {
    if (!includeServerlessCaches || !isServerlessListingFailure(error)) throw error;
    onServerlessFailure(error);
    return listCacheResources(session, { includeServerlessCaches: false });
  }
}

function isServerlessListingFailure(error: unknown): boolean {
  return (
    (error instanceof MissingPermissionError || error instanceof ListingFailedError) &&
    error.iamAction === 'elasticache:DescribeServerlessCaches'
  );
}

/** Once the region's serverless listing failed (recorded as a failure), other inventories leave serverless out too. */
function serverlessRefused(failures: readonly ScanFailure[]): boolean {
  return failures.some((f) => f.action === 'elasticache:DescribeServerlessCaches');
}

type RegionalFinding = Omit<Finding, 'account' | 'region'>;

async function evaluateControl(
  control: Control<any, any, any>,
  resources: readonly EvaluatedResource[],
  parameters: Record<string, unknown>,
  session: ReturnType<typeof createSharedSession>,
  run: RunFacts,
): Promise<RegionalFinding[]> {
  // Every control of a scan judges dates (token ages, end of support) as of the scan's start.
  const context = await control.loadContext(resources, session, run);
  return resources.map((resource) => {
    const verdict = control.evaluate(resource, parameters, context);
    return {
      resourceType: resource.resourceType,
      resourceId: resource.resourceId,
      arn: resource.arn,
      control: control.id,
      severity: control.severity,
      compliance: verdict.compliance,
      annotation: verdict.annotation,
    };
  });
}

/**
 * Says what failed in the scan's terms. The inventory's own errors speak to a Config rule's
 * execution role ("nothing was reported"), which would mislead someone running a scan.
 */
export function failureOf(error: unknown, account: string, region: string | undefined, control: string | undefined): ScanFailure {
  const where = [`account ${account}`, region && `region ${region}`, control && `control ${control}`].filter(Boolean).join(', ');
  const host = unresolvedHostOf(error instanceof ListingFailedError ? error.cause : error);
  if (host && region) return { account, region, control, action: undefined, message: unreachableRegionMessage(region, host) };
  if (error instanceof MissingPermissionError) {
    return {
      account,
      region,
      control,
      action: error.iamAction,
      message: `Access denied for ${error.iamAction} (${where}): grant it to the credentials the scan uses (see --print-policy).`,
    };
  }
  if (error instanceof ListingFailedError) {
    return { account, region, control, action: error.iamAction, message: `${error.iamAction} failed (${where}): ${describe(error.cause)}` };
  }
  if (error instanceof AwsAccessError) return { account, region, control, action: error.action, message: error.message };
  return { account, region, control, action: undefined, message: `${where}: ${describe(error)}` };
}

function summarize(control: Control<any, any>, options: ScanOptions): ControlSummary {
  return {
    id: control.id,
    title: control.title,
    severity: control.severity,
    references: [...control.references],
    remediation: [...control.remediation],
    parameters: options.parameterText[control.id] ?? {},
    frameworks: control.frameworks,
  };
}
