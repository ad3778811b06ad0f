import type { Subnet } from '@aws-sdk/client-ec2';
import type { CacheSubnetGroup } from '@aws-sdk/client-elasticache';
import { MAX_ANNOTATION_LENGTH } from '#shared/engine/report.ts';
import { evaluateDefaultSubnetGroup } from '#shared/evaluators/default-subnet-group.ts';
import { CACHE_CLUSTER, SERVERLESS_CACHE } from '#shared/inventory/cache-resource.ts';
import { buildNetworkTopology } from '#shared/inventory/network-topology.ts';
import { SUBNET_A, SUBNET_B, VPC_ID, cacheResource, cacheSubnetGroupFixture, subnetsOf } from '../../support/fixtures.ts';

const DEFAULT_VPC = 'vpc-0d0e0f0a0b0c0d0e0';
const DEFAULT_SUBNET = 'subnet-0d0e0f0a0b0c0d001';

function defaultNetwork(groups: CacheSubnetGroup[] = [cacheSubnetGroupFixture()], subnets: Subnet[] = []) {
  return { network: buildNetworkTopology(groups, [], subnets), defaultVpcIds: new Set([DEFAULT_VPC]) };
}

const subnet = (SubnetId: string, VpcId: string): Subnet => ({ SubnetId, VpcId, CidrBlock: '172.31.0.0/20', State: 'available', DefaultForAz: VpcId === DEFAULT_VPC });

describe('evaluateDefaultSubnetGroup', () => {
  describe('scenarios', () => {
    it('Given a subnet group of a VPC that is not the default VPC, then COMPLIANT', () => {
      // Act
      const verdict = evaluateDefaultSubnetGroup(cacheResource(), defaultNetwork());
      // Assess
      expect(verdict.compliance).toBe('COMPLIANT');
      expect(verdict.annotation).toBe('Subnet group orders-private is not the default one and lies outside the default VPC.');
      // Mid-migration, a group's members may report two subnet groups: the sentence agrees with the count.
      const two = defaultNetwork([cacheSubnetGroupFixture(), cacheSubnetGroupFixture({ CacheSubnetGroupName: 'orders-private-v2' })]);
      expect(evaluateDefaultSubnetGroup(cacheResource({ cacheSubnetGroupNames: ['orders-private', 'orders-private-v2'] }), two).annotation).toBe(
        'Subnet groups orders-private, orders-private-v2 are neither the default subnet group nor in the default VPC.',
      );
    });

    it('Given the subnet group named default, then NON_COMPLIANT', () => {
      // Prepare
      const cluster = cacheResource({ resourceType: CACHE_CLUSTER, cacheSubnetGroupNames: ['default'] });
      // Act
      const verdict = evaluateDefaultSubnetGroup(cluster, defaultNetwork([cacheSubnetGroupFixture({ CacheSubnetGroupName: 'default', VpcId: DEFAULT_VPC })]));
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('This cluster uses the subnet group named default');
      expect(verdict.annotation).toContain('restore a snapshot');
    });

    it("Given a subnet group whose VPC is the account's default VPC, then NON_COMPLIANT naming the VPC", () => {
      // Prepare
      const inDefault = cacheSubnetGroupFixture({ CacheSubnetGroupName: 'orders-default-vpc', VpcId: DEFAULT_VPC, Subnets: subnetsOf(DEFAULT_SUBNET) });
      // Act
      const verdict = evaluateDefaultSubnetGroup(cacheResource({ cacheSubnetGroupNames: ['orders-default-vpc'] }), defaultNetwork([inDefault]));
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain(`Subnet group orders-default-vpc lies in the account's default VPC ${DEFAULT_VPC}`);
    });

    it('Given no subnet group reported, or a subnet group that was not found or reports no VPC, then NON_COMPLIANT', () => {
      // Prepare
      const noVpc = cacheSubnetGroupFixture({ CacheSubnetGroupName: 'no-vpc', VpcId: undefined });
      const network = defaultNetwork([noVpc]);
      // Act
      const none = evaluateDefaultSubnetGroup(cacheResource({ cacheSubnetGroupNames: [] }), network);
      const unknown = evaluateDefaultSubnetGroup(cacheResource({ cacheSubnetGroupNames: ['gone'] }), network);
      const vpcless = evaluateDefaultSubnetGroup(cacheResource({ cacheSubnetGroupNames: ['no-vpc'] }), network);
      // Assess
      expect(none.annotation).toContain('No cache subnet group was reported for this replication group');
      expect(unknown.annotation).toContain('Subnet group gone was not found');
      expect(vpcless.annotation).toContain('Subnet group no-vpc reports no VPC');
      for (const verdict of [none, unknown, vpcless]) {
        expect(verdict.compliance).toBe('NON_COMPLIANT');
        expect(verdict.annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
      }
    });

    it('Given a serverless cache, then its own subnets are judged: any in the default VPC, or not found, is NON_COMPLIANT', () => {
      // Prepare
      const serverless = (subnetIds: string[]) => cacheResource({ resourceType: SERVERLESS_CACHE, resourceId: 'sessions', engine: 'valkey', cacheSubnetGroupNames: [], subnetIds });
      const network = defaultNetwork([], [subnet(SUBNET_A, VPC_ID), subnet(SUBNET_B, VPC_ID), subnet(DEFAULT_SUBNET, DEFAULT_VPC)]);
      // Act
      const privateOnes = evaluateDefaultSubnetGroup(serverless([SUBNET_A, SUBNET_B]), network);
      const inDefault = evaluateDefaultSubnetGroup(serverless([SUBNET_A, DEFAULT_SUBNET]), network);
      const unknown = evaluateDefaultSubnetGroup(serverless(['subnet-0ffffffffffffffff']), network);
      const none = evaluateDefaultSubnetGroup(serverless([]), network);
      // Assess
      expect(privateOnes.compliance).toBe('COMPLIANT');
      expect(privateOnes.annotation).toBe('All 2 subnets of this serverless cache lie outside the default VPC.');
      expect(evaluateDefaultSubnetGroup(serverless([SUBNET_A]), network).annotation).toBe(`Subnet ${SUBNET_A} of this serverless cache lies outside the default VPC.`);
      expect(inDefault.compliance).toBe('NON_COMPLIANT');
      expect(inDefault.annotation).toContain(`Subnet ${DEFAULT_SUBNET} of this serverless cache lies in the account's default VPC ${DEFAULT_VPC}`);
      expect(unknown.compliance).toBe('NON_COMPLIANT');
      expect(unknown.annotation).toContain('was not found');
      expect(none.compliance).toBe('NON_COMPLIANT');
      expect(none.annotation).toContain('No subnet was reported for this serverless cache');
    });
  });

  describe('edge cases', () => {
    it('judges a cache COMPLIANT in a region whose default VPC was deleted', () => {
      // Act
      const verdict = evaluateDefaultSubnetGroup(cacheResource(), { network: buildNetworkTopology([cacheSubnetGroupFixture()], []), defaultVpcIds: new Set() });
      // Assess
      expect(verdict.compliance).toBe('COMPLIANT');
    });

    it('refuses the default subnet group whatever its letter case', () => {
      // Act
      const verdict = evaluateDefaultSubnetGroup(cacheResource({ cacheSubnetGroupNames: ['Default'] }), defaultNetwork());
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
    });
  });
});
