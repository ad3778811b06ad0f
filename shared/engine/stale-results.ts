/**
 * Config keeps a rule's last evaluation of a resource forever, even after the cache is deleted.
 * After a complete listing, every resource this rule reported earlier as COMPLIANT or NON_COMPLIANT
 * that is absent from this run is reported NOT_APPLICABLE, so deleted caches leave the dashboard.
 *
 * Matching is on (resource type, resource id): a cache cluster and a replication group may share an
 * id, and matching on id alone would leave one of them stale.
 */
import {
  ConfigServiceClient,
  paginateGetComplianceDetailsByConfigRule,
  type EvaluationResult,
} from '@aws-sdk/client-config-service';
import { PAGE_SIZE, collect } from '../aws/paginate.ts';
import type { AwsSession } from '../aws/session.ts';
import { callingAws } from './errors.ts';
import type { ResourceEvaluation } from './report.ts';

export const STALE_ANNOTATION =
  'This resource was not found in the latest complete inventory (deleted or moved); its earlier result no longer applies.';

export async function listEarlierResults(session: AwsSession, configRuleName: string): Promise<EvaluationResult[]> {
  const client = session.client(ConfigServiceClient);
  return callingAws('config:GetComplianceDetailsByConfigRule', () =>
    collect(
      paginateGetComplianceDetailsByConfigRule(
        { client, pageSize: PAGE_SIZE },
        { ConfigRuleName: configRuleName, ComplianceTypes: ['COMPLIANT', 'NON_COMPLIANT'] },
      ),
      (page) => page.EvaluationResults,
    ),
    'clean-up',
  );
}

export function staleEvaluations(
  earlier: readonly EvaluationResult[],
  current: readonly ResourceEvaluation[],
  orderingTimestamp: Date,
): ResourceEvaluation[] {
  const seen = new Set(current.map((e) => key(e.resourceType, e.resourceId)));
  const stale = new Map<string, ResourceEvaluation>();
  for (const result of earlier) {
    const qualifier = result.EvaluationResultIdentifier?.EvaluationResultQualifier;
    const resourceType = qualifier?.ResourceType;
    const resourceId = qualifier?.ResourceId;
    if (!resourceType || !resourceId) continue;
    const id = key(resourceType, resourceId);
    if (seen.has(id) || stale.has(id)) continue;
    stale.set(id, {
      resourceType,
      resourceId,
      compliance: 'NOT_APPLICABLE',
      annotation: STALE_ANNOTATION,
      orderingTimestamp,
    });
  }
  return [...stale.values()];
}

function key(resourceType: string, resourceId: string): string {
  return `${resourceType}\u0000${resourceId}`;
}
