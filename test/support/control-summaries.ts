// What the notifier knows of each control (shared/alerts/control-summaries.generated.ts), built here
// from the control catalog so that the alert tests state the remediation resource types they rely on
// instead of depending on the generated module.
import type { ControlSummary } from '#shared/alerts/alert-message.ts';
import { controls, ruleNameOf } from '#shared/controls/catalog.ts';
import { frameworkRequirementsOf } from '#shared/frameworks/mapping.ts';

/** The resource type of the SSM Automation document Config runs for each remediable control's rule. */
const REMEDIATED_RESOURCE_TYPES: Readonly<Record<string, readonly string[]>> = {
  'encryption-in-transit': ['AWS::ElastiCache::ReplicationGroup'],
  'automatic-backup': ['AWS::ElastiCache::ReplicationGroup'],
};

export const CONTROL_SUMMARIES: readonly ControlSummary[] = controls.map((control) => ({
  id: control.id,
  title: control.title,
  severity: control.severity,
  ruleName: ruleNameOf(control),
  automatedRemediation: control.automatedRemediation ?? null,
  automatedRemediationResourceTypes: REMEDIATED_RESOURCE_TYPES[control.id] ?? [],
  runbook: control.remediation,
  frameworks: frameworkRequirementsOf(control),
}));
