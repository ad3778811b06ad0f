/**
 * Starting one rule's on-demand evaluation, and what Config's answer means for the change waiting on it.
 *
 * One rule per call, although the API takes up to 25: Config refuses a call while an evaluation of
 * any rule named in it runs or when one was started under a minute ago (LimitExceededException, API
 * reference of StartConfigRulesEvaluation), so a call naming several rules would let one busy rule
 * hold back every other. Per rule, a refusal delays only that rule.
 */
import { ConfigServiceClient, StartConfigRulesEvaluationCommand } from '@aws-sdk/client-config-service';
import type { AwsSession } from '../aws/session.ts';
import { describe, isAccessDenied } from '../engine/errors.ts';

export type StartOutcome =
  | { outcome: 'started' }
  /** Config said "not now" (or the call failed transiently): try again at the next tick. */
  | { outcome: 'refused'; reason: string }
  /** Retrying cannot help (a missing permission, a request Config calls invalid). */
  | { outcome: 'failed'; reason: string };

/**
 * LimitExceededException: an evaluation of the rule runs, or one started under a minute ago.
 * ResourceInUseException: the rule is being changed or deleted. NoSuchConfigRuleException: the rule
 * vanished after it was listed; the next tick lists the rules again and drops it if it is gone.
 */
const TRY_AGAIN = new Set(['LimitExceededException', 'ResourceInUseException', 'NoSuchConfigRuleException']);

/** A client error other than these means the request itself is wrong; it would be refused forever. */
const NEVER_SUCCEEDS = new Set(['InvalidParameterValueException', 'ValidationException']);

export async function startEvaluation(session: AwsSession, ruleName: string): Promise<StartOutcome> {
  try {
    await session.client(ConfigServiceClient).send(new StartConfigRulesEvaluationCommand({ ConfigRuleNames: [ruleName] }));
    return { outcome: 'started' };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (isAccessDenied(error)) {
      return {
        outcome: 'failed',
        reason: `Access denied for config:StartConfigRulesEvaluation on rule ${ruleName}: grant it to the change detector's role (or the member account's role). (${describe(error)})`,
      };
    }
    if (NEVER_SUCCEEDS.has(name)) return { outcome: 'failed', reason: `Config refused to start rule ${ruleName}: ${describe(error)}` };
    // TRY_AGAIN, and anything else (throttling or a server error the SDK's retries did not outlast).
    return { outcome: 'refused', reason: TRY_AGAIN.has(name) ? name : describe(error) };
  }
}
