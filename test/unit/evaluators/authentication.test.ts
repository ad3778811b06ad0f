import type { User, UserGroup } from '@aws-sdk/client-elasticache';
import { MAX_ANNOTATION_LENGTH } from '#shared/engine/report.ts';
import { evaluateAuthentication, type AuthenticationParameters } from '#shared/evaluators/authentication.ts';
import { accessStringSwitchesOn, buildAccessDirectory } from '#shared/inventory/access-directory.ts';
import { CACHE_CLUSTER, SERVERLESS_CACHE } from '#shared/inventory/cache-resource.ts';
import { cacheResource, userFixture, userGroupFixture } from '../../support/fixtures.ts';

const STRICT: AuthenticationParameters = { allowAuthToken: false, allowedUserGroupIds: [], authTokenMaxAgeDays: 0 };
const RUN_TIME = new Date('2026-11-30T06:00:00.000Z');

/** The fixtures' user group orders-users: a default user switched off, and app-user with a password. */
function context(groups: UserGroup[] = [userGroupFixture()], users: User[] = [defaultUserOff(), userFixture()]) {
  return { directory: buildAccessDirectory(groups, users), evaluationTime: RUN_TIME };
}

/** The replacement default user AWS recommends: named default, switched off, with a password. */
function defaultUserOff(): User {
  return userFixture({ UserId: 'orders-default', UserName: 'default', AccessString: 'off ~* +@all' });
}

/** The built-in default user as it ships: on, every key and command, no password. */
function builtInDefaultUser(): User {
  return userFixture({ UserId: 'default', UserName: 'default', AccessString: 'on ~* +@all', Authentication: { Type: 'no-password' } });
}

const redis5 = (overrides: Parameters<typeof cacheResource>[0] = {}) =>
  cacheResource({ engineVersion: '5.0.6', userGroupIds: [], ...overrides });

describe('evaluateAuthentication', () => {
  describe('scenarios', () => {
    it('Given a Memcached cache, then NOT_APPLICABLE, pointing to the network controls', () => {
      // Prepare
      const memcached = cacheResource({ resourceType: CACHE_CLUSTER, engine: 'memcached', userGroupIds: [] });
      const serverless = cacheResource({ resourceType: SERVERLESS_CACHE, engine: 'memcached', userGroupIds: [] });
      // Act
      const verdicts = [memcached, serverless].map((r) => evaluateAuthentication(r, STRICT, context()));
      // Assess
      for (const verdict of verdicts) {
        expect(verdict.compliance).toBe('NOT_APPLICABLE');
        expect(verdict.annotation).toContain('security-group-exposure');
        expect(verdict.annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
      }
    });

    it('Given Redis OSS below 6.0 with an AUTH token, then COMPLIANT; without one, NON_COMPLIANT', () => {
      // Prepare
      const withToken = redis5({ authTokenEnabled: true });
      const withoutToken = redis5({ authTokenEnabled: false });
      const standalone = redis5({ resourceType: CACHE_CLUSTER, authTokenEnabled: false });
      // Act
      const [on, off, cluster] = [withToken, withoutToken, standalone].map((r) => evaluateAuthentication(r, STRICT, context()));
      // Assess
      expect(on?.compliance).toBe('COMPLIANT');
      expect(on?.annotation).toContain('Redis OSS 5.0.6 predates user groups');
      expect(off?.compliance).toBe('NON_COMPLIANT');
      expect(off?.annotation).toContain('set an AUTH token');
      expect(cluster?.compliance).toBe('NON_COMPLIANT');
    });

    it('Given a Redis OSS 6.0+ or Valkey replication group with an active user group whose users all need a password or IAM, then COMPLIANT', () => {
      // Prepare
      const users = [defaultUserOff(), userFixture(), userFixture({ UserId: 'reporting', UserName: 'reporting', Authentication: { Type: 'iam' } })];
      const groups = [userGroupFixture({ UserIds: ['orders-default', 'app-user', 'reporting'] })];
      const redis = cacheResource({ engineVersion: '6.0.5' });
      const valkey = cacheResource({ engine: 'valkey', engineVersion: '8.0.1' });
      // Act
      const verdicts = [redis, valkey].map((r) => evaluateAuthentication(r, STRICT, context(groups, users)));
      // Assess
      for (const verdict of verdicts) {
        expect(verdict.compliance).toBe('COMPLIANT');
        expect(verdict.annotation).toContain('User group orders-users is active');
      }
    });

    it('Given a Redis OSS 6.0+ or Valkey replication group with no user group, then NON_COMPLIANT, unless it has an AUTH token and allowAuthToken is true', () => {
      // Prepare
      const tokenOnly = cacheResource({ engine: 'valkey', engineVersion: '7.2.4', userGroupIds: [], authTokenEnabled: true });
      const nothing = cacheResource({ userGroupIds: [], authTokenEnabled: false });
      const lenient = { ...STRICT, allowAuthToken: true };
      // Act
      const strict = evaluateAuthentication(tokenOnly, STRICT, context());
      const allowed = evaluateAuthentication(tokenOnly, lenient, context());
      const unprotected = evaluateAuthentication(nothing, lenient, context());
      // Assess
      expect(strict.compliance).toBe('NON_COMPLIANT');
      expect(strict.annotation).toContain('No user group is attached to this Valkey 7.2.4 replication group');
      expect(allowed.compliance).toBe('COMPLIANT');
      expect(allowed.annotation).toContain('allowAuthToken');
      expect(unprotected.compliance).toBe('NON_COMPLIANT');
      expect(unprotected.annotation).toContain('No AUTH token is set');
    });

    it('Given a user group holding an active, switched-on user that needs no password, then NON_COMPLIANT naming the user', () => {
      // Prepare
      const shipped = context([userGroupFixture({ UserIds: ['default', 'app-user'] })], [builtInDefaultUser(), userFixture()]);
      const renamed = context(
        [userGroupFixture({ UserIds: ['orders-default', 'batch'] })],
        [defaultUserOff(), userFixture({ UserId: 'batch', UserName: 'batch-job', AccessString: 'on ~batch:* +@read', Authentication: { Type: 'no-password' } })],
      );
      // Act
      const onShipped = evaluateAuthentication(cacheResource(), STRICT, shipped);
      const onRenamed = evaluateAuthentication(cacheResource(), STRICT, renamed);
      // Assess
      expect(onShipped.compliance).toBe('NON_COMPLIANT');
      expect(onShipped.annotation).toContain('user default is switched on and needs no password');
      expect(onShipped.annotation).toContain('replace it with a default user that is off or has a password');
      expect(onRenamed.compliance).toBe('NON_COMPLIANT');
      expect(onRenamed.annotation).toContain('user batch-job (id batch)');
      for (const { annotation } of [onShipped, onRenamed]) expect(annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it('Given a user group that is missing or not active, or a user of it that is missing, then NON_COMPLIANT', () => {
      // Prepare
      const missing = context([], []);
      const modifying = context([userGroupFixture({ Status: 'modifying' })]);
      const lostUser = context([userGroupFixture()], [userFixture()]);
      // Act
      const [onMissing, onModifying, onLostUser] = [missing, modifying, lostUser].map((c) => evaluateAuthentication(cacheResource(), STRICT, c));
      // Assess
      expect(onMissing?.compliance).toBe('NON_COMPLIANT');
      expect(onMissing?.annotation).toContain('User group orders-users was not found');
      expect(onModifying?.compliance).toBe('NON_COMPLIANT');
      expect(onModifying?.annotation).toContain('is modifying, not active');
      expect(onLostUser?.compliance).toBe('NON_COMPLIANT');
      expect(onLostUser?.annotation).toContain('User orders-default of user group orders-users was not found');
    });

    it('Given allowedUserGroupIds, then a cache whose user group is not listed is NON_COMPLIANT', () => {
      // Prepare
      const approved = { ...STRICT, allowedUserGroupIds: ['payments-users', 'orders-users'] };
      const other = { ...STRICT, allowedUserGroupIds: ['payments-users'] };
      // Act
      const onApproved = evaluateAuthentication(cacheResource(), approved, context());
      const onOther = evaluateAuthentication(cacheResource(), other, context());
      // Assess
      expect(onApproved.compliance).toBe('COMPLIANT');
      expect(onOther.compliance).toBe('NON_COMPLIANT');
      expect(onOther.annotation).toContain('User group orders-users is not one of allowedUserGroupIds');
    });

    it('Given authTokenMaxAgeDays, then an AUTH token last rotated longer ago, or with no rotation date, is NON_COMPLIANT', () => {
      // Prepare
      const rotation = { ...STRICT, authTokenMaxAgeDays: 90 };
      const fresh = redis5({ authTokenEnabled: true, authTokenLastModified: new Date('2026-10-01T06:00:00.000Z') });
      const stale = redis5({ authTokenEnabled: true, authTokenLastModified: new Date('2026-06-01T06:00:00.000Z') });
      const undated = redis5({ authTokenEnabled: true, authTokenLastModified: undefined });
      // Act
      const [onFresh, onStale, onUndated] = [fresh, stale, undated].map((r) => evaluateAuthentication(r, rotation, context()));
      const unchecked = evaluateAuthentication(stale, STRICT, context());
      // Assess
      expect(onFresh?.compliance).toBe('COMPLIANT');
      expect(onStale?.compliance).toBe('NON_COMPLIANT');
      expect(onStale?.annotation).toContain('last rotated 182 days ago (2026-06-01), more than the 90 allowed');
      expect(onUndated?.compliance).toBe('NON_COMPLIANT');
      expect(onUndated?.annotation).toContain('last rotation date was not reported');
      expect(unchecked.compliance).toBe('COMPLIANT');
    });

    it('Given a standalone Redis OSS or Valkey cluster, then an AUTH token is required whatever allowAuthToken says', () => {
      // Prepare
      const cluster = (overrides: Parameters<typeof cacheResource>[0]) =>
        cacheResource({ resourceType: CACHE_CLUSTER, resourceId: 'reports-cache', engine: 'valkey', engineVersion: '8.0.1', userGroupIds: [], ...overrides });
      // Act
      const withToken = evaluateAuthentication(cluster({ authTokenEnabled: true }), STRICT, context());
      const withoutToken = evaluateAuthentication(cluster({ authTokenEnabled: false }), { ...STRICT, allowAuthToken: true }, context());
      // Assess
      expect(withToken.compliance).toBe('COMPLIANT');
      expect(withToken.annotation).toContain('a standalone cluster cannot take a user group');
      expect(withoutToken.compliance).toBe('NON_COMPLIANT');
      expect(withoutToken.annotation).toContain('a standalone cluster cannot take a user group');
    });

    it('Given a serverless Valkey or Redis OSS cache, then it is judged by its user group, and without one it is NON_COMPLIANT', () => {
      // Prepare
      const serverless = (userGroupIds: string[]) => cacheResource({ resourceType: SERVERLESS_CACHE, resourceId: 'sessions', engine: 'valkey', userGroupIds });
      const shipped = context([userGroupFixture({ UserIds: ['default'] })], [builtInDefaultUser()]);
      // Act
      const good = evaluateAuthentication(serverless(['orders-users']), STRICT, context());
      const open = evaluateAuthentication(serverless(['orders-users']), STRICT, shipped);
      const none = evaluateAuthentication(serverless([]), { ...STRICT, allowAuthToken: true }, context());
      // Assess
      expect(good.compliance).toBe('COMPLIANT');
      expect(open.compliance).toBe('NON_COMPLIANT');
      expect(none.compliance).toBe('NON_COMPLIANT');
      expect(none.annotation).toContain('This serverless cache has no user group');
    });

    it('Given an unknown engine, an unreported AUTH flag or an unreported engine version where it decides, then NON_COMPLIANT', () => {
      // Prepare
      const unknownEngine = cacheResource({ engine: 'dragonfly' });
      const unreportedFlag = redis5({ authTokenEnabled: undefined });
      const unreportedVersion = cacheResource({ engineVersion: undefined, userGroupIds: [], authTokenEnabled: true });
      // Act
      const verdicts = [unknownEngine, unreportedFlag, unreportedVersion].map((r) => evaluateAuthentication(r, STRICT, context()));
      // Assess
      expect(verdicts.map((v) => v.compliance)).toEqual(['NON_COMPLIANT', 'NON_COMPLIANT', 'NON_COMPLIANT']);
      expect(verdicts[0]?.annotation).toContain('Engine "dragonfly" is not recognised');
      expect(verdicts[1]?.annotation).toContain('did not report whether this replication group has an AUTH token');
      expect(verdicts[2]?.annotation).toContain('engine version was not reported');
    });
  });

  describe('edge cases', () => {
    it('reads the access string left to right: the last of on, off and reset wins', () => {
      // Assess
      expect(accessStringSwitchesOn('on ~* +@all')).toBe(true);
      expect(accessStringSwitchesOn('off ~* +@all')).toBe(false);
      expect(accessStringSwitchesOn('on ~* +@all off')).toBe(false);
      expect(accessStringSwitchesOn('reset on ~*')).toBe(true);
      expect(accessStringSwitchesOn('on ~* reset')).toBe(false);
      expect(accessStringSwitchesOn('~* +@all')).toBe(false);
      expect(accessStringSwitchesOn('  ON  ~*  ')).toBe(true);
    });

    it('accepts a switched-off user that needs no password, and ignores a user being deleted', () => {
      // Prepare
      const users = [
        userFixture({ UserId: 'orders-default', UserName: 'default', AccessString: 'off ~* +@all', Authentication: { Type: 'no-password' } }),
        userFixture({ UserId: 'leaving', UserName: 'leaving', Status: 'deleting', Authentication: { Type: 'no-password' } }),
      ];
      // Act
      const verdict = evaluateAuthentication(cacheResource(), STRICT, context([userGroupFixture({ UserIds: ['orders-default', 'leaving'] })], users));
      // Assess
      expect(verdict.compliance).toBe('COMPLIANT');
    });

    it('flags a user whose authentication type is not reported', () => {
      // Prepare
      const users = [defaultUserOff(), userFixture({ Authentication: undefined })];
      // Act
      const verdict = evaluateAuthentication(cacheResource(), STRICT, context(undefined, users));
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('user app-user reports no access string or authentication type');
    });

    it('keeps an annotation naming a 40-character user within 256 characters', () => {
      // Prepare
      const longName = 'u'.repeat(40);
      const users = [userFixture({ UserId: 'x'.repeat(40), UserName: longName, Authentication: { Type: 'no-password' } })];
      // Act
      const verdict = evaluateAuthentication(cacheResource({ userGroupIds: ['g'.repeat(40)] }), STRICT, context([userGroupFixture({ UserGroupId: 'g'.repeat(40), UserIds: ['x'.repeat(40)] })], users));
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it('judges Redis OSS exactly at 6.0 by its user group', () => {
      // Prepare
      const group = cacheResource({ engineVersion: '6.0', userGroupIds: [], authTokenEnabled: true });
      // Act
      const verdict = evaluateAuthentication(group, STRICT, context());
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('No user group is attached');
    });
  });
});
