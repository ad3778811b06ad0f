/**
 * Resolves CloudFormation intrinsic functions as far as the template alone allows. Parameters with a
 * default, Conditions, Fn::If, Fn::Sub, Fn::Join, Fn::Select, Fn::FindInMap and Fn::Equals on known
 * values are computed; a Ref or Fn::GetAtt to a resource of the same template becomes a
 * ResourceReference; anything else (a parameter without a default, a pseudo parameter, an import)
 * becomes Unknown with the reason. Nothing is guessed.
 */
import { Unknown } from './deploy-time.ts';
import { isRecord } from './records.ts';

/** A Ref or Fn::GetAtt to a resource declared in the same template. */
export class ResourceReference {
  constructor(
    readonly logicalId: string,
    readonly attribute: string | undefined,
  ) {}
}

/** AWS::NoValue: the property is left out. */
export const NO_VALUE = Symbol('AWS::NoValue');

export interface TemplateResolver {
  resolve(value: unknown): unknown;
  /** True, false, or Unknown when the condition depends on deploy-time values. */
  condition(name: string): boolean | Unknown;
}

export function createResolver(body: Record<string, unknown>): TemplateResolver {
  const parameters = isRecord(body.Parameters) ? body.Parameters : {};
  const resources = isRecord(body.Resources) ? body.Resources : {};
  const mappings = isRecord(body.Mappings) ? body.Mappings : {};
  const conditions = isRecord(body.Conditions) ? body.Conditions : {};
  const conditionCache = new Map<string, boolean | Unknown>();

  const refOf = (name: string): unknown => {
    if (name === 'AWS::NoValue') return NO_VALUE;
    if (name.startsWith('AWS::')) return new Unknown(`pseudo parameter ${name} is known only at deployment`);
    const parameter = parameters[name];
    if (isRecord(parameter)) {
      if (!('Default' in parameter)) return new Unknown(`Ref to parameter ${name}, which has no default`);
      return parameterValue(parameter);
    }
    if (name in resources) return new ResourceReference(name, undefined);
    return new Unknown(`Ref to ${name}, which the template does not declare`);
  };

  const condition = (name: string): boolean | Unknown => {
    const cached = conditionCache.get(name);
    if (cached !== undefined) return cached;
    conditionCache.set(name, new Unknown(`condition ${name} refers to itself`));
    const result = name in conditions ? truth(resolve(conditions[name]), `condition ${name}`) : new Unknown(`condition ${name} is not declared`);
    conditionCache.set(name, result);
    return result;
  };

  const resolve = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(resolve).filter((item) => item !== NO_VALUE);
    if (!isRecord(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const key = keys[0]!;
      const argument = value[key];
      if (key === 'Ref' && typeof argument === 'string') return refOf(argument);
      if (key === 'Condition' && typeof argument === 'string') return condition(argument);
      if (key.startsWith('Fn::')) return intrinsic(key, argument);
    }
    const out: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) {
      const resolved = resolve(item);
      if (resolved !== NO_VALUE) out[name] = resolved;
    }
    return out;
  };

  const intrinsic = (name: string, argument: unknown): unknown => {
    const args = Array.isArray(argument) ? argument : [argument];
    switch (name) {
      case 'Fn::GetAtt': {
        const [id, attribute] = typeof argument === 'string' ? argument.split(/\.(.*)/s) : args;
        if (typeof id === 'string' && id in resources) return new ResourceReference(id, typeof attribute === 'string' ? attribute : undefined);
        return new Unknown(`Fn::GetAtt of ${String(id)}, which the template does not declare`);
      }
      case 'Fn::If': {
        const [conditionName, whenTrue, whenFalse] = args;
        const chosen = condition(String(conditionName));
        if (chosen instanceof Unknown) {
          const a = resolve(whenTrue);
          const b = resolve(whenFalse);
          return sameValue(a, b) ? a : chosen;
        }
        return resolve(chosen ? whenTrue : whenFalse);
      }
      case 'Fn::Equals': {
        const [a, b] = args.map(resolve);
        if (a instanceof Unknown) return a;
        if (b instanceof Unknown) return b;
        if (!isPrimitive(a) || !isPrimitive(b)) return new Unknown('Fn::Equals compares values known only at deployment');
        return String(a) === String(b);
      }
      case 'Fn::Not': {
        const value = truth(resolve(args[0]), 'Fn::Not');
        return value instanceof Unknown ? value : !value;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const values = args.map((item) => truth(resolve(item), name));
        const decisive = name === 'Fn::And' ? false : true;
        if (values.includes(decisive)) return decisive;
        return values.find((v): v is Unknown => v instanceof Unknown) ?? !decisive;
      }
      case 'Fn::Join': {
        const [delimiter, list] = args.map(resolve);
        const unknown = [delimiter, ...(Array.isArray(list) ? list : [list])].find((v) => !isPrimitive(v));
        if (unknown !== undefined || !Array.isArray(list)) return unknown instanceof Unknown ? unknown : new Unknown('Fn::Join of values known only at deployment');
        return list.map(String).join(String(delimiter));
      }
      case 'Fn::Select': {
        const [index, list] = args.map(resolve);
        if (index instanceof Unknown) return index;
        if (list instanceof Unknown) return list;
        if (!Array.isArray(list)) return new Unknown('Fn::Select from a list known only at deployment');
        return list[Number(index)] ?? new Unknown(`Fn::Select index ${String(index)} is outside the list`);
      }
      case 'Fn::FindInMap': {
        const [map, first, second] = args.map(resolve);
        const unknown = [map, first, second].find((v) => v instanceof Unknown);
        if (unknown) return unknown;
        const table = mappings[String(map)];
        const row = isRecord(table) ? table[String(first)] : undefined;
        const cell = isRecord(row) ? row[String(second)] : undefined;
        return cell === undefined ? new Unknown(`Fn::FindInMap ${String(map)}.${String(first)}.${String(second)} is not in the template`) : resolve(cell);
      }
      case 'Fn::Sub':
        return substitute(args[0], isRecord(args[1]) ? args[1] : {});
      case 'Fn::ImportValue':
        return new Unknown(`Fn::ImportValue of ${describe(resolve(args[0]))} is read from another stack at deployment`);
      case 'Fn::Base64':
        return resolve(args[0]);
      case 'Fn::Split': {
        const [delimiter, text] = args.map(resolve);
        if (typeof delimiter === 'string' && typeof text === 'string') return text.split(delimiter);
        return new Unknown('Fn::Split of a value known only at deployment');
      }
      default:
        return new Unknown(`${name} is evaluated only at deployment`);
    }
  };

  const substitute = (template: unknown, variables: Record<string, unknown>): unknown => {
    if (typeof template !== 'string') return new Unknown('Fn::Sub of a value known only at deployment');
    let unknown: Unknown | undefined;
    const text = template.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      const value = name in variables ? resolve(variables[name]) : name.includes('.') ? intrinsic('Fn::GetAtt', name) : refOf(name);
      if (isPrimitive(value)) return String(value);
      unknown ??= value instanceof Unknown ? value : new Unknown(`Fn::Sub uses \${${name}}, known only at deployment`);
      return whole;
    });
    return unknown ?? text;
  };

  return { resolve, condition };
}

/** A parameter's default as CloudFormation hands it to a property (list types split on commas). */
function parameterValue(parameter: Record<string, unknown>): unknown {
  const value = parameter.Default;
  const type = typeof parameter.Type === 'string' ? parameter.Type : 'String';
  if (typeof value === 'string' && (type.startsWith('List<') || type === 'CommaDelimitedList')) {
    return value.split(',').map((item) => item.trim());
  }
  return value;
}

function truth(value: unknown, what: string): boolean | Unknown {
  if (value instanceof Unknown) return value;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return new Unknown(`${what} is not a condition known before deployment`);
}

function isPrimitive(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Unknown || b instanceof Unknown || a instanceof ResourceReference || b instanceof ResourceReference) {
    return a instanceof ResourceReference && b instanceof ResourceReference && a.logicalId === b.logicalId && a.attribute === b.attribute;
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

function describe(value: unknown): string {
  return isPrimitive(value) ? String(value) : 'a value';
}
