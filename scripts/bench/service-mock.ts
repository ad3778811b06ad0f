/**
 * What every mocked service shares: the operations the bench counts, and a stub that refuses any
 * operation it does not serve, so that an unexpected call fails the run instead of passing unseen.
 */
import type { AwsStub } from 'aws-sdk-client-mock';
import { apiError } from './paging.ts';

export const OPERATIONS = [
  'DescribeReplicationGroups',
  'DescribeCacheClusters',
  'DescribeServerlessCaches',
  'DescribeCacheSubnetGroups',
  'DescribeRouteTables',
  'DescribeKey',
  'GetComplianceDetailsByConfigRule',
  'PutEvaluations',
] as const;
export type Operation = (typeof OPERATIONS)[number];
export type CallCounts = Record<Operation, number>;

// The stubs' type parameters vary per client; only their call history is read here.
type AnyStub = AwsStub<any, any, any>;
type CommandClass = abstract new (...args: any[]) => any;

export interface ServiceMock {
  /** Recorded calls of each operation this mock serves. */
  counts(): Partial<CallCounts>;
  /** Every recorded call, served or refused. */
  totalCalls(): number;
  resetHistory(): void;
}

let servingMicros = 0;

/** CPU time spent building responses inside the mocks (ms), which the run's CPU time includes. */
export const servingTime = (): number => servingMicros / 1000;

/**
 * Wraps a fake response builder to measure its CPU time. The builders are async functions without
 * an await, so their whole body runs before the promise is returned: only the mock's own work (and
 * the garbage collection its allocations trigger) is counted.
 */
export function timed<I, O>(build: (input: I) => Promise<O>): (input: I) => Promise<O> {
  return (input) => {
    const start = process.cpuUsage();
    const response = build(input);
    const used = process.cpuUsage(start);
    servingMicros += used.user + used.system;
    return response;
  };
}

/** Call before configuring the served operations: the last matching behaviour wins. */
export function refuseUnserved(stub: AnyStub): void {
  stub.onAnyCommand().rejects(apiError('UnsupportedOperation', 'this operation is not served by the benchmark mock'));
}

export function serviceMock(stub: AnyStub, served: Partial<Record<Operation, CommandClass>>): ServiceMock {
  return {
    counts: () =>
      Object.fromEntries(Object.entries(served).map(([operation, command]) => [operation, stub.commandCalls(command as any).length])),
    totalCalls: () => stub.calls().length,
    resetHistory: () => stub.resetHistory(),
  };
}
