/**
 * Throttling: large accounts get `Throttling` from ElastiCache's Describe* calls, and a run must ride
 * it out rather than fail or, worse, report a partial estate.
 *
 * aws-sdk-client-mock replaces `send`, and with it the SDK's retry middleware, so these tests answer
 * one level lower: a real ElastiCacheClient, configured with the session's retryOptions(), whose
 * request handler plays ElastiCache over HTTP (query-protocol XML). Nothing leaves the process, and
 * the SDK's back-off runs on a virtual clock.
 *
 * Scenarios
 * - Given the first two DescribeReplicationGroups requests throttled, then the run retries, reads
 *   every page and reports every group.
 * - Given the same throttling and a client that does not retry, then the run fails with
 *   ListingFailedError and reports nothing (so the first scenario passes because of the retry options).
 * - Given no AWS_RETRY_MODE / AWS_MAX_ATTEMPTS, then clients retry adaptively up to 10 attempts;
 *   given either variable, the SDK's own reading of it wins.
 */
import type {} from 'aws-sdk-client-mock-jest';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { mockClient } from 'aws-sdk-client-mock';
import { ConfigServiceClient, GetComplianceDetailsByConfigRuleCommand, PutEvaluationsCommand } from '@aws-sdk/client-config-service';
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import type { HttpRequest, HttpResponse } from '@aws-sdk/types';
import { createAwsSession, retryOptions, type AwsSession, type ClientConstructor } from '#shared/aws/session.ts';
import { encryptionInTransit } from '#shared/controls/encryption-in-transit.ts';
import { ListingFailedError } from '#shared/engine/errors.ts';
import { runRule } from '#shared/engine/run-rule.ts';
import { scheduledEvent } from '../../support/config-events.ts';
import { ACCOUNT_ID, REGION } from '../../support/fixtures.ts';
import { onVirtualClock } from '../../support/virtual-clock.ts';

// The matchers' ES build is not marked as a module, so jest's ESM loader cannot import it; the
// CommonJS build registers the same matchers on the shared `expect`.
createRequire(import.meta.url)('aws-sdk-client-mock-jest');

const NAMESPACE = 'http://elasticache.amazonaws.com/doc/2015-02-02/';
const GROUPS = 150;

const config = mockClient(ConfigServiceClient);
beforeAll(() => {
  process.env.AWS_REGION = REGION;
});

beforeEach(() => {
  config.reset();
  config
    .on(PutEvaluationsCommand)
    .resolves({ FailedEvaluations: [] })
    .on(GetComplianceDetailsByConfigRuleCommand)
    .resolves({ EvaluationResults: [] });
});

afterAll(() => {
  config.restore();
});

describe('a throttled listing', () => {
  it('is retried until ElastiCache answers, and every group is reported', async () => {
    // Prepare
    const elastiCache = new FakeElastiCache({ groups: GROUPS, throttledGroupRequests: 2 });
    const client = new ElastiCacheClient({ ...retryOptions({}), ...offline, requestHandler: elastiCache.requestHandler });

    // Act: after a throttle, adaptive retry backs off and rate-limits the client to about one request
    // every two seconds; on the real clock this test would take several seconds.
    const summary = await onVirtualClock(() => runRule(encryptionInTransit, scheduledEvent(), sessionWith(client)));

    // Assess: both pages of the clusters (listed first), two throttled attempts at page 1 of the
    // groups, then both pages of the groups and the serverless caches.
    expect(elastiCache.requests.map((r) => [r.action, r.marker, r.attempt])).toEqual([
      ['DescribeCacheClusters', undefined, 'attempt=1; max=10'],
      ['DescribeCacheClusters', '100', 'attempt=1; max=10'],
      ['DescribeReplicationGroups', undefined, 'attempt=1; max=10'],
      ['DescribeReplicationGroups', undefined, 'attempt=2; max=10'],
      ['DescribeReplicationGroups', undefined, 'attempt=3; max=10'],
      ['DescribeReplicationGroups', '100', 'attempt=1; max=10'],
      ['DescribeServerlessCaches', undefined, 'attempt=1; max=10'],
    ]);
    expect(summary.resourcesEvaluated).toBe(GROUPS);
    const reported = config.commandCalls(PutEvaluationsCommand).flatMap((call) => call.args[0].input.Evaluations ?? []);
    expect(reported.map((e) => e.ComplianceResourceId)).toEqual(range(GROUPS).map((i) => `orders-${i}`));
    expect(reported.every((e) => e.ComplianceType === 'COMPLIANT')).toBe(true);
  });

  it('fails the run, reporting nothing, when the client does not retry', async () => {
    // Prepare
    const elastiCache = new FakeElastiCache({ groups: GROUPS, throttledGroupRequests: 2 });
    const client = new ElastiCacheClient({ maxAttempts: 1, ...offline, requestHandler: elastiCache.requestHandler });

    // Act
    const run = runRule(encryptionInTransit, scheduledEvent(), sessionWith(client));

    // Assess
    await expect(run).rejects.toThrow(ListingFailedError);
    await expect(run).rejects.toThrow(/^elasticache:DescribeReplicationGroups failed.*Throttling: Rate exceeded/);
    expect(config).not.toHaveReceivedCommand(PutEvaluationsCommand);
  });
});

describe('retryOptions', () => {
  it('retries adaptively, up to 10 attempts, by default', () => {
    expect(retryOptions({})).toEqual({ retryMode: 'adaptive', maxAttempts: 10 });
  });

  it('leaves the retry mode and attempts to the SDK when AWS_RETRY_MODE and AWS_MAX_ATTEMPTS are set', () => {
    expect(retryOptions({ AWS_RETRY_MODE: 'standard' })).toEqual({ maxAttempts: 10 });
    expect(retryOptions({ AWS_MAX_ATTEMPTS: '3' })).toEqual({ retryMode: 'adaptive' });
  });
});

// ---- helpers ----

/** No credential chain or region lookup: the request never leaves the process anyway. */
const offline = {
  region: REGION,
  credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
};

/** A session whose ElastiCache client is `client`; every other client comes from createAwsSession. */
function sessionWith(client: ElastiCacheClient): AwsSession {
  const others = createAwsSession();
  return {
    meter: others.meter,
    client<C>(constructor: ClientConstructor<C>): C {
      return (constructor as unknown) === ElastiCacheClient ? (client as unknown as C) : others.client(constructor);
    },
  };
}

interface RecordedRequest {
  action: string | null;
  marker: string | undefined;
  /** The SDK's `amz-sdk-request` header: which attempt this is, of how many allowed. */
  attempt: string | undefined;
}

/**
 * ElastiCache's query protocol at the HTTP layer: form-encoded requests, XML replies (ElastiCache API
 * reference, DescribeReplicationGroups and DescribeCacheClusters), pages of MaxRecords linked by Marker.
 * `groups` Redis OSS replication groups orders-0… each have one member cluster; the first
 * `throttledGroupRequests` DescribeReplicationGroups requests are refused with HTTP 400 Throttling.
 */
class FakeElastiCache {
  readonly requests: RecordedRequest[] = [];
  private throttlesLeft: number;

  constructor(private readonly estate: { groups: number; throttledGroupRequests: number }) {
    this.throttlesLeft = estate.throttledGroupRequests;
  }

  readonly requestHandler = {
    handle: async (request: HttpRequest): Promise<{ response: HttpResponse }> => {
      const form = new URLSearchParams(String(request.body));
      const action = form.get('Action');
      const marker = form.get('Marker') ?? undefined;
      this.requests.push({ action, marker, attempt: request.headers['amz-sdk-request'] });
      const pageSize = Number(form.get('MaxRecords') ?? 100);
      const start = Number(marker ?? 0);
      const ids = range(this.estate.groups).slice(start, start + pageSize);
      const next = start + pageSize < this.estate.groups ? `<Marker>${start + pageSize}</Marker>` : '';
      if (action === 'DescribeReplicationGroups' && this.throttlesLeft > 0) {
        this.throttlesLeft--;
        return xmlResponse(400, throttlingError());
      }
      if (action === 'DescribeReplicationGroups') {
        return xmlResponse(200, describeReply(action, `<ReplicationGroups>${ids.map(replicationGroupXml).join('')}</ReplicationGroups>${next}`));
      }
      if (action === 'DescribeCacheClusters') {
        return xmlResponse(200, describeReply(action, `<CacheClusters>${ids.map(memberClusterXml).join('')}</CacheClusters>${next}`));
      }
      if (action === 'DescribeServerlessCaches') {
        return xmlResponse(200, describeReply(action, '<ServerlessCaches></ServerlessCaches>'));
      }
      return xmlResponse(400, `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>${action} is not played by this fake</Message></Error></ErrorResponse>`);
    },
  };
}

function xmlResponse(statusCode: number, xml: string): { response: HttpResponse } {
  return {
    response: {
      statusCode,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': '144745b0-b9d3-11e3-8a16-7978bb24ffdf' },
      body: Readable.from([Buffer.from(xml, 'utf8')]),
    },
  };
}

function describeReply(action: string, result: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${NAMESPACE}">` +
    `<${action}Result>${result}</${action}Result>` +
    '<ResponseMetadata><RequestId>144745b0-b9d3-11e3-8a16-7978bb24ffdf</RequestId></ResponseMetadata>' +
    `</${action}Response>`
  );
}

function throttlingError(): string {
  return (
    `<ErrorResponse xmlns="${NAMESPACE}">` +
    '<Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>' +
    '<RequestId>144745b0-b9d3-11e3-8a16-7978bb24ffdf</RequestId>' +
    '</ErrorResponse>'
  );
}

function replicationGroupXml(i: number): string {
  const id = `orders-${i}`;
  return (
    '<ReplicationGroup>' +
    `<ReplicationGroupId>${id}</ReplicationGroupId><Description>Orders cache ${i}</Description><Status>available</Status>` +
    `<MemberClusters><ClusterId>${id}-001</ClusterId></MemberClusters>` +
    '<AutomaticFailover>disabled</AutomaticFailover><MultiAZ>disabled</MultiAZ><SnapshotRetentionLimit>7</SnapshotRetentionLimit>' +
    '<ClusterEnabled>false</ClusterEnabled><CacheNodeType>cache.r7g.large</CacheNodeType><AuthTokenEnabled>false</AuthTokenEnabled>' +
    '<TransitEncryptionEnabled>true</TransitEncryptionEnabled><TransitEncryptionMode>required</TransitEncryptionMode>' +
    '<AtRestEncryptionEnabled>true</AtRestEncryptionEnabled>' +
    `<ARN>arn:aws:elasticache:${REGION}:${ACCOUNT_ID}:replicationgroup:${id}</ARN><Engine>redis</Engine>` +
    '</ReplicationGroup>'
  );
}

function memberClusterXml(i: number): string {
  const group = `orders-${i}`;
  return (
    '<CacheCluster>' +
    `<CacheClusterId>${group}-001</CacheClusterId><CacheNodeType>cache.r7g.large</CacheNodeType>` +
    '<Engine>redis</Engine><EngineVersion>7.1.0</EngineVersion><CacheClusterStatus>available</CacheClusterStatus>' +
    '<NumCacheNodes>1</NumCacheNodes><PreferredAvailabilityZone>us-east-1a</PreferredAvailabilityZone>' +
    `<CacheSubnetGroupName>orders-private</CacheSubnetGroupName><ReplicationGroupId>${group}</ReplicationGroupId>` +
    '<TransitEncryptionEnabled>true</TransitEncryptionEnabled><TransitEncryptionMode>required</TransitEncryptionMode>' +
    `<ARN>arn:aws:elasticache:${REGION}:${ACCOUNT_ID}:cluster:${group}-001</ARN>` +
    '</CacheCluster>'
  );
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
