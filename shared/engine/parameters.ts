/**
 * Rule parameters, declared once per control with their type, default and validation. The same
 * declaration feeds parsing at run time, the SAM template, the conformance pack and the docs.
 *
 * Config passes every value as a string; a blank value means "use the default" because conformance
 * packs pass blanks for parameters nobody set.
 */
import { InvalidParameterError } from './errors.ts';

interface ParameterBase<T> {
  readonly description: string;
  readonly default: T;
  /** The value as it must appear in a template or in `ruleParameters`. */
  readonly defaultText: string;
  /** Turns Config's string into the typed value, or throws a message naming what is accepted. */
  parse(text: string): T;
}

export interface BooleanParameter extends ParameterBase<boolean> {
  readonly kind: 'boolean';
}
export interface IntegerParameter extends ParameterBase<number> {
  readonly kind: 'integer';
  readonly min: number;
  readonly max: number;
}
export interface ListParameter extends ParameterBase<readonly string[]> {
  readonly kind: 'list';
}

export interface TextParameter extends ParameterBase<string> {
  readonly kind: 'text';
  /** Anchored pattern the whole value must match (also the template's AllowedPattern). */
  readonly pattern: string;
  /** When true, a blank value is taken as given (meaning "none") instead of as the default. */
  readonly blankMeansNone?: boolean;
}

export type ParameterSpec = BooleanParameter | IntegerParameter | ListParameter | TextParameter;
export type ParameterSpecs = Readonly<Record<string, ParameterSpec>>;

export type ParameterValues<S extends ParameterSpecs> = {
  readonly [K in keyof S]: S[K]['default'];
};

export function booleanParameter(spec: { description: string; default: boolean }): BooleanParameter {
  return {
    kind: 'boolean',
    ...spec,
    defaultText: String(spec.default),
    parse(text) {
      const value = text.trim().toLowerCase();
      if (value === 'true') return true;
      if (value === 'false') return false;
      throw new Error(`"${text}" is not accepted; use "true" or "false"`);
    },
  };
}

export function integerParameter(spec: {
  description: string;
  default: number;
  min: number;
  max: number;
}): IntegerParameter {
  return {
    kind: 'integer',
    ...spec,
    defaultText: String(spec.default),
    parse(text) {
      const value = text.trim();
      if (!/^-?\d+$/.test(value)) {
        throw new Error(`"${text}" is not a whole number; use an integer from ${spec.min} to ${spec.max}`);
      }
      const n = Number(value);
      if (n < spec.min || n > spec.max) {
        throw new Error(`${n} is out of range; use an integer from ${spec.min} to ${spec.max}`);
      }
      return n;
    },
  };
}

/** Free text constrained by a pattern; blank means the default (normally "not set"). */
export function textParameter(spec: {
  description: string;
  default: string;
  pattern: string;
  accepted: string;
  blankMeansNone?: boolean;
}): TextParameter {
  const pattern = new RegExp(`^(?:${spec.pattern})$`);
  return {
    kind: 'text',
    description: spec.description,
    default: spec.default,
    defaultText: spec.default,
    pattern: spec.pattern,
    ...(spec.blankMeansNone ? { blankMeansNone: true } : {}),
    parse(text) {
      const value = text.trim();
      if (!pattern.test(value)) throw new Error(`"${text}" is not accepted; use ${spec.accepted}`);
      return value;
    },
  };
}

/**
 * A comma-separated list. `validateItem` returns a message for an item it refuses, so that one bad
 * entry in a long list is named precisely.
 */
export function listParameter(spec: {
  description: string;
  default: readonly string[];
  validateItem: (item: string) => string | undefined;
}): ListParameter {
  return {
    kind: 'list',
    description: spec.description,
    default: spec.default,
    defaultText: spec.default.join(','),
    parse(text) {
      const items = text
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0);
      for (const item of items) {
        const problem = spec.validateItem(item);
        if (problem) throw new Error(`item "${item}" ${problem}`);
      }
      return items;
    },
  };
}

/**
 * Parses Config's `ruleParameters` against the declarations (the engine merges its own, such as
 * ExecutionRoleName, into each control's). Unknown names are refused, naming every accepted one:
 * a misspelt parameter would otherwise silently fall back to its default.
 */
export function parseParameters<S extends ParameterSpecs>(specs: S, raw: Readonly<Record<string, unknown>>): ParameterValues<S> {
  const known = Object.keys(specs);
  for (const name of Object.keys(raw)) {
    if (!known.includes(name)) {
      throw new InvalidParameterError(
        name,
        `is not a parameter of this control; accepted: ${known.length ? known.join(', ') : '(none)'}`,
      );
    }
  }
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const text = raw[name];
    if (text === undefined || text === null) {
      values[name] = spec.default;
      continue;
    }
    if (typeof text === 'string' && text.trim() === '') {
      values[name] = spec.kind === 'text' && spec.blankMeansNone ? '' : spec.default;
      continue;
    }
    if (typeof text !== 'string') {
      throw new InvalidParameterError(name, `must be a string as Config passes it, got ${typeof text}`);
    }
    try {
      values[name] = spec.parse(text);
    } catch (error) {
      throw new InvalidParameterError(name, (error as Error).message);
    }
  }
  return values as ParameterValues<S>;
}
