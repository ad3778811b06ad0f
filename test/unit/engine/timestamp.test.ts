/**
 * Scenarios
 * - Given a timestamp as AWS sends it (ISO 8601, `Z` or an offset), then it names that instant on
 *   any machine, in any process time zone.
 * - Given anything JavaScript's Date would guess at (a bare number, no time zone, a date that does
 *   not exist, a time out of range), then it is refused with the reason.
 */
import { parseIsoTimestamp, timestampProblem } from '#shared/engine/timestamp.ts';

describe('parseIsoTimestamp', () => {
  it.each([
    ['2026-11-27T06:00:00.373Z', '2026-11-27T06:00:00.373Z'],
    ['2026-11-27T06:00:00Z', '2026-11-27T06:00:00.000Z'],
    ['2026-11-27T06:00Z', '2026-11-27T06:00:00.000Z'],
    ['2026-11-27T07:30:00+01:30', '2026-11-27T06:00:00.000Z'],
    ['2026-11-27T01:00:00-05:00', '2026-11-27T06:00:00.000Z'],
    ['2026-11-27T00:30:00-05:30', '2026-11-27T06:00:00.000Z'],
    ['2026-11-27T06:00:00+00:00', '2026-11-27T06:00:00.000Z'],
    ['2026-11-27T06:00:00.1Z', '2026-11-27T06:00:00.100Z'],
    // Microseconds are cut, not rounded: .999999 stays in the same second.
    ['2026-11-27T06:00:59.999999Z', '2026-11-27T06:00:59.999Z'],
    ['2024-02-29T12:00:00Z', '2024-02-29T12:00:00.000Z'],
    ['2000-02-29T12:00:00Z', '2000-02-29T12:00:00.000Z'],
    ['2026-12-31T23:59:59Z', '2026-12-31T23:59:59.000Z'],
    ['2026-01-01T00:30:00+01:00', '2025-12-31T23:30:00.000Z'],
  ])('reads %s as %s', (text, instant) => {
    // Act
    const time = parseIsoTimestamp(text);
    // Assess
    expect(time?.toISOString()).toBe(instant);
    expect(timestampProblem(text)).toBeUndefined();
  });

  it('reads a year below 100 as that year, not as 19xx', () => {
    // Act
    const time = parseIsoTimestamp('0004-02-29T00:00:00Z');
    // Assess
    expect(time?.getUTCFullYear()).toBe(4);
    expect(time?.getUTCMonth()).toBe(1);
    expect(time?.getUTCDate()).toBe(29);
  });

  it.each([
    // Each of these JavaScript's Date accepts and turns into some instant.
    ['1', 'not an ISO 8601 timestamp with a time zone'],
    ['0', 'not an ISO 8601 timestamp with a time zone'],
    ['-1', 'not an ISO 8601 timestamp with a time zone'],
    ['12', 'not an ISO 8601 timestamp with a time zone'],
    ['1700000000000', 'not an ISO 8601 timestamp with a time zone'],
    ['2024-02-30T12:00:00Z', 'has no day 30 in month 2 of 2024'],
    ['2023-02-29T12:00:00Z', 'has no day 29 in month 2 of 2023'],
    ['1900-02-29T12:00:00Z', 'has no day 29 in month 2 of 1900'],
    ['2026-04-31T12:00:00Z', 'has no day 31 in month 4 of 2026'],
    ['2026-00-10T12:00:00Z', 'has no month 0'],
    ['2026-13-01T12:00:00Z', 'has no month 13'],
    ['2026-11-00T12:00:00Z', 'has no day 0 in month 11 of 2026'],
    ['2026-11-27T06:00:00', 'not an ISO 8601 timestamp with a time zone'],
    ['2026-11-27T06:00:00.373', 'not an ISO 8601 timestamp with a time zone'],
    ['2026-11-27', 'not an ISO 8601 timestamp with a time zone'],
    ['2026-11-27 06:00:00Z', 'not an ISO 8601 timestamp with a time zone'],
    ['2026-11-27T24:00:00Z', 'has a time of day out of range'],
    ['2026-11-27T23:60:00Z', 'has a time of day out of range'],
    ['2026-12-31T23:59:60Z', 'has a time of day out of range'],
    ['2026-11-27T06:00:00+24:00', 'has a time zone offset out of range'],
    ['2026-11-27T06:00:00+01:60', 'has a time zone offset out of range'],
    ['2026-11-27T06:00:00+0100', 'not an ISO 8601 timestamp with a time zone'],
    ['2026-11-27T06:00:00 GMT', 'not an ISO 8601 timestamp with a time zone'],
    ['Fri, 27 Nov 2026 06:00:00 GMT', 'not an ISO 8601 timestamp with a time zone'],
    ['yesterday', 'not an ISO 8601 timestamp with a time zone'],
    ['', 'not an ISO 8601 timestamp with a time zone'],
    [' 2026-11-27T06:00:00Z', 'not an ISO 8601 timestamp with a time zone'],
    ['2026-11-27T06:00:00Z\n', 'not an ISO 8601 timestamp with a time zone'],
    ['+002026-11-27T06:00:00Z', 'not an ISO 8601 timestamp with a time zone'],
  ])('refuses %j: %s', (text, reason) => {
    // Act
    const time = parseIsoTimestamp(text);
    // Assess
    expect(time).toBeUndefined();
    expect(timestampProblem(text)).toContain(reason);
  });
});
