import { decisionsFor, defineControl } from '../engine/control.ts';
import { booleanParameter, textParameter } from '../engine/parameters.ts';
import { evaluateEngineVersion, type EngineVersionContext } from '../evaluators/engine-version.ts';
import { ENGINE_LIFECYCLE } from './engine-lifecycle.ts';
import { CACHE_CLUSTER, CACHE_RESOURCE_TYPES, REPLICATION_GROUP, SERVERLESS_CACHE } from '../inventory/cache-resource.ts';
import { CACHE_LIFECYCLE_CALLS } from '../detection/triggering-calls.ts';
import { frameworkMappingOf } from '../frameworks/mappings.ts';

const VERSION = { pattern: '\\d+(\\.\\d+){0,2}', accepted: 'a dotted version number such as 6.2 or 1.6.12' };

export const engineVersion = defineControl({
  id: 'engine-version',
  title: 'ElastiCache runs a supported engine version',
  description:
    'Every replication group, standalone cluster and serverless cache must run an engine version that AWS still supports in ' +
    'standard support (not past end of life, not on paid Extended Support unless allowed) and at least the minimum set for its ' +
    'engine, so it keeps receiving security fixes. Dates come from AWS\'s published lifecycle.',
  severity: 'HIGH',
  resourceTypes: CACHE_RESOURCE_TYPES,
  references: ['ELASTICACHE_SUPPORTED_ENGINE_VERSION'],
  frameworks: frameworkMappingOf('engine-version'),
  remediation: [
    'Plan an engine upgrade (ModifyReplicationGroup or ModifyCacheCluster with a newer EngineVersion, or Engine=valkey for a cross-engine upgrade from Redis OSS); test clients against the new version first.',
    'Redis OSS 4 and 5 on Extended Support: upgrade to Valkey or Redis OSS 6 or later before Extended Support ends, when AWS upgrades remaining caches to Valkey itself.',
  ],
  remediationDecisions: decisionsFor(
    [REPLICATION_GROUP, CACHE_CLUSTER, SERVERLESS_CACHE],
    {
      kind: 'manual',
      document: 'elasticache-engine-version.yaml',
      summary:
        'Upgrades the engine to the version a person names, after clients are tested against it; ElastiCache applies it in place, node by node.',
    },
  ),
  beforeDeployment:
    'Fully from a template or plan when EngineVersion (MajorEngineVersion) is given, against the same lifecycle table and the scan\'s date; a left-out version is picked at creation, so UNDETERMINED.',
  limitations: [
    'Knows only the lifecycle dates AWS has published (see shared/controls/engine-lifecycle.ts); versions without published dates are judged by the minimum version alone.',
    'A replication group is judged by its lowest member version; a group whose members are not reported has no version and is NON_COMPLIANT.',
    'Dates are read as the last day covered, in UTC.',
  ],
  parameters: {
    minimumRedisVersion: textParameter({ description: 'Lowest Redis OSS version accepted.', default: '6.2', ...VERSION }),
    minimumValkeyVersion: textParameter({ description: 'Lowest Valkey version accepted.', default: '7.2', ...VERSION }),
    minimumMemcachedVersion: textParameter({
      description: 'Lowest Memcached version accepted (1.6.12 is the first with in-transit encryption).',
      default: '1.6.12',
      ...VERSION,
    }),
    allowExtendedSupport: booleanParameter({
      description: 'When "true", a version past the end of standard support but still in paid Extended Support is COMPLIANT.',
      default: false,
    }),
  },
  changeTriggers: [],
  // The engine and its version change in place (Modify*, a global datastore's members together) and
  // through service updates; the passing of an end-of-support date is caught by the periodic run.
  triggeringCalls: {
    elasticache: [
      ...CACHE_LIFECYCLE_CALLS,
      'ModifyReplicationGroup',
      'ModifyCacheCluster',
      'ModifyServerlessCache',
      'ModifyGlobalReplicationGroup',
      'BatchApplyUpdateAction',
    ],
  },
  iamActions: [],
  loadContext: async (_resources, _session, { evaluationTime }): Promise<EngineVersionContext> => ({ evaluationTime, lifecycle: ENGINE_LIFECYCLE }),
  evaluate: (resource, parameters, context) => evaluateEngineVersion(resource, parameters, context),
});
