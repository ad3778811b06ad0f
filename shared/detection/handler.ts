/**
 * The change detector's Lambda entry: settings from the environment and the invocation context,
 * one AWS session and one record of recent starts per Lambda environment.
 */
import { assumeExecutionRole } from '../aws/execution-role.ts';
import { createAwsSession, type AwsSession } from '../aws/session.ts';
import { runDetectorTick, type DetectorSettings, type TickReport } from './detector.ts';
import type { RuleNaming } from './rule-directory.ts';
import type { ControlTriggers } from './triggering-calls.ts';
import { controlTriggers } from './control-triggers.generated.ts';

export class DetectorConfigurationError extends Error {
  override readonly name = 'DetectorConfigurationError';
}

const QUEUE_URL = /^https:\/\/\S+\/\d{12}\/[\w-]{1,80}$|^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/\d{12}\/[\w-]{1,80}$/;

/** The parts of Lambda's context the detector reads. */
export interface InvocationContext {
  invokedFunctionArn: string;
}

export function detectorSettings(env: NodeJS.ProcessEnv, context: InvocationContext): DetectorSettings {
  const arn = /^arn:(aws[a-z-]*):lambda:([a-z0-9-]+):(\d{12}):function:/.exec(context.invokedFunctionArn ?? '');
  if (!arn) throw new DetectorConfigurationError(`The invoked function ARN ${JSON.stringify(context.invokedFunctionArn)} is not a Lambda function ARN.`);
  const naming = env.RULE_NAMING ?? 'stack';
  if (naming !== 'stack' && naming !== 'prefix') {
    throw new DetectorConfigurationError(`Environment variable RULE_NAMING is "${naming}"; use "stack" or "prefix".`);
  }
  const memberRoleName = env.MEMBER_ROLE_NAME?.trim() || undefined;
  if (memberRoleName !== undefined && !/^[\w+=,.@-]{1,64}$/.test(memberRoleName)) {
    throw new DetectorConfigurationError(`Environment variable MEMBER_ROLE_NAME "${memberRoleName}" is not an IAM role name.`);
  }
  return {
    changeQueueUrl: queueUrl(env, 'CHANGE_QUEUE_URL'),
    failedRunQueueUrl: queueUrl(env, 'FAILED_RUN_QUEUE_URL'),
    region: env.AWS_REGION ?? arn[2]!,
    accountId: arn[3]!,
    partition: arn[1]!,
    memberRoleName,
    ruleNaming: naming as RuleNaming,
    // 20 s of receiving leaves most of the 50 s timeout for the starts; messages stay hidden 55 s,
    // longer than an invocation and shorter than the one-minute tick.
    drain: { maxMessages: 10_000, budgetMs: 20_000, visibilitySeconds: 55 },
  };
}

function queueUrl(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value || !QUEUE_URL.test(value)) throw new DetectorConfigurationError(`Environment variable ${name} ${JSON.stringify(value)} is not an SQS queue URL.`);
  return value;
}

let defaultSession: AwsSession | undefined;
const recentStarts = new Map<string, number>();

export function createDetectorHandler(controls: readonly ControlTriggers[] = controlTriggers) {
  return async (_event: unknown, context: InvocationContext): Promise<TickReport> => {
    const settings = detectorSettings(process.env, context);
    const session = (defaultSession ??= createAwsSession());
    return runDetectorTick(
      settings,
      {
        session,
        assumeRole: (roleArn) => assumeExecutionRole(session, roleArn, 'elasticache-change-detector'),
        now: Date.now,
        recentStarts,
      },
      controls,
    );
  };
}
