/**
 * What the unit tests that reach AWS through the engine or the inventory loaders share (the engine's
 * end-to-end tests test/unit/engine/run-*.test.ts, reporting, stale results, the listings): the AWS
 * SDK clients mocked at `send`, an estate served through paged Describe calls the way ElastiCache
 * pages, the network of the fixtures, and readers of what was sent to Config.
 *
 * A test file calls `useMockedAws()` once, at its top level: every client is reset before each test
 * (PutEvaluations and GetComplianceDetailsByConfigRule answer as for an empty rule) and restored at
 * the end.
 */
import type {} from 'aws-sdk-client-mock-jest';
import { createRequire } from 'node:module';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ConfigServiceClient,
  GetComplianceDetailsByConfigRuleCommand,
  PutEvaluationsCommand,
  type Evaluation,
  type PutEvaluationsCommandInput,
} from '@aws-sdk/client-config-service';
import { DescribeRouteTablesCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeCacheClustersCommand,
  DescribeCacheSubnetGroupsCommand,
  DescribeReplicationGroupsCommand,
  DescribeServerlessCachesCommand,
  ElastiCacheClient,
  type CacheCluster,
  type CacheClusterMessage,
  type DescribeCacheClustersCommandInput,
  type DescribeReplicationGroupsCommandInput,
  type ReplicationGroup,
  type ReplicationGroupMessage,
  type DescribeServerlessCachesCommandInput,
  type DescribeServerlessCachesResponse,
  type ServerlessCache,
} from '@aws-sdk/client-elasticache';
import { KMSClient } from '@aws-sdk/client-kms';
import { STSClient } from '@aws-sdk/client-sts';
import {
  SUBNET_A,
  SUBNET_B,
  cacheSubnetGroupFixture,
  memberClusterFixture,
  replicationGroupFixture,
  route,
  routeTableFixture,
  subnetAssociation,
  subnetsOf,
} from './fixtures.ts';

// The matchers' ES build is not marked as a module, so jest's ESM loader cannot import it; the
// CommonJS build registers the same matchers on the shared `expect`.
createRequire(import.meta.url)('aws-sdk-client-mock-jest');

/** The route table of the change notifications, and when Config captured it. */
export const CAPTURE_TIME = '2026-11-27T10:42:17.816Z';
export const ROUTE_TABLE = 'rtb-0123456789abcdef0';
/** The public side of `givenNetwork()`. */
export const PUBLIC_SUBNET_GROUP = 'orders-public';
export const PUBLIC_SUBNET = 'subnet-0a1b2c3d4e5f6c003';
export const PUBLIC_ROUTE_TABLE = 'rtb-0a1b2c3d4e5f60002';
export const INTERNET_GATEWAY = 'igw-0a1b2c3d4e5f60001';

export const elasticache = mockClient(ElastiCacheClient);
export const ec2 = mockClient(EC2Client);
export const kms = mockClient(KMSClient);
export const config = mockClient(ConfigServiceClient);
export const sts = mockClient(STSClient);

/** Registers the hooks that reset the mocked clients before each test and restore them after all. */
export function useMockedAws(): void {
  beforeAll(() => {
    process.env.AWS_REGION = 'us-east-1';
  });

  beforeEach(() => {
    for (const mock of [elasticache, ec2, kms, config, sts]) mock.reset();
    config
      .on(PutEvaluationsCommand)
      .resolves({ FailedEvaluations: [] })
      .on(GetComplianceDetailsByConfigRuleCommand)
      .resolves({ EvaluationResults: [] });
    // An account without serverless caches, unless a test serves some (givenEstate).
    elasticache.on(DescribeServerlessCachesCommand).resolves({ ServerlessCaches: [] });
  });

  afterAll(() => {
    for (const mock of [elasticache, ec2, kms, config, sts]) mock.restore();
  });
}

/** What each PutEvaluations call sent, in order. */
export function putEvaluationsInputs(): PutEvaluationsCommandInput[] {
  return config.commandCalls(PutEvaluationsCommand).map((call) => call.args[0].input);
}

/** Every evaluation sent to Config, in order, across all PutEvaluations calls. */
export function reported(): Evaluation[] {
  return putEvaluationsInputs().flatMap((input) => input.Evaluations ?? []);
}

/** Compliance and annotation by resource id. */
export function verdicts(): Record<string, [string | undefined, string | undefined]> {
  return Object.fromEntries(reported().map((e) => [e.ComplianceResourceId, [e.ComplianceType, e.Annotation]]));
}

export function expectNoAwsCall(): void {
  expect(elasticache.calls()).toHaveLength(0);
  expect(ec2.calls()).toHaveLength(0);
  expect(kms.calls()).toHaveLength(0);
  expect(config.calls()).toHaveLength(0);
  expect(sts.calls()).toHaveLength(0);
}

/** What DescribeReplicationGroups, DescribeCacheClusters and DescribeServerlessCaches list. */
export interface Estate {
  replicationGroups: ReplicationGroup[];
  cacheClusters: CacheCluster[];
  serverlessCaches?: ServerlessCache[];
}

/** A replication group and the member clusters DescribeCacheClusters lists for it. */
export function replicationGroup(id: string, overrides: Partial<ReplicationGroup> = {}, memberOverrides: Partial<CacheCluster> = {}): Estate {
  const group = replicationGroupFixture({ ReplicationGroupId: id, ...overrides });
  return {
    replicationGroups: [group],
    cacheClusters: (group.MemberClusters ?? []).map((member) => memberClusterFixture(id, member, memberOverrides)),
  };
}

export function standaloneCluster(cluster: CacheCluster): Estate {
  return { replicationGroups: [], cacheClusters: [cluster] };
}

export function serverlessCache(cache: ServerlessCache): Estate {
  return { replicationGroups: [], cacheClusters: [], serverlessCaches: [cache] };
}

/** Serves the estate through paged Describe calls; returns what each call asked for. */
export function givenEstate(...parts: Estate[]) {
  const groupPages = servePages(parts.flatMap((p) => p.replicationGroups));
  const clusterPages = servePages(parts.flatMap((p) => p.cacheClusters));
  const serverlessPages = servePages(parts.flatMap((p) => p.serverlessCaches ?? []));
  elasticache
    .on(DescribeReplicationGroupsCommand)
    .callsFake((input: DescribeReplicationGroupsCommandInput) => {
      const { items, Marker } = groupPages.serve(input);
      return { ReplicationGroups: items, Marker } satisfies ReplicationGroupMessage;
    })
    .on(DescribeCacheClustersCommand)
    .callsFake((input: DescribeCacheClustersCommandInput) => {
      const { items, Marker } = clusterPages.serve(input);
      return { CacheClusters: items, Marker } satisfies CacheClusterMessage;
    })
    .on(DescribeServerlessCachesCommand)
    .callsFake((input: DescribeServerlessCachesCommandInput) => {
      // Serverless caches page with MaxResults/NextToken rather than MaxRecords/Marker.
      const { items, Marker } = serverlessPages.serve({ MaxRecords: input.MaxResults, Marker: input.NextToken });
      return { ServerlessCaches: items, NextToken: Marker } satisfies DescribeServerlessCachesResponse;
    });
  return { groupRequests: groupPages.requests, clusterRequests: clusterPages.requests, serverlessRequests: serverlessPages.requests };
}

/** 250 replication groups (orders-0, orders-1, …) served a page at a time, until the request for page 3 fails with `error`; no cache cluster. */
export function givenThirdGroupPageFails(error: Error): void {
  const pages = servePages(range(250).map((i) => replicationGroupFixture({ ReplicationGroupId: `orders-${i}` })));
  const page = (input: DescribeReplicationGroupsCommandInput): ReplicationGroupMessage => {
    const { items, Marker } = pages.serve(input);
    return { ReplicationGroups: items, Marker };
  };
  elasticache.on(DescribeReplicationGroupsCommand).callsFakeOnce(page).callsFakeOnce(page).rejectsOnce(error);
  // The clusters are listed before the groups: an estate whose clusters all answered.
  elasticache.on(DescribeCacheClustersCommand).resolves({ CacheClusters: [] });
}

/** Serves `items` the way ElastiCache pages: MaxRecords per page, an opaque Marker to the next. */
export function servePages<T>(items: readonly T[]) {
  const requests: { MaxRecords: number | undefined; Marker: string | undefined }[] = [];
  return {
    /** What each call asked for, copied when it was made (the paginator reuses one input object). */
    requests,
    serve(input: { MaxRecords?: number; Marker?: string }): { items: T[]; Marker: string | undefined } {
      requests.push({ MaxRecords: input.MaxRecords, Marker: input.Marker });
      const start = input.Marker ? Number(input.Marker.replace('marker-', '')) : 0;
      const end = start + (input.MaxRecords ?? 100);
      return { items: items.slice(start, end), Marker: end < items.length ? `marker-${end}` : undefined };
    },
  };
}

/**
 * The private subnet group of the fixtures (both subnets on a route table with the local route only)
 * and a public one whose subnet routes 0.0.0.0/0 to an internet gateway.
 */
export function givenNetwork(): void {
  const privateTable = 'rtb-0a1b2c3d4e5f60001';
  elasticache.on(DescribeCacheSubnetGroupsCommand).resolves({
    CacheSubnetGroups: [
      cacheSubnetGroupFixture(),
      cacheSubnetGroupFixture({ CacheSubnetGroupName: PUBLIC_SUBNET_GROUP, Subnets: subnetsOf(PUBLIC_SUBNET) }),
    ],
  });
  ec2.on(DescribeRouteTablesCommand).resolves({
    RouteTables: [
      routeTableFixture({
        RouteTableId: privateTable,
        Associations: [subnetAssociation(privateTable, SUBNET_A), subnetAssociation(privateTable, SUBNET_B)],
      }),
      routeTableFixture({
        RouteTableId: PUBLIC_ROUTE_TABLE,
        Associations: [subnetAssociation(PUBLIC_ROUTE_TABLE, PUBLIC_SUBNET)],
        Routes: [...(routeTableFixture().Routes ?? []), route('0.0.0.0/0', { GatewayId: INTERNET_GATEWAY })],
      }),
    ],
  });
}

export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
