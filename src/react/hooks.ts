/**
 * Hooks over the client's external stores. Every hub subscription is a reference-counted handle
 * acquired in an effect and released in its cleanup, so StrictMode's double mount neither loses
 * nor duplicates one.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { RteClientEventName, RteClientEvents } from '../client/event-map.ts';
import type { SubscribableEventName } from '../client/rte-client.ts';
import type { ConnectionState } from '../connection/connection.ts';
import type { RteEventData } from '../events/registry.ts';
import type { EntityStoreSnapshot } from '../state/entity-store.ts';
import type { EntityHandleState, EntitySnapshot, Freshness, SnapshotLoader } from '../state/snapshot.ts';
import { subscriptionKey } from '../subscriptions/registry.ts';
import type {
  RteEntityStore,
  RteReactClient,
  RteSubscriptionHandle,
  RteSubscriptionOptions,
} from './client.ts';
import { useRteClient } from './provider.ts';

/**
 * What {@link useRteSubscription} returns: the pair's last value and how far to trust it. A new
 * object only when one of its fields changed.
 *
 * @example
 * ```ts
 * import type { RteSubscriptionView } from 'enreach-rte/react';
 * import type { UserStatus } from 'enreach-rte';
 *
 * const text = (view: RteSubscriptionView<UserStatus>) =>
 *   view.data === undefined ? 'loading' : `${view.data.talking ? 'talking' : 'idle'} (${view.freshness})`;
 * ```
 */
export interface RteSubscriptionView<T> {
  /** The last value of the pair: the newest event's data or what the snapshot loader returned. */
  readonly data: T | undefined;
  /** `'empty'`, `'live'` or `'stale'` (the value predates a gap). */
  readonly freshness: Freshness;
  /** Where the hub stands on the pair; `'pending'` until the handle is acquired, `'closed'` without an entity id. */
  readonly state: EntityHandleState;
  /** When `data` arrived (ms since the epoch). */
  readonly updatedAt: number | undefined;
  /** The last failure of the pair's snapshot loader, until it is restored. */
  readonly error: unknown;
}

const PENDING: EntitySnapshot<never> = Object.freeze({
  state: 'pending',
  freshness: 'empty',
  latest: undefined,
  updatedAt: undefined,
  error: undefined,
});

const WITHOUT_ENTITY: EntitySnapshot<never> = Object.freeze({ ...PENDING, state: 'closed' });

const EMPTY_STORE: EntityStoreSnapshot<never> = Object.freeze({
  entries: Object.freeze([]),
  size: 0,
  get: () => undefined,
});

const noSubscription = () => () => undefined;

/** A resource together with what it was acquired for, so that a render never reads a stale one. */
interface Held<R> {
  readonly resource: R;
  readonly client: RteReactClient;
  readonly key: string;
}

/**
 * The last value of one (event name, entity id) pair, its freshness and the state of its hub
 * subscription. Subscribes while the component is mounted (one reference-counted handle); pass
 * `null` or `undefined` as the entity id to subscribe to nothing. `options.getState` is read when
 * the handle is acquired; later changes of the function are used without resubscribing.
 *
 * @example
 * ```ts
 * import { createElement } from 'react';
 * import { useRteSubscription } from 'enreach-rte/react';
 *
 * function QueueTile({ queueId }: { queueId: string }) {
 *   const { data, freshness } = useRteSubscription('QueueStatus', queueId);
 *   return createElement(
 *     'div',
 *     { style: { opacity: freshness === 'stale' ? 0.5 : 1 } },
 *     data === undefined ? '…' : `${data.queueName}: ${data.nbrOfQueuingRequesters} waiting`,
 *   );
 * }
 * ```
 */
export function useRteSubscription<N extends SubscribableEventName>(
  eventName: N,
  entityId: string | null | undefined,
  options?: RteSubscriptionOptions<RteEventData<N>>,
): RteSubscriptionView<RteEventData<N>> {
  type T = RteEventData<N>;
  const client = useRteClient();
  const loader = useRef<SnapshotLoader<T> | undefined>(options?.getState);
  useEffect(() => {
    loader.current = options?.getState;
  });
  const withLoader = options?.getState !== undefined;
  const wanted = entityId === null || entityId === undefined || entityId === '' ? undefined : entityId;
  const key = wanted === undefined ? '' : `${subscriptionKey(eventName, wanted)}\u0000${withLoader}`;

  const [held, setHeld] = useState<Held<RteSubscriptionHandle<T>> | undefined>(undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for eventName, the id and the loader's presence.
  useEffect(() => {
    if (wanted === undefined) return undefined;
    const handle = client.subscription(
      eventName,
      wanted,
      withLoader ? { getState: (id, context) => loader.current?.(id, context) } : undefined,
    );
    setHeld({ resource: handle, client, key });
    return () => handle[Symbol.dispose]();
    // The key names the pair as the hub does: another spelling of the same id keeps the handle.
  }, [client, key]);

  const handle = held !== undefined && held.client === client && held.key === key ? held.resource : undefined;
  const placeholder: EntitySnapshot<T> = wanted === undefined ? WITHOUT_ENTITY : PENDING;
  const subscribe = useCallback(
    (onChange: () => void) => (handle === undefined ? noSubscription() : handle.subscribe(onChange)),
    [handle],
  );
  const getSnapshot = useCallback(
    () => (handle === undefined ? placeholder : handle.getSnapshot()),
    [handle, placeholder],
  );
  const snapshot = useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
  return useMemo(
    () => ({
      data: snapshot.latest,
      freshness: snapshot.freshness,
      state: snapshot.state,
      updatedAt: snapshot.updatedAt,
      error: snapshot.error,
    }),
    [snapshot],
  );
}

/**
 * The entities of one event name as one snapshot: what a wallboard draws. The store follows `ids`
 * (compared by content, so a new array with the same ids changes nothing); each entity is one
 * reference-counted hub subscription, released when it leaves `ids` or the component unmounts.
 *
 * @example
 * ```ts
 * import { createElement } from 'react';
 * import { useRteStore } from 'enreach-rte/react';
 *
 * function Queues({ queueIds }: { queueIds: string[] }) {
 *   const queues = useRteStore('QueueStatus', queueIds);
 *   return createElement(
 *     'ul',
 *     null,
 *     queues.entries.map(([id, queue]) =>
 *       createElement('li', { key: id, className: queue.freshness }, queue.latest?.queueName ?? id),
 *     ),
 *   );
 * }
 * ```
 */
export function useRteStore<N extends SubscribableEventName>(
  eventName: N,
  ids: Iterable<string> | null | undefined,
): EntityStoreSnapshot<RteEventData<N>> {
  type T = RteEventData<N>;
  const client = useRteClient();
  const list = ids === null || ids === undefined ? [] : [...ids];
  const idsKey = list.join('\u0000');
  const latestIds = useRef(list);
  latestIds.current = list;

  const [held, setHeld] = useState<Held<RteEntityStore<T>> | undefined>(undefined);
  useEffect(() => {
    const store = client.store(eventName, latestIds.current);
    setHeld({ resource: store, client, key: eventName });
    return () => store[Symbol.dispose]();
  }, [client, eventName]);

  const store =
    held !== undefined && held.client === client && held.key === eventName ? held.resource : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: idsKey stands for the content of the id list.
  useEffect(() => {
    if (store === undefined) return;
    const wanted = latestIds.current;
    store.add(wanted);
    const keep = new Set(wanted.map((id) => subscriptionKey(eventName, id)));
    const gone = [...store.entries()]
      .map(([id]) => id)
      .filter((id) => !keep.has(subscriptionKey(eventName, id)));
    if (gone.length > 0) store.delete(gone);
  }, [store, eventName, idsKey]);

  const subscribe = useCallback(
    (onChange: () => void) => (store === undefined ? noSubscription() : store.subscribe(onChange)),
    [store],
  );
  const getSnapshot = useCallback(
    (): EntityStoreSnapshot<T> => (store === undefined ? EMPTY_STORE : store.getSnapshot()),
    [store],
  );
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

/**
 * The client's connection state (`idle`, `connecting`, `connected`, `reconnecting`,
 * `disconnected`), re-rendering when it changes.
 *
 * @example
 * ```ts
 * import { createElement } from 'react';
 * import { useRteConnectionState } from 'enreach-rte/react';
 *
 * function ConnectionBadge() {
 *   const state = useRteConnectionState();
 *   return createElement('span', { className: `badge ${state}` }, state);
 * }
 * ```
 */
export function useRteConnectionState(): ConnectionState {
  const client = useRteClient();
  const subscribe = useCallback((onChange: () => void) => client.on('state', () => onChange()), [client]);
  const getSnapshot = useCallback(() => client.state, [client]);
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

/**
 * Calls `listener` for every event of a name (or a lifecycle event such as `resynced` or `error`)
 * while the component is mounted. It does not subscribe on the hub: pair it with
 * {@link useRteSubscription} or {@link useRteStore} for the entities. The latest `listener` is
 * called; a new function on each render does not re-register it.
 *
 * @example
 * ```ts
 * import { useRteEvent } from 'enreach-rte/react';
 *
 * function CallToasts({ onCall }: { onCall: (number: string) => void }) {
 *   useRteEvent('UserCallInComing', (call) => onCall(call.callerNumber ?? 'unknown'));
 *   return null;
 * }
 * ```
 */
export function useRteEvent<N extends RteClientEventName>(eventName: N, listener: RteClientEvents[N]): void {
  const client = useRteClient();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => {
    const forward = (...args: unknown[]) => (latest.current as (...a: unknown[]) => void)(...args);
    return client.on(eventName, forward as RteClientEvents[N]);
  }, [client, eventName]);
}
