/**
 * Reads which ElastiCache resources carry a tag key with the Resource Groups Tagging API: one
 * tag:GetResources call per page of tagged resources, never one ListTagsForResource per resource
 * (ElastiCache's Describe calls return no tags).
 */
import { ResourceGroupsTaggingAPIClient, paginateGetResources } from '@aws-sdk/client-resource-groups-tagging-api';
import { PAGE_SIZE, collect } from '../aws/paginate.ts';
import type { AwsSession } from '../aws/session.ts';
import { callingAws } from '../engine/errors.ts';

/**
 * The tagging API's types (`elasticache:<ARN resource type>`) of every resource a control judges.
 * Every control asks for all of them, so that in a scan one listing (shared by the session) serves
 * them all; a rule pays at most a few more resources per page.
 */
export const TAGGED_TYPES = [
  'elasticache:replicationgroup',
  'elasticache:cluster',
  'elasticache:serverlesscache',
  'elasticache:snapshot',
  'elasticache:serverlesscachesnapshot',
] as const;

/** Tags by ARN. Only resources that carry tags are listed; an absent ARN has none. */
export type TagDirectory = ReadonlyMap<string, Readonly<Record<string, string>>>;

/**
 * Every tagged ElastiCache resource of the judged types with all its tags. No tag filter: the tag key a control
 * looks for is a rule parameter, judged by the evaluator, and one listing serves any key.
 */
export async function listTags(session: AwsSession): Promise<TagDirectory> {
  const client = session.client(ResourceGroupsTaggingAPIClient);
  const mappings = await callingAws('tag:GetResources', () =>
    collect(
      paginateGetResources({ client, pageSize: PAGE_SIZE }, { ResourceTypeFilters: [...TAGGED_TYPES] }),
      (page) => page.ResourceTagMappingList,
    ),
  );
  const directory = new Map<string, Record<string, string>>();
  for (const mapping of mappings) {
    if (!mapping.ResourceARN) continue;
    directory.set(mapping.ResourceARN, Object.fromEntries((mapping.Tags ?? []).flatMap((t) => (t.Key ? [[t.Key, t.Value ?? '']] : []))));
  }
  return directory;
}
