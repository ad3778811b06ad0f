/**
 * The one engine every control runs on: parse → list → normalize → evaluate → report → clean up.
 * Everything Config-specific lives here; a control only says how to judge one resource.
 */
import { assumeExecutionRole, executionRoleArn } from '../aws/execution-role.ts';
import { createAwsSession, type AwsSession } from '../aws/session.ts';
import { listCacheResources } from '../inventory/elasticache.ts';
import { parseConfigRuleEvent, type ConfigRuleEvent } from './config-event.ts';
import { isEvaluable, resolveConfigurationItem } from './configuration-item.ts';
import type { ComplianceType, Control } from './control.ts';
import { InvalidEventError } from './errors.ts';
import { logger } from './logger.ts';
import { ENGINE_PARAMETERS } from './engine-parameters.ts';
import { parseParameters, type ParameterSpecs, type ParameterValues } from './parameters.ts';
import { putEvaluations, type ResourceEvaluation } from './report.ts';
import { listEarlierResults, staleEvaluations } from './stale-results.ts';

export interface RunSummary {
  control: string;
  configRuleName: string;
  trigger: 'scheduled' | 'change';
  testMode: boolean;
  resourcesEvaluated: number;
  reported: Record<ComplianceType, number>;
  staleResultsCleared: number;
}

export type RuleHandler = (event: unknown) => Promise<RunSummary>;

/** Clients built once per Lambda container and reused across invocations. */
let defaultSession: AwsSession | undefined;

export function createRuleHandler<S extends ParameterSpecs, C>(control: Control<S, C>): RuleHandler {
  return (event) => runRule(control, event, (defaultSession ??= createAwsSession()));
}

export async function runRule<S extends ParameterSpecs, C>(
  control: Control<S, C>,
  rawEvent: unknown,
  session: AwsSession,
): Promise<RunSummary> {
  try {
    return await evaluateAndReport(control, rawEvent, session);
  } catch (error) {
    logger.error('run failed; nothing further was reported', {
      control: control.id,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
    throw error;
  }
}

async function evaluateAndReport<S extends ParameterSpecs, C>(
  control: Control<S, C>,
  rawEvent: unknown,
  baseSession: AwsSession,
): Promise<RunSummary> {
  // Parsing comes before any AWS call: a bad event or parameter reports nothing at all.
  const event = parseConfigRuleEvent(rawEvent);
  const { ExecutionRoleName: roleName, ...controlParameters } = parseParameters(
    { ...ENGINE_PARAMETERS, ...control.parameters },
    event.ruleParameters,
  );
  const parameters = controlParameters as ParameterValues<S>;
  const roleArn = roleName ? executionRoleArn(event, roleName) : undefined;
  const session = roleArn
    ? await assumeExecutionRole(baseSession, roleArn, `elasticache-config-rules-${control.id}`)
    : baseSession;
  const { orderingTimestamp, changedItem } = await resolveTrigger(control, event, session);

  const resources = await listCacheResources(session);
  const context = await control.loadContext(resources, session);
  const evaluations: ResourceEvaluation[] = resources.map((resource) => ({
    resourceType: resource.resourceType,
    resourceId: resource.resourceId,
    ...control.evaluate(resource, parameters, context),
    orderingTimestamp,
  }));
  if (changedItem) evaluations.push(changedItem);

  const report = { resultToken: event.resultToken, testMode: event.testMode };
  await putEvaluations(session, report, evaluations);

  // The listing above completed (any failure would have thrown), so absent resources are truly gone.
  // A test-mode run stores nothing in Config, so it has no earlier results to clean up.
  let stale: ResourceEvaluation[] = [];
  if (!event.testMode) {
    stale = staleEvaluations(await listEarlierResults(session, event.configRuleName), evaluations, orderingTimestamp);
    await putEvaluations(session, report, stale, 'clean-up');
  }

  const summary: RunSummary = {
    control: control.id,
    configRuleName: event.configRuleName,
    trigger: event.trigger.kind === 'scheduled' ? 'scheduled' : 'change',
    testMode: event.testMode,
    resourcesEvaluated: resources.length,
    reported: countByCompliance(evaluations),
    staleResultsCleared: stale.length,
  };
  logger.info('run complete', { ...summary });
  return summary;
}

/**
 * A periodic run is stamped with the notification time. A change to a recorded resource this control
 * watches (a route table, say) re-evaluates every cache, stamped with the item's capture time; a
 * deleted or out-of-scope item is itself reported NOT_APPLICABLE, as Config expects.
 */
async function resolveTrigger<S extends ParameterSpecs, C>(
  control: Control<S, C>,
  event: ConfigRuleEvent,
  session: AwsSession,
): Promise<{ orderingTimestamp: Date; changedItem?: ResourceEvaluation }> {
  const { trigger } = event;
  if (trigger.kind === 'scheduled') return { orderingTimestamp: trigger.notificationTime };

  const itemType = trigger.kind === 'change' ? trigger.item.resourceType : trigger.summary.resourceType;
  if (!control.changeTriggers.includes(itemType)) {
    throw new InvalidEventError(
      `Control ${control.id} does not react to changes of ${itemType}` +
        (control.changeTriggers.length ? ` (only ${control.changeTriggers.join(', ')})` : ' (it is periodic only)') +
        '; check the Config rule scope.',
    );
  }
  const item = await resolveConfigurationItem(session, trigger);
  const orderingTimestamp = new Date(item.configurationItemCaptureTime);
  if (isEvaluable(item, event.eventLeftScope)) return { orderingTimestamp };
  return {
    orderingTimestamp,
    changedItem: {
      resourceType: item.resourceType,
      resourceId: item.resourceId,
      compliance: 'NOT_APPLICABLE',
      annotation: `${item.resourceType} ${item.resourceId} is ${
        event.eventLeftScope ? 'out of the rule scope' : item.configurationItemStatus
      }; the caches it affected were re-evaluated.`,
      orderingTimestamp,
    },
  };
}

function countByCompliance(evaluations: readonly ResourceEvaluation[]): Record<ComplianceType, number> {
  const counts: Record<ComplianceType, number> = { COMPLIANT: 0, NON_COMPLIANT: 0, NOT_APPLICABLE: 0 };
  for (const evaluation of evaluations) counts[evaluation.compliance]++;
  return counts;
}
