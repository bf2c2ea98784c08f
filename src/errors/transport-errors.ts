import { RteError } from './rte-error.ts';

/**
 * The token endpoint could not be reached, timed out, or answered with a server error after the
 * configured retries. Transient: the client keeps trying with backoff.
 *
 * @example
 * ```ts
 * import { isRteError } from 'enreach-rte';
 * rte.on('error', (error) => {
 *   if (isRteError(error, 'TOKEN_REQUEST_FAILED')) console.warn('API unreachable, retrying');
 * });
 * ```
 */
export class RteTokenRequestError extends RteError {
  /** Always `'RteTokenRequestError'`. */
  override name = 'RteTokenRequestError' as const;
  /** Always `'TOKEN_REQUEST_FAILED'`. */
  declare readonly code: 'TOKEN_REQUEST_FAILED';
  /** HTTP status of the last response, when there was one. */
  readonly status: number | undefined;
  /**
   * How long the API asked the client to wait (its `Retry-After` header), in ms. The connection loop
   * waits at least this long before the next token request.
   */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: { status?: number; retryAfterMs?: number; cause?: unknown } = {}) {
    super('TOKEN_REQUEST_FAILED', message, { cause: options.cause });
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * The hub connection failed to open or dropped. Transient: the client reconnects with backoff and
 * replays every subscription.
 *
 * @example
 * ```ts
 * import { RteTransportError } from 'enreach-rte';
 * rte.on('error', (error) => {
 *   if (error instanceof RteTransportError) console.warn('connection trouble:', error.message);
 * });
 * ```
 */
export class RteTransportError extends RteError {
  /** Always `'RteTransportError'`. */
  override name = 'RteTransportError' as const;
  /** Always `'TRANSPORT'`. */
  declare readonly code: 'TRANSPORT';

  constructor(message: string, options: { cause?: unknown } = {}) {
    super('TRANSPORT', message, options);
  }
}

/**
 * A response or message did not have the documented shape (for example a token response without
 * a token).
 *
 * @example
 * ```ts
 * import { isRteError } from 'enreach-rte';
 * rte.on('error', (error) => { if (isRteError(error, 'PROTOCOL')) report(error); });
 * ```
 */
export class RteProtocolError extends RteError {
  /** Always `'RteProtocolError'`. */
  override name = 'RteProtocolError' as const;
  /** Always `'PROTOCOL'`. */
  declare readonly code: 'PROTOCOL';

  constructor(message: string, options: { cause?: unknown } = {}) {
    super('PROTOCOL', message, options);
  }
}

/**
 * The operation was cancelled by an `AbortSignal` or by `disconnect()`.
 *
 * @example
 * ```ts
 * import { isRteError } from 'enreach-rte';
 * const controller = new AbortController();
 * rte.connect({ signal: controller.signal }).catch((error) => {
 *   if (isRteError(error, 'ABORTED')) return; // we cancelled it
 * });
 * controller.abort();
 * ```
 */
export class RteAbortError extends RteError {
  /** Always `'RteAbortError'`. */
  override name = 'RteAbortError' as const;
  /** Always `'ABORTED'`. */
  declare readonly code: 'ABORTED';

  constructor(message = 'The operation was aborted', options: { cause?: unknown } = {}) {
    super('ABORTED', message, options);
  }
}

/**
 * A hub method (such as `availableSubscriptions()`) was called while the client is not connected.
 *
 * @example
 * ```ts
 * import { isRteError } from 'enreach-rte';
 * try { await rte.availableSubscriptions(); } catch (error) {
 *   if (isRteError(error, 'NOT_CONNECTED')) await rte.connect();
 * }
 * ```
 */
export class RteNotConnectedError extends RteError {
  /** Always `'RteNotConnectedError'`. */
  override name = 'RteNotConnectedError' as const;
  /** Always `'NOT_CONNECTED'`. */
  declare readonly code: 'NOT_CONNECTED';

  constructor(message = 'Not connected to the RTE hub; call connect() first') {
    super('NOT_CONNECTED', message);
  }
}
