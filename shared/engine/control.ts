/**
 * What a control is: everything the engine, the build, the templates and the docs need to know
 * about one check, declared in one place (shared/controls/<id>.ts).
 */
import type { AwsSession } from '../aws/session.ts';
import type { CacheResource, CacheResourceType } from '../inventory/cache-resource.ts';
import type { ParameterSpecs, ParameterValues } from './parameters.ts';
import type { TriggeringCalls } from '../detection/triggering-calls.ts';
import type { ControlFrameworks } from '../frameworks/mapping.ts';

export type ComplianceType = 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE';

/** An evaluator's judgement of one resource; the annotation is written for an auditor. */
export interface Verdict {
  compliance: ComplianceType;
  annotation: string;
}

/**
 * What can be done about one kind of finding on one resource type:
 * - automated: an SSM Automation runbook Config runs for the rule (on request, or by itself when the
 *   control's AutomaticRemediation switch is on);
 * - manual: a runbook that is deployed but that a person starts and schedules, because the change
 *   needs a choice Config cannot pass (a rule id, a version, a user group) or interrupts clients;
 * - in-place-by-hand: the change applies in place, but no runbook makes it (a cost change such as
 *   adding nodes, chosen by a person); the steps say how;
 * - not-fixable-in-place: the setting is fixed at creation, so the steps build a replacement.
 * `document` is the file name of the runbook under infra/remediation/ (its registry entry);
 * `when` says which findings the decision answers when a type has more than one.
 */
export type RemediationDecision =
  | { readonly kind: 'automated'; readonly document: string; readonly summary: string; readonly when?: string }
  | { readonly kind: 'manual'; readonly document: string; readonly summary: string; readonly when?: string }
  | { readonly kind: 'in-place-by-hand'; readonly steps: readonly string[]; readonly when?: string }
  | { readonly kind: 'not-fixable-in-place'; readonly steps: readonly string[]; readonly when?: string };

/** At least one decision per resource type the control can flag; a type it never flags has none. */
export type RemediationDecisions = Partial<Readonly<Record<CacheResourceType, readonly [RemediationDecision, ...RemediationDecision[]]>>>;

/** The same decisions for each of several resource types. */
export function decisionsFor(
  types: readonly CacheResourceType[],
  ...decisions: [RemediationDecision, ...RemediationDecision[]]
): RemediationDecisions {
  return Object.fromEntries(types.map((type) => [type, decisions]));
}

export type Severity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW';

/** Facts about the run itself that a context may need; handed to loadContext, never read from the clock by an evaluator. */
export interface RunFacts {
  /**
   * The time the run judges against: the notification time of a periodic run, the capture time of
   * a change. Taken from Config's event rather than the Lambda's clock, so that a re-delivered or
   * late event judges ages (say, of an AUTH token) as of when Config asked.
   */
  readonly evaluationTime: Date;
}

export interface Control<S extends ParameterSpecs = ParameterSpecs, C = unknown> {
  /** Kebab-case id; also the folder under functions/ and the suffix of the Config rule name. */
  readonly id: string;
  readonly title: string;
  /** One paragraph: what is checked and why it matters. */
  readonly description: string;
  readonly severity: Severity;
  /**
   * The resource types this control reports verdicts for, which its README lists. The engine judges
   * every resource the inventory lists, so a control declares all of CACHE_RESOURCE_TYPES unless it
   * is ever scoped; a test checks that no verdict comes back under a type not declared here.
   */
  readonly resourceTypes: readonly CacheResourceType[];
  /** Security Hub / managed-rule equivalents, for the docs. */
  readonly references: readonly string[];
  /**
   * The framework requirements (PCI DSS, NIST, ISO, SOC 2, CSF, DORA, FSBP) the control provides
   * evidence for, each with its basis; kept in shared/frameworks/mappings.ts.
   */
  readonly frameworks: Partial<ControlFrameworks>;
  /** How to bring a NON_COMPLIANT resource into line, step by step (for the docs). */
  readonly remediation: readonly string[];
  /**
   * For every resource type this control can report NON_COMPLIANT, what can be done about such a
   * resource. Alerts, the control READMEs, the README's remediation table and the template (which
   * document Config runs, which roles exist) all read this one field.
   */
  readonly remediationDecisions: RemediationDecisions;
  /**
   * What the control can judge before deployment, from a template or plan (`scan --template`, the
   * CloudFormation hook), and what it would need the account for; one paragraph for the docs.
   */
  readonly beforeDeployment: string;
  /** What this control cannot see or judge, stated plainly (for the docs). */
  readonly limitations: readonly string[];
  readonly parameters: S;
  /**
   * Recorded resource types whose changes can alter this control's verdicts; a change to one
   * triggers a fresh evaluation of every cache instead of waiting for the next period. A change to
   * any other type is refused (the rule scope is wrong), unless it reports the resource deleted or
   * out of scope: then only that resource is reported NOT_APPLICABLE.
   */
  readonly changeTriggers: readonly string[];
  /**
   * The CloudTrail management events (successful, mutating API calls) that can change this
   * control's verdicts, by service. Config records no ElastiCache type, so these calls are how the
   * change detector learns within minutes that the rule must run again; they also generate the
   * detector's EventBridge pattern and the README table. Required, so that a new control cannot
   * ship without saying what re-evaluates it; declare `{}` only for a control no call can affect.
   */
  readonly triggeringCalls: TriggeringCalls;
  /** IAM actions beyond the engine's own that gathering the context needs (least privilege). */
  readonly iamActions: readonly string[];
  /**
   * Fetches, once per run, what the evaluator needs beyond the cache snapshots. `run.evaluationTime`
   * is the time the run's evaluations are stamped with (the notification time of a periodic run): a
   * control that judges against dates takes its clock from here, so its evaluator stays pure.
   */
  loadContext(resources: readonly CacheResource[], session: AwsSession, run: RunFacts): Promise<C>;
  /** Pure judgement of one resource. */
  evaluate(resource: CacheResource, parameters: ParameterValues<S>, context: C): Verdict;
}

export function defineControl<S extends ParameterSpecs, C>(control: Control<S, C>): Control<S, C> {
  return control;
}

export const NO_CONTEXT = async (): Promise<undefined> => undefined;

export const compliant = (annotation: string): Verdict => ({ compliance: 'COMPLIANT', annotation });
export const nonCompliant = (annotation: string): Verdict => ({ compliance: 'NON_COMPLIANT', annotation });
export const notApplicable = (annotation: string): Verdict => ({ compliance: 'NOT_APPLICABLE', annotation });
