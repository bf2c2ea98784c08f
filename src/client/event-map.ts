import type { ConnectionState, DisconnectCause, StateChange } from '../connection/connection.ts';
import type { RefusedSubscription, RteValidationIssue } from '../errors/event-errors.ts';
import type { RteClientError } from '../errors/union.ts';
import type { RteSubscription } from '../events/decode.ts';
import type { LiveOnlyEventName } from '../events/live-names.ts';
import type { RteEventData, RteEventName } from '../events/registry.ts';
import type { PairRef, StalePair } from '../state/gap.ts';

/**
 * Data of an event the SDK has no schema for: the payload as received, keys in camelCase.
 *
 * @example
 * ```ts
 * import type { UntypedEventData } from 'enreach-rte';
 *
 * rte.on('QueueCallInArrived', (data: UntypedEventData) => console.log(data.callerNumber));
 * ```
 */
export type UntypedEventData = Record<string, unknown>;

/**
 * The subscription an event arrived for, as the hub describes it (keys in camelCase).
 *
 * @example
 * ```ts
 * import type { RteSubscriptionInfo } from 'enreach-rte';
 *
 * const describe = (s: RteSubscriptionInfo) => `${s.eventType} for ${s.entityType} ${s.entityId}`;
 * rte.on('*', (message) => console.log(describe(message.subscription)));
 * ```
 */
export type RteSubscriptionInfo = RteSubscription;

/**
 * Every event name a listener can ask for by name: documented ones (typed) and live-only ones (untyped).
 *
 * @example
 * ```ts
 * import type { RteListenableEventName } from 'enreach-rte';
 *
 * const watched: RteListenableEventName[] = ['UserStatus', 'QueueCallInArrived'];
 * ```
 */
export type RteListenableEventName = RteEventName | LiveOnlyEventName;

/**
 * One event as delivered: the typed data plus where it came from. Listeners get `data` as their
 * first argument and this whole object as the second.
 *
 * @example
 * ```ts
 * import type { RteMessage } from 'enreach-rte';
 *
 * const log = (message: RteMessage) => console.log(message.name, message.known, message.subscription.entityId);
 * rte.on('*', log);
 * ```
 */
export interface RteMessage<N extends string = string> {
  /** Canonical event name (`UserStatus`), or the name as received for events without a schema. */
  readonly name: N;
  /** The event's data: typed for documented events, a plain record (keys in camelCase) for others. */
  readonly data: RteEventData<N>;
  /** The subscription the event arrived for, as the hub describes it. */
  readonly subscription: RteSubscriptionInfo;
  /** The `MessageReceived` argument exactly as it arrived. */
  readonly raw: unknown;
  /** Schema problems found in `data` (empty when valid, always empty with validation `'off'`). */
  readonly issues: readonly RteValidationIssue[];
  /** Whether the SDK has a schema for this event. */
  readonly known: boolean;
}

/**
 * Sent on `resynced` after every reconnect, once the subscriptions have been replayed and every
 * snapshot loader has answered (or the wait was cut short by `invokeTimeoutMs` or another drop).
 *
 * @example
 * ```ts
 * import type { ResyncedEvent } from 'enreach-rte';
 *
 * rte.on('resynced', (info: ResyncedEvent) => {
 *   console.log(`back after ${info.downtimeMs} ms, ${info.restored} restored`);
 *   if (info.mayHaveMissedEvents) void refetchFromRest();
 * });
 * ```
 */
export interface ResyncedEvent {
  /** How long the client was without a connection, in ms. */
  readonly downtimeMs: number;
  /** Why the connection was lost, when the client could tell. */
  readonly cause: DisconnectCause | undefined;
  /** Pairs the hub confirmed again. */
  readonly restored: number;
  /** Pairs the hub refused this time; they are removed. */
  readonly refused: readonly RefusedSubscription[];
  /** Pairs still unconfirmed after transient failures; retried in the background. */
  readonly pending: number;
  /**
   * Pairs held by subscription handles that held a value when the connection dropped (they went
   * `'stale'`): for how long (`staleForMs`, from the last frame received before the drop) and what
   * restored them (`'event'`, `'snapshot'`, or `undefined` while still stale).
   */
  readonly stale: readonly StalePair[];
  /** How many pairs their snapshot loaders restored. */
  readonly restoredBySnapshot: number;
  /**
   * Pairs that may have missed events: RTE does not buffer events for a dropped connection, so
   * every pair without a snapshot loader (including pairs subscribed with `subscribe()`), and every
   * pair whose loader failed or had not answered, may have missed what happened meanwhile.
   */
  readonly missed: readonly PairRef[];
  /**
   * True when {@link ResyncedEvent.missed} is not empty; false when a snapshot loader restored
   * every pair. Refetch current state over your REST API for the missed pairs if it matters.
   */
  readonly mayHaveMissedEvents: boolean;
}

/**
 * Lifecycle events, with lower-case names so they never collide with RTE event names.
 *
 * @example
 * ```ts
 * import type { RteLifecycleEvents } from 'enreach-rte';
 *
 * const onState: RteLifecycleEvents['state'] = (change) => console.log(`${change.previous} -> ${change.state}`);
 * rte.on('state', onState);
 * ```
 */
export interface RteLifecycleEvents {
  /** The connection state changed. */
  state: (change: StateChange) => void;
  /** Subscriptions were replayed after a reconnect. */
  resynced: (event: ResyncedEvent) => void;
  /**
   * Something went wrong: validation, a throwing listener, a refused subscription, auth, transport.
   * The union of the concrete classes: `error.code` narrows to one of them.
   */
  error: (error: RteClientError) => void;
}

/**
 * Listener signature for each name `on()` accepts.
 *
 * @example
 * ```ts
 * import type { RteClientEvents } from 'enreach-rte';
 *
 * const onQueue: RteClientEvents['QueueStatus'] = (queue, message) => console.log(queue.queueName, message.raw);
 * rte.on('QueueStatus', onQueue);
 * ```
 */
export type RteClientEvents = {
  [N in RteListenableEventName]: (data: RteEventData<N>, message: RteMessage<N>) => void;
} & RteLifecycleEvents & {
    /** Catch-all: every RTE event, including names the SDK has never heard of. */
    '*': (message: RteMessage) => void;
  };

/**
 * Any name `on()` accepts.
 *
 * @example
 * ```ts
 * import type { RteClientEventName } from 'enreach-rte';
 *
 * const names: RteClientEventName[] = ['UserStatus', 'resynced', 'error', '*'];
 * ```
 */
export type RteClientEventName = keyof RteClientEvents;

export type { ConnectionState, DisconnectCause, StateChange };
