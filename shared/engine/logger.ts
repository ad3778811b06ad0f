/**
 * The one logger of every function: Powertools for AWS Lambda's Logger, one JSON line per entry so
 * CloudWatch Logs Insights can query it, each naming the function (and, in a rule, the control).
 *
 * Only identifiers and counts are logged, never credentials, tokens or rule result tokens. Two
 * guards back that up, because an AWS error message quoted in a log line is text we do not write:
 * a value under a key that names a secret is replaced, and the secrets of the current run (its
 * result token) are replaced wherever they appear in a line.
 */
import { Logger } from '@aws-lambda-powertools/logger';

export const SERVICE_NAME = 'elasticache-config-rules';
export const REDACTED = '[redacted]';

/** Keys whose values are secrets whatever they hold (resultToken, SessionToken, SecretAccessKey…). */
const SECRET_KEY = /token|secret|password|credential|authorization|signature/i;

const runSecrets = new Set<string>();

/**
 * Names the secrets of the run that starts now (the previous run's are forgotten: a Lambda
 * container serves one invocation after another). Empty values and Config's TESTMODE are ignored.
 */
export function keepOutOfLogs(...secrets: (string | undefined)[]): void {
  runSecrets.clear();
  for (const secret of secrets) {
    if (secret && secret !== 'TESTMODE') runSecrets.add(secret);
  }
}

export function redact(key: string, value: unknown): unknown {
  if (key !== '' && SECRET_KEY.test(key) && value !== undefined && value !== null) return REDACTED;
  if (typeof value !== 'string' || runSecrets.size === 0) return value;
  let text = value;
  for (const secret of runSecrets) text = text.split(secret).join(REDACTED);
  return text;
}

/**
 * Built from the environment: POWERTOOLS_LOG_LEVEL or LOG_LEVEL (either case; INFO by default),
 * overridden by Lambda's own log-level control (AWS_LAMBDA_LOG_LEVEL) when the function uses it.
 * POWERTOOLS_SERVICE_NAME names the stack; AWS_LAMBDA_FUNCTION_NAME, set by Lambda, the function.
 */
export function createLogger(env: NodeJS.ProcessEnv = process.env): Logger {
  // Powertools reads the level variables in upper case only; the hand-written logger took "warn".
  const level = (env.POWERTOOLS_LOG_LEVEL || env.LOG_LEVEL)?.trim().toUpperCase();
  return new Logger({
    serviceName: env.POWERTOOLS_SERVICE_NAME || SERVICE_NAME,
    ...(level ? { logLevel: level as 'INFO' } : {}),
    persistentKeys: env.AWS_LAMBDA_FUNCTION_NAME ? { function_name: env.AWS_LAMBDA_FUNCTION_NAME } : {},
    jsonReplacerFn: redact,
  });
}

export const logger = createLogger();
