/**
 * Validates events against the vendored OCSF 1.1.0 schema (test/vendor/ocsf-1.1.0, see SOURCE.md):
 * the class's attributes are compiled from its file, the classes it extends, their includes and
 * profiles, and the dictionary; objects likewise from objects/ and their `extends`. Checked: every
 * required attribute is present, no attribute is unknown, each value has its dictionary type (arrays,
 * strings, integers, timestamps, objects), enum-valued `_id`s hold a listed value, and the class,
 * category and type uids are those the schema defines.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../vendor/ocsf-1.1.0/', import.meta.url));
const read = (path: string): any => JSON.parse(readFileSync(`${DIR}${path}`, 'utf8'));

interface AttributeRule {
  requirement: string | undefined;
  type: string;
  isArray: boolean;
  enum: string[] | undefined;
}

const dictionary = read('dictionary.json');
const BASE_TYPES: Record<string, string | undefined> = Object.fromEntries(
  Object.entries(dictionary.types.attributes as Record<string, { type?: string }>).map(([name, t]) => [name, t.type]),
);

function rule(name: string, local: any): AttributeRule {
  const entry = dictionary.attributes[name];
  if (!entry) throw new Error(`OCSF dictionary has no attribute "${name}"`);
  const enums = { ...(entry.enum ?? {}), ...(local?.enum ?? {}) };
  return {
    requirement: local?.requirement ?? entry.requirement,
    type: entry.type,
    isArray: entry.is_array === true,
    enum: Object.keys(enums).length > 0 ? Object.keys(enums) : undefined,
  };
}

/** A definition's attributes, with `extends` and `$include` resolved (includes first, the definition wins). */
function attributesOf(definition: any, folder: 'events' | 'objects', profiles: readonly string[]): Map<string, AttributeRule> {
  const rules = new Map<string, AttributeRule>();
  const parent = definition.extends;
  if (parent && parent !== 'object') {
    const parentPath = folder === 'events' ? eventPath(parent) : `objects/${parent}.json`;
    for (const [k, v] of attributesOf(read(parentPath), folder, profiles)) rules.set(k, v);
  }
  for (const include of (definition.attributes?.$include ?? []) as string[]) {
    const included = read(include).attributes ?? {};
    const profile = include.startsWith('profiles/') ? include.slice('profiles/'.length, -'.json'.length) : undefined;
    for (const [name, local] of Object.entries(included) as [string, any][]) {
      const r = rule(name, { ...rules.get(name), ...local });
      // A profile's requirements bind only an event that declares the profile in metadata.profiles.
      rules.set(name, profile && !profiles.includes(profile) ? { ...r, requirement: 'optional' } : r);
    }
  }
  for (const [name, local] of Object.entries(definition.attributes ?? {}) as [string, any][]) {
    if (name === '$include') continue;
    const previous = rules.get(name);
    const merged = rule(name, local);
    rules.set(name, { ...merged, requirement: local?.requirement ?? previous?.requirement ?? merged.requirement, enum: unionEnum(previous?.enum, merged.enum) });
  }
  return rules;
}

const unionEnum = (a?: string[], b?: string[]): string[] | undefined => (a || b ? [...new Set([...(a ?? []), ...(b ?? [])])] : undefined);

function eventPath(name: string): string {
  for (const candidate of [`events/${name}.json`, `events/findings/${name}.json`]) if (existsSync(`${DIR}${candidate}`)) return candidate;
  throw new Error(`OCSF class "${name}" is not vendored`);
}

function checkValue(value: unknown, r: AttributeRule, path: string, profiles: readonly string[], problems: string[]): void {
  if (r.isArray) {
    if (!Array.isArray(value)) return void problems.push(`${path}: must be an array`);
    value.forEach((item, i) => checkValue(item, { ...r, isArray: false }, `${path}[${i}]`, profiles, problems));
    return;
  }
  let type = r.type;
  while (BASE_TYPES[type]) type = BASE_TYPES[type]!;
  switch (type) {
    case 'string_t':
      if (typeof value !== 'string') problems.push(`${path}: must be a string`);
      break;
    case 'integer_t':
    case 'long_t':
      if (!Number.isInteger(value)) problems.push(`${path}: must be an integer`);
      else if (r.enum && !r.enum.includes(String(value)) && !path.endsWith('class_uid') && !path.endsWith('category_uid')) {
        problems.push(`${path}: ${String(value)} is not one of ${r.enum.join(', ')}`);
      }
      break;
    case 'float_t':
      if (typeof value !== 'number') problems.push(`${path}: must be a number`);
      break;
    case 'boolean_t':
      if (typeof value !== 'boolean') problems.push(`${path}: must be a boolean`);
      break;
    case 'json_t':
      break;
    case 'object':
      if (typeof value !== 'object' || value === null || Array.isArray(value)) problems.push(`${path}: must be an object`);
      break;
    default: {
      if (!existsSync(`${DIR}objects/${type}.json`)) return void problems.push(`${path}: object type "${type}" is not vendored`);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return void problems.push(`${path}: must be an object (${type})`);
      const definition = read(`objects/${type}.json`);
      checkObject(value as Record<string, unknown>, attributesOf(definition, 'objects', profiles), path, profiles, problems);
      for (const group of (definition.constraints?.at_least_one ?? []) as string[][]) {
        if (Array.isArray(group) && !group.some((name) => name in (value as object))) problems.push(`${path}: needs one of ${group.join(', ')}`);
      }
    }
  }
}

function checkObject(value: Record<string, unknown>, rules: Map<string, AttributeRule>, path: string, profiles: readonly string[], problems: string[]): void {
  for (const [name, r] of rules) if (r.requirement === 'required' && !(name in value)) problems.push(`${path}.${name}: required`);
  for (const [name, item] of Object.entries(value)) {
    const r = rules.get(name);
    if (!r) problems.push(`${path}.${name}: not an attribute of this class/object`);
    else checkValue(item, r, `${path}.${name}`, profiles, problems);
  }
}

/** Problems of one event against an OCSF class (for example "compliance_finding"); none when it conforms. */
export function ocsfProblems(event: Record<string, unknown>, className: string): string[] {
  const definition = read(eventPath(className));
  const profiles = ((event.metadata as { profiles?: string[] } | undefined)?.profiles ?? []) as string[];
  const problems: string[] = [];
  checkObject(event, attributesOf(definition, 'events', profiles), '', profiles, problems);
  const category = read('categories.json').attributes[definition.category];
  const classUid = category.uid * 1000 + definition.uid;
  if (event.category_uid !== category.uid) problems.push(`.category_uid: must be ${category.uid} (${definition.category})`);
  if (event.class_uid !== classUid) problems.push(`.class_uid: must be ${classUid} (${definition.name})`);
  if (event.type_uid !== classUid * 100 + Number(event.activity_id)) problems.push(`.type_uid: must be class_uid × 100 + activity_id`);
  return problems;
}

export const OCSF_VERSION = read('version.json').version as string;
