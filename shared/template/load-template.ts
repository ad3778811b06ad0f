/**
 * Reads one file handed to `scan --template` or to the hook, recognises what it is (a CloudFormation
 * or SAM template in YAML or JSON, or a Terraform plan from `terraform show -json`) and translates it.
 * Anything else is refused naming the file and what was expected.
 */
import { parseCloudFormation } from './cloudformation-parse.ts';
import { isRecord } from './records.ts';
import { translateCloudFormation } from './cloudformation-translate.ts';
import type { DeclaredStack } from './declared-stack.ts';
import { TemplateFileError } from './template-errors.ts';
import { isTerraformPlan, translateTerraformPlan } from './terraform-plan.ts';

export const EXPECTED = 'a CloudFormation or SAM template (YAML or JSON, with a Resources section) or a Terraform plan in JSON (terraform show -json)';

export function loadTemplate(file: string, text: string): DeclaredStack {
  if (text.trim() === '') throw new TemplateFileError(file, `the file is empty; expected ${EXPECTED}`);
  if (text.trimStart().startsWith('{')) {
    // JSON is parsed strictly (the YAML parser would forgive a trailing comma), then again by the
    // YAML parser for the lines of the resources.
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new TemplateFileError(file, `not valid JSON (${(error as Error).message.replace(/\s*\(line \d+ column \d+\)/, '')})`, jsonErrorLine(text, error as Error));
    }
    if (isRecord(json) && isTerraformPlan(json)) return translateTerraformPlan(file, json, text);
  }
  const parsed = parseCloudFormation(file, text);
  if (!isRecord(parsed.body.Resources)) throw new TemplateFileError(file, `found no Resources section; expected ${EXPECTED}`);
  return translateCloudFormation(parsed);
}

/** The line of a JSON.parse error, from the position V8 names in its message. */
function jsonErrorLine(text: string, error: Error): number | undefined {
  const line = /\(line (\d+) column \d+\)/.exec(error.message);
  if (line) return Number(line[1]);
  const position = /at position (\d+)/.exec(error.message);
  return position ? text.slice(0, Number(position[1])).split('\n').length : undefined;
}
