/**
 * The CloudFormation Lambda hook (AWS::CloudFormation::LambdaHook, resource operations): before
 * CloudFormation creates or updates an ElastiCache cache, it hands the resource's properties to this
 * function, which judges them with the catalog's controls and parameters, exactly as `scan --template`
 * judges a template, and answers within the hook's 30 seconds.
 *
 * Request and response follow the CloudFormation Hooks User Guide ("Create Lambda functions to
 * evaluate resources for Lambda Hooks"): `requestData.targetName` is the resource type,
 * `targetLogicalId` the logical id, `targetModel.resourceProperties` the proposed properties (resolved
 * by CloudFormation) and `actionInvocationPoint` CREATE_PRE_PROVISION, UPDATE_PRE_PROVISION or
 * DELETE_PRE_PROVISION; the answer is `{hookStatus, errorCode, message, clientRequestToken}`.
 *
 * A NON_COMPLIANT finding fails the hook (NonCompliant; the stack stops when FailureMode is FAIL, a
 * warning is shown when it is WARN). UNDETERMINED findings (a security group or key defined elsewhere)
 * do not fail it: the hook reads nothing from the account, and the deployed rules judge those once the
 * cache exists; they are named in the message and logged. Input the hook cannot read is an
 * InternalFailure, never a pass.
 */
import { controls as catalog } from '../controls/catalog.ts';
import type { ControlDefinition } from '../engine/control.ts';
import { InvalidParameterError } from '../engine/errors.ts';
import { logger as defaultLogger } from '../engine/logger.ts';
import { parseParameters } from '../engine/parameters.ts';
import { isRecord } from './records.ts';
import { CFN_CACHE_TYPES, translateCloudFormation } from './cloudformation-translate.ts';
import { evaluateDeclared, type TemplateFinding } from './evaluate-declared.ts';

export type HookStatus = 'SUCCESS' | 'FAILED';

export interface HookResponse {
  hookStatus: HookStatus;
  errorCode?: 'NonCompliant' | 'InternalFailure';
  message: string;
  clientRequestToken?: string;
}

export interface HookVerdict {
  response: HookResponse;
  /** Every finding, for the log. */
  findings: TemplateFinding[];
}

/** CloudFormation truncates a hook's message to 4096 characters; we cut it ourselves, marking the cut. */
export const MAX_HOOK_MESSAGE = 4096;

const INVOCATION_POINTS = ['CREATE_PRE_PROVISION', 'UPDATE_PRE_PROVISION', 'DELETE_PRE_PROVISION'];

export class HookRequestError extends Error {
  override readonly name = 'HookRequestError';
}

/**
 * Control parameters for the hook, from the HOOK_PARAMETERS environment variable: JSON of
 * `{ "<control>": { "<parameter>": "<value>" } }`, validated as the rules validate theirs.
 */
export function hookParameters(env: NodeJS.ProcessEnv, controls: readonly ControlDefinition<any, any>[] = catalog): Record<string, Record<string, unknown>> {
  let raw: unknown = {};
  if (env.HOOK_PARAMETERS?.trim()) {
    try {
      raw = JSON.parse(env.HOOK_PARAMETERS);
    } catch {
      throw new HookRequestError('Environment variable HOOK_PARAMETERS is not JSON ({"control": {"parameter": "value"}}).');
    }
  }
  if (!isRecord(raw)) throw new HookRequestError('Environment variable HOOK_PARAMETERS must be a JSON object of control ids.');
  const unknown = Object.keys(raw).filter((id) => !controls.some((c) => c.id === id));
  if (unknown.length > 0) throw new HookRequestError(`HOOK_PARAMETERS names no such control: ${unknown.join(', ')}.`);
  const parameters: Record<string, Record<string, unknown>> = {};
  for (const control of controls) {
    const given = raw[control.id];
    // A control given anything but an object of parameters is a mistake, never a request for the defaults.
    if (given !== undefined && !isRecord(given)) throw new HookRequestError(`HOOK_PARAMETERS ${control.id} must be an object of parameter values ({"parameter": "value"}).`);
    try {
      parameters[control.id] = parseParameters(control.parameters, isRecord(given) ? (given as Record<string, string>) : {});
    } catch (error) {
      if (error instanceof InvalidParameterError) throw new HookRequestError(`HOOK_PARAMETERS ${control.id}.${error.parameter}: ${error.message}`);
      throw error;
    }
  }
  return parameters;
}

function failure(errorCode: 'NonCompliant' | 'InternalFailure', message: string, token: string | undefined): HookResponse {
  return { hookStatus: 'FAILED', errorCode, message: fit(message), ...(token ? { clientRequestToken: token } : {}) };
}

function fit(message: string): string {
  return message.length <= MAX_HOOK_MESSAGE ? message : `${message.slice(0, MAX_HOOK_MESSAGE - 1)}…`;
}

export async function judgeHookRequest(
  event: unknown,
  options: { parameters: Record<string, Record<string, unknown>>; controls?: readonly ControlDefinition<any, any>[]; now?: Date },
): Promise<HookVerdict> {
  const token = isRecord(event) && typeof event.clientRequestToken === 'string' ? event.clientRequestToken : undefined;
  const malformed = (why: string): HookVerdict => ({ response: failure('InternalFailure', `The hook request cannot be judged: ${why}.`, token), findings: [] });
  if (!isRecord(event)) return malformed('it is not a JSON object');
  const point = event.actionInvocationPoint;
  if (typeof point !== 'string' || !INVOCATION_POINTS.includes(point)) return malformed(`actionInvocationPoint ${JSON.stringify(point)} is not one of ${INVOCATION_POINTS.join(', ')}`);
  const data = event.requestData;
  if (!isRecord(data)) return malformed('requestData is missing');
  const type = data.targetName;
  const logicalId = data.targetLogicalId;
  if (typeof type !== 'string' || type === '') return malformed('requestData.targetName (the resource type) is missing');
  if (typeof logicalId !== 'string' || logicalId === '') return malformed('requestData.targetLogicalId is missing');

  const ok = (message: string): HookVerdict => ({ response: { hookStatus: 'SUCCESS', message, ...(token ? { clientRequestToken: token } : {}) }, findings: [] });
  if (point === 'DELETE_PRE_PROVISION') return ok(`Deleting ${logicalId} is not judged.`);
  if (!(type in CFN_CACHE_TYPES)) return ok(`${type} is not a cache this hook judges.`);
  const model = data.targetModel;
  if (!isRecord(model) || !isRecord(model.resourceProperties)) return malformed('requestData.targetModel.resourceProperties is missing');

  const stack = translateCloudFormation({
    file: `stack resource ${logicalId}`,
    body: { Resources: { [logicalId]: { Type: type, Properties: model.resourceProperties } } },
    resourceLines: new Map(),
  });
  const findings = await evaluateDeclared(stack, { controls: options.controls ?? catalog, parameters: options.parameters, evaluationTime: options.now ?? new Date() });
  const failed = findings.filter((f) => f.compliance === 'NON_COMPLIANT');
  const undetermined = findings.filter((f) => f.compliance === 'UNDETERMINED');
  const list = (items: TemplateFinding[]) => items.map((f) => `${f.control}: ${f.annotation}`).join(' ');
  const later = undetermined.length > 0 ? ` Judged once deployed (${undetermined.length}): ${list(undetermined)}` : '';
  if (failed.length > 0) {
    return { response: failure('NonCompliant', `${logicalId} (${type}) fails ${failed.length} control${failed.length === 1 ? '' : 's'}: ${list(failed)}${later}`, token), findings };
  }
  return { ...ok(`${logicalId} (${type}) passes every control that can be judged before deployment.${later}`), findings };
}

interface HookLogger {
  info(message: string, extra: Record<string, unknown>): void;
  error(message: string, extra: Record<string, unknown>): void;
}

/** The Lambda entry: parameters read once per environment, every verdict logged whole. */
export function createHookHandler(env: NodeJS.ProcessEnv = process.env, logger: HookLogger = defaultLogger): (event: unknown) => Promise<HookResponse> {
  return async (event) => {
    const token = isRecord(event) && typeof event.clientRequestToken === 'string' ? event.clientRequestToken : undefined;
    try {
      const { response, findings } = await judgeHookRequest(event, { parameters: hookParameters(env) });
      const requestData = isRecord(event) && isRecord(event.requestData) ? event.requestData : {};
      logger.info('hook verdict', {
        hookStatus: response.hookStatus,
        errorCode: response.errorCode,
        target: requestData.targetLogicalId,
        resourceType: requestData.targetName,
        findings: findings.map(({ control, compliance, annotation }) => ({ control, compliance, annotation })),
      });
      return response;
    } catch (error) {
      // Never a pass on an error: the hook fails closed, and FailureMode decides whether that blocks.
      logger.error('hook failed', { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      return failure('InternalFailure', `The hook could not judge the resource: ${error instanceof Error ? error.message : String(error)}`, token);
    }
  };
}
