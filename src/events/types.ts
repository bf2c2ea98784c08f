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

/**
 * Data of the `UserAlert` event.
 *
 * @example
 * ```ts
 * import type { UserAlert } from 'enreach-rte';
 *
 * rte.on('UserAlert', (data: UserAlert) => console.log(data.conditionName));
 * ```
 */
export type UserAlert = RteEventMap['UserAlert'];

/**
 * Data of the `UserAvailability` event.
 *
 * @example
 * ```ts
 * import type { UserAvailability } from 'enreach-rte';
 *
 * rte.on('UserAvailability', (data: UserAvailability) => console.log(data.availability));
 * ```
 */
export type UserAvailability = RteEventMap['UserAvailability'];

/**
 * Data of the `UserCallAvailableForMonitoring` event.
 *
 * @example
 * ```ts
 * import type { UserCallAvailableForMonitoring } from 'enreach-rte';
 *
 * rte.on('UserCallAvailableForMonitoring', (data: UserCallAvailableForMonitoring) => console.log(data.callerNumber));
 * ```
 */
export type UserCallAvailableForMonitoring = RteEventMap['UserCallAvailableForMonitoring'];

/**
 * Data of the `UserCallInArrived` event.
 *
 * @example
 * ```ts
 * import type { UserCallInArrived } from 'enreach-rte';
 *
 * rte.on('UserCallInArrived', (data: UserCallInArrived) => console.log(data.callerNumber));
 * ```
 */
export type UserCallInArrived = RteEventMap['UserCallInArrived'];

/**
 * Data of the `UserCallInCallbackCreated` event.
 *
 * @example
 * ```ts
 * import type { UserCallInCallbackCreated } from 'enreach-rte';
 *
 * rte.on('UserCallInCallbackCreated', (data: UserCallInCallbackCreated) => console.log(data.contactNumber));
 * ```
 */
export type UserCallInCallbackCreated = RteEventMap['UserCallInCallbackCreated'];

/**
 * Data of the `UserCallInComing` event.
 *
 * @example
 * ```ts
 * import type { UserCallInComing } from 'enreach-rte';
 *
 * rte.on('UserCallInComing', (data: UserCallInComing) => console.log(data.callerNumber));
 * ```
 */
export type UserCallInComing = RteEventMap['UserCallInComing'];

/**
 * Data of the `UserCallInDisconnected` event.
 *
 * @example
 * ```ts
 * import type { UserCallInDisconnected } from 'enreach-rte';
 *
 * rte.on('UserCallInDisconnected', (data: UserCallInDisconnected) => console.log(data.callerNumber));
 * ```
 */
export type UserCallInDisconnected = RteEventMap['UserCallInDisconnected'];

/**
 * Data of the `UserCallInHoldEnd` event.
 *
 * @example
 * ```ts
 * import type { UserCallInHoldEnd } from 'enreach-rte';
 *
 * rte.on('UserCallInHoldEnd', (data: UserCallInHoldEnd) => console.log(data.callId));
 * ```
 */
export type UserCallInHoldEnd = RteEventMap['UserCallInHoldEnd'];

/**
 * Data of the `UserCallInHoldStart` event.
 *
 * @example
 * ```ts
 * import type { UserCallInHoldStart } from 'enreach-rte';
 *
 * rte.on('UserCallInHoldStart', (data: UserCallInHoldStart) => console.log(data.callId));
 * ```
 */
export type UserCallInHoldStart = RteEventMap['UserCallInHoldStart'];

/**
 * Data of the `UserCallInOverflow` event.
 *
 * @example
 * ```ts
 * import type { UserCallInOverflow } from 'enreach-rte';
 *
 * rte.on('UserCallInOverflow', (data: UserCallInOverflow) => console.log(data.callerNumber));
 * ```
 */
export type UserCallInOverflow = RteEventMap['UserCallInOverflow'];

/**
 * Data of the `UserCallInRecordingConverted` event.
 *
 * @example
 * ```ts
 * import type { UserCallInRecordingConverted } from 'enreach-rte';
 *
 * rte.on('UserCallInRecordingConverted', (data: UserCallInRecordingConverted) => console.log(data.callId));
 * ```
 */
export type UserCallInRecordingConverted = RteEventMap['UserCallInRecordingConverted'];

/**
 * Data of the `UserCallInTransferCancelled` event.
 *
 * @example
 * ```ts
 * import type { UserCallInTransferCancelled } from 'enreach-rte';
 *
 * rte.on('UserCallInTransferCancelled', (data: UserCallInTransferCancelled) => console.log(data.callerNumber));
 * ```
 */
export type UserCallInTransferCancelled = RteEventMap['UserCallInTransferCancelled'];

/**
 * Data of the `UserCallInTransferConnected` event.
 *
 * @example
 * ```ts
 * import type { UserCallInTransferConnected } from 'enreach-rte';
 *
 * rte.on('UserCallInTransferConnected', (data: UserCallInTransferConnected) => console.log(data.callerNumber));
 * ```
 */
export type UserCallInTransferConnected = RteEventMap['UserCallInTransferConnected'];

/**
 * Data of the `UserCallInTransferStarted` event.
 *
 * @example
 * ```ts
 * import type { UserCallInTransferStarted } from 'enreach-rte';
 *
 * rte.on('UserCallInTransferStarted', (data: UserCallInTransferStarted) => console.log(data.callerNumber));
 * ```
 */
export type UserCallInTransferStarted = RteEventMap['UserCallInTransferStarted'];

/**
 * Data of the `UserCallInUserAllocated` event.
 *
 * @example
 * ```ts
 * import type { UserCallInUserAllocated } from 'enreach-rte';
 *
 * rte.on('UserCallInUserAllocated', (data: UserCallInUserAllocated) => console.log(data.callerNumber));
 * ```
 */
export type UserCallInUserAllocated = RteEventMap['UserCallInUserAllocated'];

/**
 * Data of the `UserCallInUserCancelled` event.
 *
 * @example
 * ```ts
 * import type { UserCallInUserCancelled } from 'enreach-rte';
 *
 * rte.on('UserCallInUserCancelled', (data: UserCallInUserCancelled) => console.log(data.callerNumber));
 * ```
 */
export type UserCallInUserCancelled = RteEventMap['UserCallInUserCancelled'];

/**
 * Data of the `UserCallInUserConnected` event.
 *
 * @example
 * ```ts
 * import type { UserCallInUserConnected } from 'enreach-rte';
 *
 * rte.on('UserCallInUserConnected', (data: UserCallInUserConnected) => console.log(data.callerNumber));
 * ```
 */
export type UserCallInUserConnected = RteEventMap['UserCallInUserConnected'];

/**
 * Data of the `UserCallInUserOverflow` event.
 *
 * @example
 * ```ts
 * import type { UserCallInUserOverflow } from 'enreach-rte';
 *
 * rte.on('UserCallInUserOverflow', (data: UserCallInUserOverflow) => console.log(data.callerNumber));
 * ```
 */
export type UserCallInUserOverflow = RteEventMap['UserCallInUserOverflow'];

/**
 * Data of the `UserCallOutConnected` event.
 *
 * @example
 * ```ts
 * import type { UserCallOutConnected } from 'enreach-rte';
 *
 * rte.on('UserCallOutConnected', (data: UserCallOutConnected) => console.log(data.callerNumber));
 * ```
 */
export type UserCallOutConnected = RteEventMap['UserCallOutConnected'];

/**
 * Data of the `UserCallOutDisconnected` event.
 *
 * @example
 * ```ts
 * import type { UserCallOutDisconnected } from 'enreach-rte';
 *
 * rte.on('UserCallOutDisconnected', (data: UserCallOutDisconnected) => console.log(data.callerNumber));
 * ```
 */
export type UserCallOutDisconnected = RteEventMap['UserCallOutDisconnected'];

/**
 * Data of the `UserCallOutGoing` event.
 *
 * @example
 * ```ts
 * import type { UserCallOutGoing } from 'enreach-rte';
 *
 * rte.on('UserCallOutGoing', (data: UserCallOutGoing) => console.log(data.callerNumber));
 * ```
 */
export type UserCallOutGoing = RteEventMap['UserCallOutGoing'];

/**
 * Data of the `UserCallOutHoldEnd` event.
 *
 * @example
 * ```ts
 * import type { UserCallOutHoldEnd } from 'enreach-rte';
 *
 * rte.on('UserCallOutHoldEnd', (data: UserCallOutHoldEnd) => console.log(data.callId));
 * ```
 */
export type UserCallOutHoldEnd = RteEventMap['UserCallOutHoldEnd'];

/**
 * Data of the `UserCallOutHoldStart` event.
 *
 * @example
 * ```ts
 * import type { UserCallOutHoldStart } from 'enreach-rte';
 *
 * rte.on('UserCallOutHoldStart', (data: UserCallOutHoldStart) => console.log(data.callId));
 * ```
 */
export type UserCallOutHoldStart = RteEventMap['UserCallOutHoldStart'];

/**
 * Data of the `UserCallOutRecordingConverted` event.
 *
 * @example
 * ```ts
 * import type { UserCallOutRecordingConverted } from 'enreach-rte';
 *
 * rte.on('UserCallOutRecordingConverted', (data: UserCallOutRecordingConverted) => console.log(data.callId));
 * ```
 */
export type UserCallOutRecordingConverted = RteEventMap['UserCallOutRecordingConverted'];

/**
 * Data of the `UserRealTimeTranscriptPhrase` event.
 *
 * @example
 * ```ts
 * import type { UserRealTimeTranscriptPhrase } from 'enreach-rte';
 *
 * rte.on('UserRealTimeTranscriptPhrase', (data: UserRealTimeTranscriptPhrase) => console.log(data.phrase));
 * ```
 */
export type UserRealTimeTranscriptPhrase = RteEventMap['UserRealTimeTranscriptPhrase'];

/**
 * Data of the `UserSetting` event.
 *
 * @example
 * ```ts
 * import type { UserSetting } from 'enreach-rte';
 *
 * rte.on('UserSetting', (data: UserSetting) => console.log(data.keyword));
 * ```
 */
export type UserSetting = RteEventMap['UserSetting'];

/**
 * Data of the `UserStatus` event.
 *
 * @example
 * ```ts
 * import type { UserStatus } from 'enreach-rte';
 *
 * rte.on('UserStatus', (data: UserStatus) => console.log(data.canBeAllocatedTo));
 * ```
 */
export type UserStatus = RteEventMap['UserStatus'];

/**
 * Data of the `UserSupervisionStatus` event.
 *
 * @example
 * ```ts
 * import type { UserSupervisionStatus } from 'enreach-rte';
 *
 * rte.on('UserSupervisionStatus', (data: UserSupervisionStatus) => console.log(data.queueName));
 * ```
 */
export type UserSupervisionStatus = RteEventMap['UserSupervisionStatus'];

/**
 * Data of the `UserTerminalStatus` event.
 *
 * @example
 * ```ts
 * import type { UserTerminalStatus } from 'enreach-rte';
 *
 * rte.on('UserTerminalStatus', (data: UserTerminalStatus) => console.log(data.userId));
 * ```
 */
export type UserTerminalStatus = RteEventMap['UserTerminalStatus'];

/**
 * Data of the `UserWrapUpEnabled` event.
 *
 * @example
 * ```ts
 * import type { UserWrapUpEnabled } from 'enreach-rte';
 *
 * rte.on('UserWrapUpEnabled', (data: UserWrapUpEnabled) => console.log(data.callId));
 * ```
 */
export type UserWrapUpEnabled = RteEventMap['UserWrapUpEnabled'];

/**
 * Data of the `UserWrapUpRequestInitiate` event.
 *
 * @example
 * ```ts
 * import type { UserWrapUpRequestInitiate } from 'enreach-rte';
 *
 * rte.on('UserWrapUpRequestInitiate', (data: UserWrapUpRequestInitiate) => console.log(data.callId));
 * ```
 */
export type UserWrapUpRequestInitiate = RteEventMap['UserWrapUpRequestInitiate'];

/**
 * Data of the `UserWrapUpRequestTerminate` event.
 *
 * @example
 * ```ts
 * import type { UserWrapUpRequestTerminate } from 'enreach-rte';
 *
 * rte.on('UserWrapUpRequestTerminate', (data: UserWrapUpRequestTerminate) => console.log(data.reason));
 * ```
 */
export type UserWrapUpRequestTerminate = RteEventMap['UserWrapUpRequestTerminate'];

/**
 * Data of the `UserWrapUpStarted` event.
 *
 * @example
 * ```ts
 * import type { UserWrapUpStarted } from 'enreach-rte';
 *
 * rte.on('UserWrapUpStarted', (data: UserWrapUpStarted) => console.log(data.callId));
 * ```
 */
export type UserWrapUpStarted = RteEventMap['UserWrapUpStarted'];

/**
 * Data of the `UserWrapUpTerminated` event.
 *
 * @example
 * ```ts
 * import type { UserWrapUpTerminated } from 'enreach-rte';
 *
 * rte.on('UserWrapUpTerminated', (data: UserWrapUpTerminated) => console.log(data.reason));
 * ```
 */
export type UserWrapUpTerminated = RteEventMap['UserWrapUpTerminated'];

/**
 * Data of the `QueueStatus` event.
 *
 * @example
 * ```ts
 * import type { QueueStatus } from 'enreach-rte';
 *
 * rte.on('QueueStatus', (data: QueueStatus) => console.log(data.queueName));
 * ```
 */
export type QueueStatus = RteEventMap['QueueStatus'];

/**
 * Data of the `CallbackChanged` event.
 *
 * @example
 * ```ts
 * import type { CallbackChanged } from 'enreach-rte';
 *
 * rte.on('CallbackChanged', (data: CallbackChanged) => console.log(data.contactNumber));
 * ```
 */
export type CallbackChanged = RteEventMap['CallbackChanged'];

/**
 * The reference's `QueueAttachedUser` type.
 *
 * @example
 * ```ts
 * import type { QueueAttachedUser } from 'enreach-rte';
 *
 * const show = (item: QueueAttachedUser) => console.log(item.userId);
 * ```
 */
export type QueueAttachedUser = RteHelperMap['QueueAttachedUser'];

/**
 * The reference's `QueueGroup` type.
 *
 * @example
 * ```ts
 * import type { QueueGroup } from 'enreach-rte';
 *
 * const show = (item: QueueGroup) => console.log(item.name);
 * ```
 */
export type QueueGroup = RteHelperMap['QueueGroup'];

/**
 * The reference's `CallbackAttempt` type.
 *
 * @example
 * ```ts
 * import type { CallbackAttempt } from 'enreach-rte';
 *
 * const show = (item: CallbackAttempt) => console.log(item.callId);
 * ```
 */
export type CallbackAttempt = RteHelperMap['CallbackAttempt'];

/**
 * The reference's `CallbackExtra` type.
 *
 * @example
 * ```ts
 * import type { CallbackExtra } from 'enreach-rte';
 *
 * const show = (item: CallbackExtra) => console.log(item.name);
 * ```
 */
export type CallbackExtra = RteHelperMap['CallbackExtra'];

/**
 * The reference's `CallbackRelatedItem` type.
 *
 * @example
 * ```ts
 * import type { CallbackRelatedItem } from 'enreach-rte';
 *
 * const show = (item: CallbackRelatedItem) => console.log(item.listId);
 * ```
 */
export type CallbackRelatedItem = RteHelperMap['CallbackRelatedItem'];
