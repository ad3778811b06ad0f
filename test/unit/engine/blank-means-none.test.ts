import { parseParameters, textParameter } from '#shared/engine/parameters.ts';
import { snapshotRetention } from '#shared/controls/context/snapshot-retention.ts';

describe('a text parameter whose blank means "none"', () => {
  const specs = {
    exemptTag: textParameter({ description: 'tag', default: 'retention-exempt', pattern: '[a-z-]{1,20}', accepted: 'a tag key', blankMeansNone: true }),
    other: textParameter({ description: 'other', default: 'fallback', pattern: '[a-z-]{1,20}', accepted: 'a name' }),
  };

  it('Given a blank value, then it is taken as given (none), while an ordinary text parameter falls back to its default', () => {
    // Act
    const values = parseParameters(specs, { exemptTag: '  ', other: '' });
    // Assess
    expect(values).toEqual({ exemptTag: '', other: 'fallback' });
  });

  it('Given no value at all, then the default applies', () => {
    expect(parseParameters(specs, {})).toEqual({ exemptTag: 'retention-exempt', other: 'fallback' });
  });

  it('Given snapshot-retention, then a blank retentionExemptTagKey means no exemption and a bad one is refused naming it', () => {
    expect(parseParameters(snapshotRetention.parameters, { retentionExemptTagKey: '' }).retentionExemptTagKey).toBe('');
    expect(() => parseParameters(snapshotRetention.parameters, { retentionExemptTagKey: 'a,b' })).toThrow(/retentionExemptTagKey/);
    expect(() => parseParameters(snapshotRetention.parameters, { maximumOrphanedSnapshotAgeDays: '3651' })).toThrow(/maximumOrphanedSnapshotAgeDays/);
  });
});
