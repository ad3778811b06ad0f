/**
 * Mocks the services a control calls, and only those: the engine always calls ElastiCache and
 * Config; anything else is read from the control's own IAM actions (kms:…, ec2:…). Loading only those
 * mocks keeps unused SDK clients out of the process, as they are out of the function's bundle, so
 * peak RSS is comparable with the function's. A call to a service that is not mocked goes to the
 * unreachable endpoint the bench sets (AWS_ENDPOINT_URL) and fails the run.
 */
import type { Control } from '#shared/engine/control.ts';
import { mockConfig, type ConfigMockOptions, type ReportedEvaluations } from './mock-config.ts';
import { mockElastiCache } from './mock-elasticache.ts';
import { OPERATIONS, type CallCounts, type ServiceMock } from './service-mock.ts';

const OPTIONAL_SERVICES: Record<string, () => Promise<ServiceMock>> = {
  ec2: async () => (await import('./mock-ec2.ts')).mockEc2(),
  kms: async () => (await import('./mock-kms.ts')).mockKms(),
};
const ENGINE_SERVICES = new Set(['elasticache', 'config']);

export interface MockedAws {
  /** The services mocked, by IAM prefix. */
  readonly services: readonly string[];
  callCounts(): CallCounts;
  /** Calls to operations no mock serves; each was refused. */
  unexpectedCalls(): number;
  readonly reported: ReportedEvaluations;
  /** Drops the recorded calls, so that they do not count in the heap measured after the run. */
  resetHistory(): void;
}

export async function mockAws(control: Control<any, any>, options: ConfigMockOptions & { groups: number }): Promise<MockedAws> {
  const config = mockConfig(options);
  const mocks: ServiceMock[] = [mockElastiCache(options.groups), config];
  const services = [...new Set([...ENGINE_SERVICES, ...control.iamActions.map((action) => action.split(':')[0]!)])];
  for (const service of services) {
    if (ENGINE_SERVICES.has(service)) continue;
    const load = OPTIONAL_SERVICES[service];
    if (!load) throw new Error(`Control ${control.id} calls ${service}, which the bench does not mock: add scripts/bench/mock-${service}.ts.`);
    mocks.push(await load());
  }
  const callCounts = (): CallCounts => {
    const counts = Object.fromEntries(OPERATIONS.map((operation) => [operation, 0])) as CallCounts;
    for (const mock of mocks) Object.assign(counts, mock.counts());
    return counts;
  };
  return {
    services,
    callCounts,
    unexpectedCalls: () =>
      mocks.reduce((sum, mock) => sum + mock.totalCalls(), 0) - Object.values(callCounts()).reduce((sum, n) => sum + n, 0),
    reported: config.reported,
    resetHistory: () => mocks.forEach((mock) => mock.resetHistory()),
  };
}
