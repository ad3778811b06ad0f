/** Every file generated from the control catalog, by path from the repository root. */
import { stringify } from 'yaml';
import { buildSamTemplate } from './sam-template.ts';

const HEADER = '# Generated from the control catalog (shared/controls/catalog.ts) by `npm run generate`. Do not edit.\n';

export function toYaml(document: unknown): string {
  return HEADER + stringify(document, { lineWidth: 0, aliasDuplicateObjects: false, version: '1.1' });
}

export function generatedFiles(): Record<string, string> {
  return { 'template.yaml': toYaml(buildSamTemplate()) };
}
