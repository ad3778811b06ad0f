/**
 * The scan's session: look-ups shared, listings' pages not kept.
 *
 * Scenarios
 * - Given the same look-up asked twice (another control's context), then it is sent once and both
 *   callers get the one answer; the counter says one call.
 * - Given a listing page asked twice, then it is sent twice: its pages are not kept (the scan
 *   memoizes listings per inventory instead), and both calls are counted.
 * - Given a listing repeated inside keepingListings (a retry without serverless caches), then the
 *   repeat costs no call; after it, the pages are forgotten.
 * - Given a write, then it is always sent.
 */
import { createSharedSession, type CallCounter } from '../../../scan/aws/shared-session.ts';

class FakeElastiCache {
  static sent: string[] = [];
  readonly config = { serviceId: 'ElastiCache' };
  async send(command: { input: unknown }): Promise<unknown> {
    FakeElastiCache.sent.push(`${command.constructor.name} ${JSON.stringify(command.input)}`);
    return { answer: FakeElastiCache.sent.length };
  }
}
class DescribeReplicationGroupsCommand {
  constructor(readonly input: object) {}
}
class DescribeUserGroupsCommand {
  constructor(readonly input: object) {}
}
class ModifyReplicationGroupCommand {
  constructor(readonly input: object) {}
}

const LISTINGS = new Set(['elasticache:DescribeReplicationGroups']);

beforeEach(() => {
  FakeElastiCache.sent = [];
});

describe('shared session', () => {
  it('sends a look-up once and shares its answer', async () => {
    const counter: CallCounter = new Map();
    const client = createSharedSession('eu-west-1', counter, undefined, LISTINGS).client(FakeElastiCache);
    const first = await client.send(new DescribeUserGroupsCommand({}));
    const second = await client.send(new DescribeUserGroupsCommand({}));
    expect(second).toBe(first);
    expect(FakeElastiCache.sent).toHaveLength(1);
    expect(counter.get('elasticache:DescribeUserGroups')).toBe(1);
  });

  it('does not keep listing pages, except while keepingListings runs', async () => {
    const counter: CallCounter = new Map();
    const session = createSharedSession('eu-west-1', counter, undefined, LISTINGS);
    const client = session.client(FakeElastiCache);
    const page = () => client.send(new DescribeReplicationGroupsCommand({ Marker: 'm1', MaxRecords: 100 }));

    await page();
    await page();
    expect(FakeElastiCache.sent).toHaveLength(2);

    const [kept, replayed] = await session.keepingListings(async () => [await page(), await page()]);
    expect(replayed).toBe(kept);
    expect(FakeElastiCache.sent).toHaveLength(3);

    await page();
    expect(FakeElastiCache.sent).toHaveLength(4);
    expect(counter.get('elasticache:DescribeReplicationGroups')).toBe(4);
  });

  it('always sends a write', async () => {
    const counter: CallCounter = new Map();
    const client = createSharedSession('eu-west-1', counter).client(FakeElastiCache);
    await client.send(new ModifyReplicationGroupCommand({ ReplicationGroupId: 'orders' }));
    await client.send(new ModifyReplicationGroupCommand({ ReplicationGroupId: 'orders' }));
    expect(FakeElastiCache.sent).toHaveLength(2);
    expect(counter.get('elasticache:ModifyReplicationGroup')).toBe(2);
  });
});
