import { approvedEntryMatches, isKeyArn, keyIdOf, keyReferenceProblem } from '#shared/inventory/kms-key.ts';
import { ACCOUNT_ID, KEY_ARN, KEY_ID, kmsKeyFacts, kmsKeyMetadataFixture } from '../../support/fixtures.ts';

const MRK_ID = 'mrk-1234abcd12ab34cd56ef1234567890ab';
const MRK_ARN = `arn:aws:kms:us-east-1:${ACCOUNT_ID}:key/${MRK_ID}`;

describe('keyIdOf', () => {
  it('takes the key id out of a key ARN', () => {
    // Act
    const id = keyIdOf(KEY_ARN);
    // Assess
    expect(id).toBe(KEY_ID);
  });

  it('takes the key id out of a key ARN of another partition (GovCloud, China)', () => {
    // Act
    const ids = [`arn:aws-us-gov:kms:us-gov-west-1:${ACCOUNT_ID}:key/${KEY_ID}`, `arn:aws-cn:kms:cn-north-1:${ACCOUNT_ID}:key/${KEY_ID}`].map(keyIdOf);
    // Assess
    expect(ids).toEqual([KEY_ID, KEY_ID]);
  });

  it('takes a multi-Region key id out of its ARN', () => {
    // Act
    const id = keyIdOf(MRK_ARN);
    // Assess
    expect(id).toBe(MRK_ID);
  });

  it('returns a bare key id, or anything that is not a key ARN, unchanged', () => {
    // Act
    const values = [KEY_ID, 'alias/aws/elasticache', `arn:aws:kms:us-east-1:${ACCOUNT_ID}:alias/orders`].map(keyIdOf);
    // Assess
    expect(values).toEqual([KEY_ID, 'alias/aws/elasticache', `arn:aws:kms:us-east-1:${ACCOUNT_ID}:alias/orders`]);
  });
});

describe('isKeyArn', () => {
  it('recognises key ARNs only', () => {
    // Act
    const answers = [KEY_ARN, MRK_ARN, KEY_ID, `arn:aws:kms:us-east-1:${ACCOUNT_ID}:alias/orders`, `arn:aws:s3:::${KEY_ID}`].map(isKeyArn);
    // Assess
    expect(answers).toEqual([true, true, false, false, false]);
  });

  it('refuses an ARN whose account is not twelve digits', () => {
    // Act
    const answer = isKeyArn(`arn:aws:kms:us-east-1:12345:key/${KEY_ID}`);
    // Assess
    expect(answer).toBe(false);
  });
});

describe('keyReferenceProblem', () => {
  it('accepts key ids (UUID and multi-Region) and key ARNs', () => {
    // Act
    const problems = [KEY_ID, KEY_ID.toUpperCase(), MRK_ID, KEY_ARN, MRK_ARN].map(keyReferenceProblem);
    // Assess
    expect(problems).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('refuses an alias name or alias ARN, saying aliases can be re-pointed', () => {
    // Act
    const problems = ['alias/aws/elasticache', 'alias/orders', `arn:aws:kms:us-east-1:${ACCOUNT_ID}:alias/orders`].map(keyReferenceProblem);
    // Assess
    for (const problem of problems) {
      expect(problem).toContain('is an alias');
      expect(problem).toContain('re-pointed');
    }
  });

  it('refuses text that is neither a key id nor a key ARN, saying what is accepted', () => {
    // Act
    const problems = ['orders-key', '1234abcd', `arn:aws:kms:us-east-1:${ACCOUNT_ID}:key/not-a-key-id`, 'mrk-123'].map(keyReferenceProblem);
    // Assess
    for (const problem of problems) {
      expect(problem).toContain('neither a KMS key id');
      expect(problem).toContain('key ARN');
    }
  });
});

describe('approvedEntryMatches', () => {
  const key = kmsKeyFacts(kmsKeyMetadataFixture());
  if (!key.found) throw new Error('fixture key must be found');

  it('matches by key id', () => {
    // Act
    const matches = approvedEntryMatches(KEY_ID, key);
    // Assess
    expect(matches).toBe(true);
  });

  it('matches by key ARN', () => {
    // Act
    const matches = approvedEntryMatches(KEY_ARN, key);
    // Assess
    expect(matches).toBe(true);
  });

  it('matches regardless of case', () => {
    // Act
    const matches = [KEY_ID.toUpperCase(), KEY_ARN.toUpperCase()].map((entry) => approvedEntryMatches(entry, key));
    // Assess
    expect(matches).toEqual([true, true]);
  });

  it('does not match a key ARN with the same key id in another account or Region', () => {
    // Act
    const matches = [`arn:aws:kms:us-east-1:210987654321:key/${KEY_ID}`, `arn:aws:kms:eu-west-1:${ACCOUNT_ID}:key/${KEY_ID}`].map((entry) =>
      approvedEntryMatches(entry, key),
    );
    // Assess
    expect(matches).toEqual([false, false]);
  });

  it('does not match a key ARN when DescribeKey reported no ARN', () => {
    // Act
    const matches = approvedEntryMatches(KEY_ARN, { keyId: KEY_ID, arn: undefined });
    // Assess
    expect(matches).toBe(false);
  });

  it('does not match another key id', () => {
    // Act
    const matches = approvedEntryMatches('5678efab-56ef-78ab-90cd-5678901234cd', key);
    // Assess
    expect(matches).toBe(false);
  });
});
