/**
 * Server-side paging as the AWS list APIs do it: a page holds at most the requested number of
 * records (within the operation's allowed range), the token is opaque and valid only for the
 * operation that issued it, and a token is returned exactly when more matching records remain.
 */

export interface Listing<T> {
  readonly count: number;
  at(index: number): T;
  /** A server-side filter (e.g. ComplianceTypes); filtered-out records never fill a page. */
  keep?(item: T): boolean;
}

export interface PageSizeRule {
  /** The request field that carries the page size, for error messages. */
  field: string;
  min: number;
  max: number;
  /** Page size when the field is absent (or, where the API says so, 0); Infinity means "everything". */
  default: number;
  zeroMeansDefault?: boolean;
}

export interface Page<T> {
  items: T[];
  token: string | undefined;
}

/** An error shaped like the SDK's service exceptions (name = error code), which the engine inspects. */
export function apiError(code: string, message: string): Error {
  return Object.assign(new Error(message), { name: code, $fault: 'client', $metadata: { httpStatusCode: 400 } });
}

export function createPager(operation: string, sizeRule: PageSizeRule, invalidTokenCode: string) {
  const issued = new Map<string, number>();
  let serial = 0;
  return function page<T>(listing: Listing<T>, requestedSize: number | undefined, token: string | undefined): Page<T> {
    const size = pageSize(operation, sizeRule, requestedSize);
    let index = 0;
    if (token !== undefined && token !== '') {
      const resumeAt = issued.get(token);
      if (resumeAt === undefined) throw apiError(invalidTokenCode, `${operation}: the pagination token "${token}" was not issued by this operation.`);
      index = resumeAt;
    }
    const keep = listing.keep?.bind(listing) ?? (() => true);
    const items: T[] = [];
    while (index < listing.count && items.length < size) {
      const item = listing.at(index++);
      if (keep(item)) items.push(item);
    }
    while (index < listing.count && !keep(listing.at(index))) index++;
    if (index >= listing.count) return { items, token: undefined };
    const next = Buffer.from(`${operation}/${serial++}/${index}`).toString('base64');
    issued.set(next, index);
    return { items, token: next };
  };
}

function pageSize(operation: string, rule: PageSizeRule, requested: number | undefined): number {
  if (requested === undefined || (requested === 0 && rule.zeroMeansDefault)) return rule.default;
  if (!Number.isInteger(requested) || requested < rule.min || requested > rule.max) {
    throw apiError('InvalidParameterValue', `${operation}: ${rule.field} ${requested} is outside ${rule.min}–${rule.max}.`);
  }
  return requested;
}
