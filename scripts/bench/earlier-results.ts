/**
 * What AWS Config holds for a rule from its previous run over the estate: one result per current
 * replication group, plus 1% for caches deleted since (the stale results the engine must clear,
 * half of them cache clusters so that matching on resource type is exercised), plus 0.5% already
 * cleared (NOT_APPLICABLE, which the engine's ComplianceTypes filter must keep out of its listing).
 */
import type { ComplianceType, EvaluationResult } from '@aws-sdk/client-config-service';
import { replicationGroupId } from './estate.ts';

const REPLICATION_GROUP = 'AWS::ElastiCache::ReplicationGroup';
const CACHE_CLUSTER = 'AWS::ElastiCache::CacheCluster';
const PREVIOUS_RUN = new Date('2026-01-14T06:00:00Z');

export interface EarlierResults {
  readonly count: number;
  /** Results of resources absent from the estate, COMPLIANT or NON_COMPLIANT: what must be cleared. */
  readonly staleCount: number;
  at(index: number): EvaluationResult;
}

export function earlierResults(configRuleName: string, groups: number): EarlierResults {
  const staleCount = Math.ceil(groups / 100);
  const clearedCount = Math.ceil(groups / 200);
  const result = (resourceType: string, resourceId: string, compliance: ComplianceType): EvaluationResult => ({
    EvaluationResultIdentifier: {
      EvaluationResultQualifier: { ConfigRuleName: configRuleName, ResourceType: resourceType, ResourceId: resourceId, EvaluationMode: 'DETECTIVE' },
      OrderingTimestamp: PREVIOUS_RUN,
    },
    ComplianceType: compliance,
    ResultRecordedTime: PREVIOUS_RUN,
    ConfigRuleInvokedTime: PREVIOUS_RUN,
  });
  return {
    count: groups + staleCount + clearedCount,
    staleCount,
    at(index) {
      if (index < groups) return result(REPLICATION_GROUP, replicationGroupId(index), index % 3 === 0 ? 'NON_COMPLIANT' : 'COMPLIANT');
      const stale = index - groups;
      if (stale < staleCount) {
        return stale % 2 === 0
          ? result(REPLICATION_GROUP, `decommissioned-${String(stale).padStart(5, '0')}`, 'NON_COMPLIANT')
          : result(CACHE_CLUSTER, `decommissioned-${String(stale).padStart(5, '0')}-001`, 'COMPLIANT');
      }
      return result(REPLICATION_GROUP, `retired-${String(stale - staleCount).padStart(5, '0')}`, 'NOT_APPLICABLE');
    },
  };
}
