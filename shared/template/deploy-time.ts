/**
 * What a template or plan cannot tell before deployment, and how an evaluation learns that it asked.
 *
 * A value that only exists at deploy time (a parameter without a default, an import from another
 * stack, an unknown plan value) or a fact only the account holds (a key's state, a subnet group
 * defined elsewhere) is never guessed: reading it stops the evaluation, and the verdict is
 * UNDETERMINED with the reason.
 */

/** A value known only at deployment; `reason` says why, for the annotation. */
export class Unknown {
  constructor(readonly reason: string) {}
}

/** Thrown when an evaluator reads what the template cannot tell; caught by evaluateDeclared. */
export class UndeterminedError extends Error {
  override readonly name = 'UndeterminedError';
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** A property whose value is known only at deployment. */
export function deployTime(property: string, unknown: Unknown): UndeterminedError {
  return new UndeterminedError(`${property} is known only at deployment (${unknown.reason})`);
}

/** A fact that only the account holds: what the control would need to read there. */
export function needsAccount(what: string): UndeterminedError {
  return new UndeterminedError(`needs the account: ${what}`);
}

/** True when the value, or anything inside it, is unknown. */
export function firstUnknown(value: unknown): Unknown | undefined {
  if (value instanceof Unknown) return value;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = firstUnknown(item);
      if (found) return found;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) {
      const found = firstUnknown(item);
      if (found) return found;
    }
  }
  return undefined;
}
