import type { SecurityGroup } from '@aws-sdk/client-ec2';
import { MAX_ANNOTATION_LENGTH } from '#shared/engine/report.ts';
import { evaluateSecurityGroupExposure } from '#shared/evaluators/security-group-exposure.ts';
import { CACHE_CLUSTER, SERVERLESS_CACHE } from '#shared/inventory/cache-resource.ts';
import { buildSecurityGroupDirectory, isWorldCidr } from '#shared/inventory/security-group-directory.ts';
import { SECURITY_GROUP, cacheResource, inboundRule, securityGroupFixture } from '../../support/fixtures.ts';

const WORLD_LIST = 'pl-0a1b2c3d4e5f60001';
const OFFICE_LIST = 'pl-0a1b2c3d4e5f60002';

function directory(groups: SecurityGroup[], missing: string[] = [], prefixLists: [string, string[] | undefined][] = []) {
  return buildSecurityGroupDirectory(groups, missing, new Map(prefixLists));
}

/** The fixture group with one more inbound rule. */
function withRule(...rules: Parameters<typeof inboundRule>) {
  const group = securityGroupFixture();
  return directory([{ ...group, IpPermissions: [...(group.IpPermissions ?? []), inboundRule(...rules)] }], [], [
    [WORLD_LIST, ['10.0.0.0/8', '0.0.0.0/0']],
    [OFFICE_LIST, ['203.0.113.0/24']],
  ]);
}

describe('evaluateSecurityGroupExposure', () => {
  describe('scenarios', () => {
    it('Given security groups whose inbound rules admit only other security groups or narrower CIDRs, then COMPLIANT', () => {
      // Prepare
      const narrow = withRule('tcp', 6379, 6379, { IpRanges: [{ CidrIp: '10.20.0.0/16' }], Ipv6Ranges: [{ CidrIpv6: '2001:db8::/32' }], PrefixListIds: [{ PrefixListId: OFFICE_LIST }] });
      // Act
      const verdict = evaluateSecurityGroupExposure(cacheResource(), narrow);
      // Assess
      expect(verdict.compliance).toBe('COMPLIANT');
      expect(verdict.annotation).toBe('No inbound rule of the 1 security group admits 0.0.0.0/0 or ::/0 to port 6379.');
    });

    it('Given an inbound rule from 0.0.0.0/0 or ::/0 whose port range covers the cache port, then NON_COMPLIANT naming the group, the rule and the source', () => {
      // Prepare
      const ipv4 = withRule('tcp', 6000, 7000, { IpRanges: [{ CidrIp: '0.0.0.0/0' }] });
      const ipv6Only = withRule('6', 6379, 6379, { Ipv6Ranges: [{ CidrIpv6: '::/0' }] });
      // Act
      const onIpv4 = evaluateSecurityGroupExposure(cacheResource(), ipv4);
      const onIpv6 = evaluateSecurityGroupExposure(cacheResource(), ipv6Only);
      // Assess
      expect(onIpv4.compliance).toBe('NON_COMPLIANT');
      expect(onIpv4.annotation).toBe(`Security group ${SECURITY_GROUP} rule tcp 6000-7000 admits 0.0.0.0/0 to port 6379: narrow it to the application's security group.`);
      expect(onIpv6.compliance).toBe('NON_COMPLIANT');
      expect(onIpv6.annotation).toContain('rule 6 6379 admits ::/0');
    });

    it('Given an inbound rule that allows all traffic (protocol -1) from the world, then NON_COMPLIANT', () => {
      // Prepare
      const allTraffic = withRule('-1', undefined, undefined, { IpRanges: [{ CidrIp: '0.0.0.0/0' }] });
      // Act
      const verdict = evaluateSecurityGroupExposure(cacheResource({ ports: [6380] }), allTraffic);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('rule all traffic admits 0.0.0.0/0 to port 6380');
    });

    it('Given a rule from a managed prefix list that holds 0.0.0.0/0 or ::/0, then NON_COMPLIANT naming the prefix list', () => {
      // Prepare
      const viaList = withRule('tcp', 6379, 6379, { PrefixListIds: [{ PrefixListId: OFFICE_LIST }, { PrefixListId: WORLD_LIST }] });
      // Act
      const verdict = evaluateSecurityGroupExposure(cacheResource(), viaList);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain(`admits 0.0.0.0/0 through prefix list ${WORLD_LIST}`);
    });

    it('Given a world rule on another port or protocol only, then COMPLIANT', () => {
      // Prepare
      const otherPort = withRule('tcp', 22, 22, { IpRanges: [{ CidrIp: '0.0.0.0/0' }] });
      const udp = withRule('udp', 0, 65535, { IpRanges: [{ CidrIp: '0.0.0.0/0' }] });
      // Act
      const verdicts = [otherPort, udp].map((d) => evaluateSecurityGroupExposure(cacheResource(), d));
      // Assess
      expect(verdicts.map((v) => v.compliance)).toEqual(['COMPLIANT', 'COMPLIANT']);
    });

    it("Given no port reported, then the engine's default port (6379 for Redis OSS and Valkey, 11211 for Memcached) is judged", () => {
      // Prepare
      const memcachedOpen = withRule('tcp', 11211, 11211, { IpRanges: [{ CidrIp: '0.0.0.0/0' }] });
      const memcached = cacheResource({ resourceType: CACHE_CLUSTER, engine: 'memcached', ports: [] });
      const valkey = cacheResource({ resourceType: SERVERLESS_CACHE, engine: 'valkey', ports: [] });
      // Act
      const onMemcached = evaluateSecurityGroupExposure(memcached, memcachedOpen);
      const onValkey = evaluateSecurityGroupExposure(valkey, memcachedOpen);
      // Assess
      expect(onMemcached.compliance).toBe('NON_COMPLIANT');
      expect(onMemcached.annotation).toContain('to port 11211');
      expect(onValkey.compliance).toBe('COMPLIANT');
      expect(onValkey.annotation).toContain('port 6379');
    });

    it('Given no security group reported, a security group that no longer exists or a prefix list that could not be read, then NON_COMPLIANT', () => {
      // Prepare
      const gone = 'sg-0deadbeef00000001';
      const unreadableList = 'pl-0deadbeef00000001';
      const group = securityGroupFixture({ IpPermissions: [inboundRule('tcp', 6379, 6379, { PrefixListIds: [{ PrefixListId: unreadableList }] })] });
      // Act
      const none = evaluateSecurityGroupExposure(cacheResource({ securityGroupIds: [] }), directory([]));
      const deleted = evaluateSecurityGroupExposure(cacheResource({ securityGroupIds: [gone] }), directory([], [gone]));
      const unreadable = evaluateSecurityGroupExposure(cacheResource(), directory([group], [], [[unreadableList, undefined]]));
      // Assess
      expect(none.compliance).toBe('NON_COMPLIANT');
      expect(none.annotation).toContain('No security group was reported for this replication group');
      expect(deleted.compliance).toBe('NON_COMPLIANT');
      expect(deleted.annotation).toContain(`security group ${gone} no longer exists`);
      expect(unreadable.compliance).toBe('NON_COMPLIANT');
      expect(unreadable.annotation).toContain(`prefix list ${unreadableList} could not be read`);
      for (const { annotation } of [none, deleted, unreadable]) expect(annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });
  });

  describe('edge cases', () => {
    it('counts any CIDR of prefix length zero as the world, and nothing narrower', () => {
      // Assess
      expect(['0.0.0.0/0', '::/0', '0::/0', ' 0.0.0.0/00 '].map(isWorldCidr)).toEqual([true, true, true, true]);
      expect(['0.0.0.0/1', '::/1', '10.0.0.0/8', '128.0.0.0/1'].map(isWorldCidr)).toEqual([false, false, false, false]);
    });

    it('lets an exposing rule in a second group decide, even after a clean first group', () => {
      // Prepare
      const second = 'sg-0a1b2c3d4e5f6second';
      const groups = [securityGroupFixture(), securityGroupFixture({ GroupId: second, IpPermissions: [inboundRule('tcp', 0, 65535, { IpRanges: [{ CidrIp: '0.0.0.0/0' }] })] })];
      // Act
      const verdict = evaluateSecurityGroupExposure(cacheResource({ securityGroupIds: [SECURITY_GROUP, second] }), directory(groups));
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain(`Security group ${second} rule tcp 0-65535`);
    });

    it('judges a rule on a port range ending below the port as no exposure', () => {
      // Prepare
      const below = withRule('tcp', 6000, 6378, { IpRanges: [{ CidrIp: '0.0.0.0/0' }] });
      // Act
      const verdict = evaluateSecurityGroupExposure(cacheResource(), below);
      // Assess
      expect(verdict.compliance).toBe('COMPLIANT');
    });

    it('judges any TCP world rule as exposure for an unknown engine with no port', () => {
      // Prepare
      const ssh = withRule('tcp', 22, 22, { IpRanges: [{ CidrIp: '0.0.0.0/0' }] });
      // Act
      const verdict = evaluateSecurityGroupExposure(cacheResource({ engine: 'dragonfly', ports: [] }), ssh);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('to any port');
    });

    it('reports a group the directory lacks as not described', () => {
      // Act
      const verdict = evaluateSecurityGroupExposure(cacheResource(), directory([]));
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('was not described');
    });
  });
});
