/**
 * What a scheduled run over the estate must do, worked out from the estate and the control's
 * declared IAM actions, never from the engine: every list is drained in ⌈records / 100⌉ pages,
 * evaluations go out in batches of 100, each distinct KMS key is described once, and the run stays
 * within its function's memory. A breach fails the bench; timings are reported, never asserted.
 */
import { ruleNameOf } from '#shared/controls/catalog.ts';
import type { Control } from '#shared/engine/control.ts';
import { earlierResults } from './earlier-results.ts';
import { MEMBERS_PER_GROUP, ROUTE_TABLE_COUNT, SUBNET_GROUP_COUNT, distinctKmsKeys } from './estate.ts';
import type { ScheduledRunResult } from './run-result.ts';
import { OPERATIONS, type CallCounts } from './service-mock.ts';
import { PAGE_SIZE } from '#shared/aws/paginate.ts';

const EVALUATIONS_PER_CALL = 100;

/** A list call returns one page even when empty; PutEvaluations is not called with nothing to send. */
const pages = (records: number): number => Math.max(1, Math.ceil(records / PAGE_SIZE));
const batches = (evaluations: number): number => Math.ceil(evaluations / EVALUATIONS_PER_CALL);

export const staleResultsOf = (control: Control<any, any>, groups: number): number =>
  earlierResults(ruleNameOf(control), groups).staleCount;

/** Expected calls for an estate of at least one group (an empty one skips the context calls). */
export function expectedCalls(control: Control<any, any>, groups: number): CallCounts {
  const declares = (action: string): boolean => control.iamActions.includes(action);
  const stale = staleResultsOf(control, groups);
  return {
    DescribeReplicationGroups: pages(groups),
    DescribeCacheClusters: pages(groups * MEMBERS_PER_GROUP),
    // The estate has no serverless caches: one empty page.
    DescribeServerlessCaches: 1,
    DescribeCacheSubnetGroups: declares('elasticache:DescribeCacheSubnetGroups') ? pages(SUBNET_GROUP_COUNT) : 0,
    DescribeRouteTables: declares('ec2:DescribeRouteTables') ? pages(ROUTE_TABLE_COUNT) : 0,
    DescribeKey: declares('kms:DescribeKey') ? distinctKmsKeys(groups).size : 0,
    GetComplianceDetailsByConfigRule: pages(groups + stale),
    PutEvaluations: batches(groups) + batches(stale),
  };
}

/** Every way the run departed from what is expected, each named for the reader of the bench output. */
export function violationsOf(control: Control<any, any>, result: ScheduledRunResult, memoryMb: number): string[] {
  const where = `${control.id} × ${result.groups.toLocaleString('en-US')} groups`;
  const found: string[] = [];
  const expected = expectedCalls(control, result.groups);
  for (const operation of OPERATIONS) {
    if (result.calls[operation] !== expected[operation]) {
      found.push(`${where}: ${operation} called ${result.calls[operation]} times, expected ${expected[operation]}`);
    }
  }
  if (result.unexpectedCalls > 0) found.push(`${where}: ${result.unexpectedCalls} call(s) to operations the control should not call`);
  const stale = staleResultsOf(control, result.groups);
  const { summary, reported } = result;
  if (summary.resourcesEvaluated !== result.groups) {
    found.push(`${where}: ${summary.resourcesEvaluated} resources evaluated, expected ${result.groups}`);
  }
  if (summary.staleResultsCleared !== stale) found.push(`${where}: ${summary.staleResultsCleared} stale results cleared, expected ${stale}`);
  if (reported.evaluations !== result.groups + stale) {
    found.push(`${where}: ${reported.evaluations} evaluations reported, expected ${result.groups + stale}`);
  }
  if (reported.testModeCalls > 0) found.push(`${where}: ${reported.testModeCalls} PutEvaluations call(s) in TestMode during a scheduled run`);
  const limitBytes = memoryMb * 2 ** 20;
  if (result.peakRssBytes >= limitBytes) {
    found.push(`${where}: peak RSS ${(result.peakRssBytes / 2 ** 20).toFixed(1)} MiB exceeds the function's ${memoryMb} MB`);
  }
  return found;
}
