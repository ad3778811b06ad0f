/** Rule names to controls: the stack's names, conformance pack and organization renames, longest id first. */
import { controlIdOfRule } from '#shared/detection/rule-directory.ts';

const IDS = ['engine', 'engine-version', 'automatic-backup'];

describe('controlIdOfRule', () => {
  it.each([
    ['elasticache-automatic-backup', 'stack', 'automatic-backup'],
    ['elasticache-automatic-backup-conformance-pack-x1y2z3', 'stack', undefined],
    ['elasticache-automatic-backup-conformance-pack-x1y2z3', 'prefix', 'automatic-backup'],
    ['OrgConfigRule-elasticache-automatic-backup-ab12cd34', 'prefix', 'automatic-backup'],
    ['elasticache-engine-version-conformance-pack-q1', 'prefix', 'engine-version'],
    ['elasticache-engine-conformance-pack-q1', 'prefix', 'engine'],
    ['elasticache-automatic-backupx', 'prefix', undefined],
    ['s3-bucket-versioning-enabled', 'prefix', undefined],
  ] as const)('%s with %s naming runs %s', (name, naming, expected) => {
    // Assess
    expect(controlIdOfRule(name, IDS, naming)).toBe(expected);
  });
});
