/**
 * Walks an Automation document's steps against a live API (the local emulator), the way Systems
 * Manager would: API calls with the document's own inputs, checks on PropertySelector/DesiredValues,
 * step outputs, `aws:branch` choices, `isEnd` and `nextStep`, `aws:executeScript` (the document's
 * Python handler, run with boto3 against the emulator: see automation-runtime.ts),
 * `aws:invokeLambdaFunction` (the built bundle on Node 24), and `onFailure` / `isCritical`.
 *
 * It interprets only what our remediation documents use, with the semantics the user guide gives:
 * a whole `{{ Name }}` reference passes the typed value, DesiredValues compare with the property's
 * text (booleans as True/False), a branch with no true choice and no Default ends at `isEnd`.
 * `onFailure: Abort` (the default) ends the run failed; `Continue` goes on to the next step and,
 * unless the step says `isCritical: true`, does not fail the run; `step:<Name>` goes on there and,
 * unless `isCritical: false`, the run still ends failed. An executeScript step fails when its
 * handler raises; its outputs select from `{ Payload: <returned dict> }`. An invokeLambdaFunction
 * step's outputs are Payload (the function's result as JSON text, or Lambda's error object),
 * StatusCode and FunctionError (`Unhandled` when the function threw).
 * It is a dry run of the document's logic, not of Systems Manager itself.
 */
import type { AutomationDocument, AutomationStep } from '../../infra/remediation-documents.ts';
import { desiredValueText, select, wholeReference } from './ssm-validator.ts';

/** Calls one API operation (`elasticache`, `DescribeReplicationGroups`) and returns its response. */
export type ApiCaller = (service: string, api: string, input: Record<string, unknown>) => Promise<unknown>;

/** Runs an executeScript handler with its InputPayload and returns what it returned; throws if it raised. */
export type ScriptRunner = (script: string, handler: string, payload: Record<string, unknown>) => Promise<unknown>;

/** What invoking a Lambda function gave back, as the Invoke API reports it. */
export type LambdaOutcome = { ok: true; result: unknown } | { ok: false; error: { name: string; message: string } };
export type LambdaInvoker = (functionName: string, payload: unknown) => Promise<LambdaOutcome>;

export interface DryRunOptions {
  /** Stop, without running it, at the first step for which this is true (e.g. before a change). */
  stopBefore?: (step: AutomationStep) => boolean;
  /** Called before each step runs: lets a test change the world between steps (a destination deleted). */
  beforeStep?: (step: AutomationStep) => Promise<void>;
  /** How long a wait step polls before it fails; the emulator needs no real waiting. */
  waitTimeoutMs?: number;
  /** Required by documents with aws:executeScript steps. */
  runScript?: ScriptRunner;
  /** Required by documents with aws:invokeLambdaFunction steps. */
  invoke?: LambdaInvoker;
}

export interface DryRunResult {
  /** `succeeded`: ran to an end; `failed`: a critical step failed; `stopped`: stopBefore matched. */
  outcome: 'succeeded' | 'failed' | 'stopped';
  /** Names of the steps run, in order (the failed one included). */
  ran: string[];
  /** The (first critical) failed step, or the step stopped before. */
  at?: string;
  reason?: string;
  /** Every step that failed, critical or not, with why. */
  failures?: { step: string; reason: string }[];
}

const NOT_API_INPUTS = ['Service', 'Api', 'PropertySelector', 'DesiredValues'];
const POLL_MS = 100;

export async function dryRun(
  document: AutomationDocument,
  parameters: Readonly<Record<string, unknown>>,
  call: ApiCaller,
  options: DryRunOptions = {},
): Promise<DryRunResult> {
  const { stopBefore = () => false, waitTimeoutMs = 5_000 } = options;
  // Parameters not given take their declared defaults, as when Automation starts a document.
  const defaults = Object.entries(document.parameters).filter(([, declared]) => 'default' in declared).map(([name, declared]) => [name, declared.default] as const);
  const values = new Map<string, unknown>([...defaults, ...Object.entries(parameters)]);
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

  const runScript = async (step: AutomationStep): Promise<string | undefined> => {
    if (!options.runScript) throw new Error(`step ${step.name}: this dry run was given no runScript for aws:executeScript`);
    const inputs = step.inputs;
    if (inputs['Runtime'] !== 'python3.11') throw new Error(`step ${step.name}: the dry run runs only Runtime python3.11`);
    const payload = (resolve(inputs['InputPayload'] ?? {}) ?? {}) as Record<string, unknown>;
    let returned: unknown;
    try {
      returned = await options.runScript(String(inputs['Script']), String(inputs['Handler']), payload);
    } catch (error) {
      return (error as Error).message;
    }
    values.set(`${step.name}.OutputPayload`, { Payload: returned });
    for (const output of step.outputs ?? []) {
      const value = select({ Payload: returned }, output.Selector);
      if (value === undefined) return `output ${output.Name}: ${output.Selector} selects nothing in what the script returned`;
      values.set(`${step.name}.${output.Name}`, value);
    }
    return undefined;
  };
  const invokeFunction = async (step: AutomationStep): Promise<string | undefined> => {
    if (!options.invoke) throw new Error(`step ${step.name}: this dry run was given no invoke for aws:invokeLambdaFunction`);
    const inputs = resolve(step.inputs) as Record<string, unknown>;
    const payload = inputs['InputPayload'] ?? (typeof inputs['Payload'] === 'string' ? JSON.parse(inputs['Payload']) : {});
    let outcome: LambdaOutcome;
    try {
      outcome = await options.invoke(String(inputs['FunctionName']), payload);
    } catch (error) {
      return `Invoke failed: ${(error as Error).message}`;
    }
    values.set(`${step.name}.StatusCode`, 200);
    if (outcome.ok) {
      values.set(`${step.name}.Payload`, JSON.stringify(outcome.result));
    } else {
      values.set(`${step.name}.FunctionError`, 'Unhandled');
      values.set(`${step.name}.Payload`, JSON.stringify({ errorType: outcome.error.name, errorMessage: outcome.error.message }));
    }
    return undefined;
  };

  const ran: string[] = [];
  const failures: { step: string; reason: string }[] = [];
  let critical: { step: string; reason: string } | undefined;
  const finish = (): DryRunResult =>
    critical
      ? { outcome: 'failed', ran, at: critical.step, reason: critical.reason, failures }
      : { outcome: 'succeeded', ran, ...(failures.length > 0 ? { failures } : {}) };
  let index = 0;
  while (index < document.mainSteps.length) {
    const step = document.mainSteps[index]!;
    if (stopBefore(step)) return { outcome: 'stopped', ran, at: step.name };
    await options.beforeStep?.(step);
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
        let response: unknown;
        try {
          response = await callStep(step);
        } catch (error) {
          failure = `${String(step.inputs['Api'])} failed: ${(error as Error).message}`;
          break;
        }
        for (const output of step.outputs ?? []) values.set(`${step.name}.${output.Name}`, select(response, output.Selector));
        break;
      }
      case 'aws:executeScript':
        failure = await runScript(step);
        break;
      case 'aws:invokeLambdaFunction':
        failure = await invokeFunction(step);
        break;
      case 'aws:branch': {
        const choices = step.inputs['Choices'] as Record<string, unknown>[];
        const taken = choices.find((choice) => choiceHolds(resolve(choice) as Record<string, unknown>));
        next = taken ? String(taken['NextStep']) : (step.inputs['Default'] as string | undefined);
        if (next === undefined && step.isEnd) return finish();
        break;
      }
      default:
        throw new Error(`step ${step.name}: the dry run does not interpret ${step.action}`);
    }
    if (failure !== undefined) {
      failures.push({ step: step.name, reason: failure });
      const onFailure = String(step['onFailure'] ?? 'Abort');
      // isCritical defaults to false with onFailure Continue, to true otherwise (user guide,
      // "Properties shared by all actions").
      const isCritical = typeof step['isCritical'] === 'boolean' ? step['isCritical'] : onFailure !== 'Continue';
      if (isCritical) critical ??= { step: step.name, reason: failure };
      if (onFailure === 'Abort') return finish();
      if (onFailure.startsWith('step:')) next = onFailure.slice('step:'.length);
      else next = undefined; // Continue: the next step in order
    } else if (step.isEnd && step.action !== 'aws:branch') {
      return finish();
    }
    index = next === undefined ? index + 1 : document.mainSteps.findIndex((candidate) => candidate.name === next);
    if (index < 0) throw new Error(`step ${step.name}: jumps to unknown step ${next}`);
  }
  return finish();
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
    case 'StartsWith': return String(variable).startsWith(String(operand));
    case 'Contains': return String(variable).includes(String(operand));
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
