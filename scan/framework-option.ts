/**
 * `scan --framework ID`: the controls that map at least one requirement of the framework, in
 * catalog order (and among --controls, when both are given). An unknown id is a usage error that
 * lists the known ones.
 */
import type { Control } from '#shared/engine/control.ts';
import { FRAMEWORK_IDS, isFrameworkId, type FrameworkId } from '#shared/frameworks/frameworks.ts';
import { requirementsOf } from '#shared/frameworks/mapping.ts';

export class UnknownFrameworkError extends Error {
  override readonly name = 'UnknownFrameworkError';
}

export function controlsForFramework(
  value: string,
  selected: readonly Control<any, any>[],
): { framework: FrameworkId; controls: Control<any, any>[] } {
  if (!isFrameworkId(value)) {
    throw new UnknownFrameworkError(`--framework "${value}" is not a framework id; known: ${FRAMEWORK_IDS.join(', ')}.`);
  }
  const controls = selected.filter((control) => requirementsOf(control.frameworks, value).length > 0);
  if (controls.length === 0) {
    throw new UnknownFrameworkError(`--framework ${value}: none of the selected controls (${selected.map((c) => c.id).join(', ')}) maps a requirement of it.`);
  }
  return { framework: value, controls };
}
