/**
 * The scan itself: for each account and region, list → normalize (one shared inventory) → each
 * control's context → evaluate → the findings spool on disk (finding-spool.ts), from which every
 * report is streamed. It reuses the rules' inventory, context loaders and evaluators unchanged, and
 * never calls AWS Config.
 *
 * A failure is contained to what it affects: a region whose caches cannot be listed is reported as
 * such while the other regions' findings stand; a control whose context cannot be loaded is missing
 * from that region only.
 */
import type { Control, EvaluatedResource, Inventory, ListingOf, RunFacts } from '#shared/engine/control.ts';
import { ListingFailedError, MissingPermissionError, describe, isAccessDenied } from '#shared/engine/errors.ts';
import { listCacheResources } from '#shared/inventory/elasticache.ts';
import { CACHE_INVENTORY, inventoryOf } from '#shared/inventory/inventories.ts';
import type { CacheResource } from '#shared/inventory/cache-resource.ts';
import { createSharedSession, type CallCounter, type SharedSession } from './aws/shared-session.ts';
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
import { FindingSpool, regionOrder } from './finding-spool.ts';
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
  /** Where the findings go; the caller removes it once the reports are written (else: at exit). */
  spool?: FindingSpool;
}

export async function runScan(options: ScanOptions, dependencies: ScanDependencies = {}): Promise<ScanResult> {
  const progress = dependencies.progress ?? silentProgress;
  const now = dependencies.now ?? (() => new Date());
  const startedAt = now();
  const counter: CallCounter = new Map();
  const failures: ScanFailure[] = [];
  const spool = dependencies.spool ?? new FindingSpool();
  // The inventories' listings are memoized per Region (listingOf), so the session need not keep their pages.
  const listings = new Set(options.controls.flatMap((control) => [...inventoryOf(control).iamActions]));

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
        const session = createSharedSession(region, counter, target.credentials, listings);
        for (const failure of await scanRegion(target, session, options, spool, progress, { evaluationTime: startedAt })) failures.push(failure);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENT_REGIONS, regions.length) }, worker));
  }
  progress.done();

  // Regions finish in any order; reports list them in a stable one (the spool orders the findings).
  failures.sort(regionOrder);
  return {
    startedAt,
    finishedAt: now(),
    accounts: targets.map((t) => t.account),
    regions: [...regionsSeen].sort(),
    controls: options.controls.map((control) => summarize(control, options)),
    findings: spool,
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

/** Scans one account's Region into the spool; returns what could not be read there. */
async function scanRegion(
  target: AccountTarget,
  session: SharedSession,
  options: ScanOptions,
  spool: FindingSpool,
  progress: Progress,
  run: RunFacts,
): Promise<ScanFailure[]> {
  const region = session.region;
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
    return [failureOf(error, target.account, region, undefined)];
  }

  // Each inventory is listed once per Region, for every control that judges it and every inventory
  // built on it (the snapshots are joined with the caches); its failure is theirs alone.
  const listings = new Map<Inventory<EvaluatedResource>, Promise<EvaluatedResource[]>>([[CACHE_INVENTORY, Promise.resolve(resources)]]);
  const listingOf: ListingOf = <R extends EvaluatedResource>(inventory: Inventory<R>): Promise<R[]> => {
    const known = inventory as unknown as Inventory<EvaluatedResource>;
    let listing = listings.get(known);
    if (!listing) {
      listing = known.list(session, { includeServerlessCaches: options.includeServerlessCaches && !serverlessRefused(failures) }, listingOf);
      listings.set(known, listing);
    }
    return listing as Promise<R[]>;
  };

  // Controls load their context side by side: the shared session answers repeated look-ups once.
  // Each control's findings go to the spool as soon as they are made, not held until the end.
  const perControl = await Promise.all(
    options.controls.map(async (control, index) => {
      try {
        const judged = await listingOf(inventoryOf(control));
        const found = await evaluateControl(control, judged, options.parameters[control.id] ?? {}, session, run);
        spool.append(target.account, region, index, withPlace(found, target.account, region));
        progress.step(`${where}: ${control.id}`);
        return [];
      } catch (error) {
        progress.step(`${where}: ${control.id} failed`);
        return [failureOf(error, target.account, region, control.id)];
      }
    }),
  );
  return [...failures, ...perControl.flat()];
}

function* withPlace(found: Iterable<RegionalFinding>, account: string, region: string): Generator<Finding> {
  for (const f of found) yield { account, region, ...f };
}

/**
 * Serverless caches are a newer API than the rest (a region, a partition or an emulator may not
 * serve it, or a policy may omit it): when only their listing fails, the other caches are still
 * judged and the failure is recorded. The session answers that failure with an empty page, so the
 * listing goes on in one pass: no page is listed twice or kept for a second attempt.
 */
async function listInventory(
  session: SharedSession,
  includeServerlessCaches: boolean,
  onServerlessFailure: (error: unknown) => void,
): Promise<CacheResource[]> {
  if (!includeServerlessCaches) return listCacheResources(session, { includeServerlessCaches });
  let failed = false;
  return session.answeringFailures(
    SERVERLESS_LISTING,
    { ServerlessCaches: [] },
    (error) => {
      // Named as the inventory names a failed listing (MissingPermissionError, ListingFailedError).
      if (!failed) onServerlessFailure(isAccessDenied(error) ? new MissingPermissionError(SERVERLESS_LISTING, error, 'listing') : new ListingFailedError(SERVERLESS_LISTING, error));
      failed = true;
    },
    () => listCacheResources(session, { includeServerlessCaches }),
  );
}

const SERVERLESS_LISTING = 'elasticache:DescribeServerlessCaches';

/** Once the region's serverless listing failed (recorded as a failure), other inventories leave serverless out too. */
function serverlessRefused(failures: readonly ScanFailure[]): boolean {
  return failures.some((f) => f.action === SERVERLESS_LISTING);
}

type RegionalFinding = Omit<Finding, 'account' | 'region'>;

/**
 * The control's verdicts, made one at a time as the spool takes them. The context is loaded first,
 * so a control whose context fails adds nothing to the spool.
 */
async function evaluateControl(
  control: Control<any, any, any>,
  resources: readonly EvaluatedResource[],
  parameters: Record<string, unknown>,
  session: SharedSession,
  run: RunFacts,
): Promise<Iterable<RegionalFinding>> {
  // Every control of a scan judges dates (token ages, end of support) as of the scan's start.
  const context = await control.loadContext(resources, session, run);
  return (function* () {
    for (const resource of resources) {
      const verdict = control.evaluate(resource, parameters, context);
      yield {
        resourceType: resource.resourceType,
        resourceId: resource.resourceId,
        arn: resource.arn,
        control: control.id,
        severity: control.severity,
        compliance: verdict.compliance,
        annotation: verdict.annotation,
      };
    }
  })();
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
