/**
 * Strict ISO 8601 timestamps for everything read from an event.
 *
 * JavaScript's `Date` parser is lenient and partly implementation-defined: it reads "1" as the year
 * 2001, "12" as December 2001, rolls "2024-02-30" over into March and reads a time without a zone in
 * the process's local zone. A timestamp that decides what Config stores (OrderingTimestamp) must
 * mean one instant whatever the machine, so only the form AWS sends is accepted: a calendar date, a
 * time and an explicit zone (`Z` or an offset), each field within its real range.
 */

// YYYY-MM-DDTHH:MM[:SS[.fraction]] then Z or ±HH:MM. Seconds are optional in ISO 8601's extended
// format; AWS always sends them, but an operator's hand-written test event may not.
const ISO_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/** The fields of a timestamp that has the right shape; their ranges are not yet checked. */
interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC. */
  offset: number;
  offsetHours: number;
  offsetMinutes: number;
}

function fields(text: string): Fields | undefined {
  const parts = ISO_TIMESTAMP.exec(text);
  if (!parts) return undefined;
  const number = (index: number) => Number(parts[index] ?? 0);
  const sign = parts[9] === '-' ? -1 : 1;
  const offsetHours = number(10);
  const offsetMinutes = number(11);
  return {
    year: number(1),
    month: number(2),
    day: number(3),
    hour: number(4),
    minute: number(5),
    second: number(6),
    // Digits beyond the millisecond cannot be held by a Date; they are dropped, not rounded, so a
    // timestamp never moves into the next millisecond (or second, or day).
    millisecond: Number((parts[7] ?? '').padEnd(3, '0').slice(0, 3)),
    offset: sign * (offsetHours * 60 + offsetMinutes),
    offsetHours,
    offsetMinutes,
  };
}

/** Why a text is not a usable timestamp, in words an operator can act on; undefined when it is. */
export function timestampProblem(text: string): string | undefined {
  const time = fields(text);
  if (!time) return 'is not an ISO 8601 timestamp with a time zone, such as 2026-11-27T06:00:00.000Z';
  if (time.month < 1 || time.month > 12) return `has no month ${time.month}`;
  if (time.day < 1 || time.day > daysInMonth(time.year, time.month)) {
    return `has no day ${time.day} in month ${time.month} of ${time.year}`;
  }
  // 24:00 and leap seconds (:60) are legal ISO 8601 but name an instant another way, and AWS never sends them.
  if (time.hour > 23 || time.minute > 59 || time.second > 59) return 'has a time of day out of range';
  if (time.offsetHours > 23 || time.offsetMinutes > 59) return 'has a time zone offset out of range';
  return undefined;
}

/** The instant a strict ISO 8601 timestamp names, or undefined when `timestampProblem` finds one. */
export function parseIsoTimestamp(text: string): Date | undefined {
  const time = fields(text);
  if (!time || timestampProblem(text) !== undefined) return undefined;
  // Not Date.UTC: it maps the years 0–99 onto 1900–1999, and setUTCFullYear does not.
  const instant = new Date(0);
  instant.setUTCFullYear(time.year, time.month - 1, time.day);
  instant.setUTCHours(time.hour, time.minute, time.second, time.millisecond);
  return new Date(instant.getTime() - time.offset * 60_000);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
