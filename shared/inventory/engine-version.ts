/**
 * Engine versions are dotted numbers ("7.1", "6.x", "1.6.22"). ElastiCache reports Redis OSS 6+
 * versions as "6.x"-style majors in some places, so a non-numeric part compares as 0.
 */
export function compareVersions(a: string, b: string): number {
  const left = parts(a);
  const right = parts(b);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

export function isAtLeast(version: string, minimum: string): boolean {
  return compareVersions(version, minimum) >= 0;
}

function parts(version: string): number[] {
  return version.split('.').map((part) => {
    const n = Number.parseInt(part, 10);
    return Number.isNaN(n) ? 0 : n;
  });
}
