/**
 * One scheduled run of one control over a mocked estate, in a process of its own so that peak RSS
 * belongs to this run alone. The bench bundles this file like a function (see harness-bundle.ts)
 * into a temporary directory and runs it on Node 24 with the Lambda runtime's V8 flags plus --expose-gc:
 *   node --expose-gc <tmp>/scheduled-run.mjs \
 *     --control encryption-at-rest --rule-name elasticache-encryption-at-rest --groups 10000
 */
import { parseArgs } from 'node:util';
import { createAwsSession } from '#shared/aws/session.ts';
import type { Control } from '#shared/engine/control.ts';
import { runRule } from '#shared/engine/run-rule.ts';
import { earlierResults } from './earlier-results.ts';
import { ACCOUNT_ID, REGION } from './estate.ts';
import { mockAws } from './mock-aws.ts';
import { RESULT_MARKER, type ScheduledRunResult } from './run-result.ts';
import { servingTime } from './service-mock.ts';

const { values } = parseArgs({
  options: { control: { type: 'string' }, 'rule-name': { type: 'string' }, groups: { type: 'string' } },
});
const groups = Number(values.groups);
const configRuleName = values['rule-name'];
if (!values.control || !configRuleName || !Number.isInteger(groups) || groups < 0) {
  throw new Error('usage: --control <control id> --rule-name <Config rule name> --groups <count>');
}
const gc = globalThis.gc;
if (!gc) throw new Error('run with --expose-gc: heap is measured after a collection');

// Belt and braces: nothing may reach AWS. A client that is not mocked gets an unreachable endpoint
// and fake credentials (so the SDK never looks for real ones), and fails at its first call.
Object.assign(process.env, {
  AWS_REGION: REGION,
  AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'not-a-secret',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_MAX_ATTEMPTS: '1',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
});

const control = await loadControl(values.control);
const resultToken = 'eyJlbmNyeXB0ZWREYXRhIjpbMTIzLDQ1XSwibWF0ZXJpYWxTZXRTZXJpYWxOdW1iZXIiOjF9';
const aws = await mockAws(control, { groups, earlier: earlierResults(configRuleName, groups), configRuleName, resultToken });

// A periodic invocation as Config sends it (not TESTMODE, so stale results are cleaned up).
const event = {
  version: '1.0',
  invokingEvent: JSON.stringify({
    awsAccountId: ACCOUNT_ID,
    notificationCreationTime: '2026-01-15T06:00:00.000Z',
    messageType: 'ScheduledNotification',
    recordVersion: '1.0',
  }),
  ruleParameters: '{}',
  resultToken,
  eventLeftScope: false,
  executionRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/${configRuleName}-role`,
  configRuleArn: `arn:aws:config:${REGION}:${ACCOUNT_ID}:config-rule/config-rule-bench1`,
  configRuleName,
  configRuleId: 'config-rule-bench1',
  accountId: ACCOUNT_ID,
  evaluationMode: 'DETECTIVE',
};

gc();
const before = process.memoryUsage();
const cpuStart = process.cpuUsage();
const start = performance.now();
const summary = await runRule(control, event, createAwsSession());
const wallMs = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
const peakRssBytes = process.resourceUsage().maxRSS * 1024;

const calls = aws.callCounts();
const unexpectedCalls = aws.unexpectedCalls();
aws.resetHistory();
gc();

const result: ScheduledRunResult = {
  control: control.id,
  groups,
  services: [...aws.services],
  summary,
  wallMs,
  cpuMs: (cpu.user + cpu.system) / 1000,
  mockMs: servingTime(),
  rssBeforeBytes: before.rss,
  heapBeforeBytes: before.heapUsed,
  peakRssBytes,
  heapAfterBytes: process.memoryUsage().heapUsed,
  calls,
  unexpectedCalls,
  reported: aws.reported,
};
console.log(RESULT_MARKER + JSON.stringify(result));

/**
 * Loads the one control module, as its function does, rather than the catalog, which would load
 * every control and with them every SDK client (EC2's alone is about 25 MB of RSS). esbuild turns
 * this pattern into one chunk per file, which is why the path is relative and not `#shared/…`.
 */
async function loadControl(id: string): Promise<Control<any, any>> {
  if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`--control ${id} is not a control id`);
  const module = (await import(`../../shared/controls/${id}.ts`)) as Record<string, unknown>;
  const control = Object.values(module).find((value) => (value as Partial<Control> | null)?.id === id);
  if (!control) throw new Error(`shared/controls/${id}.ts exports no control with id "${id}"`);
  return control as Control<any, any>;
}
