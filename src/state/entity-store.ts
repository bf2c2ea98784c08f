/**
 * Many pairs of one event name as one external store: the entity map every dashboard writes by hand.
 */
import { subscriptionKey } from '../subscriptions/registry.ts';
import type { EntitySnapshot, ExternalStore } from './snapshot.ts';

/**
 * What an entity store needs of one pair: its external store and a way to let go of it. A
 * subscription handle is one (disposing it releases its hub subscription).
 *
 * @example
 * ```ts
 * import type { EntitySource } from 'enreach-rte/react';
 * import type { QueueStatus } from 'enreach-rte';
 *
 * const describe = (source: EntitySource<QueueStatus>) => source.getSnapshot().freshness;
 * ```
 */
export interface EntitySource<T> extends ExternalStore<EntitySnapshot<T>> {
  /** Releases the pair: the store calls it once, when the entity leaves the store or the store is disposed. */
  [Symbol.dispose](): void;
}

/** Opens the pair (eventName, entityId): the client's `subscription(eventName, entityId)`. */
export type OpenEntity<T> = (eventName: string, entityId: string) => EntitySource<T>;

/**
 * The entities of a store at one moment, frozen. Ids are compared as the hub compares them (GUIDs
 * in any of their spellings, case-insensitively); each entity keeps the spelling it was added with.
 *
 * @example
 * ```ts
 * import type { EntityStoreSnapshot } from 'enreach-rte/react';
 * import type { QueueStatus } from 'enreach-rte';
 *
 * const waiting = (queues: EntityStoreSnapshot<QueueStatus>) =>
 *   queues.entries.reduce((sum, [, q]) => sum + (q.latest?.nbrOfQueuingRequesters ?? 0), 0);
 * ```
 */
export interface EntityStoreSnapshot<T> {
  /** Every entity, in the order they were added: `[entityId, snapshot]`. */
  readonly entries: readonly (readonly [string, EntitySnapshot<T>])[];
  /** The number of entities. */
  readonly size: number;
  /** The snapshot of one entity, or `undefined` when the store does not hold it. */
  get(entityId: string): EntitySnapshot<T> | undefined;
}

interface Entry<T> {
  readonly entityId: string;
  readonly source: EntitySource<T>;
  readonly unsubscribe: () => void;
}

function idsOf(ids: Iterable<string> | string | undefined): string[] {
  if (ids === undefined) return [];
  const list = typeof ids === 'string' ? [ids] : [...ids];
  for (const id of list) {
    if (typeof id !== 'string' || id === '')
      throw new TypeError('enreach-rte: every entity id of a store must be a non-empty string');
  }
  return list;
}

/**
 * The entities of one event name, each through its own source (a subscription handle), as one
 * external store: what `rte.store(eventName, ids)` returns. Holds nothing but its sources: deleting
 * an entity disposes its source, so memory is bounded by what is held.
 *
 * @example
 * ```ts
 * import type { EntityStore, QueueStatus } from 'enreach-rte';
 *
 * const queues: EntityStore<QueueStatus> = rte.store('QueueStatus', [queueA, queueB]);
 * queues.subscribe(() => console.log(queues.get(queueA)?.freshness));
 * queues.delete(queueB);
 * queues.dispose();
 * ```
 */
export class EntityStore<T> implements ExternalStore<EntityStoreSnapshot<T>>, Disposable {
  /** The event name of every entity of the store. */
  readonly eventName: string;
  readonly #open: OpenEntity<T>;
  readonly #entries = new Map<string, Entry<T>>();
  readonly #listeners = new Set<() => void>();
  #snapshot: EntityStoreSnapshot<T> | undefined;
  #disposed = false;

  /** A store over `open`, holding `ids` at first; prefer `rte.store(eventName, ids)`. */
  constructor(eventName: string, open: OpenEntity<T>, ids?: Iterable<string> | string) {
    if (typeof eventName !== 'string' || eventName === '')
      throw new TypeError('enreach-rte: an entity store needs a non-empty event name');
    if (typeof open !== 'function')
      throw new TypeError('enreach-rte: an entity store needs an open function');
    this.eventName = eventName;
    this.#open = open;
    this.add(ids ?? []);
  }

  /** The number of entities held. */
  get size(): number {
    return this.#entries.size;
  }

  /** Whether the store holds this entity (ids compared as the hub compares them). */
  has(entityId: string): boolean {
    return this.#entries.has(this.#key(entityId));
  }

  /** The current snapshot of one entity, or `undefined` when the store does not hold it. */
  get(entityId: string): EntitySnapshot<T> | undefined {
    return this.#entries.get(this.#key(entityId))?.source.getSnapshot();
  }

  /** `[entityId, snapshot]` of every entity, in the order they were added. */
  *entries(): IterableIterator<[string, EntitySnapshot<T>]> {
    for (const entry of [...this.#entries.values()]) yield [entry.entityId, entry.source.getSnapshot()];
  }

  /** Adds entities (ids already held are left as they are). */
  add(ids: Iterable<string> | string): void {
    this.#assertOpen();
    let changed = false;
    for (const entityId of idsOf(ids)) {
      const key = this.#key(entityId);
      if (this.#entries.has(key)) continue;
      const source = this.#open(this.eventName, entityId);
      const unsubscribe = source.subscribe(() => this.#changed());
      this.#entries.set(key, { entityId, source, unsubscribe });
      changed = true;
    }
    if (changed) this.#changed();
  }

  /** Removes entities and releases their sources (unknown ids are ignored). */
  delete(ids: Iterable<string> | string): void {
    if (this.#disposed) return;
    let changed = false;
    for (const entityId of idsOf(ids)) {
      const key = this.#key(entityId);
      const entry = this.#entries.get(key);
      if (entry === undefined) continue;
      this.#entries.delete(key);
      entry.unsubscribe();
      entry.source[Symbol.dispose]();
      changed = true;
    }
    if (changed) this.#changed();
  }

  /** Calls `onChange` after any entity changed, or one was added or removed; returns the function that stops it. */
  subscribe = (onChange: () => void): (() => void) => {
    const listener = () => onChange();
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  /** Every entity's snapshot as one frozen value, new only when something changed. */
  getSnapshot = (): EntityStoreSnapshot<T> => {
    if (this.#snapshot !== undefined) return this.#snapshot;
    const entries = Object.freeze(
      [...this.#entries.values()].map(
        (entry) =>
          Object.freeze([entry.entityId, entry.source.getSnapshot()]) as readonly [string, EntitySnapshot<T>],
      ),
    );
    const byKey = new Map(entries.map((entry) => [this.#key(entry[0]), entry[1]]));
    const key = (id: string) => this.#key(id);
    this.#snapshot = Object.freeze({
      entries,
      size: entries.length,
      get: (entityId: string) => byKey.get(key(entityId)),
    });
    return this.#snapshot;
  };

  /** Releases every source and stops the store. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    const entries = [...this.#entries.values()];
    this.#entries.clear();
    this.#snapshot = undefined;
    for (const entry of entries) {
      entry.unsubscribe();
      entry.source[Symbol.dispose]();
    }
    this.#listeners.clear();
  }

  /** Same as `dispose()`, for `using store = rte.store(…)`. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  #key(entityId: string): string {
    return subscriptionKey(this.eventName, entityId);
  }

  #assertOpen(): void {
    if (this.#disposed) throw new TypeError('enreach-rte: this entity store was disposed');
  }

  #changed(): void {
    this.#snapshot = undefined;
    // Every listener runs; the first failure is passed on to whoever reported the change.
    let failure: { error: unknown } | undefined;
    for (const listener of [...this.#listeners]) {
      try {
        listener();
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure !== undefined) throw failure.error;
  }
}
