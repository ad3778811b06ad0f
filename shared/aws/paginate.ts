/**
 * Draining the SDK's paginators: every list call of a run pages through everything, one call
 * sequence per list (never one call per resource).
 */

/**
 * The largest page every listed API serves: ElastiCache Describe* (MaxRecords 20-100), EC2
 * DescribeRouteTables (MaxResults 5-100) and Config GetComplianceDetailsByConfigRule (Limit 0-100).
 * Fewer pages mean fewer calls and less throttling.
 */
export const PAGE_SIZE = 100;

/** Drains a paginator; any page failing rejects the whole listing, so a partial list is never used. */
export async function collect<P, T>(pages: AsyncIterable<P>, items: (page: P) => T[] | undefined): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...(items(page) ?? []));
  return all;
}

/**
 * Hands each page's items to `read` as the page arrives, so that a raw page is garbage once read
 * rather than held until the last one. Any page failing rejects the whole listing: the caller must
 * then discard whatever it built from the earlier pages.
 */
export async function forEachPage<P, T>(pages: AsyncIterable<P>, items: (page: P) => T[] | undefined, read: (items: T[]) => void): Promise<void> {
  for await (const page of pages) read(items(page) ?? []);
}
