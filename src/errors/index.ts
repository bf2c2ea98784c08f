export { isAuthError, RteAuthError } from './auth-error.ts';
export type { RefusedSubscription, RteValidationIssue, SubscriptionRefusalReason } from './event-errors.ts';
export {
  RteHandlerError,
  RteSnapshotError,
  RteSubscriptionClosedError,
  RteSubscriptionError,
  RteSubscriptionFailedError,
  RteValidationError,
} from './event-errors.ts';
export type { RteErrorCode } from './rte-error.ts';
export { isRteError, RteError } from './rte-error.ts';
export {
  RteAbortError,
  RteNotConnectedError,
  RteProtocolError,
  RteTokenRequestError,
  RteTransportError,
} from './transport-errors.ts';
export type { RteClientError } from './union.ts';
