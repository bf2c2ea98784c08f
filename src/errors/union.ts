import type { RteAuthError } from './auth-error.ts';
import type {
  RteHandlerError,
  RteSnapshotError,
  RteSubscriptionClosedError,
  RteSubscriptionError,
  RteSubscriptionFailedError,
  RteValidationError,
} from './event-errors.ts';
import type {
  RteAbortError,
  RteNotConnectedError,
  RteProtocolError,
  RteTokenRequestError,
  RteTransportError,
} from './transport-errors.ts';

/**
 * Every concrete error the client emits or throws, discriminated by `code` (and by `name`): what
 * `error` listeners receive. Checking `code` narrows to the class, so its own fields type-check.
 *
 * @example
 * ```ts
 * import type { RteClientError } from 'enreach-rte';
 *
 * rte.on('error', (error: RteClientError) => {
 *   if (error.code === 'AUTH_REJECTED') console.warn('refused with HTTP', error.status);
 *   if (error.code === 'SUBSCRIPTION_REFUSED') console.warn(error.refused.length, 'pair(s) refused');
 * });
 * ```
 */
export type RteClientError =
  | RteAuthError
  | RteTokenRequestError
  | RteTransportError
  | RteProtocolError
  | RteSubscriptionError
  | RteSubscriptionFailedError
  | RteSubscriptionClosedError
  | RteSnapshotError
  | RteValidationError
  | RteHandlerError
  | RteAbortError
  | RteNotConnectedError;
