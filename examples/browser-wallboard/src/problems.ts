import type { RteError } from 'enreach-rte';

// Failures of a connection attempt. The client retries them by itself (a token the hub refused
// after a restart is renewed, a lost connection is re-established), and the connection indicator
// already shows retries and a final "Disconnected" with its reason.
const CONNECTION_CODES = new Set([
  'TRANSPORT',
  'TOKEN_REQUEST_FAILED',
  'AUTH_REJECTED',
  'ABORTED',
  'PROTOCOL',
]);

/**
 * Whether an `error` event deserves the board's "Last problem" line: refused subscriptions, bad
 * payloads and throwing listeners do; connection failures the client handles itself do not.
 *
 * @example
 * ```ts
 * import { isBoardProblem } from './problems.ts';
 *
 * rte.on('error', (error) => {
 *   if (isBoardProblem(error)) showProblem(error.message);
 * });
 * ```
 */
export function isBoardProblem(error: Pick<RteError, 'code'>): boolean {
  return !CONNECTION_CODES.has(error.code);
}
