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
import { PAGE_SIZE, forEachPage } from '../aws/paginate.ts';
import type { AwsSession } from '../aws/session.ts';
import { callingAws } from './errors.ts';
import type { ResourceEvaluation } from './report.ts';

export const STALE_ANNOTATION =
  'This resource was not found in the latest complete inventory (deleted or moved); its earlier result no longer applies.';

/**
 * The (type, id) of every resource a run reported: all the clean-up needs of its evaluations, so
 * that a run does not hold every evaluation until the end.
 */
export class ReportedResources {
  private readonly keys = new Set<string>();

  add(resourceType: string, resourceId: string): void {
    this.keys.add(key(resourceType, resourceId));
  }

  has(resourceType: string, resourceId: string): boolean {
    return this.keys.has(key(resourceType, resourceId));
  }
}

/**
 * The NOT_APPLICABLE evaluations that clear this rule's earlier results of resources absent from
 * `reported`, read page by page (a page of earlier results is garbage once read).
 */
export async function listStaleEvaluations(
  session: AwsSession,
  configRuleName: string,
  reported: ReportedResources,
  orderingTimestamp: Date,
): Promise<ResourceEvaluation[]> {
  const stale = new Map<string, ResourceEvaluation>();
  await forEachEarlierResultsPage(session, configRuleName, (page) => addStale(stale, page, reported, orderingTimestamp));
  return [...stale.values()];
}

async function forEachEarlierResultsPage(session: AwsSession, configRuleName: string, read: (page: EvaluationResult[]) => void): Promise<void> {
  const client = session.client(ConfigServiceClient);
  await callingAws(
    'config:GetComplianceDetailsByConfigRule',
    () =>
      forEachPage(
        paginateGetComplianceDetailsByConfigRule(
          { client, pageSize: PAGE_SIZE },
          { ConfigRuleName: configRuleName, ComplianceTypes: ['COMPLIANT', 'NON_COMPLIANT'] },
        ),
        (page) => page.EvaluationResults,
        read,
      ),
    'clean-up',
  );
}

export function staleEvaluations(
  earlier: readonly EvaluationResult[],
  reported: ReportedResources,
  orderingTimestamp: Date,
): ResourceEvaluation[] {
  const stale = new Map<string, ResourceEvaluation>();
  addStale(stale, earlier, reported, orderingTimestamp);
  return [...stale.values()];
}

function addStale(
  stale: Map<string, ResourceEvaluation>,
  earlier: readonly EvaluationResult[],
  reported: ReportedResources,
  orderingTimestamp: Date,
): void {
  for (const result of earlier) {
    const qualifier = result.EvaluationResultIdentifier?.EvaluationResultQualifier;
    const resourceType = qualifier?.ResourceType;
    const resourceId = qualifier?.ResourceId;
    if (!resourceType || !resourceId) continue;
    const id = key(resourceType, resourceId);
    if (reported.has(resourceType, resourceId) || stale.has(id)) continue;
    stale.set(id, {
      resourceType,
      resourceId,
      compliance: 'NOT_APPLICABLE',
      annotation: STALE_ANNOTATION,
      orderingTimestamp,
    });
  }
}

function key(resourceType: string, resourceId: string): string {
  return `${resourceType}\u0000${resourceId}`;
}
