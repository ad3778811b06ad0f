/**
 * Draining an SDK paginator, shared by the inventory and the engine.
 *
 * Scenarios
 * - Given three pages, then every item of every page, in order; a page without its list counts as empty.
 * - Given a page that fails, then the whole listing rejects with that failure (never a partial list).
 * - Every paginator asks for pages of 100, the largest ElastiCache, EC2's DescribeRouteTables and
 *   Config's GetComplianceDetailsByConfigRule serve.
 * - The engine's clean-up pages through Config without depending on the inventory.
 */
import { readFileSync } from 'node:fs';
import { PAGE_SIZE, collect, forEachPage } from '#shared/aws/paginate.ts';

interface Page {
  Items?: string[];
}

async function* pages(...served: (Page | Error)[]): AsyncGenerator<Page> {
  for (const page of served) {
    if (page instanceof Error) throw page;
    yield page;
  }
}

describe('collect', () => {
  it('returns every item of every page, in order, reading a page without its list as empty', async () => {
    // Act
    const items = await collect(pages({ Items: ['a', 'b'] }, {}, { Items: ['c'] }), (page) => page.Items);

    // Assess
    expect(items).toEqual(['a', 'b', 'c']);
  });

  it('rejects the whole listing when a page fails', async () => {
    // Prepare
    const failure = new Error('Service is unavailable');

    // Act
    const listing = collect(pages({ Items: ['a'] }, failure, { Items: ['c'] }), (page) => page.Items);

    // Assess
    await expect(listing).rejects.toBe(failure);
  });
});

describe('forEachPage', () => {
  it('hands over each page\'s items as the page arrives, before the next is asked for', async () => {
    // Prepare
    const read: string[][] = [];
    const asked: number[] = [];
    async function* recorded(): AsyncGenerator<Page> {
      for (const page of [{ Items: ['a', 'b'] }, {}, { Items: ['c'] }]) {
        asked.push(read.length);
        yield page;
      }
    }

    // Act
    await forEachPage(recorded(), (page) => page.Items, (items) => read.push(items));

    // Assess: page 2 was asked for once page 1 had been read, and so on.
    expect(read).toEqual([['a', 'b'], [], ['c']]);
    expect(asked).toEqual([0, 1, 2]);
  });

  it('rejects with the failure of a page, after handing over only the pages before it', async () => {
    // Prepare
    const failure = new Error('Service is unavailable');
    const read: string[][] = [];

    // Act
    const listing = forEachPage(pages({ Items: ['a'] }, failure, { Items: ['c'] }), (page) => page.Items, (items) => read.push(items));

    // Assess
    await expect(listing).rejects.toBe(failure);
    expect(read).toEqual([['a']]);
  });
});

describe('PAGE_SIZE', () => {
  it('is 100, the largest page every listed API serves', () => {
    expect(PAGE_SIZE).toBe(100);
  });
});

describe('the engine', () => {
  it('reads earlier results without importing from the inventory', () => {
    // Prepare
    const source = readFileSync(new URL('../../../shared/engine/stale-results.ts', import.meta.url), 'utf8');

    // Assess
    expect(source).not.toMatch(/from '\.\.\/inventory\//);
  });
});
