/**
 * What a template or plan declares, in the shapes the evaluators and their contexts take: one
 * CacheResource snapshot per cache, as ElastiCache would report it once created, and the network,
 * access and key facts the same template declares. CloudFormation and Terraform translate into
 * this; evaluateDeclared judges it.
 */
import type { IpPermission } from '@aws-sdk/client-ec2';
import type { CacheResource } from '../inventory/cache-resource.ts';
import type { UserFacts, UserGroupFacts } from '../inventory/access-directory.ts';
import type { InternetRoute } from '../inventory/network-topology.ts';
import type { UndeterminedError } from './deploy-time.ts';

/** A fact the template states, or why it cannot (deploy-time value, or held by the account). */
export type Fact<T> = T | UndeterminedError;

export interface DeclaredCache {
  /** The CloudFormation logical id or the Terraform address. */
  address: string;
  /** The template's own type: AWS::ElastiCache::ReplicationGroup, aws_elasticache_replication_group, … */
  sourceType: string;
  file: string;
  /** 1-based line of the declaration, where the source has lines. */
  line: number | undefined;
  /** The snapshot as ElastiCache would report the created cache: omitted properties take the service's defaults. */
  snapshot: CacheResource;
  /** Snapshot fields whose value is known only at deployment; reading one makes the verdict UNDETERMINED. */
  unknownFields: Partial<Record<keyof CacheResource, UndeterminedError>>;
  /**
   * Snapshot fields holding a placeholder for an id assigned at deployment (a key or topic the same
   * template creates): judged as that resource, but UNDETERMINED for a control whose allow-list
   * parameter is set, since the list cannot be matched against an id that does not exist yet.
   */
  deployTimeIds: Partial<Record<keyof CacheResource, string>>;
}

/** Another ElastiCache resource of the template (user, user group, subnet group, global datastore): an input, not judged itself. */
export interface DeclaredInput {
  address: string;
  sourceType: string;
  line: number | undefined;
}

export interface DeclaredSubnetGroup {
  subnetIds: string[];
  vpcId: Fact<string>;
}

export interface DeclaredRouteTable {
  internetRoutes: InternetRoute[];
}

export interface DeclaredKey {
  keyState: 'Enabled' | 'Disabled';
}

/** Facts keyed by the id a cache uses for the resource (its placeholder or physical name). */
export interface DeclaredFacts {
  subnetGroups: Map<string, Fact<DeclaredSubnetGroup>>;
  /** Subnets the template declares, with their VPC. */
  subnetVpcs: Map<string, Fact<string>>;
  /** VPCs the template creates: never the default VPC, and their main route table holds only the local route. */
  vpcs: Set<string>;
  /** The route table explicitly associated with a declared subnet. */
  subnetRouteTables: Map<string, Fact<string>>;
  routeTables: Map<string, Fact<DeclaredRouteTable>>;
  securityGroups: Map<string, Fact<IpPermission[]>>;
  users: Map<string, Fact<UserFacts>>;
  userGroups: Map<string, Fact<UserGroupFacts>>;
  kmsKeys: Map<string, Fact<DeclaredKey>>;
}

export interface DeclaredStack {
  file: string;
  /** "CloudFormation" or "Terraform plan", for the reports. */
  kind: string;
  caches: DeclaredCache[];
  inputs: DeclaredInput[];
  facts: DeclaredFacts;
  /** Resources that could not be translated (a module, a type this tool does not know), with why. */
  skipped: { address: string; reason: string }[];
}

export function emptyFacts(): DeclaredFacts {
  return {
    subnetGroups: new Map(),
    subnetVpcs: new Map(),
    vpcs: new Set(),
    subnetRouteTables: new Map(),
    routeTables: new Map(),
    securityGroups: new Map(),
    users: new Map(),
    userGroups: new Map(),
    kmsKeys: new Map(),
  };
}

/** The built-in user every account has: named default, no password, every command (ElastiCache RBAC docs). */
export const BUILT_IN_DEFAULT_USER: UserFacts = {
  userId: 'default',
  userName: 'default',
  status: 'active',
  accessString: 'on ~* +@all',
  authenticationType: 'no-password',
};
