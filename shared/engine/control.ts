/**
 * What a control is: everything the engine, the build, the templates and the docs need to know
 * about one check, declared in one place (shared/controls/<id>.ts).
 */
import type { AwsSession } from '../aws/session.ts';
import type { CacheResource, CacheResourceType } from '../inventory/cache-resource.ts';
import type { SnapshotResourceType } from '../inventory/snapshot-resource.ts';
import type { ParameterSpecs, ParameterValues } from './parameters.ts';
import type { TriggeringCalls } from '../detection/triggering-calls.ts';
import type { ControlFrameworks } from '../frameworks/mapping.ts';

/** Every resource type a control can report a verdict for: the caches, and the snapshots of the snapshot controls. */
export type ResourceType = CacheResourceType | SnapshotResourceType;

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
export type RemediationDecisions = Partial<Readonly<Record<ResourceType, readonly [RemediationDecision, ...RemediationDecision[]]>>>;

/** The same decisions for each of several resource types. */
export function decisionsFor(
  types: readonly ResourceType[],
  ...decisions: [RemediationDecision, ...RemediationDecision[]]
): RemediationDecisions {
  return Object.fromEntries(types.map((type) => [type, decisions]));
}

export type Severity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW';

/** What every judged resource carries: the type and id it is reported to Config under. */
export interface EvaluatedResource {
  readonly resourceType: string;
  readonly resourceId: string;
  readonly arn: string | undefined;
}

/** What the engine lists for every run; the caches unless a control judges something else. */
export interface ListingOptions {
  includeServerlessCaches: boolean;
}

/**
 * A kind of resource a control judges, as the catalog and the docs know it: no AWS code, so that
 * the template generator and the CloudFormation hook can read it without bundling a client.
 */
export interface InventoryKind<R extends EvaluatedResource> {
  /** Plural noun for logs and reports, e.g. "caches". */
  readonly name: string;
  /**
   * Every resource type list() reports resources under: the one place these are declared. A
   * control's `resourceTypes` are taken from here (the catalog refuses a type its inventory does
   * not list), and the README says how each is identified.
   */
  readonly resourceTypes: readonly [R['resourceType'], ...R['resourceType'][]];
  /** Every IAM action list() calls. */
  readonly iamActions: readonly string[];
}

/**
 * Another inventory's listing, from the caller's memo: how an inventory that builds on another
 * (snapshots are joined with the caches) gets it without listing it again. The scan passes its
 * per-Region memo, so the caches are listed once for every control and inventory.
 */
export type ListingOf = <R extends EvaluatedResource>(inventory: Inventory<R>) => Promise<R[]>;

/**
 * A kind of resource a control judges, and how one run lists it: one paginated call sequence per
 * API (never one call per resource), normalized into plain snapshots. An inventory that needs
 * another one asks `listingOf` for it (when absent, as in a rule's run, it lists that one itself).
 */
export interface Inventory<R extends EvaluatedResource> extends InventoryKind<R> {
  list(session: AwsSession, options: ListingOptions, listingOf?: ListingOf): Promise<R[]>;
}

/** Facts about the run itself that a context may need; handed to loadContext, never read from the clock by an evaluator. */
export interface RunFacts {
  /**
   * The time the run judges against: the notification time of a periodic run, the capture time of
   * a change. Taken from Config's event rather than the Lambda's clock, so that a re-delivered or
   * late event judges ages (say, of an AUTH token) as of when Config asked.
   */
  readonly evaluationTime: Date;
}

/**
 * Everything about a control but how it reads the account: what it checks, its parameters, its docs
 * and its pure evaluator. The catalog lists these, so whatever reads only the catalog (the template
 * and docs generators, the change detector, the CloudFormation hook) bundles no AWS client.
 */
export interface ControlDefinition<S extends ParameterSpecs = ParameterSpecs, C = unknown, R extends EvaluatedResource = CacheResource> {
  /** Kebab-case id; also the folder under functions/ and the suffix of the Config rule name. */
  readonly id: string;
  readonly title: string;
  /** One paragraph: what is checked and why it matters. */
  readonly description: string;
  readonly severity: Severity;
  /**
   * The resource types this control reports verdicts for, which its README lists: its inventory's
   * `resourceTypes` (CACHE_RESOURCE_TYPES, SNAPSHOT_INVENTORY.resourceTypes), never written out
   * again. The engine judges every resource the inventory lists, so the catalog refuses a type the
   * inventory does not list; a test checks that no verdict comes back under a type not declared here.
   */
  readonly resourceTypes: readonly R['resourceType'][];
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
   * What the control judges; absent means the caches (replication groups, standalone clusters,
   * serverless caches). A control judging anything else must name its inventory (defineControl
   * refuses one without).
   */
  readonly inventory?: InventoryKind<R>;
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
   * The context of a control that reads nothing from the account (none, or one built from the run's
   * facts) is part of its definition; a control that reads the account gets it in
   * shared/controls/context/<id>.ts, bound with `withContext`.
   */
  loadContext?(resources: readonly R[], session: AwsSession, run: RunFacts): Promise<C>;
  /** Pure judgement of one resource. */
  evaluate(resource: R, parameters: ParameterValues<S>, context: C): Verdict;
}

/** A control ready to run: its definition, how it lists its resources and how it reads its context. */
export interface Control<S extends ParameterSpecs = ParameterSpecs, C = unknown, R extends EvaluatedResource = CacheResource>
  extends ControlDefinition<S, C, R> {
  readonly inventory?: Inventory<R>;
  /**
   * Fetches, once per run, what the evaluator needs beyond the listed resources. `run.evaluationTime`
   * is the time the run's evaluations are stamped with (the notification time of a periodic run): a
   * control that judges against dates takes its clock from here, so its evaluator stays pure.
   */
  loadContext(resources: readonly R[], session: AwsSession, run: RunFacts): Promise<C>;
}

export function defineControl<S extends ParameterSpecs, C>(control: Control<S, C>): Control<S, C>;
export function defineControl<S extends ParameterSpecs, C, R extends EvaluatedResource>(
  control: Control<S, C, R> & { inventory: Inventory<R> },
): Control<S, C, R>;
export function defineControl<S extends ParameterSpecs, C, R extends EvaluatedResource>(control: Control<S, C, R>): Control<S, C, R> {
  return control;
}

/** The definition of a control that reads the account; bound to its reader with `withContext`. */
export function declareControl<S extends ParameterSpecs, C>(definition: Omit<ControlDefinition<S, C>, 'loadContext'>): ControlDefinition<S, C>;
export function declareControl<S extends ParameterSpecs, C, R extends EvaluatedResource>(
  definition: Omit<ControlDefinition<S, C, R>, 'loadContext'> & { inventory: InventoryKind<R> },
): ControlDefinition<S, C, R>;
export function declareControl<S extends ParameterSpecs, C, R extends EvaluatedResource>(
  definition: Omit<ControlDefinition<S, C, R>, 'loadContext'>,
): ControlDefinition<S, C, R> {
  return definition;
}

/**
 * A control definition bound to how it reads the account. An inventory given here must be the
 * definition's kind with its listing: the catalog and the docs read the kind, the run the listing.
 */
export function withContext<S extends ParameterSpecs, C, R extends EvaluatedResource = CacheResource>(
  definition: ControlDefinition<S, C, R>,
  reader: Pick<Control<S, C, R>, 'loadContext'> & { inventory?: Inventory<R> },
): Control<S, C, R> {
  if (reader.inventory && reader.inventory.name !== definition.inventory?.name) {
    throw new Error(`Control ${definition.id} is bound to the ${reader.inventory.name} inventory but its definition lists ${definition.inventory?.name ?? 'caches'}.`);
  }
  if (!reader.inventory && definition.inventory) {
    throw new Error(`Control ${definition.id} judges ${definition.inventory.name}: bind the inventory that lists them.`);
  }
  return { ...definition, ...reader } as Control<S, C, R>;
}

export const NO_CONTEXT = async (): Promise<undefined> => undefined;

export const compliant = (annotation: string): Verdict => ({ compliance: 'COMPLIANT', annotation });
export const nonCompliant = (annotation: string): Verdict => ({ compliance: 'NON_COMPLIANT', annotation });
export const notApplicable = (annotation: string): Verdict => ({ compliance: 'NOT_APPLICABLE', annotation });
