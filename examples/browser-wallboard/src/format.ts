const pad = (value: number): string => String(value).padStart(2, '0');

/**
 * A duration in seconds as `m:ss`, or `h:mm:ss` from an hour up.
 *
 * @example
 * ```ts
 * import { formatDuration } from './format.ts';
 *
 * console.log(formatDuration(135)); // '2:15'
 * ```
 */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(rest)}` : `${minutes}:${pad(rest)}`;
}

/**
 * A wall-clock time as `HH:MM:SS` in the browser's time zone.
 *
 * @example
 * ```ts
 * import { formatClock } from './format.ts';
 *
 * console.log(formatClock(new Date())); // e.g. '14:03:27'
 * ```
 */
export function formatClock(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
