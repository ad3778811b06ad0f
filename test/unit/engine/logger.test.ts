/**
 * The functions' log: Powertools' Logger, one JSON line per entry naming the function and control,
 * at the level the environment sets, and never a credential, token or result token.
 *
 * Scenarios
 * - Given a run, then every line is one JSON object with level, message, service, function and control.
 * - Given LOG_LEVEL or POWERTOOLS_LOG_LEVEL in either case, then that is the level; otherwise INFO.
 * - Given a run in organization mode whose report fails with an AWS message quoting the result
 *   token, then neither the result token, the assumed role's session token nor its secret key
 *   appears anywhere in the run's whole output.
 */
import { ConfigServiceServiceException, PutEvaluationsCommand } from '@aws-sdk/client-config-service';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { createAwsSession } from '#shared/aws/session.ts';
import { encryptionInTransit } from '#shared/controls/encryption-in-transit.ts';
import { REDACTED, createLogger, keepOutOfLogs, redact } from '#shared/engine/logger.ts';
import { runRule } from '#shared/engine/run-rule.ts';
import { capturedLines, logEntries } from '../../support/captured-output.ts';
import { scheduledEvent } from '../../support/config-events.ts';
import { config, givenEstate, replicationGroup, sts, useMockedAws } from '../../support/run-rule-harness.ts';

useMockedAws();

const MEMBER_ACCOUNT = '210987654321';
const RESULT_TOKEN = 'eyJjb25maWdSdWxlTmFtZSI6ImVsYXN0aWNhY2hlLXRscyJ9-result-token-7f3a';
const SESSION_TOKEN = 'FwoGZXIvYXdzEJr//////////wEaDN3wSeSsiOnT0kEn';
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY';

describe('the log of a run', () => {
  it('is one JSON object a line, naming the level, service, function and control', async () => {
    // Prepare
    givenEstate(replicationGroup('orders-cache'));

    // Act
    await runRule(encryptionInTransit, scheduledEvent(), createAwsSession());

    // Assess
    const lines = capturedLines();
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const [complete] = logEntries('INFO');
    expect(complete).toMatchObject({
      level: 'INFO',
      message: 'run complete',
      service: 'elasticache-config-rules',
      control: 'encryption-in-transit',
      resourcesEvaluated: 1,
      reported: { COMPLIANT: 1, NON_COMPLIANT: 0, NOT_APPLICABLE: 0 },
      awsCalls: expect.any(Number),
      durationMs: expect.any(Number),
    });
  });

  it('names the function Lambda runs (AWS_LAMBDA_FUNCTION_NAME) in every line', () => {
    // Prepare
    const logger = createLogger({ AWS_LAMBDA_FUNCTION_NAME: 'elasticache-config-rules-EncryptionInTransitFunction-1x2y3z' });

    // Act
    logger.info('hello');

    // Assess
    expect(logEntries('INFO')).toEqual([
      expect.objectContaining({ message: 'hello', function_name: 'elasticache-config-rules-EncryptionInTransitFunction-1x2y3z' }),
    ]);
  });

  it('keeps the result token and the assumed role’s credentials out of every line, even when AWS quotes them', async () => {
    // Prepare
    givenEstate(replicationGroup('orders-cache'));
    sts.on(AssumeRoleCommand).resolves({
      Credentials: { AccessKeyId: 'ASIAMEMBERACCOUNTKEY', SecretAccessKey: SECRET_KEY, SessionToken: SESSION_TOKEN, Expiration: new Date('2026-11-27T10:15:00Z') },
    });
    config.on(PutEvaluationsCommand).rejects(
      new ConfigServiceServiceException({
        name: 'InvalidResultTokenException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: `The result token ${RESULT_TOKEN} is invalid or expired.`,
      }),
    );
    const event = { ...scheduledEvent({ resultToken: RESULT_TOKEN, ruleParameters: { ExecutionRoleName: 'ElastiCacheConfigRuleRole' } }), accountId: MEMBER_ACCOUNT };

    // Act
    const run = runRule(encryptionInTransit, event, createAwsSession());

    // Assess
    await expect(run).rejects.toThrow(RESULT_TOKEN);
    const output = capturedLines().join('\n');
    expect(logEntries('ERROR')).toEqual([expect.objectContaining({ error: expect.stringContaining(`The result token ${REDACTED} is invalid`) })]);
    expect(output).not.toContain(RESULT_TOKEN);
    expect(output).not.toContain(SESSION_TOKEN);
    expect(output).not.toContain(SECRET_KEY);
  });
});

describe('createLogger', () => {
  it.each<[string, NodeJS.ProcessEnv, string]>([
    ['no level set', {}, 'INFO'],
    ['LOG_LEVEL in lower case, as the hand-written logger took it', { LOG_LEVEL: 'warn' }, 'WARN'],
    ['LOG_LEVEL=DEBUG', { LOG_LEVEL: 'DEBUG' }, 'DEBUG'],
    ['POWERTOOLS_LOG_LEVEL, which wins over LOG_LEVEL', { POWERTOOLS_LOG_LEVEL: 'error', LOG_LEVEL: 'debug' }, 'ERROR'],
    ['a level that does not exist', { LOG_LEVEL: 'verbose' }, 'INFO'],
  ])('logs at the level of the environment: %s', (_case, env, level) => {
    // Prepare
    const saved = { LOG_LEVEL: process.env.LOG_LEVEL, POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL };
    delete process.env.LOG_LEVEL;
    delete process.env.POWERTOOLS_LOG_LEVEL;

    // Act
    const logger = createLogger(env);

    // Assess
    try {
      expect(logger.getLevelName()).toBe(level);
    } finally {
      for (const [name, value] of Object.entries(saved)) if (value !== undefined) process.env[name] = value;
    }
  });

  it('writes nothing below its level', () => {
    // Prepare
    const logger = createLogger({ LOG_LEVEL: 'WARN' });

    // Act
    logger.info('routine');
    logger.warn('unusual');

    // Assess
    expect(logEntries().map((entry) => entry.message)).toEqual(['unusual']);
  });
});

describe('redact', () => {
  it.each(['resultToken', 'SessionToken', 'sessionToken', 'SecretAccessKey', 'credentials', 'Authorization', 'password', 'X-Amz-Signature'])(
    'replaces the value under %s',
    (key) => {
      expect(redact(key, 'anything')).toBe(REDACTED);
    },
  );

  it('keeps identifiers and counts', () => {
    expect(redact('resourceId', 'orders-cache')).toBe('orders-cache');
    expect(redact('resourcesEvaluated', 3)).toBe(3);
  });

  it('replaces the current run’s secrets wherever they appear, and forgets the previous run’s', () => {
    // Act
    keepOutOfLogs('token-of-run-1');
    const first = redact('error', 'refused token-of-run-1 twice: token-of-run-1');
    keepOutOfLogs('token-of-run-2');
    const second = redact('error', 'token-of-run-1 token-of-run-2');

    // Assess
    expect(first).toBe(`refused ${REDACTED} twice: ${REDACTED}`);
    expect(second).toBe(`token-of-run-1 ${REDACTED}`);
  });

  it('does not treat Config’s TESTMODE token as a secret', () => {
    // Act
    keepOutOfLogs('TESTMODE', undefined, '');
    // Assess
    expect(redact('message', 'TESTMODE run')).toBe('TESTMODE run');
  });
});
