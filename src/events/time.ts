/**
 * RTE timestamps: .NET `DateTime` values serialised as ISO-like strings, with the service's quirks.
 */

// yyyy-mm-dd, optional time with up to 7 (or more) fractional digits, optional zone.
const pattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

const openEndedYear = 9999;

/**
 * Reads a `DateTime` string of an RTE event as a `Date`.
 *
 * - No zone suffix means UTC (the service sends UTC without a `Z` in places).
 * - 7 fractional digits (`.7009158Z`, .NET's precision) are accepted; the `Date` keeps milliseconds.
 * - `0001-01-01T00:00:00` (.NET's `DateTime.MinValue`, meaning "no value"), `null`, `undefined`,
 *   `''` and anything unparseable give `null`.
 * - Year 9999 (.NET's `DateTime.MaxValue`) marks an open-ended state, e.g. an availability with no
 *   end: it gives a real `Date` in year 9999, later than any other, for which {@link isOpenEnded} is
 *   true.
 *
 * @example
 * ```ts
 * import { isOpenEnded, parseRteTime } from 'enreach-rte';
 *
 * rte.on('UserAvailability', (availability) => {
 *   const end = parseRteTime(availability.endTime);
 *   if (end === null) console.log('no end time');
 *   else if (isOpenEnded(end)) console.log('until further notice');
 *   else console.log(`until ${end.toISOString()}`);
 * });
 * ```
 */
export function parseRteTime(value: string | null | undefined): Date | null {
  if (typeof value !== 'string') return null;
  const match = pattern.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zulu, sign, offsetH, offsetM] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (year === 1 && month === 1 && day === 1) return null;
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const millisecond = Number(fraction.slice(0, 3).padEnd(3, '0'));
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millisecond);
  // Reject days that rolled over into the next month (2023-02-30).
  if (date.getUTCDate() !== day) return null;
  if (sign !== undefined && zulu === undefined) {
    const offsetMinutes = Number(offsetH) * 60 + Number(offsetM);
    if (Number(offsetM) > 59) return null;
    date.setTime(date.getTime() - (sign === '-' ? -1 : 1) * offsetMinutes * 60_000);
  }
  return date;
}

/**
 * True for .NET's `DateTime.MaxValue` (any time in year 9999 or later), which RTE uses for "no
 * end". Accepts a `Date` from {@link parseRteTime} or the wire string itself.
 *
 * @example
 * ```ts
 * import { isOpenEnded } from 'enreach-rte';
 *
 * isOpenEnded('9999-12-31T23:59:59.9999999'); // true
 * isOpenEnded(new Date('2024-05-01T12:00:00Z')); // false
 * ```
 */
export function isOpenEnded(value: Date | string | null | undefined): boolean {
  const date = typeof value === 'string' ? parseRteTime(value) : value;
  return date instanceof Date && date.getUTCFullYear() >= openEndedYear;
}
