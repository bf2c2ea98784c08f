import { RteError } from './rte-error.ts';

/**
 * The API or the hub refused the credentials (HTTP 401 or 403). The client stops trying: retrying
 * with the same credentials would only hammer the API.
 *
 * Throw it from a custom `getToken` callback to say "these credentials are bad, stop"; any other
 * error thrown there is treated as transient and retried with backoff.
 *
 * @example
 * ```ts
 * import { RteAuthError, RteClient } from 'enreach-rte';
 * const rte = new RteClient({
 *   getToken: async () => {
 *     const res = await fetch('/my-backend/rte-token');
 *     if (res.status === 401) throw new RteAuthError('Session expired', { status: 401 });
 *     return res.json();
 *   },
 * });
 * ```
 */
export class RteAuthError extends RteError {
  /** Always `'RteAuthError'`. */
  override name = 'RteAuthError' as const;
  /** Always `'AUTH_REJECTED'`. */
  declare readonly code: 'AUTH_REJECTED';
  /** HTTP status that carried the refusal, when there was one. */
  readonly status: number | undefined;

  constructor(message: string, options: { status?: number; cause?: unknown } = {}) {
    super('AUTH_REJECTED', message, { cause: options.cause });
    this.status = options.status;
  }
}

/**
 * True for an {@link RteAuthError}, or any error named `UnauthorizedError` (the convention
 * other realtime SDKs use for "stop, the credentials are bad").
 *
 * @example
 * ```ts
 * import { isAuthError } from 'enreach-rte';
 * rte.connect().catch((error) => { if (isAuthError(error)) showLogin(); });
 * ```
 */
export function isAuthError(error: unknown): error is
  | RteAuthError
  | (Error & {
      /** Another SDK's "stop, the credentials are bad". */
      readonly name: 'UnauthorizedError';
    }) {
  if (error instanceof RteAuthError) return true;
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'RteAuthError' || name === 'UnauthorizedError';
}
