/** Every file generated from the control catalog, by path from the repository root. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { controls, ruleNameOf } from '#shared/controls/catalog.ts';
import { frameworkRequirementsOf } from '#shared/frameworks/mapping.ts';
import { controlReadme, withControlsSection, withRemediationSection } from './control-docs.ts';
import { withTriggersSection } from './detection-docs.ts';
import { withWildcardSection } from './iam-docs.ts';
import { withPreventionSection } from './prevention-docs.ts';
import { ACCOUNT_PACKS, buildAccountConformancePack, buildOrganizationConformancePack } from './conformance-packs.ts';
import { frameworkConformancePacks } from './framework-conformance-packs.ts';
import { buildMemberAccountRoleTemplate, buildOrganizationInvokePermissionsTemplate } from './organization-templates.ts';
import { buildSamTemplate } from './sam-template.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const HEADER = '# Generated from the control catalog (shared/controls/catalog.ts) by `npm run generate`. Do not edit.\n';

export function toYaml(document: unknown): string {
  // YAML 1.1 output quotes values such as 2012-10-17 that older parsers would read as dates.
  return HEADER + stringify(document, { lineWidth: 0, aliasDuplicateObjects: false, version: '1.1' });
}

/**
 * What the notifier needs to know of each control, as a small generated module: importing the
 * catalog itself would pull every control's AWS clients into the notifier's bundle.
 */
export function controlSummariesModule(): string {
  const summaries = controls.map((c) => ({
    id: c.id,
    title: c.title,
    severity: c.severity,
    ruleName: ruleNameOf(c),
    remediationDecisions: c.remediationDecisions,
    runbook: c.remediation,
    frameworks: frameworkRequirementsOf(c),
  }));
  return [
    '// Generated from the control catalog (shared/controls/catalog.ts) by `npm run generate`. Do not edit.',
    "import type { ControlSummary } from './alert-message.ts';",
    '',
    `export const controlSummaries: readonly ControlSummary[] = ${JSON.stringify(summaries, null, 2)};`,
    '',
  ].join('\n');
}

/**
 * What the change detector needs of each control (its id and triggering calls), as a generated
 * module for the same reason: the detector's bundle must not carry every control's AWS clients.
 */
export function controlTriggersModule(): string {
  const triggers = controls.map((c) => ({ id: c.id, triggeringCalls: c.triggeringCalls }));
  return [
    '// Generated from the control catalog (shared/controls/catalog.ts) by `npm run generate`. Do not edit.',
    "import type { ControlTriggers } from './triggering-calls.ts';",
    '',
    `export const controlTriggers: readonly ControlTriggers[] = ${JSON.stringify(triggers, null, 2)};`,
    '',
  ].join('\n');
}

export function generatedFiles(): Record<string, string> {
  const files: Record<string, string> = {
    'template.yaml': toYaml(buildSamTemplate()),
    'shared/alerts/control-summaries.generated.ts': controlSummariesModule(),
    'shared/detection/control-triggers.generated.ts': controlTriggersModule(),
    ...Object.fromEntries(ACCOUNT_PACKS.map((pack) => [pack.path, toYaml(buildAccountConformancePack(pack))])),
    'infra/organization-conformance-pack.yaml': toYaml(buildOrganizationConformancePack()),
    'infra/member-account-role.yaml': toYaml(buildMemberAccountRoleTemplate()),
    'infra/organization-invoke-permissions.yaml': toYaml(buildOrganizationInvokePermissionsTemplate()),
  };
  for (const [path, pack] of Object.entries(frameworkConformancePacks())) files[path] = toYaml(pack);
  for (const control of controls) files[`functions/${control.id}/README.md`] = controlReadme(control);
  if (existsSync(`${root}README.md`)) {
    files['README.md'] = withWildcardSection(withPreventionSection(withRemediationSection(withTriggersSection(withControlsSection(readFileSync(`${root}README.md`, 'utf8'))))));
  }
  return files;
}
