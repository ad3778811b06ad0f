import type { RouteTable } from '@aws-sdk/client-ec2';
import type { CacheSubnetGroup } from '@aws-sdk/client-elasticache';
import { MAX_ANNOTATION_LENGTH } from '#shared/engine/report.ts';
import { evaluateSubnetPrivacy } from '#shared/evaluators/subnet-privacy.ts';
import { CACHE_CLUSTER, SERVERLESS_CACHE } from '#shared/inventory/cache-resource.ts';
import { buildNetworkTopology } from '#shared/inventory/network-topology.ts';
import {
  SUBNET_A,
  SUBNET_B,
  SUBNET_GROUP,
  VPC_ID,
  cacheResource,
  cacheSubnetGroupFixture,
  mainAssociation,
  route,
  routeTableFixture,
  subnetAssociation,
  subnetsOf,
} from '../../support/fixtures.ts';

const IGW = 'igw-0c1d2e3f4a5b6c7d8';
const NAT = 'nat-0f1e2d3c4b5a69788';
const MAIN_RTB = 'rtb-0a1b2c3d4e5f6m000';
const PRIVATE_RTB = 'rtb-0a1b2c3d4e5f6p001';
const PUBLIC_RTB = 'rtb-0a1b2c3d4e5f6e002';

/** The VPC's main route table: local route and a default route through a NAT gateway. */
const mainRouteTable = (overrides: Partial<RouteTable> = {}): RouteTable =>
  routeTableFixture({
    RouteTableId: MAIN_RTB,
    Associations: [mainAssociation(MAIN_RTB)],
    Routes: [...routeTableFixture().Routes!, route('0.0.0.0/0', { NatGatewayId: NAT })],
    ...overrides,
  });

/** The route table of a public subnet: a default route to the internet gateway. */
const publicRouteTable = (subnetIds: string[], overrides: Partial<RouteTable> = {}): RouteTable =>
  routeTableFixture({
    RouteTableId: PUBLIC_RTB,
    Associations: subnetIds.map((id) => subnetAssociation(PUBLIC_RTB, id)),
    Routes: [...routeTableFixture().Routes!, route('0.0.0.0/0', { GatewayId: IGW })],
    ...overrides,
  });

const privateRouteTable = (subnetIds: string[], overrides: Partial<RouteTable> = {}): RouteTable =>
  routeTableFixture({
    RouteTableId: PRIVATE_RTB,
    Associations: subnetIds.map((id) => subnetAssociation(PRIVATE_RTB, id)),
    Routes: [...routeTableFixture().Routes!, route('0.0.0.0/0', { NatGatewayId: NAT })],
    ...overrides,
  });

function network(routeTables: RouteTable[], subnetGroups: CacheSubnetGroup[] = [cacheSubnetGroupFixture()]) {
  return buildNetworkTopology(subnetGroups, routeTables);
}

describe('evaluateSubnetPrivacy', () => {
  describe('scenarios', () => {
    it('Given every subnet governed by a route table without internet-gateway routes, then COMPLIANT', () => {
      // Prepare
      const topology = network([mainRouteTable(), privateRouteTable([SUBNET_A, SUBNET_B])]);
      // Act
      const verdict = evaluateSubnetPrivacy(cacheResource(), topology);
      // Assess
      expect(verdict.compliance).toBe('COMPLIANT');
      expect(verdict.annotation).toBe(`All 2 subnets of subnet group ${SUBNET_GROUP} route no traffic to an internet gateway.`);
    });

    it('Given a subnet whose explicit route table has an active route to an igw- (IPv4 or IPv6), then NON_COMPLIANT naming the subnet and the route', () => {
      // Prepare
      const ipv4 = network([mainRouteTable(), privateRouteTable([SUBNET_A]), publicRouteTable([SUBNET_B])]);
      const ipv6 = network([
        mainRouteTable(),
        privateRouteTable([SUBNET_A]),
        publicRouteTable([SUBNET_B], {
          Routes: [...routeTableFixture().Routes!, route('0.0.0.0/0', { NatGatewayId: NAT }), route('::/0', { GatewayId: IGW })],
        }),
      ]);
      // Act
      const onIpv4 = evaluateSubnetPrivacy(cacheResource(), ipv4);
      const onIpv6 = evaluateSubnetPrivacy(cacheResource(), ipv6);
      // Assess
      expect(onIpv4.compliance).toBe('NON_COMPLIANT');
      expect(onIpv4.annotation).toContain(`Subnet group ${SUBNET_GROUP} has a public subnet: ${SUBNET_B} (${PUBLIC_RTB}: 0.0.0.0/0 → ${IGW})`);
      expect(onIpv4.annotation).toContain('Move the cache to a subnet group');
      expect(onIpv4.annotation).not.toContain(SUBNET_A);
      expect(onIpv6.compliance).toBe('NON_COMPLIANT');
      expect(onIpv6.annotation).toContain(`${SUBNET_B} (${PUBLIC_RTB}: ::/0 → ${IGW})`);
      for (const { annotation } of [onIpv4, onIpv6]) expect(annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it("Given a subnet with no explicit association, then its own VPC's main route table decides", () => {
      // Prepare: SUBNET_B has no association of its own. Another VPC's main route table is public.
      const otherVpcMain = publicRouteTable([], {
        RouteTableId: 'rtb-0f9e8d7c6b5a4m999',
        VpcId: 'vpc-0f9e8d7c6b5a40999',
        Associations: [mainAssociation('rtb-0f9e8d7c6b5a4m999')],
      });
      const privateMain = network([otherVpcMain, mainRouteTable(), privateRouteTable([SUBNET_A])]);
      const publicMain = network([
        mainRouteTable({ Routes: [...routeTableFixture().Routes!, route('0.0.0.0/0', { GatewayId: IGW })] }),
        privateRouteTable([SUBNET_A]),
      ]);
      // Act
      const onPrivateMain = evaluateSubnetPrivacy(cacheResource(), privateMain);
      const onPublicMain = evaluateSubnetPrivacy(cacheResource(), publicMain);
      // Assess
      expect(onPrivateMain.compliance).toBe('COMPLIANT');
      expect(onPublicMain.compliance).toBe('NON_COMPLIANT');
      expect(onPublicMain.annotation).toContain(`${SUBNET_B} (${MAIN_RTB}: 0.0.0.0/0 → ${IGW})`);
      expect(onPublicMain.annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it('Given NAT, egress-only, peering or transit gateway routes only, then COMPLIANT', () => {
      // Prepare
      const routes = [
        ...routeTableFixture().Routes!,
        route('0.0.0.0/0', { NatGatewayId: NAT }),
        route('::/0', { EgressOnlyInternetGatewayId: 'eigw-0a1b2c3d4e5f67890' }),
        route('10.30.0.0/16', { VpcPeeringConnectionId: 'pcx-0a1b2c3d4e5f67890' }),
        route('10.0.0.0/8', { TransitGatewayId: 'tgw-0a1b2c3d4e5f67890' }),
      ];
      const topology = network([mainRouteTable(), privateRouteTable([SUBNET_A, SUBNET_B], { Routes: routes })]);
      // Act
      const verdict = evaluateSubnetPrivacy(cacheResource(), topology);
      // Assess
      expect(verdict.compliance).toBe('COMPLIANT');
      expect(verdict.annotation).toContain('All 2 subnets');
    });

    it('Given a blackhole route to an internet gateway, then it does not count', () => {
      // Prepare: the internet gateway was detached and deleted, leaving its route behind.
      const topology = network([
        mainRouteTable(),
        publicRouteTable([SUBNET_A, SUBNET_B], {
          Routes: [...routeTableFixture().Routes!, route('0.0.0.0/0', { GatewayId: IGW }, { State: 'blackhole' })],
        }),
      ]);
      // Act
      const verdict = evaluateSubnetPrivacy(cacheResource(), topology);
      // Assess
      expect(verdict.compliance).toBe('COMPLIANT');
    });

    it('Given no subnet group, an unknown subnet group or a subnet no route table governs, then NON_COMPLIANT (privacy cannot be shown)', () => {
      // Prepare
      const topology = network([privateRouteTable([SUBNET_A])]); // no main route table listed for SUBNET_B
      const withoutGroup = cacheResource({ cacheSubnetGroupNames: [] });
      const withUnknownGroup = cacheResource({ cacheSubnetGroupNames: ['deleted-subnet-group'] });
      // Act
      const onNoGroup = evaluateSubnetPrivacy(withoutGroup, topology);
      const onUnknownGroup = evaluateSubnetPrivacy(withUnknownGroup, topology);
      const onUngoverned = evaluateSubnetPrivacy(cacheResource(), topology);
      // Assess
      expect(onNoGroup.compliance).toBe('NON_COMPLIANT');
      expect(onNoGroup.annotation).toContain('No cache subnet group or subnet was reported for this replication group');
      expect(onUnknownGroup.compliance).toBe('NON_COMPLIANT');
      expect(onUnknownGroup.annotation).toContain('subnet group deleted-subnet-group was not found');
      expect(onUngoverned.compliance).toBe('NON_COMPLIANT');
      expect(onUngoverned.annotation).toContain(`no route table governs ${SUBNET_B}`);
      for (const { annotation } of [onNoGroup, onUnknownGroup, onUngoverned]) expect(annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it('Given a serverless cache, then its own subnets (SubnetIds, no subnet group) are judged the same way, each in its own VPC; a subnet that was not found is NON_COMPLIANT', () => {
      // Prepare: SUBNET_A has no association (the VPC's main table, NAT only), SUBNET_B a public table.
      const subnets = [
        { SubnetId: SUBNET_A, VpcId: VPC_ID },
        { SubnetId: SUBNET_B, VpcId: VPC_ID },
      ];
      const topology = buildNetworkTopology([], [mainRouteTable(), publicRouteTable([SUBNET_B])], subnets);
      const serverless = (subnetIds: string[]) =>
        cacheResource({ resourceType: SERVERLESS_CACHE, resourceId: 'sessions', cacheSubnetGroupNames: [], subnetIds });
      // Act
      const onPrivate = evaluateSubnetPrivacy(serverless([SUBNET_A]), topology);
      const onPublic = evaluateSubnetPrivacy(serverless([SUBNET_A, SUBNET_B]), topology);
      const onUnknown = evaluateSubnetPrivacy(serverless(['subnet-0000000000000dead']), topology);
      // Assess
      expect(onPrivate.compliance).toBe('COMPLIANT');
      expect(onPrivate.annotation).toContain('1 subnet of this serverless cache');
      expect(onPublic.compliance).toBe('NON_COMPLIANT');
      expect(onPublic.annotation).toContain(`${SUBNET_B} (${PUBLIC_RTB}: 0.0.0.0/0 → ${IGW})`);
      expect(onUnknown.compliance).toBe('NON_COMPLIANT');
      expect(onUnknown.annotation).toContain('subnet subnet-0000000000000dead was not found');
    });
  });

  describe('wording, read as an auditor reads it', () => {
    const subnets = [
      { SubnetId: SUBNET_A, VpcId: VPC_ID },
      { SubnetId: SUBNET_B, VpcId: VPC_ID },
    ];
    const serverless = (subnetIds: string[]) =>
      cacheResource({ resourceType: SERVERLESS_CACHE, resourceId: 'sessions', cacheSubnetGroupNames: [], subnetIds });

    it('says a serverless cache with one public subnet has a public subnet, and moves it', () => {
      const topology = buildNetworkTopology([], [mainRouteTable(), publicRouteTable([SUBNET_B])], subnets);
      expect(evaluateSubnetPrivacy(serverless([SUBNET_A, SUBNET_B]), topology).annotation).toBe(
        `This serverless cache has a public subnet: ${SUBNET_B} (${PUBLIC_RTB}: 0.0.0.0/0 → ${IGW}). Move it to subnets that have no internet gateway route.`,
      );
    });

    it('names the first of several public subnets of a serverless cache and counts the others', () => {
      const topology = buildNetworkTopology([], [mainRouteTable(), publicRouteTable([SUBNET_A, SUBNET_B])], subnets);
      expect(evaluateSubnetPrivacy(serverless([SUBNET_A, SUBNET_B]), topology).annotation).toBe(
        `This serverless cache has a public subnet: ${SUBNET_A} (${PUBLIC_RTB}: 0.0.0.0/0 → ${IGW}) and 1 more. Move it to subnets that have no internet gateway route.`,
      );
    });

    it('says one subnet group has a public subnet', () => {
      const topology = network([mainRouteTable(), publicRouteTable([SUBNET_A, SUBNET_B])]);
      expect(evaluateSubnetPrivacy(cacheResource(), topology).annotation).toBe(
        `Subnet group ${SUBNET_GROUP} has a public subnet: ${SUBNET_A} (${PUBLIC_RTB}: 0.0.0.0/0 → ${IGW}) and 1 more. Move the cache to a subnet group whose subnets have no internet gateway route.`,
      );
    });

    it('says which to fix when the subnets of a serverless cache cannot be judged', () => {
      const topology = buildNetworkTopology([], [mainRouteTable()], subnets);
      expect(evaluateSubnetPrivacy(serverless(['subnet-0000000000000dead']), topology).annotation).toBe(
        'Subnet privacy cannot be verified: subnet subnet-0000000000000dead was not found; fix the subnets or their routing.',
      );
    });
  });

  describe('edge cases', () => {
    it('names the first public subnet and counts the others', () => {
      // Prepare
      const topology = network([mainRouteTable(), publicRouteTable([SUBNET_A, SUBNET_B])]);
      // Act
      const verdict = evaluateSubnetPrivacy(cacheResource(), topology);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain(`${SUBNET_A} (${PUBLIC_RTB}: 0.0.0.0/0 → ${IGW}) and 1 more.`);
    });

    it('treats a split default route (0.0.0.0/1 + 128.0.0.0/1) to an internet gateway as public', () => {
      // Prepare
      const topology = network([
        mainRouteTable(),
        publicRouteTable([SUBNET_A, SUBNET_B], {
          Routes: [...routeTableFixture().Routes!, route('0.0.0.0/1', { GatewayId: IGW }), route('128.0.0.0/1', { GatewayId: IGW })],
        }),
      ]);
      // Act
      const verdict = evaluateSubnetPrivacy(cacheResource(), topology);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('0.0.0.0/1 → igw-');
    });

    it('treats a narrow route to an internet gateway as public (AWS: any igw route makes a subnet public)', () => {
      // Prepare
      const topology = network([
        mainRouteTable(),
        publicRouteTable([SUBNET_A, SUBNET_B], { Routes: [...routeTableFixture().Routes!, route('203.0.113.0/24', { GatewayId: IGW })] }),
      ]);
      // Act
      const verdict = evaluateSubnetPrivacy(cacheResource(), topology);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('203.0.113.0/24');
    });

    it('does not count virtual private gateway or gateway endpoint routes as internet routes', () => {
      // Prepare
      const routes = [
        ...routeTableFixture().Routes!,
        route('172.16.0.0/12', { GatewayId: 'vgw-0a1b2c3d4e5f67890' }),
        route('pl-63a5400a', { GatewayId: 'vpce-0a1b2c3d4e5f67890' }),
      ];
      const topology = network([mainRouteTable(), privateRouteTable([SUBNET_A, SUBNET_B], { Routes: routes })]);
      // Act
      const verdict = evaluateSubnetPrivacy(cacheResource(), topology);
      // Assess
      expect(verdict.compliance).toBe('COMPLIANT');
    });

    it('reports a public subnet ahead of a subnet whose routing is unknown', () => {
      // Prepare: SUBNET_A is public; SUBNET_B has no association and the VPC main table is not listed.
      const topology = network([publicRouteTable([SUBNET_A])]);
      // Act
      const verdict = evaluateSubnetPrivacy(cacheResource(), topology);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain(`has a public subnet: ${SUBNET_A}`);
      expect(verdict.annotation).not.toContain('cannot be verified');
    });

    it('counts further problems when several subnets cannot be judged', () => {
      // Prepare
      const subnetC = 'subnet-0a1b2c3d4e5f6c003';
      const group = cacheSubnetGroupFixture({ Subnets: subnetsOf(SUBNET_A, SUBNET_B, subnetC) });
      const topology = network([], [group]);
      // Act
      const verdict = evaluateSubnetPrivacy(cacheResource(), topology);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toBe(
        `Subnet privacy cannot be verified: no route table governs ${SUBNET_A} (and 2 more problems); fix the subnet group or its routing.`,
      );
    });

    it('uses the singular for exactly one further problem', () => {
      // Prepare
      const topology = network([]);
      // Act
      const verdict = evaluateSubnetPrivacy(cacheResource(), topology);
      // Assess
      expect(verdict.annotation).toContain('(and 1 more problem);');
    });

    it('judges a subnet group that lists no subnets NON_COMPLIANT', () => {
      // Prepare
      const topology = network([mainRouteTable()], [cacheSubnetGroupFixture({ Subnets: [] })]);
      // Act
      const verdict = evaluateSubnetPrivacy(cacheResource(), topology);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain(`subnet group ${SUBNET_GROUP} lists no subnets`);
    });

    it('falls back to the main route table when the explicit association was removed', () => {
      // Prepare: SUBNET_B's association with the public table is disassociated.
      const topology = network([
        mainRouteTable(),
        privateRouteTable([SUBNET_A]),
        publicRouteTable([], { Associations: [subnetAssociation(PUBLIC_RTB, SUBNET_B, 'disassociated')] }),
      ]);
      // Act
      const verdict = evaluateSubnetPrivacy(cacheResource(), topology);
      // Assess
      expect(verdict.compliance).toBe('COMPLIANT');
    });

    it('judges every subnet group of a replication group whose members sit in two groups', () => {
      // Prepare: mid-migration, the members of one group report two subnet groups.
      const secondGroup = cacheSubnetGroupFixture({ CacheSubnetGroupName: 'orders-private-v2', Subnets: subnetsOf('subnet-0a1b2c3d4e5f6c003') });
      const topology = network(
        [mainRouteTable(), privateRouteTable([SUBNET_A, SUBNET_B]), publicRouteTable(['subnet-0a1b2c3d4e5f6c003'])],
        [cacheSubnetGroupFixture(), secondGroup],
      );
      const group = cacheResource({ cacheSubnetGroupNames: [SUBNET_GROUP, 'orders-private-v2'] });
      // Act
      const verdict = evaluateSubnetPrivacy(group, topology);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toBe(
        `Subnet groups ${SUBNET_GROUP}, orders-private-v2 have a public subnet: subnet-0a1b2c3d4e5f6c003 (${PUBLIC_RTB}: 0.0.0.0/0 → ${IGW}). Move the cache to a subnet group whose subnets have no internet gateway route.`,
      );
    });

    it('calls a standalone cluster a cluster', () => {
      // Prepare
      const cluster = cacheResource({ resourceType: CACHE_CLUSTER, resourceId: 'reports-cache', cacheSubnetGroupNames: [] });
      // Act
      const verdict = evaluateSubnetPrivacy(cluster, network([]));
      // Assess
      expect(verdict.annotation).toContain('for this cluster');
    });

    it('uses the singular for a one-subnet group', () => {
      // Prepare
      const topology = network([mainRouteTable()], [cacheSubnetGroupFixture({ Subnets: subnetsOf(SUBNET_A) })]);
      // Act
      const verdict = evaluateSubnetPrivacy(cacheResource(), topology);
      // Assess
      expect(verdict.compliance).toBe('COMPLIANT');
      expect(verdict.annotation).toBe(`All 1 subnet of subnet group ${SUBNET_GROUP} route no traffic to an internet gateway.`);
    });

    it('judges a subnet of a group without a VPC id, and no association of its own, unverifiable', () => {
      // Prepare
      const topology = network([mainRouteTable()], [cacheSubnetGroupFixture({ VpcId: undefined, Subnets: subnetsOf(SUBNET_A) })]);
      // Act
      const verdict = evaluateSubnetPrivacy(cacheResource(), topology);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain(`no route table governs ${SUBNET_A}`);
    });

    it('keeps the annotation within 256 characters for a long subnet group name and an IPv6 route', () => {
      // Prepare: realistic production naming, three public subnets behind an IPv6 route.
      const name = 'elasticache-payments-prod-eu-private-subnets';
      const subnets = [SUBNET_A, SUBNET_B, 'subnet-0a1b2c3d4e5f6c003'];
      const topology = network(
        [mainRouteTable(), publicRouteTable(subnets, { Routes: [...routeTableFixture().Routes!, route('2600:1f18:4a3:6900::/56', { GatewayId: IGW })] })],
        [cacheSubnetGroupFixture({ CacheSubnetGroupName: name, Subnets: subnetsOf(...subnets) })],
      );
      // Act
      const verdict = evaluateSubnetPrivacy(cacheResource({ cacheSubnetGroupNames: [name] }), topology);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain(`${SUBNET_A} (${PUBLIC_RTB}: 2600:1f18:4a3:6900::/56 → ${IGW}) and 2 more`);
      expect(verdict.annotation).toContain('Subnet group elasticache-payments-prod');
      expect(verdict.annotation).toMatch(/no internet gateway route\.$/);
      expect(verdict.annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it('shortens the longest subnet group name ElastiCache allows (255 characters) rather than lose the subnet and route', () => {
      // Prepare
      const name = `orders-${'x'.repeat(248)}`;
      const topology = network([mainRouteTable(), publicRouteTable([SUBNET_A, SUBNET_B])], [cacheSubnetGroupFixture({ CacheSubnetGroupName: name })]);
      // Act
      const verdict = evaluateSubnetPrivacy(cacheResource({ cacheSubnetGroupNames: [name] }), topology);
      // Assess
      expect(name).toHaveLength(255);
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toMatch(/^Subnet group orders-x+… has a public subnet: /);
      expect(verdict.annotation).toContain(`${SUBNET_A} (${PUBLIC_RTB}: 0.0.0.0/0 → ${IGW}) and 1 more. Move the cache`);
      expect(verdict.annotation).toHaveLength(MAX_ANNOTATION_LENGTH);
    });

    it('leaves a short subnet group name whole', () => {
      // Prepare
      const topology = network([mainRouteTable(), publicRouteTable([SUBNET_A, SUBNET_B])]);
      // Act
      const verdict = evaluateSubnetPrivacy(cacheResource(), topology);
      // Assess
      expect(verdict.annotation).toContain(`Subnet group ${SUBNET_GROUP} has a public subnet`);
      expect(verdict.annotation).not.toContain('…');
    });
  });
});
