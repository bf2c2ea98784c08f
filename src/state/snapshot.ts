/**
 * What one (event name, entity id) pair knows about its entity, as an immutable value that UI
 * frameworks can compare by identity.
 */

/**
 * How current the last value of a pair is.
 *
 * - `'empty'`: nothing received yet, neither an event nor a snapshot.
 * - `'live'`: the value was received since the last (re)subscribe, or restored by a snapshot loader.
 * - `'stale'`: the value predates a gap (set on every drop, cleared by the next event or snapshot).
 *
 * @example
 * ```ts
 * import type { Freshness } from 'enreach-rte/react';
 *
 * const opacity = (freshness: Freshness) => (freshness === 'live' ? 1 : 0.5);
 * ```
 *
 * @example
 * ```ts
 * import type { Freshness } from 'enreach-rte';
 *
 * const current = (freshness: Freshness) => freshness === 'live';
 * console.log(current(rte.subscription('QueueStatus', queueId).freshness));
 * ```
 */
export type Freshness = 'empty' | 'live' | 'stale';

/**
 * Where the hub stands on a pair, as its subscription handle reports it.
 *
 * @example
 * ```ts
 * import type { EntityHandleState } from 'enreach-rte/react';
 *
 * const waiting = (state: EntityHandleState) => state === 'pending' || state === 'resubscribing';
 * ```
 *
 * @example
 * ```ts
 * import type { EntityHandleState } from 'enreach-rte';
 *
 * const state: EntityHandleState = rte.subscription('QueueStatus', queueId).getSnapshot().state;
 * ```
 */
export type EntityHandleState = 'pending' | 'live' | 'resubscribing' | 'refused' | 'closed';

/**
 * Everything a pair knows, frozen. A new object is made only when one of its fields changed, so
 * `previous === next` means "nothing to re-render" (React's `useSyncExternalStore` contract).
 *
 * @example
 * ```ts
 * import type { EntitySnapshot } from 'enreach-rte/react';
 * import type { QueueStatus } from 'enreach-rte';
 *
 * const label = (s: EntitySnapshot<QueueStatus>) =>
 *   s.latest === undefined ? 'no data yet' : `${s.latest.nbrOfQueuingRequesters} waiting (${s.freshness})`;
 * ```
 */
export interface EntitySnapshot<T> {
  /** Where the hub stands on the pair. */
  readonly state: EntityHandleState;
  /** How current {@link EntitySnapshot.latest} is. */
  readonly freshness: Freshness;
  /** The last value: the newest event's data, or what a snapshot loader returned; `undefined` when empty. */
  readonly latest: T | undefined;
  /** When {@link EntitySnapshot.latest} arrived (ms since the epoch, by the injected clock), or `undefined`. */
  readonly updatedAt: number | undefined;
  /**
   * The last failure of the pair (its snapshot loader failing), cleared once the pair is restored;
   * `undefined` when there is none.
   */
  readonly error?: unknown;
}

/**
 * An external store in React's sense: `subscribe(onChange) → unsubscribe` plus a `getSnapshot()`
 * whose identity changes only when something changed.
 *
 * @example
 * ```ts
 * import type { ExternalStore } from 'enreach-rte/react';
 *
 * function logChanges<S>(store: ExternalStore<S>): () => void {
 *   return store.subscribe(() => console.log(store.getSnapshot()));
 * }
 * ```
 *
 * @example
 * ```ts
 * import type { ExternalStore, EntitySnapshot, QueueStatus } from 'enreach-rte';
 *
 * const queue: ExternalStore<EntitySnapshot<QueueStatus>> = rte.subscription('QueueStatus', queueId);
 * ```
 */
export interface ExternalStore<S> {
  /** Calls `onChange` after every change of the snapshot; returns the function that stops it. */
  subscribe(onChange: () => void): () => void;
  /** The current immutable snapshot. */
  getSnapshot(): S;
}

/**
 * Loads the current state of one entity from wherever the app keeps it (usually a REST call), for
 * state the hub does not send: it is called on first subscribe and after every gap. Resolving
 * `undefined` means "no state to restore". Abort the request when `signal` aborts (the pair was
 * dropped again or disposed).
 *
 * @example
 * ```ts
 * import type { SnapshotLoader } from 'enreach-rte/react';
 * import type { QueueStatus } from 'enreach-rte';
 *
 * const loadQueue: SnapshotLoader<QueueStatus> = async (queueId, { signal }) => {
 *   const response = await fetch(`/api/queues/${queueId}/status`, { signal });
 *   if (!response.ok) throw new Error(`queue status: HTTP ${response.status}`);
 *   return (await response.json()) as QueueStatus;
 * };
 * ```
 */
export type SnapshotLoader<T> = (
  entityId: string,
  context: { readonly signal: AbortSignal },
) => Promise<T | undefined> | T | undefined;
