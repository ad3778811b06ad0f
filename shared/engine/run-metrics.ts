/**
 * What each run tells CloudWatch, through Powertools for AWS Lambda's Metrics in the embedded metric
 * format: one JSON document on stdout per run, which CloudWatch Logs turns into metrics without any
 * PutMetricData call (so no extra IAM permission, latency or failure mode in the run).
 *
 * The dimensions are the control (and Powertools' `service`, the stack): few and fixed. Resource ids
 * never become dimensions: each distinct value is a metric of its own, billed and kept for 15 months.
 */
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import type { ComplianceType } from './control.ts';
import { SERVICE_NAME } from './logger.ts';

/** The CloudWatch namespace; the dashboard in the template reads the same constant. */
export const METRICS_NAMESPACE = 'ElastiCacheConfigRules';
export const CONTROL_DIMENSION = 'control';
export const SERVICE_DIMENSION = 'service';

/** Every metric a run can emit, with its unit; the dashboard may chart only these. */
export const RUN_METRICS = {
  /** Caches listed and judged (a change to a resource the control does not re-evaluate caches for: 0). */
  ResourcesEvaluated: MetricUnit.Count,
  Compliant: MetricUnit.Count,
  NonCompliant: MetricUnit.Count,
  NotApplicable: MetricUnit.Count,
  /** Results of deleted resources reported NOT_APPLICABLE after the run. */
  StaleResultsCleared: MetricUnit.Count,
  RunSucceeded: MetricUnit.Count,
  RunFailed: MetricUnit.Count,
  /** AWS API calls the run made (a call the SDK retried counts once). */
  AwsCalls: MetricUnit.Count,
  RunDuration: MetricUnit.Milliseconds,
} as const;

export type RunMetricName = keyof typeof RUN_METRICS;

const COMPLIANCE_METRICS: Record<ComplianceType, RunMetricName> = {
  COMPLIANT: 'Compliant',
  NON_COMPLIANT: 'NonCompliant',
  NOT_APPLICABLE: 'NotApplicable',
};

/** What the engine knows of a run when it ends; counts only when it completed. */
export interface RunOutcome {
  control: string;
  durationMs: number;
  awsCalls: number;
  completed?: {
    resourcesEvaluated: number;
    reported: Record<ComplianceType, number>;
    staleResultsCleared: number;
  };
}

/** Namespace and service are fixed here, not read from the environment, so the dashboard always matches. */
export function createRunMetrics(env: NodeJS.ProcessEnv = process.env): Metrics {
  return new Metrics({ namespace: METRICS_NAMESPACE, serviceName: env.POWERTOOLS_SERVICE_NAME || SERVICE_NAME });
}

/**
 * Records one run and flushes once. A failed run emits no compliance counts: it reported nothing, or
 * not all of it, so a count would read as a verdict Config never received.
 */
export function publishRun(metrics: Metrics, outcome: RunOutcome): void {
  metrics.addDimension(CONTROL_DIMENSION, outcome.control);
  const add = (name: RunMetricName, value: number) => metrics.addMetric(name, RUN_METRICS[name], value);
  add('RunSucceeded', outcome.completed ? 1 : 0);
  add('RunFailed', outcome.completed ? 0 : 1);
  add('AwsCalls', outcome.awsCalls);
  add('RunDuration', outcome.durationMs);
  if (outcome.completed) {
    add('ResourcesEvaluated', outcome.completed.resourcesEvaluated);
    for (const [compliance, name] of Object.entries(COMPLIANCE_METRICS) as [ComplianceType, RunMetricName][]) {
      add(name, outcome.completed.reported[compliance]);
    }
    add('StaleResultsCleared', outcome.completed.staleResultsCleared);
  }
  metrics.publishStoredMetrics();
}
