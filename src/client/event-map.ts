import type { ConnectionState, DisconnectCause, StateChange } from '../connection/connection.ts';
import type { RefusedSubscription, RteValidationIssue } from '../errors/event-errors.ts';
import type { RteError } from '../errors/rte-error.ts';
import type { LiveOnlyEventName } from '../events/live-names.ts';
import type { RteEventData, RteEventName } from '../events/registry.ts';

/** Data of an event the SDK has no schema for: the payload as received, keys in camelCase. */
export type UntypedEventData = Record<string, unknown>;

/** The subscription an event arrived for, as the hub describes it (keys in camelCase). */
export interface RteSubscriptionInfo {
  readonly id?: string;
  readonly entityId?: string;
  readonly entityType?: string;
  readonly eventType?: string;
  readonly eventName?: string;
  readonly organizationId?: string;
  readonly rootEntityId?: string;
  readonly rootEntityType?: string;
  readonly [key: string]: unknown;
}

/** Every event name a listener can ask for by name: documented ones (typed) and live-only ones (untyped). */
export type RteListenableEventName = RteEventName | LiveOnlyEventName;

/**
 * One event as delivered: the typed data plus where it came from. Listeners get `data` as their
 * first argument and this whole object as the second.
 */
export interface RteMessage<N extends string = string> {
  /** Canonical event name (`UserStatus`), or the name as received for events without a schema. */
  readonly name: N;
  readonly data: RteEventData<N>;
  readonly subscription: RteSubscriptionInfo;
  /** The `MessageReceived` argument exactly as it arrived. */
  readonly raw: unknown;
  /** Schema problems found in `data` (empty when valid, always empty with validation `'off'`). */
  readonly issues: readonly RteValidationIssue[];
  /** Whether the SDK has a schema for this event. */
  readonly known: boolean;
}

/** Sent on `resynced` after every reconnect, once the subscriptions have been replayed. */
export interface ResyncedEvent {
  /** How long the client was without a connection, in ms. */
  readonly downtimeMs: number;
  readonly cause: DisconnectCause | undefined;
  /** Pairs the hub confirmed again. */
  readonly restored: number;
  /** Pairs the hub refused this time; they are removed. */
  readonly refused: readonly RefusedSubscription[];
  /** Pairs still unconfirmed after transient failures; retried in the background. */
  readonly pending: number;
  /**
   * Always true: RTE does not buffer events for a dropped connection, so anything that happened
   * during `downtimeMs` was not delivered. Refetch current state over the REST API if it matters.
   */
  readonly mayHaveMissedEvents: true;
}

/** Lifecycle events, with lower-case names so they never collide with RTE event names. */
export interface RteLifecycleEvents {
  /** The connection state changed. */
  state: (change: StateChange) => void;
  /** Subscriptions were replayed after a reconnect. */
  resynced: (event: ResyncedEvent) => void;
  /** Something went wrong: validation, a throwing listener, a refused subscription, auth, transport. */
  error: (error: RteError) => void;
}

/** Listener signature for each name `on()` accepts. */
export type RteClientEvents = {
  [N in RteListenableEventName]: (data: RteEventData<N>, message: RteMessage<N>) => void;
} & RteLifecycleEvents & {
    /** Catch-all: every RTE event, including names the SDK has never heard of. */
    '*': (message: RteMessage) => void;
  };

/** Any name `on()` accepts. */
export type RteClientEventName = keyof RteClientEvents;

export type { ConnectionState, DisconnectCause, StateChange };
