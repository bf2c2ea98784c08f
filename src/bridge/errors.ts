/**
 * Why the bridge failed, stable across versions.
 *
 * - `STREAM_INCOMPATIBLE`: the JetStream stream exists with a configuration the bridge cannot use
 *   (subjects, storage, retention or duplicate window); it is never changed silently.
 * - `NATS_UNREACHABLE`: no NATS server answered within `nats.connectTimeoutMs` at start.
 * - `JETSTREAM_UNAVAILABLE`: the NATS server answered but JetStream is not enabled on it.
 * - `CONFIG`: a config file could not be loaded or exports something other than functions.
 *
 * @example
 * ```ts
 * import type { RteBridgeErrorCode } from 'enreach-rte/bridge';
 *
 * const fatal: RteBridgeErrorCode[] = ['STREAM_INCOMPATIBLE', 'JETSTREAM_UNAVAILABLE'];
 * ```
 */
export type RteBridgeErrorCode =
  | 'STREAM_INCOMPATIBLE'
  | 'NATS_UNREACHABLE'
  | 'JETSTREAM_UNAVAILABLE'
  | 'CONFIG';

/**
 * A failure of the bridge itself (not of the RTE connection, which reports `RteError`s).
 *
 * @example
 * ```ts
 * import { isRteBridgeError, startBridge } from 'enreach-rte/bridge';
 *
 * try {
 *   await startBridge(options);
 * } catch (error) {
 *   if (isRteBridgeError(error, 'STREAM_INCOMPATIBLE')) console.error(error.message);
 *   else throw error;
 * }
 * ```
 */
export class RteBridgeError extends Error {
  /** Always `RteBridgeError`; compared by {@link isRteBridgeError} so duplicated packages still match. */
  override name = 'RteBridgeError' as const;
  /** What failed. */
  readonly code: RteBridgeErrorCode;

  constructor(code: RteBridgeErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * Whether `error` is an {@link RteBridgeError}, optionally with the given code.
 *
 * @example
 * ```ts
 * import { isRteBridgeError } from 'enreach-rte/bridge';
 *
 * const incompatible = (error: unknown) => isRteBridgeError(error, 'STREAM_INCOMPATIBLE');
 * ```
 */
export function isRteBridgeError(error: unknown, code?: RteBridgeErrorCode): error is RteBridgeError {
  if (!(error instanceof Error) || error.name !== 'RteBridgeError') return false;
  return code === undefined || (error as RteBridgeError).code === code;
}
