/**
 * The engine lifecycle AWS has published for ElastiCache, per engine and major version: the one
 * table the engine-version control judges against. A date is the last day covered (UTC); a date
 * AWS has not published stays undefined and is never guessed. Add a row, with its source, when AWS
 * announces a new date.
 */
import type { EngineLifecycle } from '../evaluators/engine-version.ts';

export const ENGINE_LIFECYCLE: readonly EngineLifecycle[] = [
  // "Redis OSS versions end of life schedule", Past EOL: versions 2.6.13–2.8.24, EOL January 13, 2023.
  // https://docs.aws.amazon.com/AmazonElastiCache/latest/red-ug/deprecated-engine-versions.html
  { engine: 'redis', major: 2, endOfLife: '2023-01-13' },
  // Same page: versions 3.2.4, 3.2.6 and 3.2.10, EOL July 31, 2023.
  { engine: 'redis', major: 3, endOfLife: '2023-07-31' },
  // "ElastiCache Extended Support": end of standard support for Redis OSS 4 and 5 is January 31, 2026;
  // Extended Support (paid, automatic enrolment from February 1, 2026) runs until January 31, 2029,
  // after which remaining caches are upgraded to Valkey. No separate end-of-life date is published.
  // https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/extended-support.html and the AWS Database
  // Blog "Introducing Extended Support for Amazon ElastiCache version 4 and version 5 for Redis OSS".
  { engine: 'redis', major: 4, endOfStandardSupport: '2026-01-31', endOfExtendedSupport: '2029-01-31' },
  { engine: 'redis', major: 5, endOfStandardSupport: '2026-01-31', endOfExtendedSupport: '2029-01-31' },
  // Redis OSS 6 and 7, every Valkey version and Memcached: no dates published in the pages above.
];
