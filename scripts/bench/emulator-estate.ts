/**
 * The estate the benchmark runs on, seeded into the local emulator through the same SDK calls one
 * would make in AWS (scripts/local-aws/estate-builders.ts): replication groups (one node each, so one
 * member cluster each), standalone clusters and serverless caches, spread over the demo network's
 * subnet groups, the demo KMS keys, a few security groups (one open to the internet) and a few user
 * groups, so that every control has caches to pass and caches to fail.
 *
 * Seeding goes through the emulator's API, several creations in flight at once. Measured on the
 * 2-core machine: about 80 creations a second (see BENCHMARKS.md), so 12,000 caches take a few
 * minutes once; the bench then reuses the one seeded emulator for every control and `scan`.
 */
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand } from '@aws-sdk/client-ec2';
import { CreateUserCommand, CreateUserGroupCommand, ModifyReplicationGroupCommand } from '@aws-sdk/client-elasticache';
import { createDemoKeys, createDemoNetwork } from '../local-aws/demo-estate.ts';
import {
  createCacheCluster,
  createReplicationGroup,
  createServerlessCache,
  type EstateClients,
} from '../local-aws/estate-builders.ts';

export interface BenchEstateSize {
  replicationGroups: number;
  /** Standalone clusters (outside any replication group): a third Redis OSS, the rest Memcached. */
  clusters: number;
  serverlessCaches: number;
}

/** Shared among the caches; each fewer than one page, so their listings are one call each. */
export const SECURITY_GROUPS = 5;
export const USER_GROUPS = 5;
/** Every replication group has this many nodes, hence member clusters. */
export const MEMBERS_PER_GROUP = 1;
/** Creations in flight at once: enough to keep the emulator busy, few enough for 2 cores. */
const PARALLEL = 8;

/** The default size, and the size the memory goal is set at. */
export const DEFAULT_SIZE: BenchEstateSize = { replicationGroups: 500, clusters: 100, serverlessCaches: 10 };
export const LARGE_SIZE: BenchEstateSize = { replicationGroups: 10_000, clusters: 1_000, serverlessCaches: 1_000 };

export const groupId = (i: number): string => `bench-group-${String(i).padStart(5, '0')}`;
export const clusterId = (i: number): string => `bench-cluster-${String(i).padStart(4, '0')}`;
export const serverlessName = (i: number): string => `bench-serverless-${String(i).padStart(4, '0')}`;

export async function seedBenchEstate(
  aws: EstateClients,
  size: BenchEstateSize,
  progress: (message: string) => void = () => undefined,
): Promise<void> {
  const keys = await createDemoKeys(aws);
  const network = await createDemoNetwork(aws);
  const keyChoices = [keys.enabled.arn, keys.other.arn, keys.disabled.arn, keys.pendingDeletion.arn];
  const subnetGroups = [network.privateSubnets, network.isolatedSubnets, network.publicSubnets, network.ipv6PublicSubnets, network.legacyVpcSubnets];
  const subnetChoices = [network.subnetIds.private, network.subnetIds.isolated, network.subnetIds.public];

  // One at a time: concurrent CreateSecurityGroup and CreateUserGroup calls fail on the emulator.
  const securityGroups: string[] = [];
  for (let i = 0; i < SECURITY_GROUPS; i++) {
    const { GroupId } = await aws.ec2.send(
      new CreateSecurityGroupCommand({ GroupName: `bench-cache-${i}`, Description: `bench cache ${i}`, VpcId: network.vpcs.app }),
    );
    securityGroups.push(GroupId!);
  }
  await aws.ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: securityGroups[0]!,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 6379, ToPort: 6379, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    }),
  );
  for (let i = 0; i < USER_GROUPS; i++) {
    await aws.elasticache.send(
      new CreateUserCommand({ UserId: `bench-app-${i}`, UserName: `bench-app-${i}`, Engine: 'redis', AccessString: 'on ~* +@all', Passwords: ['correct-horse-battery-staple-1'] }),
    );
    await aws.elasticache.send(new CreateUserGroupCommand({ UserGroupId: `bench-users-${i}`, Engine: 'redis', UserIds: ['default', `bench-app-${i}`] }));
  }

  const tls = ['required', 'preferred', 'off'] as const;
  await inBatches(size.replicationGroups, 'replication groups', progress, async (i) => {
    await createReplicationGroup(aws, {
      id: groupId(i),
      engine: i % 2 === 0 ? 'redis' : 'valkey',
      engineVersion: i % 2 === 0 ? (i % 10 === 0 ? '6.2' : '7.1') : '8.0',
      subnetGroup: subnetGroups[i % subnetGroups.length]!,
      tls: tls[i % tls.length]!,
      atRest: i % 7 === 0 ? 'off' : i % 7 === 1 ? 'default-key' : { kmsKeyId: keyChoices[i % keyChoices.length]! },
      retentionDays: i % 4,
      replicas: MEMBERS_PER_GROUP - 1,
      securityGroupIds: [securityGroups[i % SECURITY_GROUPS]!],
    });
    // A user group on every tenth group with TLS (the others rely on AUTH or nothing, which the control judges).
    if (i % 10 === 0 && tls[i % tls.length] !== 'off') {
      await aws.elasticache.send(
        new ModifyReplicationGroupCommand({ ReplicationGroupId: groupId(i), UserGroupIdsToAdd: [`bench-users-${(i / 10) % USER_GROUPS}`], ApplyImmediately: true }),
      );
    }
  });
  await inBatches(size.clusters, 'clusters', progress, (i) =>
    createCacheCluster(aws, {
      id: clusterId(i),
      engine: i % 3 === 0 ? 'redis' : 'memcached',
      engineVersion: i % 3 === 0 ? '7.1' : i % 2 === 0 ? '1.6.22' : '1.5.16',
      subnetGroup: subnetGroups[(i + 2) % subnetGroups.length]!,
      tls: i % 2 === 0,
      ...(i % 3 === 0 ? { retentionDays: i % 5 } : {}),
    }),
  );
  await inBatches(size.serverlessCaches, 'serverless caches', progress, (i) =>
    createServerlessCache(aws, {
      name: serverlessName(i),
      engine: i % 3 === 0 ? 'memcached' : i % 3 === 1 ? 'redis' : 'valkey',
      majorEngineVersion: i % 3 === 0 ? '1.6' : i % 3 === 1 ? '7' : '8',
      subnetIds: subnetChoices[i % subnetChoices.length]!,
      securityGroupIds: [securityGroups[i % SECURITY_GROUPS]!],
      ...(i % 4 === 0 ? { kmsKeyId: keyChoices[i % keyChoices.length]! } : {}),
      ...(i % 3 !== 0 ? { retentionDays: i % 3 } : {}),
    }),
  );
}

/** Runs `create(0..count-1)` with PARALLEL in flight, reporting progress every tenth. */
async function inBatches(
  count: number,
  what: string,
  progress: (message: string) => void,
  create: (index: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  let done = 0;
  const step = Math.max(1, Math.ceil(count / 10));
  const worker = async (): Promise<void> => {
    for (let index = next++; index < count; index = next++) {
      await create(index);
      done += 1;
      if (done % step === 0 || done === count) progress(`  ${done.toLocaleString('en-US')} / ${count.toLocaleString('en-US')} ${what}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, count) }, worker));
}
