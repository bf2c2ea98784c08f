/**
 * Values the reference lists for enum-like fields. Each type names the listed values for
 * autocompletion but stays open (`string & {}` / `number & {}`): a value the reference does not
 * list is still accepted, as servers add values without notice.
 */

/**
 * Type of the entity an event or subscription is about.
 *
 * @example
 * ```ts
 * import type { RteEntityType } from 'enreach-rte';
 *
 * const isQueueEvent = (type: RteEntityType) => type === 'Queue';
 * rte.on('*', (message) => console.log(isQueueEvent(message.subscription.entityType ?? '')));
 * ```
 */
export type RteEntityType = 'User' | 'Queue' | 'CallList' | (string & {});

/**
 * A user's availability (AVA) state, as `UserAvailability.availability` and `UserStatus.availabilityStatus` report it.
 *
 * @example
 * ```ts
 * import type { AvailabilityStatus } from 'enreach-rte';
 *
 * const reachable = (status: AvailabilityStatus | null | undefined) => status === 'Available' || status === 'BRB';
 * rte.on('UserAvailability', (availability) => console.log(reachable(availability.availability)));
 * ```
 */
export type AvailabilityStatus =
  | 'Available'
  | 'Busy'
  | 'DoNotDisturb'
  | 'OffWork'
  | 'BRB'
  | 'Away'
  | (string & {});

/**
 * `QueueStatus.openStatus`: the service's estimate of whether a queue is open. "Uncertain" values
 * mean a script on some handler may change the outcome.
 *
 * @example
 * ```ts
 * import { QueueOpenStatus, type QueueStatus } from 'enreach-rte';
 *
 * const isOpen = (status: QueueStatus) =>
 *   status.openStatus === QueueOpenStatus.Open || status.openStatus === QueueOpenStatus.OpenUncertain;
 * ```
 */
export const QueueOpenStatus = {
  /** Not known. */
  NA: 0,
  /** No active handling endpoints or numbers: effectively closed. */
  NoActiveHandler: 1,
  /** No active handling endpoints or numbers, but a script on some handler makes it uncertain. */
  NoActiveHandlerUncertain: 2,
  /** The only active handler is `ServiceClosed`. */
  Closed: 3,
  /** The only active handler is `ServiceClosed`, but a script on some handler makes it uncertain. */
  ClosedUncertain: 4,
  /** The queue is open. */
  Open: 5,
  /** The queue is open, but a script on some handler makes it uncertain. */
  OpenUncertain: 6,
} as const;

/** A {@link QueueOpenStatus} value, or a number the reference does not list. */
export type QueueOpenStatus = (typeof QueueOpenStatus)[keyof typeof QueueOpenStatus] | (number & {});

/**
 * `CallbackChanged.typeId`: how a callback request came to be.
 *
 * @example
 * ```ts
 * import { CallbackType, type CallbackChanged } from 'enreach-rte';
 *
 * const isOverflow = (callback: CallbackChanged) => callback.typeId === CallbackType.OverflownCall;
 * ```
 */
export const CallbackType = {
  /** The caller explicitly asked for a callback. */
  ExplicitRequest: 1,
  /** A queued call overflowed into a callback. */
  OverflownCall: 2,
  /** Someone created the call list item by hand. */
  CreatedManually: 3,
} as const;

/** A {@link CallbackType} value, or a number the reference does not list. */
export type CallbackType = (typeof CallbackType)[keyof typeof CallbackType] | (number & {});

/**
 * `UserWrapUpRequestInitiate.allowWithoutCall`: whether wrap-up may start without a call.
 *
 * @example
 * ```ts
 * import { WrapUpAllowWithoutCall, type UserWrapUpRequestInitiate } from 'enreach-rte';
 *
 * const startsNow = (request: UserWrapUpRequestInitiate) =>
 *   request.allowWithoutCall === WrapUpAllowWithoutCall.Yes;
 * ```
 */
export const WrapUpAllowWithoutCall = {
  /** Only with a call. */
  No: 0,
  /** Also without a call. */
  Yes: 1,
  /** Without a call, but only while the user is not in a call. */
  WhenNotInCall: 2,
} as const;

/** A {@link WrapUpAllowWithoutCall} value, or a number the reference does not list. */
export type WrapUpAllowWithoutCall =
  | (typeof WrapUpAllowWithoutCall)[keyof typeof WrapUpAllowWithoutCall]
  | (number & {});

/**
 * `UserCallAvailableForMonitoring.callType`.
 *
 * @example
 * ```ts
 * import type { MonitoredCallType } from 'enreach-rte';
 *
 * const isServiceCall = (type: MonitoredCallType | null | undefined) => type === 'servicecall';
 * ```
 */
export type MonitoredCallType = 'servicecall' | 'directcall' | 'callout' | (string & {});

/**
 * Which side ended a call (`reason` of `UserCallInDisconnected` and `UserCallOutDisconnected`).
 *
 * @example
 * ```ts
 * import type { CallDisconnectReason } from 'enreach-rte';
 *
 * const callerHungUp = (reason: CallDisconnectReason | null | undefined) => reason === 'remote';
 * rte.on('UserCallInDisconnected', (call) => console.log(callerHungUp(call.reason)));
 * ```
 */
export type CallDisconnectReason = 'remote' | 'local' | (string & {});

/**
 * `UserCallInOverflow.overflowReason` (the reference lists these among others).
 *
 * @example
 * ```ts
 * import type { OverflowReason } from 'enreach-rte';
 *
 * const nobodyFree = (reason: OverflowReason | null | undefined) => reason === 'NoAvailableProviders';
 * ```
 */
export type OverflowReason = 'NoAvailableProviders' | 'QueueFull' | 'UserActivelyDeclined' | (string & {});

/**
 * `UserCallInOverflow.overflowType` (the reference lists these among a larger set).
 *
 * @example
 * ```ts
 * import type { OverflowType } from 'enreach-rte';
 *
 * const byTransferAll = (type: OverflowType | null | undefined) => type === 'UserTransferAll';
 * ```
 */
export type OverflowType =
  | 'AdHoc_1'
  | 'ServiceOpen'
  | 'QueueHandler'
  | 'QueueOverflowDefault'
  | 'UserTransferAll'
  | 'ActPreEnter'
  | 'TerminationHandling'
  | (string & {});

/**
 * `UserCallInUserOverflow.reason`: why a work-number call overflowed.
 *
 * @example
 * ```ts
 * import type { UserOverflowReason } from 'enreach-rte';
 *
 * const unanswered = (reason: UserOverflowReason | null | undefined) => reason === 'NoAnswer';
 * ```
 */
export type UserOverflowReason =
  | 'AVAActiveProfile'
  | 'BusyForTechnicalError'
  | 'DND'
  | 'OffWork'
  | 'NoAnswer'
  | 'InterruptOverflow'
  | 'BusyOnBusy'
  | 'TransferAll'
  | 'BlindTransfer'
  | (string & {});

/**
 * Why wrap-up ended (`reason` of `UserWrapUpRequestTerminate` and `UserWrapUpTerminated`).
 *
 * @example
 * ```ts
 * import type { WrapUpTerminationReason } from 'enreach-rte';
 *
 * const timedOut = (reason: WrapUpTerminationReason | null | undefined) => reason === 'timer';
 * rte.on('UserWrapUpTerminated', (wrapUp) => console.log(timedOut(wrapUp.reason)));
 * ```
 */
export type WrapUpTerminationReason = 'manual' | 'timer' | (string & {});
