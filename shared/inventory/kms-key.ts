/**
 * What a control knows about a KMS key after one DescribeKey, or why it could not find out.
 * Kept apart from the loader so that evaluators depend on the shape, not on the KMS client.
 */
export type KmsKeyFacts =
  | { found: true; keyId: string; arn: string | undefined; keyState: string; keyManager: string | undefined }
  | { found: false; reason: string };

/** Key facts by the key reference exactly as ElastiCache reported it. */
export type KmsKeyDirectory = ReadonlyMap<string, KmsKeyFacts>;

const KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/(.+)$/i;

/** The key id part of a key id or key ARN. */
export function keyIdOf(reference: string): string {
  return KEY_ARN.exec(reference)?.[1] ?? reference;
}

export function isKeyArn(reference: string): boolean {
  return KEY_ARN.test(reference);
}

const KEY_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/i;

/** Why a key reference is refused in a parameter, or undefined when it is a key id or key ARN. */
export function keyReferenceProblem(reference: string): string | undefined {
  if (/^(arn:aws[a-z-]*:kms:[^:]*:\d{12}:)?alias\//i.test(reference)) {
    return 'is an alias; aliases can be re-pointed to another key, so list key ids or key ARNs';
  }
  if (isKeyArn(reference) ? KEY_ID.test(keyIdOf(reference)) : KEY_ID.test(reference)) return undefined;
  return 'is neither a KMS key id (a UUID or mrk-…) nor a key ARN (arn:aws:kms:<region>:<account>:key/<id>)';
}

/** True when an approved entry (key id or key ARN) names this key. */
export function approvedEntryMatches(entry: string, key: { keyId: string; arn: string | undefined }): boolean {
  if (isKeyArn(entry)) return key.arn !== undefined && entry.toLowerCase() === key.arn.toLowerCase();
  return entry.toLowerCase() === key.keyId.toLowerCase();
}
