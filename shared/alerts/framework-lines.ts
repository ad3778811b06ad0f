/**
 * The framework part of an alert: the lines naming the requirements a finding is evidence for,
 * and the `frameworks` String.Array attribute that SNS subscription filter policies select on
 * (a policy `{"frameworks": ["pci-dss-4.0.1"]}` matches when any element equals it). Pure.
 */
import { FRAMEWORKS, FRAMEWORK_IDS, type FrameworkId } from '../frameworks/frameworks.ts';

/** Framework id → the requirement ids a control maps to (only frameworks with at least one). */
export type FrameworkRequirements = Readonly<Partial<Record<FrameworkId, readonly string[]>>>;

/** The framework ids, in the catalog's order, that a finding of the control is evidence for. */
export function frameworkAttribute(requirements: FrameworkRequirements = {}): FrameworkId[] {
  return FRAMEWORK_IDS.filter((framework) => (requirements[framework]?.length ?? 0) > 0);
}

export function frameworkLines(requirements: FrameworkRequirements = {}): string[] {
  const frameworks = frameworkAttribute(requirements);
  if (frameworks.length === 0) return [];
  return ['', 'Evidence for:', ...frameworks.map((framework) => `- ${FRAMEWORKS[framework].name}: ${requirements[framework]!.join(', ')}`)];
}
