/** Small wording helpers shared by evaluators, so annotations read the same across controls. */
import { REPLICATION_GROUP, SERVERLESS_CACHE, type CacheResource } from '../inventory/cache-resource.ts';

const ENGINE_NAMES: Record<string, string> = { redis: 'Redis OSS', valkey: 'Valkey', memcached: 'Memcached' };

export function engineLabel(resource: CacheResource): string {
  const name = ENGINE_NAMES[resource.engine] ?? `engine "${resource.engine}"`;
  return resource.engineVersion ? `${name} ${resource.engineVersion}` : name;
}

export function kindLabel(resource: CacheResource): string {
  if (resource.resourceType === SERVERLESS_CACHE) return 'serverless cache';
  return resource.resourceType === REPLICATION_GROUP ? 'replication group' : 'cluster';
}

export function isRedisFamily(resource: CacheResource): boolean {
  return resource.engine === 'redis' || resource.engine === 'valkey';
}
