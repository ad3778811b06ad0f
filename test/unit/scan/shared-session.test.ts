/**
 * The scan's session: look-ups shared, listings' pages not kept.
 *
 * Scenarios
 * - Given the same look-up asked twice (another control's context), then it is sent once and both
 *   callers get the one answer; the counter says one call.
 * - Given a listing page asked twice, then it is sent twice: its pages are not kept (the scan
 *   memoizes listings per inventory instead), and both calls are counted.
 * - Given a call that fails inside answeringFailures for its action, then it answers the empty page
 *   and hands the error over; other actions, and the same one outside, still fail.
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
class FailingElastiCache extends FakeElastiCache {
  override async send(command: { input: unknown }): Promise<unknown> {
    await super.send(command);
    throw Object.assign(new Error('User is not authorized: access denied'), { name: 'AccessDeniedException' });
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

  it('does not keep listing pages', async () => {
    const counter: CallCounter = new Map();
    const client = createSharedSession('eu-west-1', counter, undefined, LISTINGS).client(FakeElastiCache);
    const page = () => client.send(new DescribeReplicationGroupsCommand({ Marker: 'm1', MaxRecords: 100 }));
    const [first, second] = [await page(), await page()];
    expect(second).not.toBe(first);
    expect(FakeElastiCache.sent).toHaveLength(2);
    expect(counter.get('elasticache:DescribeReplicationGroups')).toBe(2);
  });

  it('answers the failures of one action with an empty page while answeringFailures runs', async () => {
    const session = createSharedSession('eu-west-1', new Map(), undefined, LISTINGS);
    const client = session.client(FailingElastiCache);
    const errors: unknown[] = [];
    const empty = { ReplicationGroups: [] };

    const answered = await session.answeringFailures('elasticache:DescribeReplicationGroups', empty, (error) => errors.push(error), () =>
      client.send(new DescribeReplicationGroupsCommand({})),
    );
    expect(answered).toBe(empty);
    expect(errors).toEqual([expect.objectContaining({ name: 'AccessDeniedException' })]);

    await expect(
      session.answeringFailures('elasticache:DescribeReplicationGroups', empty, () => undefined, () => client.send(new DescribeUserGroupsCommand({}))),
    ).rejects.toThrow(/denied/);
    await expect(client.send(new DescribeReplicationGroupsCommand({}))).rejects.toThrow(/denied/);
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
