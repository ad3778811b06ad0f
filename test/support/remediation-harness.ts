/**
 * What the remediation integration tests share: the emulator (one per test file, emptied before
 * each test), the Automation runtime the dry run calls through (boto3 and the document scripts in
 * the .venv Python, the verifier bundle on Node 24), running a document on a resource, the rule's
 * own verdict on it (the built rule bundle), and a picture of every cache to show that a refused run
 * changed nothing.
 *
 * A test file calls `useRemediationEmulator()` once, at its top level.
 */
import {
  DescribeCacheClustersCommand,
  DescribeReplicationGroupsCommand,
  DescribeServerlessCachesCommand,
} from '@aws-sdk/client-elasticache';
import { loadDocument, type AutomationStep } from '../../infra/remediation-documents.ts';
import { dryRun, type DryRunResult } from './automation-dry-run.ts';
import { bundleInvoker, startAutomationRuntime, type AutomationRuntime } from './automation-runtime.ts';
import { aws, env, runControl, server, useEmulator, verdicts } from './emulator.ts';

export const ROLE = 'arn:aws:iam::123456789012:role/ElastiCacheRemediation';
/** The name the documents are given for the verifier; the dry run plays it with dist/remediation-verifier. */
export const VERIFIER = 'elasticache-config-rules-remediation-verifier';

export let runtime: AutomationRuntime;

export function useRemediationEmulator(): void {
  useEmulator();
  beforeAll(() => {
    runtime = startAutomationRuntime(env);
  });
  afterAll(async () => {
    await runtime?.close();
  });
}

export interface RunOptions {
  stopBefore?: (step: AutomationStep) => boolean;
  beforeStep?: (step: AutomationStep) => Promise<void>;
  /**
   * The time the run's scripts read as now (a fixed clock for ages); the real clock when left out.
   * The clock belongs to the file's one Automation runtime: a run with a clock must not overlap others.
   */
  clock?: Date;
}

/** Runs a document with the dry run, as Config would start it on `resourceId`. */
export async function remediate(
  file: string,
  resourceId: string,
  parameters: Readonly<Record<string, unknown>> = {},
  options: RunOptions = {},
): Promise<DryRunResult> {
  await runtime.setClock(options.clock);
  try {
    return await dryRun(
      loadDocument(file),
      { AutomationAssumeRole: ROLE, ResourceId: resourceId, VerifierFunctionName: VERIFIER, ...parameters },
      runtime.call,
      { ...options, runScript: runtime.runScript, invoke: bundleInvoker(env, { [VERIFIER]: 'remediation-verifier' }) },
    );
  } finally {
    await runtime.setClock(undefined);
  }
}

/** The rule's verdicts (its built bundle, on a scheduled run), by resource id. */
export async function ruleVerdicts(controlId: string, ruleParameters: Record<string, string> = {}): Promise<Record<string, string>> {
  return verdicts(await runControl(controlId, ruleParameters));
}

/**
 * Every cache as Describe shows it, with what only changes when a run changes something (statuses
 * and settings; not the clock): compared before and after a refused run.
 */
export async function describeEverything(): Promise<unknown> {
  const [groups, clusters, serverless] = await Promise.all([
    aws.elasticache.send(new DescribeReplicationGroupsCommand({})),
    aws.elasticache.send(new DescribeCacheClustersCommand({ ShowCacheNodeInfo: true })),
    aws.elasticache.send(new DescribeServerlessCachesCommand({})),
  ]);
  return JSON.parse(
    JSON.stringify({ groups: groups.ReplicationGroups, clusters: clusters.CacheClusters, serverless: serverless.ServerlessCaches }, (key, value: unknown) =>
      key === '$metadata' ? undefined : value,
    ),
  );
}

/** The mutating requests the emulator recorded since startRecording (Describe*, List*, Get* left out). */
export async function recordedChanges(): Promise<string[]> {
  const recorded = await server.downloadRecording();
  return recorded.map((request) => request.operation).filter((operation): operation is string => operation !== undefined && !/^(Describe|List|Get)/.test(operation));
}

export const isChange = (step: AutomationStep): boolean =>
  step.action === 'aws:executeAwsApi' && !/^(Describe|List|Get)/.test(String(step.inputs['Api']));
