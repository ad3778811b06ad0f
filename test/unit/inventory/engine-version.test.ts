import { compareVersions, isAtLeast } from '#shared/inventory/engine-version.ts';

describe('compareVersions', () => {
  it('compares part by part as numbers, not as text', () => {
    // Act
    const sign = Math.sign(compareVersions('6.2.10', '6.2.6'));
    // Assess
    expect(sign).toBe(1);
  });

  it('orders major, then minor, then patch', () => {
    // Prepare
    const versions = ['7.1.0', '3.2.6', '6.2.6', '4.0.10', '5.0.6', '6.0.5', '3.2.10'];
    // Act
    const sorted = [...versions].sort(compareVersions);
    // Assess
    expect(sorted).toEqual(['3.2.6', '3.2.10', '4.0.10', '5.0.6', '6.0.5', '6.2.6', '7.1.0']);
  });

  it('treats missing trailing parts as 0 ("7.1" equals "7.1.0")', () => {
    // Act
    const diffs = [compareVersions('7.1', '7.1.0'), compareVersions('7.1.0', '7.1')];
    // Assess
    expect(diffs).toEqual([0, 0]);
  });

  it('reads a non-numeric part such as the "x" of "6.x" as 0', () => {
    // Act
    const diffs = [compareVersions('6.x', '6.0'), Math.sign(compareVersions('6.x', '6.2.6')), Math.sign(compareVersions('6.x', '5.0.6'))];
    // Assess
    expect(diffs).toEqual([0, -1, 1]);
  });

  it('is antisymmetric', () => {
    // Act
    const pairs = [['1.6.22', '1.6.12'], ['8.0.1', '7.2.6']].map(([a, b]) => [Math.sign(compareVersions(a!, b!)), Math.sign(compareVersions(b!, a!))]);
    // Assess
    expect(pairs).toEqual([[1, -1], [1, -1]]);
  });
});

describe('isAtLeast', () => {
  it('is true at and above the minimum', () => {
    // Act
    const answers = ['3.2.6', '4.0.10', '7.1.0'].map((v) => isAtLeast(v, '3.2.6'));
    // Assess
    expect(answers).toEqual([true, true, true]);
  });

  it('is false below the minimum', () => {
    // Act
    const answers = [['3.2.4', '3.2.6'], ['2.8.24', '3.2.6'], ['1.6.6', '1.6.12']].map(([version, minimum]) => isAtLeast(version!, minimum!));
    // Assess
    expect(answers).toEqual([false, false, false]);
  });

  it('compares Memcached patch versions numerically (1.6.12 minimum)', () => {
    // Act
    const answers = ['1.6.6', '1.6.12', '1.6.22'].map((v) => isAtLeast(v, '1.6.12'));
    // Assess
    expect(answers).toEqual([false, true, true]);
  });
});
