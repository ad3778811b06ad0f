// What the notifier knows of each control (shared/alerts/control-summaries.generated.ts), built here
// from the control catalog so that the alert tests do not depend on the generated module.
import type { ControlSummary } from '#shared/alerts/alert-message.ts';
import { controls, ruleNameOf } from '#shared/controls/catalog.ts';
import { frameworkRequirementsOf } from '#shared/frameworks/mapping.ts';

export const CONTROL_SUMMARIES: readonly ControlSummary[] = controls.map((control) => ({
  id: control.id,
  title: control.title,
  severity: control.severity,
  ruleName: ruleNameOf(control),
  remediationDecisions: control.remediationDecisions,
  runbook: control.remediation,
  frameworks: frameworkRequirementsOf(control),
}));
