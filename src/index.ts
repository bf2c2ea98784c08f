// The public API of enreach-rte. Everything not named here is internal on purpose.

export { discoverApiUrl, exchangePasswordForSecretKey } from './auth/discovery.ts';
export { type FetchRteTokenOptions, fetchRteToken } from './auth/fetch-rte-token.ts';
export type { ListenerOptions } from './client/emitter.ts';
export type {
  ResyncedEvent,
  RteClientEventName,
  RteClientEvents,
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
export type {
  ConnectionState,
  ConnectionStatus,
  DisconnectCause,
  DisconnectReason,
  StateChange,
} from './connection/connection.ts';
export type {
  RefusedSubscription,
  RteClientError,
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
  RteSnapshotError,
  RteSubscriptionClosedError,
  RteSubscriptionError,
  RteSubscriptionFailedError,
  RteTokenRequestError,
  RteTransportError,
  RteValidationError,
} from './errors/index.ts';
export type {
  DecodedEvent,
  DecodedMessage,
  DecodedMessageFor,
  KnownDecodedEvent,
  KnownDecodedMessage,
  RteSubscription,
  UnknownDecodedEvent,
  UnknownDecodedMessage,
  Validation,
} from './events/decode.ts';
export { canonicalEventName, documentedEventNames } from './events/event-names.ts';
export type { ValidationIssue } from './events/issues.ts';
export { camelCaseKeys, isHostileKey, toCamelCase } from './events/keys.ts';
export type { LiveOnlyEventName } from './events/live-names.ts';
export { liveOnlyEventNames } from './events/live-names.ts';
export { legacyEventTypes, normalizeEventName } from './events/names.ts';
export type {
  RteEventData,
  RteEventMap,
  RteEventName,
  RteHelperMap,
  RteHelperName,
} from './events/registry.ts';
export {
  type AvailabilityStatus,
  CallbackType,
  type CallDisconnectReason,
  type MonitoredCallType,
  type OverflowReason,
  type OverflowType,
  QueueOpenStatus,
  type RteEntityType,
  type UserOverflowReason,
  WrapUpAllowWithoutCall,
  type WrapUpTerminationReason,
} from './events/schemas/values.ts';
export { isOpenEnded, parseRteTime } from './events/time.ts';
export type {
  CallbackAttempt,
  CallbackChanged,
  CallbackExtra,
  CallbackRelatedItem,
  QueueAttachedUser,
  QueueGroup,
  QueueStatus,
  UserAlert,
  UserAvailability,
  UserCallAvailableForMonitoring,
  UserCallInArrived,
  UserCallInCallbackCreated,
  UserCallInComing,
  UserCallInDisconnected,
  UserCallInHoldEnd,
  UserCallInHoldStart,
  UserCallInOverflow,
  UserCallInRecordingConverted,
  UserCallInTransferCancelled,
  UserCallInTransferConnected,
  UserCallInTransferStarted,
  UserCallInUserAllocated,
  UserCallInUserCancelled,
  UserCallInUserConnected,
  UserCallInUserOverflow,
  UserCallOutConnected,
  UserCallOutDisconnected,
  UserCallOutGoing,
  UserCallOutHoldEnd,
  UserCallOutHoldStart,
  UserCallOutRecordingConverted,
  UserRealTimeTranscriptPhrase,
  UserSetting,
  UserStatus,
  UserSupervisionStatus,
  UserTerminalStatus,
  UserWrapUpEnabled,
  UserWrapUpRequestInitiate,
  UserWrapUpRequestTerminate,
  UserWrapUpStarted,
  UserWrapUpTerminated,
} from './events/types.ts';
export type { RteLogger, RteLogLevel } from './logging/logger.ts';
export type {
  GetToken,
  ReconnectOptions,
  RteAuth,
  RteClientOptions,
  RteTokenGrant,
  SnapshotLoaders,
  TokenRequestReason,
  ValidationMode,
  ValueOrCallback,
} from './options.ts';
export type { EntityStore, EntityStoreSnapshot } from './state/entity-store.ts';
export type { PairRef, StalePair } from './state/gap.ts';
export type {
  EntityHandleState,
  EntitySnapshot,
  ExternalStore,
  Freshness,
  SnapshotLoader,
} from './state/snapshot.ts';
export type {
  HandleEventData,
  SubscriptionHandle,
  SubscriptionOptions,
  SubscriptionSnapshot,
  SubscriptionState,
} from './subscriptions/handle.ts';
export type { ReplayReport, SubscriptionResult, UnsubscribeResult } from './subscriptions/sync.ts';
