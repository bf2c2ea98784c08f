/**
 * How the simulator writes times the way the live service does: event `Timestamp`s in UTC with
 * .NET's seven fractional digits and a `Z`, and database-style `DateTime` fields (availability
 * start and end, callback dates) without any zone suffix although they are UTC.
 */

/** .NET's `DateTime.MaxValue` as the service writes an open-ended availability `EndTime`. */
export const OPEN_ENDED = '9999-12-31T23:59:59';

/**
 * `2024-05-06T07:08:09.1230000Z`: an event timestamp.
 *
 * @example
 * ```ts
 * import { utcTimestamp } from './dates.ts';
 *
 * utcTimestamp(0); // '1970-01-01T00:00:00.0000000Z'
 * ```
 */
export function utcTimestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}0000Z`;
}

/**
 * `2024-05-06T07:08:09`: a UTC time without a zone suffix, as `StartTime`, `Modified` and friends arrive.
 *
 * @example
 * ```ts
 * import { unzonedTime } from './dates.ts';
 *
 * unzonedTime(0); // '1970-01-01T00:00:00'
 * ```
 */
export function unzonedTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}
