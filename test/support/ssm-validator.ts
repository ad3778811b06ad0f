/**
 * Offline validation of SSM Automation documents (schema 0.3) against the AWS service models that
 * botocore ships: the same models the `aws:executeAwsApi`, `aws:waitForAwsResourceProperty` and
 * `aws:assertAwsResourceProperty` actions call through (they run boto3).
 *
 * Document syntax follows the Systems Manager user guide: "Data elements and parameters", "Properties
 * shared by all actions", the three API actions' pages and `aws:branch`.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

// ---------------------------------------------------------------------------------------------
// botocore service models

export interface ShapeRef {
  shape: string;
}

export interface Shape {
  type: string;
  members?: Record<string, ShapeRef>;
  required?: string[];
  member?: ShapeRef;
  value?: ShapeRef;
  enum?: string[];
}

export interface ServiceModel {
  operations: Record<string, { input?: ShapeRef; output?: ShapeRef }>;
  shapes: Record<string, Shape>;
}

/** Returns the model of a botocore service name (`elasticache`), or undefined when there is none. */
export type ModelLoader = (service: string) => ServiceModel | undefined;

const BOTOCORE_DATA = fileURLToPath(new URL('../../.venv/lib/python3.11/site-packages/botocore/data/', import.meta.url));

/** Reads `<data>/<service>/<newest api version>/service-2.json.gz`, once per service. */
export function botocoreModels(dataDirectory: string = BOTOCORE_DATA): ModelLoader {
  if (!existsSync(dataDirectory)) {
    throw new Error(`${dataDirectory} is missing: run \`make deps\` (botocore comes with moto in .venv).`);
  }
  const cache = new Map<string, ServiceModel | undefined>();
  return (service) => {
    if (!/^[a-z0-9-]+$/.test(service)) return undefined;
    if (!cache.has(service)) cache.set(service, readModel(join(dataDirectory, service)));
    return cache.get(service);
  };
}

function readModel(serviceDirectory: string): ServiceModel | undefined {
  if (!existsSync(serviceDirectory)) return undefined;
  // Version directories are API dates (2015-02-02), so the newest sorts last.
  const versions = readdirSync(serviceDirectory)
    .filter((version) => existsSync(join(serviceDirectory, version, 'service-2.json.gz')))
    .sort();
  const newest = versions.at(-1);
  if (newest === undefined) return undefined;
  return JSON.parse(gunzipSync(readFileSync(join(serviceDirectory, newest, 'service-2.json.gz'))).toString('utf8'));
}

// ---------------------------------------------------------------------------------------------
// Selectors (`$.ReplicationGroups[0].Status`) and how the API actions compare their values

type Segment = { member: string } | { index: number };

export class UnsupportedSelectorError extends Error {
  constructor(selector: string) {
    super(`selector ${JSON.stringify(selector)} is not of the form $.Member[0].Member`);
    this.name = 'UnsupportedSelectorError';
  }
}

export function parseSelector(selector: string): Segment[] {
  const match = /^\$((?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*)$/.exec(selector);
  if (!match) throw new UnsupportedSelectorError(selector);
  return [...match[1]!.matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g)].map((part) =>
    part[1] !== undefined ? { member: part[1] } : { index: Number(part[2]) },
  );
}

/** Evaluates a selector on a JSON value; undefined when any step of the path is missing. */
export function select(value: unknown, selector: string): unknown {
  let current: unknown = value;
  for (const segment of parseSelector(selector)) {
    if ('member' in segment) {
      if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
      current = (current as Record<string, unknown>)[segment.member];
    } else {
      if (!Array.isArray(current)) return undefined;
      current = current[segment.index];
    }
  }
  return current;
}

/**
 * The text a resolved property is compared with DesiredValues as. The user guide asks for booleans
 * as `True`/`False` ("you must use a capital letter"), i.e. Python's `str()` of the boto3 value.
 */
export function desiredValueText(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}

/** The shape a selector lands on in an operation's output, or a message saying where it stops. */
export function shapeAtSelector(model: ServiceModel, shapeName: string, selector: string): { shape: Shape } | { problem: string } {
  let segments: Segment[];
  try {
    segments = parseSelector(selector);
  } catch (error) {
    return { problem: (error as Error).message };
  }
  let name = shapeName;
  let shape = model.shapes[name]!;
  for (const segment of segments) {
    const next = 'member' in segment ? shape.members?.[segment.member] : shape.type === 'list' ? shape.member : undefined;
    if (next === undefined) {
      const step = 'member' in segment ? `.${segment.member}` : `[${segment.index}]`;
      return { problem: `${selector}: ${name} (${shape.type}) has no ${step}` };
    }
    name = next.shape;
    shape = model.shapes[name]!;
  }
  return { shape };
}

// ---------------------------------------------------------------------------------------------
// The document syntax

const PARAMETER_TYPES = ['String', 'StringList', 'Integer', 'Boolean', 'MapList', 'StringMap'];
const TOP_LEVEL_KEYS = ['schemaVersion', 'description', 'assumeRole', 'parameters', 'mainSteps', 'outputs', 'files'];
const PARAMETER_KEYS = ['type', 'description', 'default', 'allowedValues', 'allowedPattern', 'displayType', 'minItems', 'maxItems', 'minChars', 'maxChars'];
const STEP_KEYS = ['name', 'action', 'description', 'maxAttempts', 'timeoutSeconds', 'onFailure', 'onCancel', 'isEnd', 'isCritical', 'nextStep', 'inputs', 'outputs'];
const API_ACTIONS = ['aws:executeAwsApi', 'aws:waitForAwsResourceProperty', 'aws:assertAwsResourceProperty'];
const OTHER_ACTIONS = [
  'aws:approve', 'aws:branch', 'aws:changeInstanceState', 'aws:copyImage', 'aws:createImage', 'aws:createStack',
  'aws:createTags', 'aws:deleteImage', 'aws:deleteStack', 'aws:executeAutomation', 'aws:executeScript',
  'aws:executeStateMachine', 'aws:invokeLambdaFunction', 'aws:pause', 'aws:runCommand', 'aws:runInstances', 'aws:sleep',
];
/** Inputs of the API actions that are not API parameters. */
const ACTION_INPUTS: Record<string, string[]> = {
  'aws:executeAwsApi': ['Service', 'Api'],
  'aws:waitForAwsResourceProperty': ['Service', 'Api', 'PropertySelector', 'DesiredValues'],
  'aws:assertAwsResourceProperty': ['Service', 'Api', 'PropertySelector', 'DesiredValues'],
};
const BRANCH_OPERATORS: Record<string, 'String' | 'Integer' | 'Boolean'> = {
  StringEquals: 'String', EqualsIgnoreCase: 'String', StartsWith: 'String', EndsWith: 'String', Contains: 'String',
  NumericEquals: 'Integer', NumericGreater: 'Integer', NumericLesser: 'Integer',
  NumericGreaterOrEquals: 'Integer', NumericLesserOrEquals: 'Integer', BooleanEquals: 'Boolean',
};

const WHOLE_REFERENCE = /^\{\{\s*([^{}\s]+)\s*\}\}$/;
const ANY_REFERENCE = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/** The name in a value that is exactly one `{{ Name }}` reference, else undefined. */
export function wholeReference(value: unknown): string | undefined {
  return typeof value === 'string' ? WHOLE_REFERENCE.exec(value)?.[1] : undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const show = (value: unknown): string => `${Array.isArray(value) ? 'list' : typeof value} ${JSON.stringify(value)}`;

/** Which botocore shape types a value of each document type can fill. */
function documentTypeFits(type: string, shape: Shape, model: ServiceModel): boolean {
  const memberType = shape.member ? model.shapes[shape.member.shape]?.type : undefined;
  switch (type) {
    case 'Integer': return shape.type === 'integer' || shape.type === 'long';
    case 'Boolean': return shape.type === 'boolean';
    case 'String': return shape.type === 'string';
    case 'StringList': return shape.type === 'list' && memberType === 'string';
    case 'StringMap': return shape.type === 'structure' || shape.type === 'map';
    case 'MapList': return shape.type === 'list' && (memberType === 'structure' || memberType === 'map');
    default: return false;
  }
}

function literalFits(value: unknown, type: string): boolean {
  switch (type) {
    case 'String': return typeof value === 'string';
    case 'Integer': return Number.isInteger(value);
    case 'Boolean': return typeof value === 'boolean';
    case 'StringList': return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'StringMap': return isObject(value);
    case 'MapList': return Array.isArray(value) && value.every(isObject);
    default: return false;
  }
}

/**
 * Every problem found in a document, each naming the place at fault; empty when the document is
 * valid. `models` supplies the botocore service models.
 */
export function validateAutomationDocument(document: unknown, models: ModelLoader): string[] {
  const problems: string[] = [];
  if (!isObject(document)) return ['the document is not a mapping'];

  for (const key of Object.keys(document)) {
    if (!TOP_LEVEL_KEYS.includes(key)) problems.push(`unknown top-level key "${key}"`);
  }
  if (document['schemaVersion'] !== '0.3') {
    problems.push(`schemaVersion must be the string "0.3" (got ${show(document['schemaVersion'])})`);
  }

  // Parameters: name → declared type.
  const types = new Map<string, string>();
  const parameters = document['parameters'] ?? {};
  if (!isObject(parameters)) problems.push('parameters is not a mapping');
  for (const [name, declaration] of Object.entries(isObject(parameters) ? parameters : {})) {
    const where = `parameter ${name}`;
    if (!isObject(declaration)) {
      problems.push(`${where} is not a mapping`);
      continue;
    }
    for (const key of Object.keys(declaration)) {
      if (!PARAMETER_KEYS.includes(key)) problems.push(`${where}: unknown option "${key}"`);
    }
    const type = declaration['type'];
    if (typeof type !== 'string' || !PARAMETER_TYPES.includes(type)) {
      problems.push(`${where}: type must be one of ${PARAMETER_TYPES.join(', ')} (got ${show(type)})`);
      continue;
    }
    types.set(name, type);
    let pattern: RegExp | undefined;
    if (declaration['allowedPattern'] !== undefined) {
      try {
        pattern = new RegExp(String(declaration['allowedPattern']));
      } catch (error) {
        problems.push(`${where}: allowedPattern is not a regular expression (${(error as Error).message})`);
      }
    }
    if ('default' in declaration) {
      const value = declaration['default'];
      if (!literalFits(value, type)) problems.push(`${where}: default ${show(value)} is not a ${type}`);
      else if (pattern && !pattern.test(String(value))) problems.push(`${where}: default ${show(value)} does not match allowedPattern`);
    }
  }

  const steps = document['mainSteps'];
  if (!Array.isArray(steps) || steps.length === 0) {
    problems.push('mainSteps must be a non-empty list');
    return problems;
  }
  const names = steps.map((step) => (isObject(step) ? step['name'] : undefined));
  const indexOf = (name: unknown) => names.indexOf(name);
  names.forEach((name, index) => {
    if (typeof name !== 'string' || !/^\w+$/.test(name)) problems.push(`step ${index + 1}: name must be letters, digits or _ (got ${show(name)})`);
    else if (names.indexOf(name) !== index) problems.push(`step ${name}: the name is used by more than one step`);
  });

  // Step outputs declared so far, "Step.Output" → type; a reference may only use earlier outputs.
  const outputs = new Map<string, string>();
  const referenceType = (name: string): string | undefined =>
    types.get(name) ?? outputs.get(name) ?? (/^(automation|global):[A-Z_]+$/.test(name) ? 'String' : undefined);

  const checkReferences = (value: unknown, where: string): void => {
    if (typeof value === 'string') {
      for (const [, name] of value.matchAll(ANY_REFERENCE)) {
        if (referenceType(name!) === undefined) problems.push(`${where}: {{ ${name} }} names no parameter and no earlier step output`);
      }
    } else if (Array.isArray(value)) value.forEach((item, i) => checkReferences(item, `${where}[${i}]`));
    else if (isObject(value)) for (const [key, item] of Object.entries(value)) checkReferences(item, `${where}.${key}`);
  };

  const assumeRole = document['assumeRole'];
  if (assumeRole !== undefined) {
    const name = wholeReference(assumeRole);
    if (name === undefined || types.get(name) !== 'String') problems.push(`assumeRole must be a {{ reference }} to a String parameter (got ${show(assumeRole)})`);
  }

  steps.forEach((step, index) => {
    if (!isObject(step)) {
      problems.push(`step ${index + 1} is not a mapping`);
      return;
    }
    const where = `step ${String(step['name'])}`;
    for (const key of Object.keys(step)) {
      if (!STEP_KEYS.includes(key)) problems.push(`${where}: unknown property "${key}"`);
    }
    problems.push(...checkCommonProperties(step, where, (name) => indexOf(name) > index));
    const action = step['action'];
    const inputs = step['inputs'];
    if (typeof action !== 'string' || ![...API_ACTIONS, ...OTHER_ACTIONS].includes(action)) {
      problems.push(`${where}: unknown action ${show(action)}`);
      return;
    }
    if (!isObject(inputs)) {
      problems.push(`${where}: inputs must be a mapping`);
      return;
    }
    checkReferences(inputs, `${where} inputs`);
    if (API_ACTIONS.includes(action)) {
      problems.push(...checkApiStep(step, action, inputs, where, models, referenceType, outputs));
    } else if (action === 'aws:executeScript') {
      problems.push(...checkScriptStep(step, inputs, where, outputs));
    } else if (action === 'aws:invokeLambdaFunction') {
      problems.push(...checkLambdaStep(step, inputs, where, outputs));
    } else if (action === 'aws:branch') {
      problems.push(...checkBranch(inputs, where, (name) => indexOf(name) > index, referenceType));
    }
  });
  return problems;
}

function checkCommonProperties(step: Record<string, unknown>, where: string, isLaterStep: (name: string) => boolean): string[] {
  const problems: string[] = [];
  for (const key of ['timeoutSeconds', 'maxAttempts']) {
    const value = step[key];
    if (value !== undefined && !(Number.isInteger(value) && (value as number) > 0)) problems.push(`${where}: ${key} must be a positive integer (got ${show(value)})`);
  }
  for (const key of ['isEnd', 'isCritical']) {
    if (step[key] !== undefined && typeof step[key] !== 'boolean') problems.push(`${where}: ${key} must be true or false (got ${show(step[key])})`);
  }
  if (step['nextStep'] !== undefined && !isLaterStep(String(step['nextStep']))) {
    problems.push(`${where}: nextStep ${show(step['nextStep'])} names no later step`);
  }
  const onFailure = step['onFailure'];
  if (onFailure !== undefined && !(onFailure === 'Abort' || onFailure === 'Continue' || (typeof onFailure === 'string' && onFailure.startsWith('step:') && isLaterStep(onFailure.slice(5))))) {
    problems.push(`${where}: onFailure must be Abort, Continue or step:<a later step> (got ${show(onFailure)})`);
  }
  return problems;
}

function checkApiStep(
  step: Record<string, unknown>,
  action: string,
  inputs: Record<string, unknown>,
  where: string,
  models: ModelLoader,
  referenceType: (name: string) => string | undefined,
  outputs: Map<string, string>,
): string[] {
  const problems: string[] = [];
  const service = inputs['Service'];
  const api = inputs['Api'];
  const model = typeof service === 'string' ? models(service) : undefined;
  if (model === undefined) return [`${where}: Service ${show(service)} is not a botocore service`];
  const operation = typeof api === 'string' ? model.operations[api] : undefined;
  if (operation === undefined) return [`${where}: Api ${show(api)} is not an operation of ${String(service)}`];

  // API parameters: members of the operation's input shape, of the right type, required ones present.
  const parameters = Object.fromEntries(Object.entries(inputs).filter(([key]) => !ACTION_INPUTS[action]!.includes(key)));
  if (operation.input) {
    problems.push(...checkValue(parameters, operation.input.shape, `${where} ${String(api)}`, model, referenceType));
  } else if (Object.keys(parameters).length > 0) {
    problems.push(`${where}: ${String(api)} takes no input, got ${Object.keys(parameters).join(', ')}`);
  }

  const output = operation.output?.shape;
  const leafOf = (selector: unknown, label: string): Shape | undefined => {
    if (typeof selector !== 'string') {
      problems.push(`${where}: ${label} must be a string`);
      return undefined;
    }
    if (output === undefined) {
      problems.push(`${where}: ${String(api)} returns nothing for ${label} to select`);
      return undefined;
    }
    const found = shapeAtSelector(model, output, selector);
    if ('problem' in found) problems.push(`${where}: ${label} ${found.problem}`);
    return 'shape' in found ? found.shape : undefined;
  };

  if (action !== 'aws:executeAwsApi') {
    const leaf = leafOf(inputs['PropertySelector'], 'PropertySelector');
    const desired = inputs['DesiredValues'];
    if (!Array.isArray(desired) || desired.length === 0) problems.push(`${where}: DesiredValues must be a non-empty list`);
    else if (leaf) desired.forEach((value) => problems.push(...checkDesiredValue(value, leaf, where, referenceType)));
  } else if (step['outputs'] !== undefined) {
    if (!Array.isArray(step['outputs'])) problems.push(`${where}: outputs must be a list`);
    for (const declared of Array.isArray(step['outputs']) ? step['outputs'] : []) {
      const { Name: name, Selector: selector, Type: type } = (isObject(declared) ? declared : {}) as Record<string, unknown>;
      if (typeof name !== 'string' || typeof type !== 'string' || !PARAMETER_TYPES.includes(type)) {
        problems.push(`${where}: each output needs a Name and a Type among ${PARAMETER_TYPES.join(', ')}`);
        continue;
      }
      const leaf = leafOf(selector, `output ${name} Selector`);
      if (leaf && !documentTypeFits(type, leaf, model)) problems.push(`${where}: output ${name} is declared ${type} but selects a ${leaf.type}`);
      outputs.set(`${String(step['name'])}.${name}`, type);
    }
  }
  return problems;
}

/**
 * aws:executeScript (user guide, "aws:executeScript – Run a script"): Runtime, Handler and Script
 * (inline; attachments are not used here), InputPayload a mapping; outputs select from
 * `$.Payload.<key>` of what the handler returns. The handler must be a function the script defines.
 */
const SCRIPT_RUNTIMES = ['python3.11', 'python3.10', 'python3.9', 'python3.8', 'PowerShell 7.4', 'PowerShell 7.0'];
const SCRIPT_INPUTS = ['Runtime', 'Handler', 'Script', 'InputPayload', 'Attachment'];

function checkScriptStep(step: Record<string, unknown>, inputs: Record<string, unknown>, where: string, outputs: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(inputs)) {
    if (!SCRIPT_INPUTS.includes(key)) problems.push(`${where}: "${key}" is not an input of aws:executeScript`);
  }
  const runtime = inputs['Runtime'];
  if (typeof runtime !== 'string' || !SCRIPT_RUNTIMES.includes(runtime)) problems.push(`${where}: Runtime must be one of ${SCRIPT_RUNTIMES.join(', ')} (got ${show(runtime)})`);
  const handler = inputs['Handler'];
  const script = inputs['Script'];
  if (typeof handler !== 'string' || !/^[A-Za-z_]\w*$/.test(handler)) problems.push(`${where}: Handler must name a function (got ${show(handler)})`);
  if (typeof script !== 'string' || script.trim() === '') problems.push(`${where}: Script must be the inline script text`);
  else if (typeof handler === 'string' && !new RegExp(`^def ${handler}\\(events, context\\):`, 'm').test(script)) {
    problems.push(`${where}: the script defines no "def ${handler}(events, context):"`);
  }
  if (inputs['InputPayload'] !== undefined && !isObject(inputs['InputPayload'])) problems.push(`${where}: InputPayload must be a mapping`);
  problems.push(...checkDeclaredOutputs(step, where, outputs, (selector) => /^\$\.Payload\.[A-Za-z_]\w*$/.test(selector) ? undefined : 'must select $.Payload.<key>'));
  outputs.set(`${String(step['name'])}.OutputPayload`, 'StringMap');
  return problems;
}

/**
 * aws:invokeLambdaFunction (user guide): FunctionName and the Invoke parameters; InputPayload a
 * mapping. Its outputs are fixed (Payload, StatusCode, FunctionError, LogResult), none declared.
 */
const LAMBDA_INPUTS = ['FunctionName', 'Qualifier', 'InvocationType', 'LogType', 'ClientContext', 'InputPayload', 'Payload'];

function checkLambdaStep(step: Record<string, unknown>, inputs: Record<string, unknown>, where: string, outputs: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(inputs)) {
    if (!LAMBDA_INPUTS.includes(key)) problems.push(`${where}: "${key}" is not an input of aws:invokeLambdaFunction`);
  }
  if (typeof inputs['FunctionName'] !== 'string') problems.push(`${where}: FunctionName is required`);
  if (inputs['InputPayload'] !== undefined && !isObject(inputs['InputPayload'])) problems.push(`${where}: InputPayload must be a mapping`);
  if (inputs['InvocationType'] !== undefined && inputs['InvocationType'] !== 'RequestResponse') {
    problems.push(`${where}: only InvocationType RequestResponse returns a Payload to check`);
  }
  if (step['outputs'] !== undefined) problems.push(`${where}: aws:invokeLambdaFunction declares no outputs (Payload, StatusCode, FunctionError, LogResult are built in)`);
  for (const [name, type] of [['Payload', 'String'], ['StatusCode', 'Integer'], ['FunctionError', 'String'], ['LogResult', 'String']] as const) {
    outputs.set(`${String(step['name'])}.${name}`, type);
  }
  return problems;
}

function checkDeclaredOutputs(
  step: Record<string, unknown>,
  where: string,
  outputs: Map<string, string>,
  selectorProblem: (selector: string) => string | undefined,
): string[] {
  const problems: string[] = [];
  if (step['outputs'] === undefined) return problems;
  if (!Array.isArray(step['outputs'])) return [`${where}: outputs must be a list`];
  for (const declared of step['outputs']) {
    const { Name: name, Selector: selector, Type: type } = (isObject(declared) ? declared : {}) as Record<string, unknown>;
    if (typeof name !== 'string' || typeof type !== 'string' || !PARAMETER_TYPES.includes(type)) {
      problems.push(`${where}: each output needs a Name and a Type among ${PARAMETER_TYPES.join(', ')}`);
      continue;
    }
    const problem = typeof selector === 'string' ? selectorProblem(selector) : 'must be a string';
    if (problem) problems.push(`${where}: output ${name} Selector ${problem}`);
    outputs.set(`${String(step['name'])}.${name}`, type);
  }
  return problems;
}

/** DesiredValues are text (or a reference) compared with the selected property; see desiredValueText. */
function checkDesiredValue(value: unknown, leaf: Shape, where: string, referenceType: (name: string) => string | undefined): string[] {
  const name = wholeReference(value);
  if (name !== undefined) {
    const type = referenceType(name);
    const expected = leaf.type === 'integer' || leaf.type === 'long' ? 'Integer' : leaf.type === 'boolean' ? 'Boolean' : 'String';
    return type === undefined || type === expected ? [] : [`${where}: DesiredValues {{ ${name} }} is a ${type}, the property is a ${leaf.type}`];
  }
  if (typeof value !== 'string') return [`${where}: DesiredValues ${show(value)} must be written as a string`];
  if (leaf.type === 'boolean' && value !== 'True' && value !== 'False') {
    return [`${where}: DesiredValues "${value}" for a boolean must be "True" or "False"`];
  }
  if ((leaf.type === 'integer' || leaf.type === 'long') && !/^-?\d+$/.test(value)) {
    return [`${where}: DesiredValues "${value}" for an integer must be digits`];
  }
  // ElastiCache (and most services) accept enum values in any case, and report either spelling.
  if (leaf.enum && !leaf.enum.some((member) => member.toLowerCase() === value.toLowerCase())) {
    return [`${where}: DesiredValues "${value}" is not one of ${leaf.enum.join(', ')}`];
  }
  return [];
}

function checkValue(
  value: unknown,
  shapeName: string,
  where: string,
  model: ServiceModel,
  referenceType: (name: string) => string | undefined,
): string[] {
  const shape = model.shapes[shapeName]!;
  const name = wholeReference(value);
  if (name !== undefined) {
    const type = referenceType(name);
    if (type === undefined) return []; // reported by the reference check
    return documentTypeFits(type, shape, model) ? [] : [`${where}: {{ ${name} }} is a ${type} parameter, the API expects a ${shape.type} (${shapeName})`];
  }
  const wrong = (): string[] => [`${where}: ${show(value)} is not a ${shape.type} (${shapeName})`];
  switch (shape.type) {
    case 'structure': {
      if (!isObject(value)) return wrong();
      const problems: string[] = [];
      for (const [member, item] of Object.entries(value)) {
        const ref = shape.members?.[member];
        if (ref === undefined) problems.push(`${where}: "${member}" is not a member of ${shapeName}`);
        else problems.push(...checkValue(item, ref.shape, `${where}.${member}`, model, referenceType));
      }
      for (const member of shape.required ?? []) {
        if (!(member in value)) problems.push(`${where}: required member "${member}" of ${shapeName} is missing`);
      }
      return problems;
    }
    case 'list':
      return Array.isArray(value)
        ? value.flatMap((item, i) => checkValue(item, shape.member!.shape, `${where}[${i}]`, model, referenceType))
        : wrong();
    case 'map':
      return isObject(value)
        ? Object.entries(value).flatMap(([key, item]) => checkValue(item, shape.value!.shape, `${where}.${key}`, model, referenceType))
        : wrong();
    case 'string':
      if (typeof value !== 'string') return wrong();
      return shape.enum && !value.includes('{{') && !shape.enum.includes(value)
        ? [`${where}: "${value}" is not one of ${shape.enum.join(', ')} (${shapeName})`]
        : [];
    case 'integer':
    case 'long':
      return Number.isInteger(value) ? [] : wrong();
    case 'boolean':
      return typeof value === 'boolean' ? [] : wrong();
    case 'double':
    case 'float':
      return typeof value === 'number' ? [] : wrong();
    case 'timestamp':
    case 'blob':
      return typeof value === 'string' ? [] : wrong();
    default:
      return [`${where}: cannot check a ${shape.type} (${shapeName})`];
  }
}

function checkBranch(
  inputs: Record<string, unknown>,
  where: string,
  isLaterStep: (name: string) => boolean,
  referenceType: (name: string) => string | undefined,
): string[] {
  const problems: string[] = [];
  const choices = inputs['Choices'];
  if (!Array.isArray(choices) || choices.length === 0) return [`${where}: Choices must be a non-empty list`];
  for (const key of Object.keys(inputs)) {
    if (key !== 'Choices' && key !== 'Default') problems.push(`${where}: unknown branch input "${key}"`);
  }
  if (inputs['Default'] !== undefined && !isLaterStep(String(inputs['Default']))) {
    problems.push(`${where}: Default ${show(inputs['Default'])} names no later step`);
  }
  choices.forEach((choice, i) => {
    const at = `${where} Choices[${i}]`;
    if (!isObject(choice)) {
      problems.push(`${at} is not a mapping`);
      return;
    }
    if (!isLaterStep(String(choice['NextStep']))) problems.push(`${at}: NextStep ${show(choice['NextStep'])} names no later step`);
    const operators = Object.keys(choice).filter((key) => key !== 'NextStep' && key !== 'Variable');
    const operator = operators[0];
    if (operators.length !== 1 || operator === undefined || !(operator in BRANCH_OPERATORS)) {
      problems.push(`${at}: needs exactly one of ${Object.keys(BRANCH_OPERATORS).join(', ')} (got ${operators.join(', ') || 'none'})`);
      return;
    }
    const expected = BRANCH_OPERATORS[operator]!;
    const variable = wholeReference(choice['Variable']);
    const variableType = variable === undefined ? undefined : referenceType(variable);
    if (variable === undefined) problems.push(`${at}: Variable must be one {{ reference }}`);
    else if (variableType !== undefined && variableType !== expected) problems.push(`${at}: ${operator} compares a ${expected}, {{ ${variable} }} is a ${variableType}`);
    const operand = choice[operator];
    const operandReference = wholeReference(operand);
    const operandType = operandReference === undefined ? undefined : referenceType(operandReference);
    if (operandReference !== undefined ? operandType !== undefined && operandType !== expected : !literalFits(operand, expected)) {
      problems.push(`${at}: ${operator} needs a ${expected} operand (got ${show(operand)})`);
    }
  });
  return problems;
}
