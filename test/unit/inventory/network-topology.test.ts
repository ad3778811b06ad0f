import type { RouteTable } from '@aws-sdk/client-ec2';
import { buildNetworkTopology } from '#shared/inventory/network-topology.ts';
import {
  SUBNET_A,
  SUBNET_B,
  SUBNET_GROUP,
  VPC_ID,
  cacheSubnetGroupFixture,
  mainAssociation,
  route,
  routeTableFixture,
  subnetAssociation,
} from '../../support/fixtures.ts';

const IGW = 'igw-0c1d2e3f4a5b6c7d8';
const MAIN_RTB = 'rtb-0a1b2c3d4e5f6m000';
const OWN_RTB = 'rtb-0a1b2c3d4e5f6e001';
const OTHER_VPC = 'vpc-0f9e8d7c6b5a40999';
const OTHER_VPC_MAIN_RTB = 'rtb-0f9e8d7c6b5a4m999';
const LOCAL = routeTableFixture().Routes!;

const mainTable = (routes = LOCAL, vpcId = VPC_ID, id = MAIN_RTB): RouteTable =>
  routeTableFixture({ RouteTableId: id, VpcId: vpcId, Associations: [mainAssociation(id)], Routes: routes });

const tableFor = (subnetId: string, routes = LOCAL, id = OWN_RTB): RouteTable =>
  routeTableFixture({ RouteTableId: id, Associations: [subnetAssociation(id, subnetId)], Routes: routes });

describe('buildNetworkTopology', () => {
  describe('subnet groups', () => {
    it('records each subnet group with its VPC and subnet ids', () => {
      // Act
      const topology = buildNetworkTopology([cacheSubnetGroupFixture()], []);
      // Assess
      expect(topology.subnetGroups.get(SUBNET_GROUP)).toEqual({ vpcId: VPC_ID, subnetIds: [SUBNET_A, SUBNET_B] });
    });

    it('skips a subnet group without a name and a subnet without an identifier', () => {
      // Prepare
      const nameless = cacheSubnetGroupFixture({ CacheSubnetGroupName: undefined });
      const partial = cacheSubnetGroupFixture({ Subnets: [{ SubnetIdentifier: SUBNET_A }, { SubnetAvailabilityZone: { Name: 'us-east-1b' } }] });
      // Act
      const topology = buildNetworkTopology([nameless, partial], []);
      // Assess
      expect(topology.subnetGroups.size).toBe(1);
      expect(topology.subnetGroups.get(SUBNET_GROUP)?.subnetIds).toEqual([SUBNET_A]);
    });

    it('records a subnet group reported without subnets as having none', () => {
      // Act
      const topology = buildNetworkTopology([cacheSubnetGroupFixture({ Subnets: undefined })], []);
      // Assess
      expect(topology.subnetGroups.get(SUBNET_GROUP)?.subnetIds).toEqual([]);
    });
  });

  describe('which route table governs a subnet', () => {
    it('an explicit association beats the main route table', () => {
      // Prepare: the main table is public, the subnet's own table is private.
      const topology = buildNetworkTopology([], [mainTable([...LOCAL, route('0.0.0.0/0', { GatewayId: IGW })]), tableFor(SUBNET_A)]);
      // Act
      const table = topology.routeTableFor(SUBNET_A, VPC_ID);
      // Assess
      expect(table).toEqual({ routeTableId: OWN_RTB, association: 'explicit', internetRoutes: [] });
    });

    it('an explicit association wins whichever order DescribeRouteTables lists the tables in', () => {
      // Prepare
      const topology = buildNetworkTopology([], [tableFor(SUBNET_A), mainTable()]);
      // Act
      const table = topology.routeTableFor(SUBNET_A, VPC_ID);
      // Assess
      expect(table?.association).toBe('explicit');
    });

    it('a subnet without an explicit association falls to its own VPC\'s main route table', () => {
      // Prepare
      const topology = buildNetworkTopology([], [mainTable(), tableFor(SUBNET_A)]);
      // Act
      const table = topology.routeTableFor(SUBNET_B, VPC_ID);
      // Assess
      expect(table).toEqual({ routeTableId: MAIN_RTB, association: 'main', internetRoutes: [] });
    });

    it('never another VPC\'s main route table', () => {
      // Prepare: only the other VPC's main table is listed, and it is public.
      const otherMain = mainTable([...LOCAL, route('0.0.0.0/0', { GatewayId: IGW })], OTHER_VPC, OTHER_VPC_MAIN_RTB);
      const topology = buildNetworkTopology([], [otherMain]);
      // Act
      const own = topology.routeTableFor(SUBNET_A, VPC_ID);
      const other = topology.routeTableFor(SUBNET_A, OTHER_VPC);
      // Assess
      expect(own).toBeUndefined();
      expect(other?.routeTableId).toBe(OTHER_VPC_MAIN_RTB);
    });

    it('picks the main route table of the subnet\'s VPC when several VPCs are listed', () => {
      // Prepare
      const topology = buildNetworkTopology([], [mainTable(LOCAL, OTHER_VPC, OTHER_VPC_MAIN_RTB), mainTable()]);
      // Act
      const table = topology.routeTableFor(SUBNET_A, VPC_ID);
      // Assess
      expect(table?.routeTableId).toBe(MAIN_RTB);
    });

    it('no route table governs a subnet without association when the VPC is unknown', () => {
      // Prepare
      const topology = buildNetworkTopology([], [mainTable()]);
      // Act
      const table = topology.routeTableFor(SUBNET_A, undefined);
      // Assess
      expect(table).toBeUndefined();
    });

    it('ignores a disassociated explicit association', () => {
      // Prepare
      const stale = routeTableFixture({
        RouteTableId: OWN_RTB,
        Associations: [subnetAssociation(OWN_RTB, SUBNET_A, 'disassociated')],
        Routes: [...LOCAL, route('0.0.0.0/0', { GatewayId: IGW })],
      });
      const topology = buildNetworkTopology([], [stale, mainTable()]);
      // Act
      const table = topology.routeTableFor(SUBNET_A, VPC_ID);
      // Assess
      expect(table).toEqual({ routeTableId: MAIN_RTB, association: 'main', internetRoutes: [] });
    });

    it('ignores a failed association', () => {
      // Prepare
      const failed = routeTableFixture({ RouteTableId: OWN_RTB, Associations: [subnetAssociation(OWN_RTB, SUBNET_A, 'failed')] });
      const topology = buildNetworkTopology([], [failed, mainTable()]);
      // Act
      const table = topology.routeTableFor(SUBNET_A, VPC_ID);
      // Assess
      expect(table?.routeTableId).toBe(MAIN_RTB);
    });

    it('accepts an association that reports no state (older replies)', () => {
      // Prepare
      const table = routeTableFixture({ RouteTableId: OWN_RTB, Associations: [{ ...subnetAssociation(OWN_RTB, SUBNET_A), AssociationState: undefined }] });
      const topology = buildNetworkTopology([], [table]);
      // Act
      const governing = topology.routeTableFor(SUBNET_A, VPC_ID);
      // Assess
      expect(governing?.association).toBe('explicit');
    });

    it('a route table reported without associations governs no subnet', () => {
      // Prepare
      const topology = buildNetworkTopology([], [{ ...tableFor(SUBNET_A), Associations: undefined }]);
      // Act
      const table = topology.routeTableFor(SUBNET_A, VPC_ID);
      // Assess
      expect(table).toBeUndefined();
    });

    it('skips a route table reported without an id', () => {
      // Prepare
      const nameless = { ...tableFor(SUBNET_A), RouteTableId: undefined };
      const topology = buildNetworkTopology([], [nameless]);
      // Act
      const table = topology.routeTableFor(SUBNET_A, VPC_ID);
      // Assess
      expect(table).toBeUndefined();
    });

    it('does not treat a gateway (edge) association as a subnet association', () => {
      // Prepare: an ingress route table associated with the internet gateway itself.
      const edge = routeTableFixture({
        RouteTableId: OWN_RTB,
        Associations: [{ Main: false, RouteTableAssociationId: 'rtbassoc-0e1d2c3b4a5968778', RouteTableId: OWN_RTB, GatewayId: IGW, AssociationState: { State: 'associated' } }],
      });
      const topology = buildNetworkTopology([], [edge, mainTable()]);
      // Act
      const table = topology.routeTableFor(SUBNET_A, VPC_ID);
      // Assess
      expect(table?.routeTableId).toBe(MAIN_RTB);
    });
  });

  describe('which routes lead to the internet', () => {
    const internetRoutesOf = (...routes: NonNullable<RouteTable['Routes']>) =>
      buildNetworkTopology([], [tableFor(SUBNET_A, [...LOCAL, ...routes])]).routeTableFor(SUBNET_A, VPC_ID)?.internetRoutes;

    it('an IPv4 default route to an internet gateway is public', () => {
      // Act
      const routes = internetRoutesOf(route('0.0.0.0/0', { GatewayId: IGW }));
      // Assess
      expect(routes).toEqual([{ destination: '0.0.0.0/0', gatewayId: IGW }]);
    });

    it('::/0 to an internet gateway is public', () => {
      // Act
      const routes = internetRoutesOf(route('::/0', { GatewayId: IGW }));
      // Assess
      expect(routes).toEqual([{ destination: '::/0', gatewayId: IGW }]);
    });

    it('a prefix list route to an internet gateway is public, named by its prefix list', () => {
      // Act
      const routes = internetRoutesOf(route('pl-0a1b2c3d4e5f67890', { GatewayId: IGW }));
      // Assess
      expect(routes).toEqual([{ destination: 'pl-0a1b2c3d4e5f67890', gatewayId: IGW }]);
    });

    it('lists every internet route of the table, in order', () => {
      // Act
      const routes = internetRoutesOf(route('0.0.0.0/0', { GatewayId: IGW }), route('::/0', { GatewayId: IGW }));
      // Assess
      expect(routes?.map((r) => r.destination)).toEqual(['0.0.0.0/0', '::/0']);
    });

    it('a NAT gateway route is private', () => {
      // Act
      const routes = internetRoutesOf(route('0.0.0.0/0', { NatGatewayId: 'nat-0f1e2d3c4b5a69788' }));
      // Assess
      expect(routes).toEqual([]);
    });

    it('an egress-only internet gateway (eigw-) route is private', () => {
      // Act
      const routes = internetRoutesOf(route('::/0', { EgressOnlyInternetGatewayId: 'eigw-0a1b2c3d4e5f67890' }));
      // Assess
      expect(routes).toEqual([]);
    });

    it('a peering connection route is private', () => {
      // Act
      const routes = internetRoutesOf(route('10.30.0.0/16', { VpcPeeringConnectionId: 'pcx-0a1b2c3d4e5f67890' }));
      // Assess
      expect(routes).toEqual([]);
    });

    it('a transit gateway route is private', () => {
      // Act
      const routes = internetRoutesOf(route('0.0.0.0/0', { TransitGatewayId: 'tgw-0a1b2c3d4e5f67890' }));
      // Assess
      expect(routes).toEqual([]);
    });

    it('the local route, a virtual private gateway and a gateway endpoint are private', () => {
      // Act
      const routes = internetRoutesOf(
        route('172.16.0.0/12', { GatewayId: 'vgw-0a1b2c3d4e5f67890' }),
        route('pl-63a5400a', { GatewayId: 'vpce-0a1b2c3d4e5f67890' }),
      );
      // Assess
      expect(routes).toEqual([]);
    });

    it('a blackhole route to an internet gateway is ignored', () => {
      // Act
      const routes = internetRoutesOf(route('0.0.0.0/0', { GatewayId: IGW }, { State: 'blackhole' }));
      // Assess
      expect(routes).toEqual([]);
    });

    it('a route reported without a state counts as active', () => {
      // Act
      const routes = internetRoutesOf(route('0.0.0.0/0', { GatewayId: IGW }, { State: undefined }));
      // Assess
      expect(routes).toHaveLength(1);
    });

    it('a route table reported without routes has no internet routes', () => {
      // Prepare
      const topology = buildNetworkTopology([], [{ ...tableFor(SUBNET_A), Routes: undefined }]);
      // Act
      const table = topology.routeTableFor(SUBNET_A, VPC_ID);
      // Assess
      expect(table?.internetRoutes).toEqual([]);
    });
  });
});
