/**
 * One copy of each repeated value across a run's snapshots. ElastiCache sends every engine version,
 * node type, status, subnet group, security group, zone and key id as a fresh string per resource;
 * 10,000 replication groups hold a few hundred distinct values, so sharing one copy of each saves a
 * few hundred bytes per resource. Equal strings are interchangeable: no result changes.
 */
const pool = new Map<string, string>();

/** Bounds the pool in a warm Lambda container that lists ever new values (ids are not pooled). */
const MAX_POOLED = 20_000;

export function shared(value: string): string;
export function shared(value: string | undefined): string | undefined;
export function shared(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const known = pool.get(value);
  if (known !== undefined) return known;
  if (pool.size >= MAX_POOLED) pool.clear();
  pool.set(value, value);
  return value;
}
