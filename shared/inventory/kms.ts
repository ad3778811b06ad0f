/**
 * Looks up each distinct KMS key the caches use, once per run (never once per cache).
 */
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import type { AwsSession } from '../aws/session.ts';
import { ListingFailedError, MissingPermissionError, isAccessDenied } from '../engine/errors.ts';
import type { KmsKeyDirectory, KmsKeyFacts } from './kms-key.ts';

/** A handful of lookups in flight keeps a many-key account fast without provoking throttling. */
const CONCURRENT_LOOKUPS = 5;

type Lookup = { facts: KmsKeyFacts; denied?: unknown };

export async function describeKmsKeys(session: AwsSession, references: Iterable<string>): Promise<KmsKeyDirectory> {
  const client = session.client(KMSClient);
  const pending = [...new Set(references)];
  const directory = new Map<string, KmsKeyFacts>();
  const denials: unknown[] = [];
  const worker = async (): Promise<void> => {
    for (let reference = pending.pop(); reference !== undefined; reference = pending.pop()) {
      const { facts, denied } = await describeKey(client, reference);
      directory.set(reference, facts);
      if (denied !== undefined) denials.push(denied);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_LOOKUPS }, worker));
  // One key policy leaving us out is that key's problem; every key refused means the role itself
  // lacks kms:DescribeKey, and judging every cache NON_COMPLIANT would hide that fault.
  if (denials.length > 0 && denials.length === directory.size) {
    throw new MissingPermissionError(
      'kms:DescribeKey',
      denials[0],
      'listing',
      'KMS refuses alike when the key policies leave this role out: allow it there too.',
    );
  }
  return directory;
}

async function describeKey(client: KMSClient, reference: string): Promise<Lookup> {
  try {
    const { KeyMetadata: key } = await client.send(new DescribeKeyCommand({ KeyId: reference }));
    if (!key?.KeyId || !key.KeyState) return { facts: { found: false, reason: 'KMS returned no key metadata' } };
    return { facts: { found: true, keyId: key.KeyId, arn: key.Arn, keyState: key.KeyState, keyManager: key.KeyManager } };
  } catch (error) {
    // One unreadable key (deleted, or a cross-account key whose policy excludes us) must not hide the
    // verdicts of every other cache: it is recorded, and the caches using it are judged non-compliant.
    if (error instanceof Error && error.name === 'NotFoundException') {
      return { facts: { found: false, reason: 'the key does not exist (deleted)' } };
    }
    if (isAccessDenied(error)) {
      return { facts: { found: false, reason: 'access denied to kms:DescribeKey (grant it in the key policy)' }, denied: error };
    }
    throw new ListingFailedError('kms:DescribeKey', error);
  }
}
