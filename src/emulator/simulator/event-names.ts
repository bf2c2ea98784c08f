/**
 * Every event name the simulator publishes, grouped by the kind of entity it is published for:
 * `user` events carry a user id, `queue` events a queue id, `callList` events a call list id.
 * `QueueCallInComing` and `QueueCallInUserConnected` are live-service events the reference does not
 * document, so they reach clients untyped.
 *
 * @example
 * ```ts
 * import { createSimulator, simulatedEventNames } from 'enreach-rte/emulator';
 *
 * const simulator = createSimulator({ publish: () => {} });
 * const subscriptions = simulator.directory.agents.flatMap((agent) =>
 *   simulatedEventNames.user.map((eventName) => ({ entityId: agent.userId, eventName })),
 * );
 * ```
 */
export const simulatedEventNames = Object.freeze({
  /** Events published for agents (subscribe with a user id). */
  user: Object.freeze([
    'UserAvailability',
    'UserStatus',
    'UserCallInComing',
    'UserCallInArrived',
    'UserCallInUserAllocated',
    'UserCallInUserConnected',
    'UserCallInUserCancelled',
    'UserCallInHoldStart',
    'UserCallInHoldEnd',
    'UserCallInDisconnected',
    'UserCallInOverflow',
    'UserCallInUserOverflow',
    'UserCallInCallbackCreated',
    'UserCallOutGoing',
    'UserCallOutConnected',
    'UserCallOutDisconnected',
    'UserWrapUpEnabled',
    'UserWrapUpStarted',
    'UserWrapUpRequestTerminate',
    'UserWrapUpTerminated',
  ] as const),
  /** Events published for queues (subscribe with a queue id). */
  queue: Object.freeze(['QueueStatus', 'QueueCallInComing', 'QueueCallInUserConnected'] as const),
  /** Events published for call lists (subscribe with a call list id). */
  callList: Object.freeze(['CallbackChanged'] as const),
});
