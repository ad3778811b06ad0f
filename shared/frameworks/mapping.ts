/**
 * What a control's framework mapping is: per framework, the requirement ids the control provides
 * evidence for, each group with its basis, so an auditor can tell a vendor's mapping from ours.
 */
import { FRAMEWORK_IDS, type FrameworkId } from './frameworks.ts';

/**
 * `published`: the ids are copied exactly as a named source (Security Hub, an AWS conformance pack,
 * Prowler) writes them for this check. `ours`: our own judgement, with a one-line rationale.
 */
export type Basis = { readonly published: string } | { readonly ours: string };

export interface RequirementGroup {
  readonly requirements: readonly string[];
  readonly basis: Basis;
}

/**
 * A decision for one framework: the requirement groups, or `{ none: why }` when no requirement is
 * claimed (an empty cell is a decision too, never an oversight).
 */
export type FrameworkDecision = readonly RequirementGroup[] | { readonly none: string };

/** Every framework decided; a control's entry in shared/frameworks/mappings.ts. */
export type ControlFrameworks = Readonly<Record<FrameworkId, FrameworkDecision>>;

/** One requirement a control maps to, with its basis. */
export interface MappedRequirement {
  readonly framework: FrameworkId;
  readonly requirement: string;
  readonly basis: Basis;
}

export function groupsOf(decision: FrameworkDecision | undefined): readonly RequirementGroup[] {
  return decision === undefined || !Array.isArray(decision) ? [] : (decision as readonly RequirementGroup[]);
}

/** The requirement ids of one framework a control maps to, in the order declared, each once. */
export function requirementsOf(frameworks: Partial<ControlFrameworks>, framework: FrameworkId): string[] {
  return [...new Set(groupsOf(frameworks[framework]).flatMap((group) => group.requirements))];
}

/** Every requirement the control maps to, framework by framework. */
export function mappedRequirements(frameworks: Partial<ControlFrameworks>): MappedRequirement[] {
  return FRAMEWORK_IDS.flatMap((framework) =>
    groupsOf(frameworks[framework]).flatMap((group) => group.requirements.map((requirement) => ({ framework, requirement, basis: group.basis }))),
  );
}

/** The frameworks the control maps at least one requirement of. */
export function frameworksMapped(frameworks: Partial<ControlFrameworks>): FrameworkId[] {
  return FRAMEWORK_IDS.filter((framework) => requirementsOf(frameworks, framework).length > 0);
}

export function basisText(basis: Basis): string {
  return 'published' in basis ? `published: ${basis.published}` : `ours: ${basis.ours}`;
}

/** Framework id → requirement ids, for the frameworks the control maps at least one requirement of. */
export function frameworkRequirementsOf(control: { readonly frameworks: Partial<ControlFrameworks> }): Partial<Record<FrameworkId, string[]>> {
  return Object.fromEntries(frameworksMapped(control.frameworks).map((framework) => [framework, requirementsOf(control.frameworks, framework)]));
}
