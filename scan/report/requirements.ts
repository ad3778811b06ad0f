/**
 * A scan's findings regrouped by the requirements of one framework (`scan --framework ID`): per
 * requirement, the controls that give evidence for it, the resources they checked, the verdict
 * counts, the parameters used, the accounts and Regions, and when — what an auditor files.
 */
import { FRAMEWORKS, type FrameworkId } from '#shared/frameworks/frameworks.ts';
import { groupsOf, requirementsOf, type Basis } from '#shared/frameworks/mapping.ts';
import { totalsOf, type ComplianceCounts, type ScanResult } from '../findings.ts';

export interface RequirementControl {
  id: string;
  title: string;
  parameters: Record<string, string>;
  basis: Basis[];
}

export interface RequirementEvidence {
  requirement: string;
  controls: RequirementControl[];
  resources: number;
  counts: ComplianceCounts;
  accounts: string[];
  regions: string[];
  startedAt: string;
  finishedAt: string;
}

const byRequirementId = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

export function requirementEvidence(result: ScanResult, framework: FrameworkId): RequirementEvidence[] {
  const requirements = new Map<string, RequirementControl[]>();
  for (const control of result.controls) {
    const frameworks = control.frameworks ?? {};
    for (const requirement of requirementsOf(frameworks, framework)) {
      const basis = groupsOf(frameworks[framework])
        .filter((group) => group.requirements.includes(requirement))
        .map((group) => group.basis);
      const list = requirements.get(requirement) ?? [];
      list.push({ id: control.id, title: control.title, parameters: control.parameters, basis });
      requirements.set(requirement, list);
    }
  }
  const totals = totalsOf(result);
  return [...requirements.entries()]
    .sort(([a], [b]) => byRequirementId(a, b))
    .map(([requirement, controls]) => {
      const ids = new Set(controls.map((c) => c.id));
      const counts: ComplianceCounts = { COMPLIANT: 0, NON_COMPLIANT: 0, NOT_APPLICABLE: 0 };
      const accounts = new Set<string>();
      const regions = new Set<string>();
      for (const id of ids) {
        const own = totals.byControl.get(id);
        if (own) for (const compliance of Object.keys(counts) as (keyof ComplianceCounts)[]) counts[compliance] += own[compliance];
        for (const account of totals.accountsOf.get(id) ?? []) accounts.add(account);
        for (const region of totals.regionsOf.get(id) ?? []) regions.add(region);
      }
      return {
        requirement,
        controls,
        resources: totals.resources(ids),
        counts,
        accounts: [...accounts].sort(),
        regions: [...regions].sort(),
        startedAt: result.startedAt.toISOString(),
        finishedAt: result.finishedAt.toISOString(),
      };
    });
}

export function frameworkTitle(framework: FrameworkId): string {
  return FRAMEWORKS[framework].name;
}

export function parametersText(parameters: Record<string, string>): string {
  const entries = Object.entries(parameters);
  return entries.length === 0 ? 'no parameters' : entries.map(([name, value]) => `${name}=${value === '' ? '(empty)' : value}`).join(', ');
}
