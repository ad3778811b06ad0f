/**
 * Turns one compliance change into the SNS message people read and filter on. Pure.
 *
 * Scenarios
 * - Given a change to NON_COMPLIANT, then an alert naming the control, resource, account, region,
 *   old → new compliance, the annotation, the remediation available and a console link.
 * - The remediation line is the control's decision for the alerted resource's type: an automated
 *   runbook runs automatically for the controls switched to automatic, else on request; a manual
 *   runbook is named with who starts it (a person, who schedules it); an in-place change no runbook
 *   makes, and a change not possible in place, carry their steps. A type with several decisions lists each with the findings it answers.
 * - Given NON_COMPLIANT → COMPLIANT (or NOT_APPLICABLE), then a "resolved" message, unless
 *   resolved messages are turned off.
 * - Given NON_COMPLIANT → INSUFFICIENT_DATA, then nothing is sent (the finding is not shown resolved).
 * - Given a first evaluation that is COMPLIANT, or COMPLIANT → NOT_APPLICABLE, then nothing is sent
 *   (no finding was ever raised).
 * - Given a rule that is not one of this package's controls, then nothing is sent.
 * - Every alert names the framework requirements it is evidence for, and carries the framework ids
 *   as the String.Array attribute `frameworks`, so a PCI team can subscribe to PCI findings only.
 */
import { ORGANIZATION_RULE_PREFIX } from '../controls/rule-names.ts';
import type { RemediationDecision } from '../engine/control.ts';
import type { ComplianceChange } from './compliance-change.ts';
import { frameworkAttribute, frameworkLines, type FrameworkRequirements } from './framework-lines.ts';

export interface ControlSummary {
  id: string;
  title: string;
  severity: string;
  ruleName: string;
  /** The catalog's remediation decisions, by resource type (shared/controls/<id>.ts). */
  remediationDecisions: Readonly<Record<string, readonly RemediationDecision[]>>;
  /** The control's remediation steps, so that an alert carries its own runbook. */
  runbook: readonly string[];
  /** The framework requirements a finding of this control is evidence for (shared/frameworks); none when absent. */
  frameworks?: FrameworkRequirements;
}

export interface NotifierSettings {
  notifyOnResolved: boolean;
  /** Ids of the controls whose remediation Config runs by itself; the others' runs on request. */
  automaticRemediationControls: ReadonlySet<string>;
}

export interface AlertMessage {
  subject: string;
  body: string;
  /** SNS message attributes: a string is sent as String, a list as String.Array. */
  attributes: Record<string, string | readonly string[]>;
}

export type AlertDecision = { publish: true; message: AlertMessage } | { publish: false; reason: string };

/** SNS subjects: ASCII, no line breaks, under 100 characters. */
const MAX_SUBJECT = 99;

/**
 * Conformance packs rename a rule to `<name>-conformance-pack-<suffix>` and organization rules to
 * `OrgConfigRule-<name>-<suffix>`; the control is the longest id whose rule name starts the name.
 */
export function controlOfRule(configRuleName: string, controls: readonly ControlSummary[]): ControlSummary | undefined {
  const name = configRuleName.startsWith(ORGANIZATION_RULE_PREFIX)
    ? configRuleName.slice(ORGANIZATION_RULE_PREFIX.length)
    : configRuleName;
  return controls
    .filter((c) => name === c.ruleName || name.startsWith(`${c.ruleName}-`))
    .sort((a, b) => b.ruleName.length - a.ruleName.length)[0];
}

export function composeAlert(
  change: ComplianceChange,
  controls: readonly ControlSummary[],
  settings: NotifierSettings,
): AlertDecision {
  const control = controlOfRule(change.configRuleName, controls);
  if (!control) return { publish: false, reason: `rule ${change.configRuleName} is not one of this package's controls` };

  const raised = change.newCompliance === 'NON_COMPLIANT';
  const resolved =
    change.oldCompliance === 'NON_COMPLIANT' && (change.newCompliance === 'COMPLIANT' || change.newCompliance === 'NOT_APPLICABLE');
  if (!raised && !resolved) {
    return { publish: false, reason: `${change.oldCompliance ?? 'first evaluation'} -> ${change.newCompliance} raises or clears no finding` };
  }
  if (resolved && !settings.notifyOnResolved) return { publish: false, reason: 'resolved messages are turned off' };

  const status = raised ? `[NON_COMPLIANT][${control.severity}]` : '[RESOLVED]';
  const subject = ascii(`${status} ElastiCache ${control.id}: ${change.resourceId} (${change.accountId} ${change.region})`);
  const body = [
    raised
      ? `An ElastiCache resource does not meet the control "${control.title}".`
      : `An earlier finding for the control "${control.title}" no longer applies.`,
    '',
    `Control:     ${control.id} (severity ${control.severity})`,
    `Resource:    ${change.resourceType} ${change.resourceId}`,
    `Account:     ${change.accountId}`,
    `Region:      ${change.region}`,
    `Compliance:  ${change.oldCompliance ?? 'first evaluation'} -> ${change.newCompliance}`,
    `Finding:     ${change.newAnnotation ?? '(no annotation)'}`,
    `Remediation: ${raised ? remediationLine(control, change.resourceType, settings) : 'none needed.'}`,
    `Config rule: ${change.configRuleName}`,
    `Console:     ${consoleLink(change.region, change.configRuleName)}`,
    ...(change.time ? [`Changed at:  ${change.time}`] : []),
    ...frameworkLines(control.frameworks),
    ...(raised ? ['', 'How to fix it:', ...control.runbook.map((step, i) => `${i + 1}. ${step}`)] : []),
  ].join('\n');
  return {
    publish: true,
    message: {
      subject: subject.length > MAX_SUBJECT ? `${subject.slice(0, MAX_SUBJECT - 3)}...` : subject,
      body,
      attributes: {
        control: control.id,
        complianceType: change.newCompliance,
        severity: control.severity,
        accountId: change.accountId,
        region: change.region,
        resourceType: change.resourceType,
        notification: raised ? 'finding' : 'resolved',
        // An empty list would match no filter policy; a control that maps no framework sends no attribute.
        ...(frameworkAttribute(control.frameworks).length > 0 ? { frameworks: frameworkAttribute(control.frameworks) } : {}),
      },
    },
  };
}

function remediationLine(control: ControlSummary, resourceType: string, settings: NotifierSettings): string {
  const decisions = control.remediationDecisions[resourceType] ?? [];
  if (decisions.length === 0) return `no runbook is declared for ${resourceType}; follow the steps below.`;
  const [only] = decisions;
  if (decisions.length === 1 && only) return decisionText(only, control, settings);
  return `depends on the finding:${decisions.map((decision) => `\n  - ${decision.when ? `${decision.when}: ` : ''}${decisionText(decision, control, settings)}`).join('')}`;
}

function decisionText(decision: RemediationDecision, control: ControlSummary, settings: NotifierSettings): string {
  switch (decision.kind) {
    case 'automated':
      return settings.automaticRemediationControls.has(control.id)
        ? `runs automatically (SSM Automation runbook ${runbookName(decision.document)}): ${decision.summary}`
        : `available on request from the Config console (SSM Automation runbook ${runbookName(decision.document)}): ${decision.summary}`;
    case 'manual':
      return `manual runbook ${runbookName(decision.document)}, started and scheduled by a person (SSM Automation): ${decision.summary}`;
    case 'in-place-by-hand':
      return `in place by hand, no runbook: ${decision.steps.join(' ')}`;
    case 'not-fixable-in-place':
      return `not fixable in place: ${decision.steps.join(' ')}`;
  }
}

/** The runbook's file name under infra/remediation/ without .yaml: the name people search the stack outputs for. */
const runbookName = (document: string): string => document.replace(/\.yaml$/, '');

export function consoleLink(region: string, configRuleName: string): string {
  const host = region.startsWith('cn-')
    ? 'console.amazonaws.cn'
    : region.startsWith('us-gov-')
      ? 'console.amazonaws-us-gov.com'
      : 'console.aws.amazon.com';
  return `https://${host}/config/home?region=${region}#/rules/details?configRuleName=${encodeURIComponent(configRuleName)}`;
}

function ascii(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}
