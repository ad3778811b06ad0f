/**
 * Looks up each distinct KMS key the caches use, once per run (never once per cache).
 */
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import type { AwsSession } from '../aws/session.ts';
import { ListingFailedError, isAccessDenied } from '../engine/errors.ts';
import type { KmsKeyDirectory, KmsKeyFacts } from './kms-key.ts';

/** A handful of lookups in flight keeps a many-key account fast without provoking throttling. */
const CONCURRENT_LOOKUPS = 5;

export async function describeKmsKeys(session: AwsSession, references: Iterable<string>): Promise<KmsKeyDirectory> {
  const client = session.client(KMSClient);
  const pending = [...new Set(references)];
  const directory = new Map<string, KmsKeyFacts>();
  const worker = async (): Promise<void> => {
    for (let reference = pending.pop(); reference !== undefined; reference = pending.pop()) {
      directory.set(reference, await describeKey(client, reference));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_LOOKUPS }, worker));
  return directory;
}

async function describeKey(client: KMSClient, reference: string): Promise<KmsKeyFacts> {
  try {
    const { KeyMetadata: key } = await client.send(new DescribeKeyCommand({ KeyId: reference }));
    if (!key?.KeyId || !key.KeyState) return { found: false, reason: 'KMS returned no key metadata' };
    return { found: true, keyId: key.KeyId, arn: key.Arn, keyState: key.KeyState, keyManager: key.KeyManager };
  } catch (error) {
    // One unreadable key (deleted, or a cross-account key whose policy excludes us) must not hide the
    // verdicts of every other cache: it is recorded, and the caches using it are judged non-compliant.
    if (error instanceof Error && error.name === 'NotFoundException') {
      return { found: false, reason: 'the key does not exist (deleted)' };
    }
    if (isAccessDenied(error)) {
      return { found: false, reason: 'access denied to kms:DescribeKey (grant it in the key policy)' };
    }
    throw new ListingFailedError('kms:DescribeKey', error);
  }
}
