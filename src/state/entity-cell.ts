/**
 * The last value of one (event name, entity id) pair, how current it is, and its reconciliation
 * with snapshot loaders. Pure logic: no socket, clock and timers injected.
 */
import { backoffDelay, sleep as defaultSleep } from '../connection/backoff.ts';
import { parseRteTime } from '../events/time.ts';
import type {
  EntityHandleState,
  EntitySnapshot,
  ExternalStore,
  Freshness,
  SnapshotLoader,
} from './snapshot.ts';

/** Why a cell reports something it cannot handle itself. */
export type CellErrorContext =
  | {
      readonly kind: 'loader';
      readonly entityId: string;
      /** 1 for the first call after a (re)subscribe. */
      readonly attempt: number;
      /** When the next call is made, or `undefined` when there is none (an event restored the pair). */
      readonly retryInMs: number | undefined;
    }
  | { readonly kind: 'listener'; readonly entityId: string };

/** Options of {@link EntityCell}. */
export interface EntityCellOptions<T> {
  readonly entityId: string;
  /** Loads the entity's state on first subscribe and after every gap. */
  readonly getState?: SnapshotLoader<T> | undefined;
  /** Reads a value's time, in ms; `undefined` when it has none. Defaults to the payload's `timestamp`. */
  readonly timestampOf?: ((data: T) => number | undefined) | undefined;
  /** A loader failure (retried) or a throwing change listener (the others still run). */
  readonly onError?: ((error: unknown, context: CellErrorContext) => void) | undefined;
  /**
   * Turns a loader failure into what the snapshot's `error` holds and `onError` receives (a typed
   * error, say). Defaults to the failure as thrown.
   */
  readonly loaderError?:
    | ((error: unknown, context: CellErrorContext & { kind: 'loader' }) => unknown)
    | undefined;
  /** Backoff of loader retries. */
  readonly retry?: { readonly baseDelayMs: number; readonly maxDelayMs: number } | undefined;
  readonly now?: (() => number) | undefined;
  readonly random?: (() => number) | undefined;
  readonly sleep?: ((ms: number, signal: AbortSignal) => Promise<void>) | undefined;
}

/** How a pair came through one gap, for the `resynced` accounting. */
export interface GapRecovery {
  /** When the cell heard of the drop (by the injected clock). */
  readonly droppedAt: number;
  /** Whether the pair held a value when the gap began, i.e. went stale. */
  readonly wentStale: boolean;
  /** Whether the pair has a snapshot loader. */
  readonly hadLoader: boolean;
  /** What made the pair live again, or `undefined` while it is not. */
  readonly restoredBy: 'event' | 'snapshot' | undefined;
  /** When it became live again. */
  readonly restoredAt: number | undefined;
  /** Whether a loader call failed during this gap. */
  readonly loaderFailed: boolean;
  /** Whether the outcome is known: restored, loader failed once, no loader and resubscribed, or closed. */
  readonly settled: boolean;
}

/** Default backoff of loader retries: as the connection's, from 1 s up to 30 s. */
export const LOADER_RETRY_DEFAULTS = { baseDelayMs: 1000, maxDelayMs: 30_000 } as const;

interface Value<T> {
  readonly data: T;
  readonly time: number | undefined;
}

interface Load<T> {
  readonly controller: AbortController;
  /** Events that arrived while the loader runs, in arrival order. */
  held: Value<T>[];
  /** True while waiting for the next retry, when events are applied at once. */
  waiting: boolean;
  attempt: number;
}

type MutableRecovery = { -readonly [K in keyof GapRecovery]: GapRecovery[K] };

/** The payload's `timestamp` (RTE's `DateTime` string) in ms. */
export function payloadTimestamp(data: unknown): number | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const value = (data as { timestamp?: unknown }).timestamp;
  if (typeof value !== 'string') return undefined;
  return parseRteTime(value)?.getTime();
}

/** Whether `candidate` may replace `current`: never a value with an older timestamp than the current one. */
function supersedes(candidate: Value<unknown>, current: Value<unknown> | undefined): boolean {
  if (current === undefined) return true;
  if (candidate.time === undefined || current.time === undefined) return true;
  return candidate.time >= current.time;
}

/**
 * One pair's entity state. The owner (a subscription handle) forwards its state changes with
 * {@link EntityCell.setState} and every decoded event with {@link EntityCell.receive}; the cell
 * keeps `latest`, `updatedAt` and `freshness`, runs the snapshot loader when due, and publishes an
 * immutable {@link EntitySnapshot} through the external-store contract.
 *
 * Ordering: a value never replaces one with a newer timestamp (the payload's `timestamp`), so a
 * late snapshot never overwrites a newer event and an old event never overwrites a newer snapshot.
 * Values without a readable timestamp go by arrival; a snapshot counts as arriving before every
 * event held while it loaded.
 */
export class EntityCell<T> implements ExternalStore<EntitySnapshot<T>>, Disposable {
  readonly entityId: string;
  readonly #loader: SnapshotLoader<T> | undefined;
  readonly #timestampOf: (data: T) => number | undefined;
  readonly #onError: ((error: unknown, context: CellErrorContext) => void) | undefined;
  readonly #loaderError: EntityCellOptions<T>['loaderError'];
  readonly #retry: { readonly baseDelayMs: number; readonly maxDelayMs: number };
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly #listeners = new Set<() => void>();

  #snapshot: EntitySnapshot<T>;
  #current: Value<T> | undefined;
  /** When #current arrived. */
  #updatedAt: number | undefined;
  /** A gap (or the first subscribe) has not been followed by a loader call yet. */
  #loadDue = true;
  #load: Load<T> | undefined;
  #recovery: MutableRecovery | undefined;
  #settleWaiters: (() => void)[] = [];
  #idleWaiters: (() => void)[] = [];

  constructor(options: EntityCellOptions<T>) {
    if (typeof options.entityId !== 'string' || options.entityId === '')
      throw new TypeError('enreach-rte: an entity cell needs a non-empty entityId');
    if (options.getState !== undefined && typeof options.getState !== 'function')
      throw new TypeError('enreach-rte: getState must be a function');
    this.entityId = options.entityId;
    this.#loader = options.getState;
    this.#timestampOf = options.timestampOf ?? payloadTimestamp;
    this.#onError = options.onError;
    this.#loaderError = options.loaderError;
    this.#retry = options.retry ?? LOADER_RETRY_DEFAULTS;
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
    this.#sleep = options.sleep ?? defaultSleep;
    this.#snapshot = Object.freeze({
      state: 'pending',
      freshness: 'empty',
      latest: undefined,
      updatedAt: undefined,
      error: undefined,
    });
  }

  getSnapshot = (): EntitySnapshot<T> => this.#snapshot;

  subscribe = (onChange: () => void): (() => void) => {
    // A wrapper per call, so that subscribing the same function twice needs two unsubscribes.
    const listener = () => onChange();
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  /** Whether a loader call (or the wait before its retry) is in progress. */
  get loading(): boolean {
    return this.#load !== undefined;
  }

  /** How the pair came through the last gap, or `undefined` before the first drop. */
  get recovery(): GapRecovery | undefined {
    return this.#recovery === undefined ? undefined : { ...this.#recovery };
  }

  /** Resolves once the outcome of the last gap is known (at once when there was none). */
  whenRecoverySettled(): Promise<void> {
    if (this.#recovery === undefined || this.#recovery.settled) return Promise.resolve();
    return new Promise((resolve) => this.#settleWaiters.push(resolve));
  }

  /** Resolves when no loader call or retry is in progress. */
  whenIdle(): Promise<void> {
    if (this.#load === undefined) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /**
   * Mirrors the handle's state. `'live'` (the hub confirmed the pair after a subscribe or a
   * resubscribe) calls the loader when one is due; `'resubscribing'` is a gap (see
   * {@link EntityCell.drop}); `'refused'` stops loading and leaves a held value stale;
   * `'closed'` disposes the cell.
   */
  setState(state: EntityHandleState): void {
    const previous = this.#snapshot.state;
    if (previous === 'closed' || state === previous) return;
    switch (state) {
      case 'closed':
        this.dispose();
        return;
      case 'resubscribing':
        this.#gap('resubscribing');
        return;
      case 'refused':
        this.#abortLoad(true);
        this.#settle();
        this.#commit({
          state,
          freshness: this.#current === undefined ? 'empty' : 'stale',
          ...this.#valueFields(),
        });
        return;
      case 'live':
        this.#commit({ state });
        this.#maybeLoad();
        return;
      case 'pending':
        this.#commit({ state });
        return;
    }
  }

  /**
   * The connection dropped: a held value becomes stale, a loader in progress is aborted (events it
   * held are kept), and the loader is due again at the next `setState('live')`. Every call is a gap.
   */
  drop(): void {
    if (this.#snapshot.state === 'closed' || this.#snapshot.state === 'refused') return;
    this.#gap(this.#snapshot.state === 'pending' ? 'pending' : 'resubscribing');
  }

  /** An event of the pair arrived (decoded data). Held while the loader runs, else applied at once. */
  receive(data: T): void {
    const state = this.#snapshot.state;
    if (state === 'closed' || state === 'refused') return;
    const value: Value<T> = { data, time: this.#readTime(data) };
    const load = this.#load;
    if (load !== undefined && !load.waiting) {
      load.held.push(value);
      return;
    }
    // An event carries the entity's whole state: it restores the pair, no retry needed.
    if (load !== undefined) this.#abortLoad(false);
    this.#restore('event', [value]);
  }

  /** Aborts the loader and stops the cell for good (`state: 'closed'`). */
  dispose(): void {
    if (this.#snapshot.state === 'closed') return;
    this.#abortLoad(false);
    this.#settle();
    this.#commit({ state: 'closed' });
    this.#listeners.clear();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  #gap(state: EntityHandleState): void {
    const held = this.#load?.held ?? [];
    this.#abortLoad(false);
    // Events held by the aborted load were received before the drop: they are the latest we know.
    for (const value of held) this.#take(value);
    this.#settle();
    this.#loadDue = true;
    this.#recovery = {
      droppedAt: this.#now(),
      wentStale: this.#current !== undefined,
      hadLoader: this.#loader !== undefined,
      restoredBy: undefined,
      restoredAt: undefined,
      loaderFailed: false,
      settled: false,
    };
    this.#commit({
      state,
      freshness: this.#current === undefined ? 'empty' : 'stale',
      ...this.#valueFields(),
    });
  }

  #maybeLoad(): void {
    if (!this.#loadDue || this.#load !== undefined) return;
    this.#loadDue = false;
    const loader = this.#loader;
    if (loader === undefined) {
      // Nothing to wait for: whatever comes next is an event.
      if (this.#recovery !== undefined && this.#recovery.restoredBy === undefined) this.#settle();
      return;
    }
    const load: Load<T> = { controller: new AbortController(), held: [], waiting: false, attempt: 0 };
    this.#load = load;
    void this.#run(loader, load);
  }

  async #run(loader: SnapshotLoader<T>, load: Load<T>): Promise<void> {
    const { signal } = load.controller;
    for (;;) {
      load.attempt++;
      let result: T | undefined;
      try {
        result = await loader(this.entityId, { signal });
      } catch (error) {
        if (signal.aborted || this.#load !== load) return;
        const delay = this.#loaderFailed(error, load);
        if (delay === undefined || this.#load !== load) return;
        try {
          await this.#sleep(delay, signal);
        } catch {
          return;
        }
        if (signal.aborted || this.#load !== load) return;
        load.waiting = false;
        continue;
      }
      if (signal.aborted || this.#load !== load) return;
      this.#finishLoad();
      const snapshot = result === undefined ? [] : [{ data: result, time: this.#readTime(result) }];
      this.#restore('snapshot', [...snapshot, ...load.held]);
      return;
    }
  }

  /** Reports a failed call; returns the delay before the next one, or `undefined` when none is needed. */
  #loaderFailed(failure: unknown, load: Load<T>): number | undefined {
    if (this.#recovery !== undefined) this.#recovery.loaderFailed = true;
    const held = load.held;
    load.held = [];
    if (held.length > 0) {
      // Events arrived while it loaded: they carry the whole state, so the pair is restored anyway
      // (and the failure only reported).
      this.#finishLoad();
      this.#restore('event', held);
      const context = {
        kind: 'loader',
        entityId: this.entityId,
        attempt: load.attempt,
        retryInMs: undefined,
      } as const;
      this.#report(this.#typed(failure, context), context);
      return undefined;
    }
    load.waiting = true;
    this.#settle();
    // Retry number `attempt` (1 after the first failure): never immediate, as backoffDelay(0) would be.
    const delay = Math.max(
      1,
      backoffDelay(load.attempt, { ...this.#retry, maxAttempts: Number.POSITIVE_INFINITY }, this.#random),
    );
    const context = {
      kind: 'loader',
      entityId: this.entityId,
      attempt: load.attempt,
      retryInMs: delay,
    } as const;
    const error = this.#typed(failure, context);
    this.#commit({ error });
    this.#report(error, context);
    return delay;
  }

  #typed(failure: unknown, context: CellErrorContext & { kind: 'loader' }): unknown {
    if (this.#loaderError === undefined) return failure;
    try {
      return this.#loaderError(failure, context);
    } catch {
      return failure;
    }
  }

  /** The pair is current again: takes the values in order and clears the error. */
  #restore(by: 'event' | 'snapshot', values: readonly Value<T>[]): void {
    for (const value of values) this.#take(value);
    const recovery = this.#recovery;
    if (recovery !== undefined && recovery.restoredBy === undefined) {
      recovery.restoredBy = by;
      recovery.restoredAt = this.#now();
    }
    this.#settle();
    const freshness: Freshness = this.#current === undefined ? 'empty' : 'live';
    this.#commit({ freshness, error: undefined, ...this.#valueFields() });
  }

  #take(value: Value<T>): void {
    if (!supersedes(value, this.#current)) return;
    this.#current = value;
    this.#updatedAt = this.#now();
  }

  #valueFields(): Pick<EntitySnapshot<T>, 'latest' | 'updatedAt'> {
    return {
      latest: this.#current?.data,
      updatedAt: this.#current === undefined ? undefined : this.#updatedAt,
    };
  }

  #readTime(data: T): number | undefined {
    try {
      const time = this.#timestampOf(data);
      return typeof time === 'number' && Number.isFinite(time) ? time : undefined;
    } catch {
      return undefined;
    }
  }

  #finishLoad(): void {
    this.#load = undefined;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  #abortLoad(keepHeld: boolean): void {
    const load = this.#load;
    if (load === undefined) return;
    this.#finishLoad();
    load.controller.abort();
    if (!keepHeld) return;
    for (const value of load.held) this.#take(value);
  }

  #settle(): void {
    if (this.#recovery !== undefined) this.#recovery.settled = true;
    const waiters = this.#settleWaiters;
    // Every event restores the cell: only a wait that is really pending allocates anything.
    if (waiters.length === 0) return;
    this.#settleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  #report(error: unknown, context: CellErrorContext): void {
    try {
      this.#onError?.(error, context);
    } catch {
      // A failing error callback must not stop the cell.
    }
  }

  /** The one place the snapshot changes: a new frozen object only when a field differs. */
  #commit(patch: Partial<EntitySnapshot<T>>): void {
    const previous = this.#snapshot;
    const next: EntitySnapshot<T> = { ...previous, ...patch };
    if (
      next.state === previous.state &&
      next.freshness === previous.freshness &&
      next.latest === previous.latest &&
      next.updatedAt === previous.updatedAt &&
      next.error === previous.error
    )
      return;
    this.#snapshot = Object.freeze(next);
    for (const listener of [...this.#listeners]) {
      try {
        listener();
      } catch (error) {
        this.#report(error, { kind: 'listener', entityId: this.entityId });
      }
    }
  }
}
