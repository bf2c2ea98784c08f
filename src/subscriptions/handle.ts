import type { ListenerOptions } from '../client/emitter.ts';
import type { RteMessage } from '../client/event-map.ts';
import {
  RteSubscriptionClosedError,
  RteSubscriptionError,
  type SubscriptionRefusalReason,
} from '../errors/event-errors.ts';
import { RteAbortError } from '../errors/transport-errors.ts';
import type { RteEventData } from '../events/registry.ts';
import type { EntityCell } from '../state/entity-cell.ts';
import type { EntitySnapshot, Freshness, SnapshotLoader } from '../state/snapshot.ts';
import type { DesiredSubscription } from './registry.ts';
import type { PairChange } from './sync.ts';

/**
 * Where one subscription handle stands.
 *
 * - `pending`: asked for, not confirmed by the hub yet (or not connected yet).
 * - `live`: the hub confirmed it on the current connection; events flow.
 * - `resubscribing`: it was live, the connection dropped; it is replayed after the reconnect.
 * - `refused`: the hub said no for good (`reason`, `message` say why). Final.
 * - `closed`: the handle let go of the pair (`unsubscribe()`, `unsubscribeAll()`). Final.
 *
 * @example
 * ```ts
 * import type { SubscriptionState } from 'enreach-rte';
 *
 * const flowing = (state: SubscriptionState) => state === 'live';
 * console.log(flowing(rte.subscription('QueueStatus', queueId).state));
 * ```
 */
export type SubscriptionState = 'pending' | 'live' | 'resubscribing' | 'refused' | 'closed';

/**
 * Everything a handle knows about its pair, as one immutable value: replaced (never mutated) on each
 * transition, so it can serve as an external store's snapshot.
 *
 * @example
 * ```ts
 * import type { SubscriptionSnapshot } from 'enreach-rte';
 *
 * const sub = rte.subscription('UserStatus', userId);
 * const snapshot: SubscriptionSnapshot = sub.snapshot;
 * console.log(snapshot.state, snapshot.reason ?? '');
 * ```
 */
export interface SubscriptionSnapshot {
  /** Where the handle stands. */
  readonly state: SubscriptionState;
  /** Why the hub refused it (only when `refused`). */
  readonly reason: SubscriptionRefusalReason | undefined;
  /** The hub's own words for the refusal (only when `refused`). */
  readonly message: string | undefined;
}

/**
 * What a handle's listener receives as data: typed for documented events, a plain record (keys in
 * camelCase) for others.
 *
 * @example
 * ```ts
 * import type { HandleEventData } from 'enreach-rte';
 *
 * const onQueue = (queue: HandleEventData<'QueueStatus'>) => console.log(queue.queueName);
 * rte.subscription('QueueStatus', queueId).on(onQueue);
 * ```
 */
export type HandleEventData<N extends string> = RteEventData<N>;

/**
 * Options of {@link RteClient.subscription}.
 *
 * @example
 * ```ts
 * import type { SubscriptionOptions, QueueStatus } from 'enreach-rte';
 *
 * const options: SubscriptionOptions<QueueStatus> = {
 *   getState: async (queueId, { signal }) => (await fetch(`/api/queues/${queueId}`, { signal })).json(),
 * };
 * const sub = rte.subscription('QueueStatus', queueId, options);
 * ```
 */
export interface SubscriptionOptions<T> {
  /**
   * Loads the entity's state on first subscribe and after every gap (state the hub does not send).
   * Overrides the client's `getState` for this event name. The pair's first handle decides: handles
   * of a pair share its value, and its loader.
   */
  readonly getState?: SnapshotLoader<T> | undefined;
}

/**
 * One (event name, entity id) pair as an object, from {@link RteClient.subscription}. It holds one
 * reference on the pair until `unsubscribe()` (or `using`); its listeners get the events of that
 * pair only. It also keeps the pair's last value (`latest`, `updatedAt`) and how far to trust it
 * (`freshness`), and is an external store (`subscribe`, `getSnapshot`) that React's
 * `useSyncExternalStore` takes as is.
 *
 * @example
 * ```ts
 * import { RteClient } from 'enreach-rte';
 *
 * const sub = rte.subscription('QueueStatus', queueId);
 * const off = sub.on((queue) => console.log(queue.queueName, queue.nbrOfQueuingRequesters));
 * await sub.ready({ signal: AbortSignal.timeout(10_000) });
 * console.log(sub.state); // 'live'
 * off();
 * sub.unsubscribe();
 * ```
 */
export interface SubscriptionHandle<N extends string = string> extends Disposable {
  /** The event name (canonical when the SDK knows the event). */
  readonly eventName: N;
  /** The user, queue or call list id, as given. */
  readonly entityId: string;
  /** Where the handle stands now. */
  readonly state: SubscriptionState;
  /** Why the hub refused the pair, when `state` is `refused`. */
  readonly reason: SubscriptionRefusalReason | undefined;
  /** The hub's message for the refusal, when `state` is `refused`. */
  readonly message: string | undefined;
  /** The current state and refusal details as one value, replaced on every change. */
  readonly snapshot: SubscriptionSnapshot;
  /** The last value of the pair (the newest event's data, or what the snapshot loader returned), or `undefined`. */
  readonly latest: HandleEventData<N> | undefined;
  /** When {@link SubscriptionHandle.latest} arrived, in ms since the epoch, or `undefined`. */
  readonly updatedAt: number | undefined;
  /** `'empty'` (nothing yet), `'live'` (received since the last (re)subscribe) or `'stale'` (predates a gap). */
  readonly freshness: Freshness;
  /**
   * The pair's state, freshness, last value and loader error as one frozen value; a new object
   * only when one of them changed. After `unsubscribe()` it keeps the last value with `state: 'closed'`.
   */
  getSnapshot(): EntitySnapshot<HandleEventData<N>>;
  /** Calls `onChange` after every change of {@link SubscriptionHandle.getSnapshot}; returns the function that stops it. */
  subscribe(onChange: () => void): () => void;
  /**
   * Listens to the events of this pair only. Returns the function that removes the listener; the
   * signal removes it too, and so does closing the handle.
   */
  on(
    listener: (data: HandleEventData<N>, message: RteMessage<N>) => unknown,
    options?: ListenerOptions,
  ): () => void;
  /**
   * Resolves when the pair is live (at once if it is). Rejects with `RteSubscriptionError` when the
   * hub refuses it, `RteSubscriptionClosedError` when the handle is closed first, `RteAbortError`
   * when the signal fires.
   */
  ready(options?: { signal?: AbortSignal }): Promise<void>;
  /** Drops this handle's reference (the hub is told when it was the last one). Idempotent. */
  unsubscribe(): void;
  /** Same as `unsubscribe()`, for `using sub = rte.subscription(…)`. */
  [Symbol.dispose](): void;
}

/** What a handle needs from the client that made it. */
export interface HandleHost {
  /** Adds a listener for the events of one pair. */
  listen(
    key: string,
    listener: (data: unknown, message: unknown) => unknown,
    options?: ListenerOptions,
  ): () => void;
  /** Drops the handle's reference on its entry. */
  release(handle: Handle, entry: DesiredSubscription): void;
  /** A `subscribe(onChange)` listener threw (the others still ran). */
  storeListenerFailed?(handle: Handle, error: unknown): void;
}

type HandleEvent = PairChange | { readonly kind: 'closed' };

const PENDING: SubscriptionSnapshot = { state: 'pending', reason: undefined, message: undefined };
const LIVE: SubscriptionSnapshot = { state: 'live', reason: undefined, message: undefined };
const RESUBSCRIBING: SubscriptionSnapshot = { state: 'resubscribing', reason: undefined, message: undefined };
const CLOSED: SubscriptionSnapshot = { state: 'closed', reason: undefined, message: undefined };
/** What a handle shows until its pair's cell exists (the client creates cells when it first connects). */
const NO_VALUE: EntitySnapshot<never> = Object.freeze({
  state: 'pending',
  freshness: 'empty',
  latest: undefined,
  updatedAt: undefined,
  error: undefined,
});

/**
 * The one transition function of a handle. `refused` and `closed` are final; a drop makes a live
 * handle `resubscribing` (a pending one stays `pending`); a confirmation makes it `live`.
 */
export function nextSnapshot(current: SubscriptionSnapshot, event: HandleEvent): SubscriptionSnapshot {
  if (current.state === 'refused' || current.state === 'closed') return current;
  switch (event.kind) {
    case 'live':
      return LIVE;
    case 'pending':
      return current.state === 'live' ? RESUBSCRIBING : current;
    case 'refused':
      return { state: 'refused', reason: event.reason, message: event.message };
    default:
      return CLOSED;
  }
}

/** The handle behind {@link SubscriptionHandle}. */
export class Handle<N extends string = string> implements SubscriptionHandle<N> {
  readonly eventName: N;
  readonly entityId: string;
  readonly #key: string;
  readonly #host: HandleHost;
  readonly #entry: DesiredSubscription;
  readonly #offs = new Set<() => void>();
  /** Called after every change of `snapshot`: the one hook readiness (and any store) hangs on. */
  readonly #watchers = new Set<() => void>();
  /** The pair's value, shared with the other handles of the pair; `undefined` until the client connects. */
  #cell: EntityCell<unknown> | undefined;
  readonly #storeListeners = new Set<() => void>();
  #offCell: (() => void) | undefined;
  #snapshot: SubscriptionSnapshot;
  /** The last value of the cell with `state: 'closed'`, once this handle is closed. */
  #closedSnapshot: EntitySnapshot<unknown> | undefined;

  constructor(
    eventName: N,
    entityId: string,
    entry: DesiredSubscription,
    host: HandleHost,
    cell: EntityCell<unknown> | undefined,
  ) {
    this.eventName = eventName;
    this.entityId = entityId;
    this.#key = entry.key;
    this.#entry = entry;
    this.#host = host;
    this.#snapshot = entry.status === 'subscribed' ? LIVE : PENDING;
    if (cell !== undefined) this.attach(cell);
  }

  /** @internal Gives the handle its pair's cell (once): from then on it shows and follows the cell's value. */
  attach(cell: EntityCell<unknown>): void {
    if (this.#cell !== undefined || this.#closedSnapshot !== undefined) return;
    this.#cell = cell;
    this.#offCell = cell.subscribe(() => this.#storeChanged());
    const value = cell.getSnapshot();
    if (
      value.state !== NO_VALUE.state ||
      value.freshness !== NO_VALUE.freshness ||
      value.latest !== undefined ||
      value.updatedAt !== undefined ||
      value.error !== undefined
    )
      this.#storeChanged();
  }

  get latest(): HandleEventData<N> | undefined {
    return this.getSnapshot().latest;
  }

  get updatedAt(): number | undefined {
    return this.getSnapshot().updatedAt;
  }

  get freshness(): Freshness {
    return this.getSnapshot().freshness;
  }

  getSnapshot = (): EntitySnapshot<HandleEventData<N>> =>
    (this.#closedSnapshot ?? this.#cell?.getSnapshot() ?? NO_VALUE) as EntitySnapshot<HandleEventData<N>>;

  subscribe = (onChange: () => void): (() => void) => {
    if (typeof onChange !== 'function') throw new TypeError('enreach-rte: onChange must be a function');
    // A wrapper per call, so that subscribing the same function twice needs two unsubscribes.
    const listener = () => onChange();
    if (this.#closedSnapshot === undefined) this.#storeListeners.add(listener);
    return () => {
      this.#storeListeners.delete(listener);
    };
  };

  /** @internal The registry entry this handle holds a reference on. */
  get entry(): DesiredSubscription {
    return this.#entry;
  }

  get snapshot(): SubscriptionSnapshot {
    return this.#snapshot;
  }

  get state(): SubscriptionState {
    return this.#snapshot.state;
  }

  get reason(): SubscriptionRefusalReason | undefined {
    return this.#snapshot.reason;
  }

  get message(): string | undefined {
    return this.#snapshot.message;
  }

  on(
    listener: (data: HandleEventData<N>, message: RteMessage<N>) => unknown,
    options: ListenerOptions = {},
  ): () => void {
    if (typeof listener !== 'function') throw new TypeError('enreach-rte: the listener must be a function');
    if (this.#final()) return () => undefined;
    const off = this.#host.listen(
      this.#key,
      listener as (data: unknown, message: unknown) => unknown,
      options,
    );
    const remove = () => {
      this.#offs.delete(remove);
      off();
    };
    this.#offs.add(remove);
    return remove;
  }

  ready(options: { signal?: AbortSignal } = {}): Promise<void> {
    const { signal } = options;
    const verdict = this.#verdict();
    if (verdict !== undefined) return verdict;
    if (signal?.aborted) return Promise.reject(new RteAbortError('ready() was aborted'));
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        unwatch();
        reject(new RteAbortError('ready() was aborted'));
      };
      const unwatch = this.watch(() => {
        const settled = this.#verdict();
        if (settled === undefined) return;
        unwatch();
        signal?.removeEventListener('abort', onAbort);
        settled.then(resolve, reject);
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  unsubscribe(): void {
    if (this.#snapshot.state === 'closed') return;
    const refused = this.#snapshot.state === 'refused';
    this.apply({ kind: 'closed' });
    if (!refused) this.#host.release(this as unknown as Handle, this.#entry);
    this.#closeListeners();
  }

  [Symbol.dispose](): void {
    this.unsubscribe();
  }

  /**
   * @internal Calls `onChange` after every change of `snapshot` until the returned function is
   * called: the one notification path (`ready()` uses it; an external store would too).
   */
  watch(onChange: () => void): () => void {
    this.#watchers.add(onChange);
    return () => this.#watchers.delete(onChange);
  }

  /** @internal Applies a change of the pair (or the handle's own closing): the only way state changes. */
  apply(event: HandleEvent): void {
    const next = nextSnapshot(this.#snapshot, event);
    if (next === this.#snapshot) return;
    this.#snapshot = next;
    if (this.#final()) this.#closeListeners();
    for (const watch of [...this.#watchers]) watch();
    if (next.state === 'closed') this.#closeStore();
  }

  /** The pair's value changed (or its state): tell this handle's store listeners. */
  #storeChanged(): void {
    for (const listener of [...this.#storeListeners]) {
      try {
        listener();
      } catch (error) {
        this.#host.storeListenerFailed?.(this as unknown as Handle, error);
      }
    }
  }

  /** From now on the handle shows the pair's last value as `closed`, and tells nobody any more. */
  #closeStore(): void {
    this.#offCell?.();
    this.#offCell = undefined;
    const last = this.#cell?.getSnapshot() ?? NO_VALUE;
    this.#closedSnapshot =
      last.state === 'closed' ? last : Object.freeze({ ...last, state: 'closed' as const });
    this.#storeChanged();
    this.#storeListeners.clear();
  }

  #final(): boolean {
    return this.#snapshot.state === 'refused' || this.#snapshot.state === 'closed';
  }

  #closeListeners(): void {
    for (const off of [...this.#offs]) off();
  }

  /** A settled promise once `ready()` can answer, undefined while it must wait. */
  #verdict(): Promise<void> | undefined {
    const { state, reason, message } = this.#snapshot;
    if (state === 'live') return Promise.resolve();
    if (state === 'refused')
      return Promise.reject(
        new RteSubscriptionError([
          {
            eventName: this.eventName,
            entityId: this.entityId,
            message: message ?? 'Refused',
            reason: reason ?? 'other',
          },
        ]),
      );
    if (state === 'closed')
      return Promise.reject(new RteSubscriptionClosedError(this.eventName, this.entityId));
    return undefined;
  }
}
