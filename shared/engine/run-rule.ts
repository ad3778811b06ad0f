/**
 * The one engine every control runs on: parse → list → normalize → evaluate → report → clean up.
 * Everything Config-specific lives here; a control only says how to judge one resource.
 */
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { assumeExecutionRole, executionRoleArn } from '../aws/execution-role.ts';
import { createAwsSession, type AwsSession } from '../aws/session.ts';
import { inventoryOf } from '../inventory/inventories.ts';
import { parseConfigRuleEvent, type ConfigRuleEvent, type ConfigurationItem } from './config-event.ts';
import { isEvaluable, resolveConfigurationItem } from './configuration-item.ts';
import type { ComplianceType, Control, EvaluatedResource, ListingOptions } from './control.ts';
import { InvalidEventError } from './errors.ts';
import { keepOutOfLogs, logger } from './logger.ts';
import { ENGINE_PARAMETERS } from './engine-parameters.ts';
import { parseParameters, type ParameterSpecs, type ParameterValues } from './parameters.ts';
import { EvaluationReporter, putEvaluations, type ResourceEvaluation } from './report.ts';
import { ReportedResources, listStaleEvaluations } from './stale-results.ts';
import { createRunMetrics, publishRun } from './run-metrics.ts';

export interface RunSummary {
  control: string;
  configRuleName: string;
  trigger: 'scheduled' | 'change';
  testMode: boolean;
  resourcesEvaluated: number;
  reported: Record<ComplianceType, number>;
  staleResultsCleared: number;
}

export type RuleHandler = (event: unknown, context?: Context) => Promise<RunSummary>;

/** Clients built once per Lambda container and reused across invocations. */
let defaultSession: AwsSession | undefined;

export function createRuleHandler<S extends ParameterSpecs, C, R extends EvaluatedResource>(control: Control<S, C, R>): RuleHandler {
  return (event, context) => {
    // The request id and cold start in every line; Lambda always passes a context, a test may not.
    if (context) logger.addContext(context);
    return runRule(control, event, (defaultSession ??= createAwsSession()));
  };
}

/** Where a run's metrics go and how it is timed; injectable so that tests can read them. */
export interface RunTelemetry {
  metrics: Metrics;
  now: () => number;
}

/** Built on first use, so that the templates and docs, which read the metric names, build no Metrics. */
let defaultTelemetry: RunTelemetry | undefined;
const telemetryOfLambda = (): RunTelemetry => (defaultTelemetry ??= { metrics: createRunMetrics(), now: () => performance.now() });

export async function runRule<S extends ParameterSpecs, C, R extends EvaluatedResource>(
  control: Control<S, C, R>,
  rawEvent: unknown,
  session: AwsSession,
  telemetry: RunTelemetry = telemetryOfLambda(),
): Promise<RunSummary> {
  const started = telemetry.now();
  const callsBefore = session.meter.calls;
  const measured = () => ({ durationMs: Math.round(telemetry.now() - started), awsCalls: session.meter.calls - callsBefore });
  // Before parsing: a refused event's token must stay out of the error logged about it too.
  keepOutOfLogs(resultTokenOf(rawEvent));
  logger.appendKeys({ control: control.id });
  try {
    const summary = await evaluateAndReport(control, rawEvent, session);
    const measures = measured();
    logger.info('run complete', { ...summary, ...measures });
    publishRun(telemetry.metrics, { control: control.id, ...measures, completed: summary });
    return summary;
  } catch (error) {
    const measures = measured();
    logger.error('run failed; nothing further was reported', {
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      ...measures,
    });
    publishRun(telemetry.metrics, { control: control.id, ...measures });
    throw error;
  } finally {
    logger.resetKeys();
  }
}

function resultTokenOf(rawEvent: unknown): string | undefined {
  const token = typeof rawEvent === 'object' && rawEvent !== null ? (rawEvent as { resultToken?: unknown }).resultToken : undefined;
  return typeof token === 'string' ? token : undefined;
}

async function evaluateAndReport<S extends ParameterSpecs, C, R extends EvaluatedResource>(
  control: Control<S, C, R>,
  rawEvent: unknown,
  baseSession: AwsSession,
): Promise<RunSummary> {
  // Parsing comes before any AWS call: a bad event or parameter reports nothing at all.
  const event = parseConfigRuleEvent(rawEvent);
  const { ExecutionRoleName: roleName, includeServerlessCaches, ...controlParameters } = parseParameters(
    { ...ENGINE_PARAMETERS, ...control.parameters },
    event.ruleParameters,
  );
  const parameters = controlParameters as ParameterValues<S>;
  const roleArn = roleName ? executionRoleArn(event, roleName) : undefined;
  const session = roleArn
    ? await assumeExecutionRole(baseSession, roleArn, `elasticache-config-rules-${control.id}`)
    : baseSession;
  const resolved = await resolveTrigger(control, event, session);
  const { orderingTimestamp } = resolved;
  const report = { resultToken: event.resultToken, testMode: event.testMode };

  if (!resolved.reEvaluateCaches) {
    // Only the changed item's own result changed: no cache is listed, so none may be cleaned up either.
    await putEvaluations(session, report, [resolved.changedItem]);
    const counts = noCounts();
    counts[resolved.changedItem.compliance]++;
    return complete(control, event, { resourcesEvaluated: 0, reported: counts, staleResultsCleared: 0 });
  }

  const reporter = new EvaluationReporter(session, report);
  const reported = new ReportedResources();
  const counts = noCounts();
  const judge = (evaluation: ResourceEvaluation): Promise<void> => {
    reported.add(evaluation.resourceType, evaluation.resourceId);
    counts[evaluation.compliance]++;
    return reporter.add(evaluation);
  };
  const resourcesEvaluated = await evaluateInventory(control, parameters, session, { includeServerlessCaches }, orderingTimestamp, judge);
  if (resolved.changedItem) await judge(resolved.changedItem);
  await reporter.finish();

  // The listing completed (any failure would have thrown before anything was reported), so absent
  // resources are truly gone. A test-mode run stores nothing in Config, so it has no earlier
  // results to clean up.
  let stale: ResourceEvaluation[] = [];
  if (!event.testMode) {
    stale = await listStaleEvaluations(session, event.configRuleName, reported, orderingTimestamp);
    await putEvaluations(session, report, stale, 'clean-up');
  }
  return complete(control, event, { resourcesEvaluated, reported: counts, staleResultsCleared: stale.length });
}

/**
 * Lists the control's inventory completely, then judges each resource and hands its evaluation to
 * `judge` (which reports it in batches as they fill), so that only the resources, never every
 * evaluation as well, are held; they are released when this returns.
 */
async function evaluateInventory<S extends ParameterSpecs, C, R extends EvaluatedResource>(
  control: Control<S, C, R>,
  parameters: ParameterValues<S>,
  session: AwsSession,
  options: ListingOptions,
  orderingTimestamp: Date,
  judge: (evaluation: ResourceEvaluation) => Promise<void>,
): Promise<number> {
  const resources = await inventoryOf(control).list(session, options);
  const context = await control.loadContext(resources, session, { evaluationTime: orderingTimestamp });
  for (const resource of resources) {
    await judge({
      resourceType: resource.resourceType,
      resourceId: resource.resourceId,
      ...control.evaluate(resource, parameters, context),
      orderingTimestamp,
    });
  }
  return resources.length;
}

function complete<S extends ParameterSpecs, C, R extends EvaluatedResource>(
  control: Control<S, C, R>,
  event: ConfigRuleEvent,
  run: { resourcesEvaluated: number; reported: Record<ComplianceType, number>; staleResultsCleared: number },
): RunSummary {
  return {
    control: control.id,
    configRuleName: event.configRuleName,
    trigger: event.trigger.kind === 'scheduled' ? 'scheduled' : 'change',
    testMode: event.testMode,
    resourcesEvaluated: run.resourcesEvaluated,
    reported: run.reported,
    staleResultsCleared: run.staleResultsCleared,
  };
}

/** What a trigger asks of the run: when to stamp it, and whether the caches are re-evaluated at all. */
type ResolvedTrigger =
  | { orderingTimestamp: Date; reEvaluateCaches: true; changedItem?: ResourceEvaluation }
  | { orderingTimestamp: Date; reEvaluateCaches: false; changedItem: ResourceEvaluation };

/**
 * A periodic run is stamped with the notification time and re-evaluates every cache.
 *
 * A change notification is first checked for applicability, as Config expects: an item that is
 * deleted, not recorded or out of the rule scope is reported NOT_APPLICABLE, stamped with its capture
 * time. If this control watches the item's type (a route table, say), every cache is re-evaluated as
 * well; otherwise nothing else changed, and that one evaluation is the whole run. A change to an
 * existing, in-scope item of a type this control does not watch means the rule scope is wrong, and
 * is refused.
 *
 * An oversized notification carries only a summary, which decides applicability the same way; the
 * item is read back from Config's history only when it is evaluable (a deleted item's is not needed).
 */
async function resolveTrigger<S extends ParameterSpecs, C, R extends EvaluatedResource>(
  control: Control<S, C, R>,
  event: ConfigRuleEvent,
  session: AwsSession,
): Promise<ResolvedTrigger> {
  const { trigger } = event;
  if (trigger.kind === 'scheduled') return { orderingTimestamp: trigger.notificationTime, reEvaluateCaches: true };

  const notified = trigger.kind === 'change' ? trigger.item : trigger.summary;
  const watched = control.changeTriggers.includes(notified.resourceType);
  if (!isEvaluable(notified, event.eventLeftScope)) {
    const orderingTimestamp = notified.captureTime;
    const changedItem = notApplicable(notified, event.eventLeftScope, watched, orderingTimestamp);
    return watched
      ? { orderingTimestamp, reEvaluateCaches: true, changedItem }
      : { orderingTimestamp, reEvaluateCaches: false, changedItem };
  }
  if (!watched) {
    throw new InvalidEventError(
      `Control ${control.id} does not react to changes of ${notified.resourceType}` +
        (control.changeTriggers.length ? ` (only ${control.changeTriggers.join(', ')})` : ' (it is periodic only)') +
        '; check the Config rule scope.',
    );
  }
  const item = await resolveConfigurationItem(session, trigger);
  const orderingTimestamp = item.captureTime;
  // Config's history is the record: an item it shows deleted is reported like a deleted notification.
  if (isEvaluable(item, event.eventLeftScope)) return { orderingTimestamp, reEvaluateCaches: true };
  return { orderingTimestamp, reEvaluateCaches: true, changedItem: notApplicable(item, event.eventLeftScope, true, orderingTimestamp) };
}

function notApplicable(
  item: ConfigurationItem,
  eventLeftScope: boolean,
  cachesReEvaluated: boolean,
  orderingTimestamp: Date,
): ResourceEvaluation {
  const state = eventLeftScope ? 'out of the rule scope' : item.configurationItemStatus;
  return {
    resourceType: item.resourceType,
    resourceId: item.resourceId,
    compliance: 'NOT_APPLICABLE',
    annotation: cachesReEvaluated
      ? `${item.resourceType} ${item.resourceId} is ${state}; the caches it affected were re-evaluated.`
      : `${item.resourceType} ${item.resourceId} is ${state}, so this rule does not apply to it.`,
    orderingTimestamp,
  };
}

function noCounts(): Record<ComplianceType, number> {
  return { COMPLIANT: 0, NON_COMPLIANT: 0, NOT_APPLICABLE: 0 };
}
