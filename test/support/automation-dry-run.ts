/**
 * Walks an Automation document's steps against a live API (the local emulator), the way Systems
 * Manager would: API calls with the document's own inputs, checks on PropertySelector/DesiredValues,
 * step outputs, `aws:branch` choices, `isEnd` and `nextStep`.
 *
 * It interprets only what our remediation documents use, with the semantics the user guide gives:
 * a whole `{{ Name }}` reference passes the typed value, DesiredValues compare with the property's
 * text (booleans as True/False), a branch with no true choice and no Default ends at `isEnd`.
 * It is a dry run of the document's logic, not of Systems Manager itself.
 */
import type { AutomationDocument, AutomationStep } from '../../infra/remediation-documents.ts';
import { desiredValueText, select, wholeReference } from './ssm-validator.ts';

/** Calls one API operation (`elasticache`, `DescribeReplicationGroups`) and returns its response. */
export type ApiCaller = (service: string, api: string, input: Record<string, unknown>) => Promise<unknown>;

export interface DryRunOptions {
  /** Stop, without running it, at the first step for which this is true (e.g. before a change). */
  stopBefore?: (step: AutomationStep) => boolean;
  /** How long a wait step polls before it fails; the emulator needs no real waiting. */
  waitTimeoutMs?: number;
}

export interface DryRunResult {
  /** `succeeded`: ran to an end; `failed`: a step failed; `stopped`: stopBefore matched. */
  outcome: 'succeeded' | 'failed' | 'stopped';
  /** Names of the steps run, in order (the failed one included). */
  ran: string[];
  /** The failed step, or the step stopped before. */
  at?: string;
  reason?: string;
}

const NOT_API_INPUTS = ['Service', 'Api', 'PropertySelector', 'DesiredValues'];
const POLL_MS = 100;

export async function dryRun(
  document: AutomationDocument,
  parameters: Readonly<Record<string, unknown>>,
  call: ApiCaller,
  { stopBefore = () => false, waitTimeoutMs = 5_000 }: DryRunOptions = {},
): Promise<DryRunResult> {
  const values = new Map<string, unknown>(Object.entries(parameters));
  const resolve = (value: unknown): unknown => {
    const name = wholeReference(value);
    if (name !== undefined) return lookUp(values, name);
    if (typeof value === 'string') return value.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (_m, ref: string) => String(lookUp(values, ref)));
    if (Array.isArray(value)) return value.map(resolve);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item)]));
    }
    return value;
  };
  const callStep = async (step: AutomationStep): Promise<unknown> => {
    const inputs = resolve(step.inputs) as Record<string, unknown>;
    const apiInputs = Object.fromEntries(Object.entries(inputs).filter(([key]) => !NOT_API_INPUTS.includes(key)));
    return asJson(await call(String(inputs['Service']), String(inputs['Api']), apiInputs));
  };
  const check = async (step: AutomationStep): Promise<string | undefined> => {
    const selector = String(step.inputs['PropertySelector']);
    const desired = (resolve(step.inputs['DesiredValues']) as unknown[]).map(String);
    const actual = select(await callStep(step), selector);
    return desired.includes(desiredValueText(actual))
      ? undefined
      : `${selector} is ${JSON.stringify(actual)}, not one of ${desired.join(', ')}`;
  };

  const ran: string[] = [];
  let index = 0;
  while (index < document.mainSteps.length) {
    const step = document.mainSteps[index]!;
    if (stopBefore(step)) return { outcome: 'stopped', ran, at: step.name };
    ran.push(step.name);
    let next = step.nextStep;
    let failure: string | undefined;
    switch (step.action) {
      case 'aws:assertAwsResourceProperty':
        failure = await check(step);
        break;
      case 'aws:waitForAwsResourceProperty': {
        const deadline = Date.now() + waitTimeoutMs;
        while ((failure = await check(step)) !== undefined && Date.now() < deadline) await sleep(POLL_MS);
        break;
      }
      case 'aws:executeAwsApi': {
        const response = await callStep(step);
        for (const output of step.outputs ?? []) values.set(`${step.name}.${output.Name}`, select(response, output.Selector));
        break;
      }
      case 'aws:branch': {
        const choices = step.inputs['Choices'] as Record<string, unknown>[];
        const taken = choices.find((choice) => choiceHolds(resolve(choice) as Record<string, unknown>));
        next = taken ? String(taken['NextStep']) : (step.inputs['Default'] as string | undefined);
        if (next === undefined && step.isEnd) return { outcome: 'succeeded', ran };
        break;
      }
      default:
        throw new Error(`step ${step.name}: the dry run does not interpret ${step.action}`);
    }
    if (failure !== undefined) return { outcome: 'failed', ran, at: step.name, reason: failure };
    if (step.isEnd && step.action !== 'aws:branch') return { outcome: 'succeeded', ran };
    index = next === undefined ? index + 1 : document.mainSteps.findIndex((candidate) => candidate.name === next);
    if (index < 0) throw new Error(`step ${step.name}: jumps to unknown step ${next}`);
  }
  return { outcome: 'succeeded', ran };
}

function lookUp(values: Map<string, unknown>, name: string): unknown {
  if (!values.has(name)) throw new Error(`{{ ${name} }} has no value in this dry run`);
  return values.get(name);
}

function choiceHolds(choice: Record<string, unknown>): boolean {
  const variable = choice['Variable'];
  const [operator, operand] = Object.entries(choice).find(([key]) => key !== 'NextStep' && key !== 'Variable')!;
  const [a, b] = [Number(variable), Number(operand)];
  switch (operator) {
    case 'NumericEquals': return a === b;
    case 'NumericGreater': return a > b;
    case 'NumericLesser': return a < b;
    case 'NumericGreaterOrEquals': return a >= b;
    case 'NumericLesserOrEquals': return a <= b;
    case 'StringEquals': return String(variable) === String(operand);
    case 'EqualsIgnoreCase': return String(variable).toLowerCase() === String(operand).toLowerCase();
    case 'BooleanEquals': return variable === operand;
    default: throw new Error(`the dry run does not interpret branch operator ${operator}`);
  }
}

/** An SDK v3 response as boto3 would return it to Automation: plain JSON, without `$metadata`. */
export function asJson(response: unknown): unknown {
  return JSON.parse(JSON.stringify(response, (key, value: unknown) => (key === '$metadata' ? undefined : value)));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
