/**
 * The contexts the account-reading controls get when judging a template: built from what the same
 * template declares, with the shapes loadContext would have produced. A lookup the template cannot
 * answer (a security group, subnet or key defined elsewhere) throws an UndeterminedError naming
 * what the control would need from the account, instead of being reported as not found.
 */
import type { ControlDefinition, RunFacts } from '../engine/control.ts';
import type { AwsSession } from '../aws/session.ts';
import type { CacheResource } from '../inventory/cache-resource.ts';
import type { KmsKeyFacts } from '../inventory/kms-key.ts';
import type { GoverningRouteTable, NetworkTopology } from '../inventory/network-topology.ts';
import type { SecurityGroupDirectory } from '../inventory/security-group-directory.ts';
import type { AccessDirectory } from '../inventory/access-directory.ts';
import { BUILT_IN_DEFAULT_USER, type DeclaredFacts, type Fact } from './declared-stack.ts';
import { UndeterminedError, needsAccount } from './deploy-time.ts';
import { CACHES, inventoryKindOf } from '../inventory/inventory-kinds.ts';

type Lookup<V> = ReadonlyMap<string, V>;

/**
 * A read-only map over template facts: a declared entry is returned, a deploy-time one or a miss
 * throws. Evaluators only call get and has on their context maps.
 */
function lookup<V>(facts: ReadonlyMap<string, Fact<V>>, miss: (key: string) => UndeterminedError): Lookup<V> {
  const find = (key: string): V => {
    const fact = facts.get(key);
    if (fact instanceof UndeterminedError) throw fact;
    if (fact === undefined) throw miss(key);
    return fact;
  };
  return {
    get: find,
    has: (key: string) => (find(key), true),
  } as unknown as Lookup<V>;
}

function networkOf(facts: DeclaredFacts): NetworkTopology {
  const routeTableFor = (subnetId: string, vpcId: string | undefined): GoverningRouteTable | undefined => {
    const explicit = facts.subnetRouteTables.get(subnetId);
    if (explicit instanceof UndeterminedError) throw explicit;
    if (explicit !== undefined) {
      const table = facts.routeTables.get(explicit);
      if (table instanceof UndeterminedError) throw table;
      if (!table) throw needsAccount(`the routes of route table ${explicit} (ec2:DescribeRouteTables)`);
      return { routeTableId: explicit, association: 'explicit', internetRoutes: table.internetRoutes };
    }
    // A VPC created by the template starts with a main route table holding only its local route.
    if (facts.subnetVpcs.has(subnetId) && vpcId !== undefined && facts.vpcs.has(vpcId)) {
      return { routeTableId: `the main route table of ${vpcId}`, association: 'main', internetRoutes: [] };
    }
    throw needsAccount(`the route table governing subnet ${subnetId} (ec2:DescribeRouteTables)`);
  };
  return {
    subnetGroups: lookup(subnetGroupsOf(facts), (name) =>
      needsAccount(`the subnets and VPC of subnet group ${name}, defined outside the template (elasticache:DescribeCacheSubnetGroups)`),
    ) as NetworkTopology['subnetGroups'],
    vpcOfSubnet: lookup(facts.subnetVpcs, (subnet) => needsAccount(`the VPC of subnet ${subnet}, defined outside the template (ec2:DescribeSubnets)`)),
    routeTableFor,
  };
}

/** Subnet group facts whose VPC may itself be unknown: reading vpcId then throws. */
function subnetGroupsOf(facts: DeclaredFacts): DeclaredFacts['subnetGroups'] {
  const groups = new Map<string, Fact<{ subnetIds: string[]; vpcId: string }>>();
  for (const [name, fact] of facts.subnetGroups) {
    if (fact instanceof UndeterminedError) groups.set(name, fact);
    else {
      groups.set(name, {
        subnetIds: fact.subnetIds,
        get vpcId(): string {
          if (fact.vpcId instanceof UndeterminedError) throw fact.vpcId;
          return fact.vpcId;
        },
      });
    }
  }
  return groups as DeclaredFacts['subnetGroups'];
}

function keysOf(facts: DeclaredFacts, parameters: Record<string, unknown>): Lookup<KmsKeyFacts> {
  const keys = new Map<string, Fact<KmsKeyFacts>>();
  const approved = parameters.approvedKmsKeyIds;
  for (const [reference, fact] of facts.kmsKeys) {
    if (fact instanceof UndeterminedError) keys.set(reference, fact);
    else if (Array.isArray(approved) && approved.length > 0) {
      keys.set(reference, new UndeterminedError(`approvedKmsKeyIds is set, and the id of key ${reference}, created by the template, is assigned at deployment`));
    } else {
      // A key the template creates is customer managed, and Enabled unless declared otherwise.
      keys.set(reference, { found: true, keyId: reference, arn: undefined, keyState: fact.keyState, keyManager: 'CUSTOMER' });
    }
  }
  return lookup(keys, (reference) => needsAccount(`the state and manager of KMS key ${reference}, defined outside the template (kms:DescribeKey)`));
}

function securityGroupsOf(facts: DeclaredFacts): SecurityGroupDirectory {
  return {
    inboundRules: lookup(facts.securityGroups, (id) => needsAccount(`the inbound rules of security group ${id}, defined outside the template (ec2:DescribeSecurityGroups)`)),
    missingGroupIds: new Set(),
    prefixListCidrs: lookup(new Map(), (id) => needsAccount(`the entries of managed prefix list ${id} (ec2:GetManagedPrefixListEntries)`)),
  };
}

function accessOf(facts: DeclaredFacts): AccessDirectory {
  const users = new Map(facts.users);
  if (!users.has('default')) users.set('default', BUILT_IN_DEFAULT_USER);
  return {
    userGroups: lookup(facts.userGroups, (id) => needsAccount(`the users of user group ${id}, defined outside the template (elasticache:DescribeUserGroups)`)),
    users: lookup(users, (id) => needsAccount(`user ${id}, defined outside the template (elasticache:DescribeUsers)`)),
  };
}

/** Contexts of the controls whose loadContext reads the account, by control id. */
const TEMPLATE_CONTEXTS: Record<string, (facts: DeclaredFacts, parameters: Record<string, unknown>, run: RunFacts) => unknown> = {
  'encryption-at-rest': (facts, parameters) => keysOf(facts, parameters),
  'subnet-privacy': (facts) => networkOf(facts),
  'default-subnet-group': (facts) => ({
    network: networkOf(facts),
    defaultVpcIds: {
      has: (vpcId: string) => {
        if (facts.vpcs.has(vpcId)) return false;
        throw needsAccount(`whether VPC ${vpcId} is the account's default VPC (ec2:DescribeVpcs)`);
      },
    },
  }),
  'security-group-exposure': (facts) => securityGroupsOf(facts),
  authentication: (facts, _parameters, run) => ({ directory: accessOf(facts), evaluationTime: run.evaluationTime }),
};

/** A session for controls that need none: any client asked for is a programming error, not an AWS call. */
const OFFLINE_SESSION: AwsSession = {
  meter: { calls: 0 },
  client() {
    throw new Error('a template is judged offline: this control reads the account and needs an entry in TEMPLATE_CONTEXTS');
  },
};

/**
 * Controls a template gives nothing to judge with, and why: each declared cache is then
 * UNDETERMINED for them with the reason, never judged from a context that would invent an answer
 * (no tags read would make every cache "not critical").
 */
const NOT_JUDGED: Record<string, string> = {
  'cross-region-recovery':
    'needs the account: the tags marking a cache critical and its global datastore\'s members (tag:GetResources, DescribeGlobalReplicationGroups); a template\'s Tags and GlobalReplicationGroups are not read',
};

/** Why a control cannot judge any cache a template declares; undefined when it can (fully or in part). */
export function notJudgedBeforeDeployment(control: ControlDefinition<any, any, any>): string | undefined {
  const judged = inventoryKindOf(control);
  if (judged !== (CACHES as unknown)) {
    return `needs the account: this control judges ${judged.name}, which exist only after deployment and which a template does not declare; this cache's ${judged.name} are judged there once taken`;
  }
  return NOT_JUDGED[control.id];
}

/** True when the control judges a template from the template's facts, or reports it UNDETERMINED saying why. */
export function hasTemplateContext(control: ControlDefinition<any, any, any>): boolean {
  return control.id in TEMPLATE_CONTEXTS || notJudgedBeforeDeployment(control) !== undefined;
}

/** The context a control judges a template's caches with: from the template's facts, or its own offline loadContext. */
export async function templateContextOf(
  control: ControlDefinition<any, any>,
  facts: DeclaredFacts,
  parameters: Record<string, unknown>,
  resources: readonly CacheResource[],
  run: RunFacts,
): Promise<unknown> {
  if (notJudgedBeforeDeployment(control) !== undefined) return undefined;
  const build = TEMPLATE_CONTEXTS[control.id];
  if (build) return build(facts, parameters, run);
  // A definition without loadContext reads the account (its reader is bound outside the catalog).
  if (!control.loadContext) throw new Error(`a template is judged offline: control ${control.id} reads the account and needs an entry in TEMPLATE_CONTEXTS`);
  return control.loadContext(resources, OFFLINE_SESSION, run);
}
