import type { RteClientEventName, RteClientEvents, RteMessage } from '../../src/client/event-map.ts';
import type { ConnectionState } from '../../src/connection/connection.ts';
import type { RteEventData } from '../../src/events/registry.ts';
import type {
  RteEntityStore,
  RteReactClient,
  RteSubscriptionHandle,
  RteSubscriptionOptions,
} from '../../src/react/client.ts';
import { EntityCell } from '../../src/state/entity-cell.ts';
import { EntityStore } from '../../src/state/entity-store.ts';
import { subscriptionKey } from '../../src/subscriptions/registry.ts';

interface Pair {
  readonly eventName: string;
  readonly entityId: string;
  refs: number;
  readonly cell: EntityCell<unknown>;
  readonly listeners: Set<(data: unknown, message: RteMessage) => void>;
}

/**
 * An in-memory client with the promises of the real one: handles are reference-counted per pair
 * (one hub subscription however many handles), a pair's cell lives as long as its last handle,
 * and a drop makes every pair resubscribe. Counts every retain and release.
 */
export class FakeClient implements RteReactClient {
  state: ConnectionState = 'connected';
  retains = 0;
  releases = 0;
  /** Every hub Subscribe/Unsubscribe the client would send, in order. */
  readonly hubLog: string[] = [];
  readonly #pairs = new Map<string, Pair>();
  readonly #listeners = new Map<string, Set<(...args: unknown[]) => void>>();

  /** The pairs the hub holds, as `EventName entityId` with their reference counts. */
  hub(): Record<string, number> {
    return Object.fromEntries([...this.#pairs.values()].map((p) => [`${p.eventName} ${p.entityId}`, p.refs]));
  }

  listenerCount(name: string): number {
    return this.#listeners.get(name)?.size ?? 0;
  }

  on<N extends RteClientEventName>(name: N, listener: RteClientEvents[N]): () => void {
    const set = this.#listeners.get(name) ?? new Set();
    this.#listeners.set(name, set);
    // A wrapper per call, as the real emitter: the same function twice is two listeners.
    const wrapped = (...args: unknown[]) => (listener as (...a: unknown[]) => void)(...args);
    set.add(wrapped);
    return () => {
      set.delete(wrapped);
    };
  }

  subscription<N extends string>(
    eventName: N,
    entityId: string,
    options?: RteSubscriptionOptions<RteEventData<N>>,
  ): RteSubscriptionHandle<RteEventData<N>> {
    type T = RteEventData<N>;
    this.retains++;
    const key = subscriptionKey(eventName, entityId);
    let pair = this.#pairs.get(key);
    if (pair === undefined) {
      const cell = new EntityCell<unknown>({
        entityId,
        getState: options?.getState as never,
        sleep: () => new Promise(() => undefined),
        onError: () => undefined,
      });
      pair = { eventName, entityId, refs: 0, cell, listeners: new Set() };
      this.#pairs.set(key, pair);
      this.hubLog.push(`Subscribe ${eventName} ${entityId}`);
      if (this.state === 'connected') cell.setState('live');
    }
    pair.refs++;
    const owned = pair;
    const mine = new Set<() => void>();
    let disposed = false;
    return {
      getSnapshot: owned.cell.getSnapshot as RteSubscriptionHandle<T>['getSnapshot'],
      subscribe: owned.cell.subscribe,
      on: (listener) => {
        const wrapped = listener as (data: unknown, message: RteMessage) => void;
        owned.listeners.add(wrapped);
        const off = () => owned.listeners.delete(wrapped);
        mine.add(off);
        return off;
      },
      [Symbol.dispose]: () => {
        if (disposed) return;
        disposed = true;
        this.releases++;
        for (const off of mine) off();
        owned.refs--;
        if (owned.refs === 0) {
          this.#pairs.delete(key);
          owned.cell.dispose();
          this.hubLog.push(`Unsubscribe ${owned.eventName} ${owned.entityId}`);
        }
      },
    };
  }

  store<N extends string>(eventName: N, ids?: Iterable<string>): RteEntityStore<RteEventData<N>> {
    return new EntityStore<RteEventData<N>>(
      eventName,
      (name, id) => this.subscription(name as N, id),
      ids ?? [],
    );
  }

  /** The hub sends an event of a pair. */
  emit(eventName: string, entityId: string, data: unknown): void {
    const pair = this.#pairs.get(subscriptionKey(eventName, entityId));
    const message = { name: eventName, data, subscription: { entityId }, raw: data, issues: [], known: true };
    pair?.cell.receive(data);
    for (const listener of pair?.listeners ?? []) listener(data, message as unknown as RteMessage);
    for (const listener of this.#listeners.get(eventName) ?? []) listener(data, message);
  }

  /** The connection drops: every pair resubscribes. */
  drop(): void {
    this.#setState('reconnecting');
    for (const pair of this.#pairs.values()) pair.cell.setState('resubscribing');
  }

  /** The connection is back and every pair was confirmed again. */
  reconnect(): void {
    this.#setState('connected');
    for (const pair of this.#pairs.values()) pair.cell.setState('live');
    for (const listener of this.#listeners.get('resynced') ?? []) listener({ downtimeMs: 0 });
  }

  #setState(state: ConnectionState): void {
    const previous = this.state;
    this.state = state;
    for (const listener of this.#listeners.get('state') ?? []) listener({ state, previous });
  }
}
