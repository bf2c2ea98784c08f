// The public API of enreach-rte. Everything not named here is internal on purpose.

export { discoverApiUrl, exchangePasswordForSecretKey } from './auth/discovery.ts';
export type { ListenerOptions } from './client/emitter.ts';
export type {
  ResyncedEvent,
  RteClientEventName,
  RteClientEvents,
  RteEventData,
  RteLifecycleEvents,
  RteListenableEventName,
  RteMessage,
  RteSubscriptionInfo,
  UntypedEventData,
} from './client/event-map.ts';
export type {
  ActiveSubscription,
  DesiredSubscriptionInfo,
  SubscribableEventName,
  SubscriptionItem,
} from './client/rte-client.ts';
export { RteClient } from './client/rte-client.ts';
export type { ConnectionState, DisconnectCause, StateChange } from './connection/connection.ts';
export type {
  RefusedSubscription,
  RteErrorCode,
  RteValidationIssue,
  SubscriptionRefusalReason,
} from './errors/index.ts';
export {
  isAuthError,
  isRteError,
  RteAbortError,
  RteAuthError,
  RteError,
  RteHandlerError,
  RteNotConnectedError,
  RteProtocolError,
  RteSubscriptionError,
  RteTokenRequestError,
  RteTransportError,
  RteValidationError,
} from './errors/index.ts';
export * from './events/index.ts';
export type { LiveOnlyEventName } from './events/live-names.ts';
export { liveOnlyEventNames } from './events/live-names.ts';
export type { RteLogger, RteLogLevel } from './logging/logger.ts';
export type {
  GetToken,
  ReconnectOptions,
  RteAuth,
  RteClientOptions,
  RteTokenGrant,
  TokenRequestReason,
  ValidationMode,
  ValueOrCallback,
} from './options.ts';
export type { ReplayReport, SubscriptionResult, UnsubscribeResult } from './subscriptions/sync.ts';
