import type { RteClientError } from './union.ts';

/**
 * Where a failure comes from. Every error the SDK throws or emits carries one of these codes.
 *
 * - `AUTH_REJECTED`: the API or the hub refused the credentials; retrying will not help.
 * - `TOKEN_REQUEST_FAILED`: the token endpoint could not be reached or answered with a server error.
 * - `TRANSPORT`: the hub connection failed or dropped.
 * - `PROTOCOL`: a response or message did not have the documented shape.
 * - `SUBSCRIPTION_REFUSED`: the hub refused a subscription (Invalid EntityId, Invalid event name, Unauthorized).
 * - `SUBSCRIPTION_FAILED`: a Subscribe/Unsubscribe call failed for a transient reason; retried while connected.
 * - `SUBSCRIPTION_CLOSED`: a subscription handle was closed before it became live.
 * - `SNAPSHOT_FAILED`: a snapshot loader (`getState`) failed; it is retried with backoff.
 * - `VALIDATION`: an event payload did not match its schema.
 * - `HANDLER`: one of your listeners threw.
 * - `ABORTED`: the operation was cancelled by an `AbortSignal` or `disconnect()`.
 * - `NOT_CONNECTED`: a hub method was called while there is no connection.
 *
 * @example
 * ```ts
 * import type { RteErrorCode } from 'enreach-rte';
 *
 * const transient: RteErrorCode[] = ['TOKEN_REQUEST_FAILED', 'TRANSPORT', 'SUBSCRIPTION_FAILED'];
 * rte.on('error', (error) => {
 *   if (!transient.includes(error.code)) console.warn(error.code, error.message);
 * });
 * ```
 */
export type RteErrorCode =
  | 'AUTH_REJECTED'
  | 'TOKEN_REQUEST_FAILED'
  | 'TRANSPORT'
  | 'PROTOCOL'
  | 'SUBSCRIPTION_REFUSED'
  | 'SUBSCRIPTION_FAILED'
  | 'SUBSCRIPTION_CLOSED'
  | 'SNAPSHOT_FAILED'
  | 'VALIDATION'
  | 'HANDLER'
  | 'ABORTED'
  | 'NOT_CONNECTED';

/**
 * Base class of every error from enreach-rte. Messages never contain tokens, secret keys or URLs
 * that carry `access_token`.
 *
 * @example
 * ```ts
 * import { RteError } from 'enreach-rte';
 * rte.on('error', (error: RteError) => console.warn(error.code, error.message));
 * ```
 */
export class RteError extends Error {
  /** The class name (`RteAuthError`, …); compared by `isRteError` so that duplicated packages still match. */
  override name: string = 'RteError';
  /** Where the failure comes from; stable across versions, unlike the message. */
  readonly code: RteErrorCode;

  constructor(code: RteErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * True when `error` is an {@link RteError} (optionally with the given code). Compares `name` as
 * well as the prototype, so it works when two copies of the package are loaded.
 *
 * @example
 * ```ts
 * import { isRteError } from 'enreach-rte';
 * try {
 *   await rte.connect();
 * } catch (error) {
 *   if (isRteError(error, 'AUTH_REJECTED')) console.error('Check the email and secret key');
 * }
 * ```
 */
export function isRteError(error: unknown): error is RteError;
export function isRteError<C extends RteErrorCode>(
  error: unknown,
  code: C,
): error is Extract<
  RteClientError,
  {
    /** The code asked for. */
    readonly code: C;
  }
>;
export function isRteError(error: unknown, code?: RteErrorCode): error is RteError {
  if (error instanceof RteError) return code === undefined || error.code === code;
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { name?: unknown; code?: unknown };
  if (typeof candidate.name !== 'string' || !candidate.name.startsWith('Rte')) return false;
  if (typeof candidate.code !== 'string') return false;
  return code === undefined || candidate.code === code;
}
