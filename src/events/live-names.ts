/**
 * Event names the live RTE service offers beyond the published reference. The SDK has no schema for
 * them: they reach `on(name)` and catch-all listeners untyped, with their data as received.
 *
 * @example
 * ```ts
 * import { liveOnlyEventNames } from 'enreach-rte';
 * console.log(liveOnlyEventNames.includes('QueueCallInComing')); // true
 * ```
 */
export const liveOnlyEventNames = [
  'QueueCallInComing',
  'QueueCallInArrived',
  'QueueCallInUserAllocated',
  'QueueCallInUserConnected',
  'QueueCallInUserCancelled',
  'QueueCallInOverflow',
  'QueueCallInTransferStarted',
  'QueueCallInTransferConnected',
  'QueueCallInTransferCancelled',
  'QueueCallInDisconnected',
  'UserCallbackChanged',
  'UserQueueAlert',
  'UserContactCard',
  'UserAction',
  'UserActionMobileCall',
  'UserConfigurationSetNextCLI',
  'CallbackCreated',
  'CallbackUpdated',
  'CallbackClosed',
] as const;

/**
 * An event name the live service offers but the reference does not document.
 *
 * @example
 * ```ts
 * import type { LiveOnlyEventName } from 'enreach-rte';
 *
 * const queueCalls: LiveOnlyEventName[] = ['QueueCallInArrived', 'QueueCallInDisconnected'];
 * ```
 */
export type LiveOnlyEventName = (typeof liveOnlyEventNames)[number];
