import { integerParameter, parseParameters } from '#shared/engine/parameters.ts';

describe('parseParameters', () => {
  it('uses the default when a parameter is blank', () => {
    // Prepare
    const specs = { minimumRetentionDays: integerParameter({ description: 'd', default: 1, min: 1, max: 35 }) };
    // Act
    const values = parseParameters(specs, { minimumRetentionDays: ' ' });
    // Assess
    expect(values.minimumRetentionDays).toBe(1);
  });
});
