/**
 * Every way a run can be refused. Each message names the thing at fault so that an operator reading
 * the Lambda log (or Config's "last failed invocation" message) knows what to fix.
 * A thrown error always means nothing at all, or nothing further, was reported for the run.
 */

/** The Config event itself is unusable (not JSON, unknown message type, missing token…). */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
}

/** A rule parameter is unknown or its value is outside what the control accepts. */
export class InvalidParameterError extends Error {
  override readonly name = 'InvalidParameterError';
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(`Rule parameter "${parameter}": ${message}`);
  }
}

/**
 * Where in a run an AWS call failed, which decides what the failure means for what was reported:
 * listing comes before any report, reporting is PutEvaluations itself, clean-up comes after it.
 */
export type RunStage = 'listing' | 'reporting' | 'clean-up';

const CONSEQUENCE: Record<RunStage, string> = {
  listing: 'Nothing was reported, so earlier results stand.',
  reporting: 'Evaluations of this run may not all have reached Config; the next run reports them again.',
  'clean-up': "This run's evaluations were reported, but results of deleted resources were not cleared.",
};

/** AWS refused a call for lack of permission; names the IAM action the function's role needs. */
export class MissingPermissionError extends Error {
  override readonly name = 'MissingPermissionError';
  constructor(
    readonly iamAction: string,
    cause: unknown,
    readonly stage: RunStage = 'listing',
    hint?: string,
  ) {
    super(
      `Access denied for ${iamAction}: grant this action to the rule's execution role.${hint ? ` ${hint}` : ''} ${CONSEQUENCE[stage]} (${describe(cause)})`,
      { cause },
    );
  }
}

/** A list call failed for another reason; the listing is incomplete, so nothing is reported. */
export class ListingFailedError extends Error {
  override readonly name = 'ListingFailedError';
  constructor(
    readonly iamAction: string,
    cause: unknown,
  ) {
    super(`${iamAction} failed, so the inventory is incomplete and nothing was reported: ${describe(cause)}`, {
      cause,
    });
  }
}

/** Reporting to Config, or clearing stale results after it, failed for a reason other than permission. */
export class ReportingFailedError extends Error {
  override readonly name = 'ReportingFailedError';
  constructor(
    readonly iamAction: string,
    cause: unknown,
    readonly stage: Exclude<RunStage, 'listing'>,
  ) {
    super(`${iamAction} failed: ${CONSEQUENCE[stage]} (${describe(cause)})`, { cause });
  }
}

/** AWS Config rejected evaluations even after retries. */
export class EvaluationsRejectedError extends Error {
  override readonly name = 'EvaluationsRejectedError';
  constructor(readonly rejected: readonly { resourceType: string; resourceId: string }[]) {
    const names = rejected
      .slice(0, 10)
      .map((r) => `${r.resourceType} ${r.resourceId}`)
      .join(', ');
    const more = rejected.length > 10 ? ` and ${rejected.length - 10} more` : '';
    super(`AWS Config rejected ${rejected.length} evaluation(s) after retries: ${names}${more}`);
  }
}

/**
 * Config refused every evaluation of a resource type (InvalidParameterValueException). Every other
 * type was still reported; this names the refused type so the operator can leave it out.
 */
export class ResourceTypeRefusedError extends Error {
  override readonly name = 'ResourceTypeRefusedError';
  constructor(readonly refused: readonly { resourceType: string; count: number; cause: unknown }[]) {
    const names = refused.map((r) => `${r.resourceType} (${r.count} evaluation(s); ${describe(r.cause)})`).join(', ');
    const serverless = refused.some((r) => r.resourceType === 'AWS::ElastiCache::ServerlessCache');
    super(
      `AWS Config refused the resource type ${names}. Every other resource type was reported. ` +
        (serverless
          ? 'If Config does not accept serverless caches in this account, set the rule parameter includeServerlessCaches to "false".'
          : 'This rule judges only resources of that type here; use the scan for them.'),
    );
  }
}

export function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

const ACCESS_DENIED_CODES = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
]);

export function isAccessDenied(error: unknown): boolean {
  return error instanceof Error && ACCESS_DENIED_CODES.has(error.name);
}

/**
 * Runs one AWS call of a run and turns its failure into an error that names the IAM action and
 * what the failure means for what was reported, so a missing permission never looks like an empty
 * (and therefore "compliant") estate.
 */
export async function callingAws<T>(iamAction: string, call: () => Promise<T>, stage: RunStage = 'listing'): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isAccessDenied(error)) throw new MissingPermissionError(iamAction, error, stage);
    if (stage === 'listing') throw new ListingFailedError(iamAction, error);
    throw new ReportingFailedError(iamAction, error, stage);
  }
}
