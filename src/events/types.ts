/**
 * One named type per documented event and helper type, derived from the registry.
 *
 * @example
 * ```ts
 * import type { QueueStatus, UserStatus } from 'enreach-rte';
 *
 * const free = (status: UserStatus) => status.canBeAllocatedTo && !status.talking;
 * const waiting = (queue: QueueStatus) => queue.nbrOfQueuingRequesters ?? 0;
 * ```
 */
import type { RteEventMap, RteHelperMap } from './registry.ts';

/** Data of the `UserAlert` event. */
export type UserAlert = RteEventMap['UserAlert'];
/** Data of the `UserAvailability` event. */
export type UserAvailability = RteEventMap['UserAvailability'];
/** Data of the `UserCallAvailableForMonitoring` event. */
export type UserCallAvailableForMonitoring = RteEventMap['UserCallAvailableForMonitoring'];
/** Data of the `UserCallInArrived` event. */
export type UserCallInArrived = RteEventMap['UserCallInArrived'];
/** Data of the `UserCallInCallbackCreated` event. */
export type UserCallInCallbackCreated = RteEventMap['UserCallInCallbackCreated'];
/** Data of the `UserCallInComing` event. */
export type UserCallInComing = RteEventMap['UserCallInComing'];
/** Data of the `UserCallInDisconnected` event. */
export type UserCallInDisconnected = RteEventMap['UserCallInDisconnected'];
/** Data of the `UserCallInHoldEnd` event. */
export type UserCallInHoldEnd = RteEventMap['UserCallInHoldEnd'];
/** Data of the `UserCallInHoldStart` event. */
export type UserCallInHoldStart = RteEventMap['UserCallInHoldStart'];
/** Data of the `UserCallInOverflow` event. */
export type UserCallInOverflow = RteEventMap['UserCallInOverflow'];
/** Data of the `UserCallInRecordingConverted` event. */
export type UserCallInRecordingConverted = RteEventMap['UserCallInRecordingConverted'];
/** Data of the `UserCallInTransferCancelled` event. */
export type UserCallInTransferCancelled = RteEventMap['UserCallInTransferCancelled'];
/** Data of the `UserCallInTransferConnected` event. */
export type UserCallInTransferConnected = RteEventMap['UserCallInTransferConnected'];
/** Data of the `UserCallInTransferStarted` event. */
export type UserCallInTransferStarted = RteEventMap['UserCallInTransferStarted'];
/** Data of the `UserCallInUserAllocated` event. */
export type UserCallInUserAllocated = RteEventMap['UserCallInUserAllocated'];
/** Data of the `UserCallInUserCancelled` event. */
export type UserCallInUserCancelled = RteEventMap['UserCallInUserCancelled'];
/** Data of the `UserCallInUserConnected` event. */
export type UserCallInUserConnected = RteEventMap['UserCallInUserConnected'];
/** Data of the `UserCallInUserOverflow` event. */
export type UserCallInUserOverflow = RteEventMap['UserCallInUserOverflow'];
/** Data of the `UserCallOutConnected` event. */
export type UserCallOutConnected = RteEventMap['UserCallOutConnected'];
/** Data of the `UserCallOutDisconnected` event. */
export type UserCallOutDisconnected = RteEventMap['UserCallOutDisconnected'];
/** Data of the `UserCallOutGoing` event. */
export type UserCallOutGoing = RteEventMap['UserCallOutGoing'];
/** Data of the `UserCallOutHoldEnd` event. */
export type UserCallOutHoldEnd = RteEventMap['UserCallOutHoldEnd'];
/** Data of the `UserCallOutHoldStart` event. */
export type UserCallOutHoldStart = RteEventMap['UserCallOutHoldStart'];
/** Data of the `UserCallOutRecordingConverted` event. */
export type UserCallOutRecordingConverted = RteEventMap['UserCallOutRecordingConverted'];
/** Data of the `UserRealTimeTranscriptPhrase` event. */
export type UserRealTimeTranscriptPhrase = RteEventMap['UserRealTimeTranscriptPhrase'];
/** Data of the `UserSetting` event. */
export type UserSetting = RteEventMap['UserSetting'];
/** Data of the `UserStatus` event. */
export type UserStatus = RteEventMap['UserStatus'];
/** Data of the `UserSupervisionStatus` event. */
export type UserSupervisionStatus = RteEventMap['UserSupervisionStatus'];
/** Data of the `UserTerminalStatus` event. */
export type UserTerminalStatus = RteEventMap['UserTerminalStatus'];
/** Data of the `UserWrapUpEnabled` event. */
export type UserWrapUpEnabled = RteEventMap['UserWrapUpEnabled'];
/** Data of the `UserWrapUpRequestInitiate` event. */
export type UserWrapUpRequestInitiate = RteEventMap['UserWrapUpRequestInitiate'];
/** Data of the `UserWrapUpRequestTerminate` event. */
export type UserWrapUpRequestTerminate = RteEventMap['UserWrapUpRequestTerminate'];
/** Data of the `UserWrapUpStarted` event. */
export type UserWrapUpStarted = RteEventMap['UserWrapUpStarted'];
/** Data of the `UserWrapUpTerminated` event. */
export type UserWrapUpTerminated = RteEventMap['UserWrapUpTerminated'];
/** Data of the `QueueStatus` event. */
export type QueueStatus = RteEventMap['QueueStatus'];
/** Data of the `CallbackChanged` event. */
export type CallbackChanged = RteEventMap['CallbackChanged'];

/** The reference's `QueueAttachedUser` type. */
export type QueueAttachedUser = RteHelperMap['QueueAttachedUser'];
/** The reference's `QueueGroup` type. */
export type QueueGroup = RteHelperMap['QueueGroup'];
/** The reference's `CallbackAttempt` type. */
export type CallbackAttempt = RteHelperMap['CallbackAttempt'];
/** The reference's `CallbackExtra` type. */
export type CallbackExtra = RteHelperMap['CallbackExtra'];
/** The reference's `CallbackRelatedItem` type. */
export type CallbackRelatedItem = RteHelperMap['CallbackRelatedItem'];
