/**
 * The "Framework requirements" table of a control's README: per framework, the requirement ids
 * the control's findings are evidence for and on what basis, from shared/frameworks/mappings.ts.
 */
import type { ControlDefinition } from '#shared/engine/control.ts';
import { FRAMEWORKS, FRAMEWORK_IDS } from '#shared/frameworks/frameworks.ts';
import { groupsOf } from '#shared/frameworks/mapping.ts';

const cell = (text: string): string => text.replace(/\|/g, '\\|');

export function frameworkSection(control: ControlDefinition<any, any>): string[] {
  const rows = FRAMEWORK_IDS.flatMap((framework) => {
    const decision = control.frameworks[framework];
    const name = `${FRAMEWORKS[framework].name} (\`${framework}\`)`;
    if (decision === undefined) return [`| ${name} | — | not yet decided |`];
    if (!Array.isArray(decision)) return [`| ${name} | — | none: ${cell((decision as { none: string }).none)} |`];
    return groupsOf(decision).map(
      (group) =>
        `| ${name} | ${group.requirements.join(', ')} | ${'published' in group.basis ? `published: ${cell(group.basis.published)}` : `ours: ${cell(group.basis.ours)}`} |`,
    );
  });
  return [
    '## Framework requirements',
    '',
    'The requirements this control\'s findings are evidence for. *published*: copied from the named source for this same check; *ours*: this project\'s judgement, with why.',
    '',
    '| framework | requirements | basis |',
    '|---|---|---|',
    ...rows,
    '',
  ];
}
