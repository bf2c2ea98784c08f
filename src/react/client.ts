/**
 * The part of the client the React bindings use, as a structural type: an `RteClient` satisfies it,
 * and so does any test double that keeps the same promises.
 */
import type { RteClientEventName, RteClientEvents, RteMessage } from '../client/event-map.ts';
import type { SubscribableEventName } from '../client/rte-client.ts';
import type { ConnectionState } from '../connection/connection.ts';
import type { RteEventData } from '../events/registry.ts';
import type { EntityStoreSnapshot } from '../state/entity-store.ts';
import type { EntitySnapshot, ExternalStore, SnapshotLoader } from '../state/snapshot.ts';

/**
 * Options of a subscription handle.
 *
 * @example
 * ```ts
 * import type { RteSubscriptionOptions } from 'enreach-rte/react';
 * import type { QueueStatus } from 'enreach-rte';
 *
 * const options: RteSubscriptionOptions<QueueStatus> = {
 *   getState: async (queueId, { signal }) => (await fetch(`/api/queues/${queueId}`, { signal })).json(),
 * };
 * ```
 */
export interface RteSubscriptionOptions<T> {
  /** Loads the entity's state on first subscribe and after every gap (state the hub does not send). */
  readonly getState?: SnapshotLoader<T> | undefined;
}

/**
 * One (event name, entity id) pair the app holds: an external store of its {@link EntitySnapshot},
 * its events, and the release of the hub subscription. Handles are reference-counted by the client:
 * two handles of one pair make one hub subscription, released with the last of them.
 *
 * @example
 * ```ts
 * import type { RteSubscriptionHandle } from 'enreach-rte/react';
 * import type { UserStatus } from 'enreach-rte';
 *
 * function follow(handle: RteSubscriptionHandle<UserStatus>): () => void {
 *   const offEvents = handle.on((status) => console.log(status.userId, status.talking));
 *   const offState = handle.subscribe(() => console.log(handle.getSnapshot().freshness));
 *   return () => {
 *     offEvents();
 *     offState();
 *     handle[Symbol.dispose]();
 *   };
 * }
 * ```
 */
export interface RteSubscriptionHandle<T> extends ExternalStore<EntitySnapshot<T>> {
  /** Calls `listener` with every event of the pair; returns the function that removes it. */
  on(listener: (data: T, message: RteMessage) => void): () => void;
  /** Releases the handle (and the hub subscription, with the last handle of the pair). */
  [Symbol.dispose](): void;
}

/**
 * Many pairs of one event name as one external store.
 *
 * @example
 * ```ts
 * import type { RteEntityStore } from 'enreach-rte/react';
 * import type { QueueStatus } from 'enreach-rte';
 *
 * function watchQueues(store: RteEntityStore<QueueStatus>, queueIds: string[]): void {
 *   store.add(queueIds);
 *   store.subscribe(() => console.log(`${store.getSnapshot().size} queues`));
 * }
 * ```
 */
export interface RteEntityStore<T> extends ExternalStore<EntityStoreSnapshot<T>> {
  /** Adds entities (ids already held are left as they are). */
  add(ids: Iterable<string> | string): void;
  /** Removes entities and releases their subscriptions. */
  delete(ids: Iterable<string> | string): void;
  /** `[entityId, snapshot]` of every entity, in the order they were added. */
  entries(): Iterable<[string, EntitySnapshot<T>]>;
  /** Releases every entity and stops the store. */
  [Symbol.dispose](): void;
}

/**
 * What the React bindings need of a client: `RteClient` is one. Written as a structural type so
 * that tests can hand `RteProvider` a double.
 *
 * @example
 * ```ts
 * import type { RteReactClient } from 'enreach-rte/react';
 *
 * const describe = (client: RteReactClient) => `the client is ${client.state}`;
 * ```
 */
export interface RteReactClient {
  /** Where the connection stands. */
  readonly state: ConnectionState;
  /** Listens to an RTE event or a lifecycle event; returns the function that removes the listener. */
  on<N extends RteClientEventName>(name: N, listener: RteClientEvents[N]): () => void;
  /** A new handle of the pair (reference-counted: the hub subscription lasts while any handle does). */
  subscription<N extends SubscribableEventName>(
    eventName: N,
    entityId: string,
    options?: RteSubscriptionOptions<RteEventData<N>>,
  ): RteSubscriptionHandle<RteEventData<N>>;
  /** A new store of entities of one event name. */
  store<N extends SubscribableEventName>(
    eventName: N,
    ids?: Iterable<string>,
  ): RteEntityStore<RteEventData<N>>;
}
