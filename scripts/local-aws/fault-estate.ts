/**
 * The estate the fault campaign runs on: a few hundred caches of every kind the controls judge
 * differently (TLS modes, keys in every state, retention, public and private subnets), and a manual
 * snapshot of each group (the snapshot controls judge those, with the automatic ones), seeded
 * straight into the emulator, never through the fault proxy.
 */
import { CreateSnapshotCommand } from '@aws-sdk/client-elasticache';
import { createDemoKeys, createDemoNetwork } from './demo-estate.ts';
import { createCacheCluster, createReplicationGroup, type EstateClients } from './estate-builders.ts';

/** Creations in flight at once: enough to seed quickly, few enough for the emulator on 2 cores. */
const PARALLEL = 8;

export interface FaultEstateSize {
  groups: number;
  standalone: number;
}

export async function seedFaultEstate(aws: EstateClients, size: FaultEstateSize): Promise<void> {
  const keys = await createDemoKeys(aws);
  const network = await createDemoNetwork(aws);
  const keyChoices = [keys.enabled.arn, keys.other.arn, keys.disabled.arn, keys.pendingDeletion.arn];
  const subnetGroups = [network.privateSubnets, network.publicSubnets, network.isolatedSubnets, network.ipv6PublicSubnets, network.legacyVpcSubnets];
  const tls = ['required', 'preferred', 'off'] as const;
  await inBatches(range(size.groups), (i) =>
    createReplicationGroup(aws, {
      id: `fault-group-${String(i).padStart(3, '0')}`,
      engine: i % 2 === 0 ? 'redis' : 'valkey',
      engineVersion: i % 2 === 0 ? '7.1' : '8.0',
      subnetGroup: subnetGroups[i % subnetGroups.length]!,
      tls: tls[i % tls.length]!,
      atRest: i % 7 === 0 ? 'off' : i % 7 === 1 ? 'default-key' : { kmsKeyId: keyChoices[i % keyChoices.length]! },
      retentionDays: i % 4,
      replicas: 0,
    }),
  );
  await inBatches(range(size.groups), (i) =>
    aws.elasticache.send(
      new CreateSnapshotCommand({ SnapshotName: `fault-manual-${String(i).padStart(3, '0')}`, ReplicationGroupId: `fault-group-${String(i).padStart(3, '0')}` }),
    ),
  );
  await inBatches(range(size.standalone), (i) =>
    createCacheCluster(aws, {
      id: `fault-standalone-${String(i).padStart(3, '0')}`,
      engine: i % 3 === 0 ? 'redis' : 'memcached',
      engineVersion: i % 3 === 0 ? '7.1' : i % 2 === 0 ? '1.6.22' : '1.5.16',
      subnetGroup: subnetGroups[(i + 2) % subnetGroups.length]!,
      tls: i % 2 === 0,
      ...(i % 3 === 0 ? { retentionDays: i % 5 } : {}),
    }),
  );
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

async function inBatches<T>(items: readonly T[], create: (item: T) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < items.length; start += PARALLEL) {
    await Promise.all(items.slice(start, start + PARALLEL).map(create));
  }
}
