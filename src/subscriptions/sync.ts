import { backoffDelay } from '../connection/backoff.ts';
import {
  type RefusedSubscription,
  RteSubscriptionFailedError,
  type SubscriptionRefusalReason,
} from '../errors/event-errors.ts';
import type { RteError } from '../errors/rte-error.ts';
import type { SafeLogger } from '../logging/logger.ts';
import type { ReconnectPolicy } from '../options.ts';
import type { readSubscribeResults } from './hub-results.ts';
import {
  type DesiredSubscription,
  type HubPair,
  type Outcome,
  type OutcomeWait,
  SubscriptionRegistry,
} from './registry.ts';

/**
 * The outcome of subscribing one (event name, entity id) pair.
 *
 * @example
 * ```ts
 * import type { SubscriptionResult } from 'enreach-rte';
 *
 * const results: SubscriptionResult[] = await rte.subscribe('QueueStatus', [queueA, queueB]);
 * const refused = results.filter((r) => r.status === 'refused');
 * ```
 */
export interface SubscriptionResult {
  /** Canonical event name when the SDK knows the event, else as given. */
  readonly eventName: string;
  /** The user, queue or call list id. */
  readonly entityId: string;
  /**
   * `subscribed`: the hub confirmed it. `pending`: not connected yet (or a transient failure); it is
   * sent as soon as possible and replayed after every reconnect. `refused`: the hub said no for good.
   */
  readonly status: 'subscribed' | 'pending' | 'refused';
  /** The hub's message for a refusal (`Invalid EntityId`, `Invalid event name`, `Unauthorized`). */
  readonly message?: string;
  /** Why the hub refused, classified from its message. */
  readonly reason?: SubscriptionRefusalReason;
}

/**
 * The outcome of unsubscribing one pair.
 *
 * @example
 * ```ts
 * import type { UnsubscribeResult } from 'enreach-rte';
 *
 * const [result]: UnsubscribeResult[] = await rte.unsubscribe('UserStatus', userId);
 * if (result?.status === 'retained') console.log('another part of the app still listens');
 * ```
 */
export interface UnsubscribeResult {
  /** Canonical event name when the SDK knows the event, else as given. */
  readonly eventName: string;
  /** The user, queue or call list id. */
  readonly entityId: string;
  /**
   * `unsubscribed`: the last reference left and the hub was told. `retained`: other callers still
   * want it. `not-subscribed`: it was not subscribed through this client.
   */
  readonly status: 'unsubscribed' | 'retained' | 'not-subscribed';
}

/**
 * What one replay of the desired set achieved.
 *
 * @example
 * ```ts
 * import type { ReplayReport } from 'enreach-rte';
 *
 * rte.on('resynced', ({ restored, refused, pending }) => {
 *   const report: ReplayReport = { restored, refused, pending };
 *   console.log(report);
 * });
 * ```
 */
export interface ReplayReport {
  /** Pairs the hub confirmed. */
  readonly restored: number;
  /** Pairs the hub refused; they are forgotten. */
  readonly refused: readonly RefusedSubscription[];
  /** Pairs still unconfirmed after transient failures; retried in the background. */
  readonly pending: number;
}

/** What happened to a desired pair, as handles see it. */
export type PairChange =
  | { readonly kind: 'live' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'refused'; readonly message: string; readonly reason: SubscriptionRefusalReason }
  | { readonly kind: 'released' };

/** Timers, injectable so that model tests can run thousands of sequences without waiting. */
export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface ReconcilerOptions {
  readonly chunkSize: number;
  /**
   * Reads a Subscribe call's answer (`readSubscribeResults`). Passed in rather than imported: it is
   * needed only once connected, so it travels with the connect-time module, not the initial chunk.
   */
  readonly readResults: typeof readSubscribeResults;
  readonly invoke: (method: string, ...args: unknown[]) => Promise<unknown>;
  /** Whether hub methods can be called on the current connection (the socket is open). */
  readonly isOpen: () => boolean;
  /** Refusals nobody was waiting for (a subscribe() call or the replay reports its own). */
  readonly onRefused: (refused: readonly RefusedSubscription[]) => void;
  readonly onError: (error: RteError) => void;
  /** Every change of a desired pair's standing; the one hook subscription handles hang on. */
  readonly onChange?: (entry: DesiredSubscription, change: PairChange) => void;
  readonly logger: SafeLogger;
  readonly retry: ReconnectPolicy;
  readonly random?: () => number;
  readonly timers?: Timers;
}

type Method = 'Subscribe' | 'Unsubscribe' | 'UnsubscribeAll';

const REPLAY_ROUNDS = 3;
/** The one `pending` outcome and change, shared: a loss marks every pair with it. */
const PENDING = Object.freeze({ kind: 'pending' } as const);
const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The Subscribe or Unsubscribe item of a pair, as spelt when it was first sent. */
function toWire(pair: HubPair): { readonly EntityId: string; readonly EventName: string } {
  const { entry, entityId, eventName } = pair;
  if (entry.entityId !== entityId || entry.eventName !== eventName)
    return { EntityId: entityId, EventName: eventName };
  entry.wire ??= { EntityId: entityId, EventName: eventName };
  return entry.wire;
}

function refusedItem(
  entry: { eventName: string; entityId: string },
  outcome: { message: string; reason: SubscriptionRefusalReason },
): RefusedSubscription {
  return {
    eventName: entry.eventName,
    entityId: entry.entityId,
    message: outcome.message,
    reason: outcome.reason,
  };
}

/**
 * One round of a replay: waits for the next outcome of every pair it was given, with one field
 * set on each entry rather than a waiter per pair, and tallies them as they come.
 */
class ReplayRound implements OutcomeWait {
  restored = 0;
  readonly refused: RefusedSubscription[] = [];
  /** Pairs whose outcome was a failure or the connection going away. */
  readonly unsettled: DesiredSubscription[] = [];
  #left = 0;
  #resolve: (() => void) | undefined;

  add(entry: DesiredSubscription): void {
    // A pair waits for one replay at a time: an older one still waiting learns it is pending.
    entry.replay?.settle(entry, PENDING);
    entry.replay = this;
    this.#left++;
  }

  settle(entry: DesiredSubscription, outcome: Outcome): void {
    if (outcome.kind === 'subscribed') this.restored++;
    else if (outcome.kind === 'refused') this.refused.push(refusedItem(entry, outcome));
    else this.unsettled.push(entry);
    if (--this.#left === 0) this.#resolve?.();
  }

  /** Resolves once every pair added has had its outcome. */
  done(): Promise<void> {
    if (this.#left === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }
}

/**
 * The one place hub subscriptions are decided. Two explicit sets: the desired pairs (ref-counted,
 * independent of any connection) and what the hub holds on the current connection. Every public
 * call changes the desired set and marks the pairs it touched; once per tick the difference between
 * the two sets becomes hub calls (an `UnsubscribeAll` the app asked for first, then Unsubscribe and
 * Subscribe), cut into chunks of `chunkSize` and pipelined on the one connection, whose hub runs them
 * in the order they were sent. A failed call, in either direction, leaves its pairs `uncertain`;
 * they are retried with backoff while connected. So whatever the interleaving of calls, drops and
 * failures, the hub ends up holding exactly the desired set. The replay after a reconnect is the
 * same difference computed against a connection that holds nothing.
 */
export class Reconciler {
  readonly desired = new SubscriptionRegistry();
  readonly #options: ReconcilerOptions;
  readonly #random: () => number;
  readonly #timers: Timers;
  readonly #hub = new Map<string, HubPair>();
  /** Pairs whose two sets may disagree, looked at by the next flush, with their entry when known. */
  #dirty = new Map<string, DesiredSubscription | undefined>();
  /** Pairs whose last call failed, looked at again when the backoff timer fires. */
  #retry = new Set<string>();
  #unsubscribeAll = false;
  /** The next flush sends every desired pair: the connection is new and holds nothing. */
  #replayAll = false;
  #flushScheduled: Promise<void> | undefined;
  #seq = 0;
  /** Whether a call was issued since the last reset, i.e. whether any record may be other than absent. */
  #issuedSinceReset = false;
  /**
   * Set by a loss once every desired pair is pending with nobody waiting for it; cleared by anything
   * that could change that (a call sent, a caller waiting, a replay).
   */
  #allPending = false;
  /** Changes on every new connection and every loss: answers from an older one are ignored. */
  #session = 0;
  #failures = 0;
  #retryTimer: unknown;

  constructor(options: ReconcilerOptions) {
    this.#options = options;
    this.#random = options.random ?? Math.random;
    this.#timers = options.timers ?? realTimers;
  }

  /** Adds one reference to each pair and resolves with the hub's verdict on each (or `pending`). */
  async subscribe(items: readonly { eventName: string; entityId: string }[]): Promise<SubscriptionResult[]> {
    const open = this.#options.isOpen();
    const outcomes = items.map((item) => {
      const entry = this.retain(item.eventName, item.entityId);
      if (!open) return { kind: 'pending' } as const;
      if (entry.status === 'subscribed') return { kind: 'subscribed' } as const;
      return this.#next(entry);
    });
    const settled = await Promise.all(outcomes);
    return items.map((item, index) => {
      const outcome = settled[index]!;
      const base = { eventName: item.eventName, entityId: item.entityId };
      switch (outcome.kind) {
        case 'subscribed':
          return { ...base, status: 'subscribed' };
        case 'refused':
          return { ...base, status: 'refused', message: outcome.message, reason: outcome.reason };
        case 'failed':
          return { ...base, status: 'pending', message: outcome.error.message };
        default:
          return { ...base, status: 'pending' };
      }
    });
  }

  /** Adds one reference to a pair without waiting for the hub. */
  retain(eventName: string, entityId: string): DesiredSubscription {
    const { entry, created } = this.desired.retain(eventName, entityId);
    if (created) {
      const pair = this.#hub.get(entry.key);
      // A pair released and wanted again while its Subscribe still counts is already live.
      if (pair?.state === 'held' && !pair.inFlight) entry.status = 'subscribed';
      this.#mark(entry.key, entry);
    }
    return entry;
  }

  /** Drops one reference to each pair; resolves once the hub was told about pairs nobody wants. */
  async unsubscribe(items: readonly { eventName: string; entityId: string }[]): Promise<UnsubscribeResult[]> {
    const removed: string[] = [];
    const results = items.map((item): UnsubscribeResult => {
      const released = this.desired.release(item.eventName, item.entityId);
      if (!released) return { ...item, status: 'not-subscribed' };
      if (!released.removed) return { ...item, status: 'retained' };
      this.#released(released.entry);
      removed.push(released.entry.key);
      return { ...item, status: 'unsubscribed' };
    });
    if (removed.length > 0) await this.#settled(removed);
    return results;
  }

  /** Drops the reference a handle holds on this very entry; true when it was the last one. */
  releaseEntry(entry: DesiredSubscription): boolean | undefined {
    const removed = this.desired.releaseEntry(entry);
    if (removed) this.#released(entry);
    return removed;
  }

  /** Forgets every pair, whoever holds it, and has the hub drop everything (`UnsubscribeAll`). */
  async unsubscribeAll(): Promise<void> {
    const entries = this.desired.all();
    this.desired.clear();
    for (const entry of entries) this.#released(entry);
    if (!this.#options.isOpen()) return;
    this.#unsubscribeAll = true;
    this.#schedule();
    await this.#settled([...this.#hub.keys()]);
  }

  /**
   * A new connection is open: it holds nothing, so every desired pair is sent again, through the
   * same queue. Resolves when every pair is confirmed or refused, or after a few rounds of transient
   * failures (the rest keep being retried in the background).
   */
  async replay(): Promise<ReplayReport> {
    this.#allPending = false;
    this.#reset();
    this.#replayAll = true;
    this.#schedule();
    const refused: RefusedSubscription[] = [];
    let restored = 0;
    const session = this.#session;
    let waiting: Iterable<DesiredSubscription> = this.desired.values();
    let pending = this.desired.size;
    for (let round = 0; round < REPLAY_ROUNDS && pending > 0 && this.#session === session; round++) {
      const wait = new ReplayRound();
      for (const entry of waiting) {
        // Between rounds a retry may already have answered: what is settled is not waited for.
        if (round > 0 && entry.status === 'subscribed') wait.restored++;
        else wait.add(entry);
      }
      await wait.done();
      restored += wait.restored;
      for (const item of wait.refused) refused.push(item);
      const again = wait.unsettled.filter((entry) => entry.refs > 0);
      waiting = again;
      pending = again.length;
    }
    return { restored, refused, pending };
  }

  /** The connection is gone, and with it everything the hub held: every pair is pending again. */
  connectionLost(): void {
    this.#reset();
    // Every failed reconnect attempt announces the loss again: once every pair is pending with
    // nobody waiting, there is nothing more to tell them until something is sent or awaited.
    if (this.#allPending) return;
    this.#allPending = true;
    // Walked in place: an entry a listener adds meanwhile is visited too, one it removes is not.
    for (const entry of this.desired.values()) {
      const wasLive = entry.status === 'subscribed';
      entry.status = 'pending';
      this.#settle(entry, PENDING);
      if (wasLive) this.#options.onChange?.(entry, PENDING);
    }
  }

  /** What the hub holds (or is about to hold) on this connection: for tests and diagnostics. */
  hubPairs(): { key: string; state: 'held' | 'absent' | 'uncertain'; inFlight: boolean }[] {
    return [...this.#hub.values()].map(({ key, state, inFlight }) => ({ key, state, inFlight }));
  }

  /** True when nothing is queued, in flight or waiting for a retry. */
  get idle(): boolean {
    if (
      this.#flushScheduled ||
      this.#dirty.size > 0 ||
      this.#retry.size > 0 ||
      this.#unsubscribeAll ||
      this.#replayAll
    )
      return false;
    for (const pair of this.#hub.values()) if (pair.inFlight) return false;
    return true;
  }

  #reset(): void {
    this.#session++;
    if (this.#issuedSinceReset) {
      this.#issuedSinceReset = false;
      // The connection is gone and the hub with it: whoever waited for it has an answer. The
      // records of desired pairs are kept, marked absent, for the replay to send again without
      // re-creating (and re-indexing) one per pair; the others are forgotten.
      for (const pair of this.#hub.values()) {
        pair.inFlight = false;
        pair.state = 'absent';
        this.#release(pair);
        if (pair.entry.refs === 0) this.#hub.delete(pair.key);
      }
    } else {
      // Nothing was sent since the last reset (a loss, then the replay on the next connection):
      // every record is still absent with nobody waiting; only pairs released since need theirs gone.
      this.#forgetReleased(this.#dirty.keys());
    }
    this.#dirty.clear();
    this.#retry.clear();
    this.#unsubscribeAll = false;
    this.#replayAll = false;
    this.#failures = 0;
    if (this.#retryTimer !== undefined) this.#timers.clear(this.#retryTimer);
    this.#retryTimer = undefined;
  }

  /** Forgets the records of pairs among `keys` that nobody wants any more and no call counts on. */
  #forgetReleased(keys: Iterable<string>): void {
    for (const key of keys) {
      const pair = this.#hub.get(key);
      if (pair && !pair.inFlight && !this.desired.has(key)) this.#hub.delete(key);
    }
  }

  #released(entry: DesiredSubscription): void {
    entry.status = 'pending';
    this.#settle(entry, PENDING);
    this.#options.onChange?.(entry, { kind: 'released' });
    this.#mark(entry.key);
  }

  /** The next outcome of a pair's Subscribe (or `pending` when the connection goes away). */
  #next(entry: DesiredSubscription): Promise<Outcome> {
    this.#allPending = false;
    return new Promise((resolve) => {
      if (entry.waiters) entry.waiters.push(resolve);
      else entry.waiters = [resolve];
    });
  }

  #settle(entry: DesiredSubscription, outcome: Outcome): void {
    const replay = entry.replay;
    if (replay) {
      entry.replay = undefined;
      replay.settle(entry, outcome);
    }
    const waiters = entry.waiters;
    if (!waiters) return;
    entry.waiters = undefined;
    for (const waiter of waiters) waiter(outcome);
  }

  #mark(key: string, entry?: DesiredSubscription): void {
    this.#dirty.set(key, entry);
    this.#schedule();
  }

  #schedule(): Promise<void> {
    this.#flushScheduled ??= Promise.resolve().then(() => {
      this.#flushScheduled = undefined;
      this.#flush();
    });
    return this.#flushScheduled;
  }

  /**
   * Waits for the next flush, then until the hub's state of each pair is known: its last call
   * answered, and retried until it succeeded (or the connection went away).
   */
  async #settled(keys: readonly string[]): Promise<void> {
    await this.#schedule();
    const waits: Promise<void>[] = [];
    for (const key of keys) {
      const pair = this.#hub.get(key);
      if (pair && (pair.inFlight || pair.state === 'uncertain'))
        waits.push(
          new Promise((resolve) => {
            if (pair.waiters) pair.waiters.push(resolve);
            else pair.waiters = [resolve];
          }),
        );
    }
    await Promise.all(waits);
  }

  #release(pair: HubPair): void {
    const waiters = pair.waiters;
    if (!waiters || pair.inFlight || pair.state === 'uncertain') return;
    pair.waiters = undefined;
    for (const waiter of waiters) waiter();
  }

  /** Turns the difference between the desired set and the hub's into calls, in one ordered batch. */
  #flush(): void {
    if (!this.#options.isOpen()) {
      this.#forgetReleased(this.#dirty.keys());
      this.#dirty.clear();
      this.#unsubscribeAll = false;
      this.#replayAll = false;
      return;
    }
    const dirty = this.#dirty;
    this.#dirty = new Map();
    if (this.#unsubscribeAll) {
      this.#unsubscribeAll = false;
      const pairs = [...this.#hub.values()];
      for (const pair of pairs) if (!dirty.has(pair.key)) dirty.set(pair.key, undefined);
      this.#issue('UnsubscribeAll', pairs);
    }
    const subscribe: HubPair[] = [];
    const unsubscribe: HubPair[] = [];
    if (this.#replayAll) {
      // Nothing but an UnsubscribeAll was issued since the reset, so the hub holds nothing: every
      // desired pair is sent, and the other dirty keys (pairs released meanwhile) need no call,
      // only their record gone once no call counts on it.
      this.#replayAll = false;
      this.#forgetReleased(dirty.keys());
      // Chunks are cut as the desired set is walked, with no array of every pair in between.
      const { chunkSize } = this.#options;
      let chunk: HubPair[] = [];
      for (const entry of this.desired.values()) {
        // The record kept through the reset, else the one an UnsubscribeAll just took over, if any.
        const kept =
          entry.hub?.entry === entry ? entry.hub : this.#hub.size > 0 ? this.#hub.get(entry.key) : undefined;
        chunk.push(kept ? this.#resend(kept, entry) : this.#pair(entry));
        if (chunk.length === chunkSize) {
          this.#issue('Subscribe', chunk);
          chunk = [];
        }
      }
      if (chunk.length > 0) this.#issue('Subscribe', chunk);
      return;
    }
    // Dirty keys are distinct: on a connection that holds nothing yet, none has a record.
    const hubEmpty = this.#hub.size === 0;
    for (const [key, known] of dirty) {
      const entry = known !== undefined && known.refs > 0 ? known : this.desired.get(key);
      const pair = hubEmpty ? undefined : this.#hub.get(key);
      if (entry && pair?.state !== 'held') {
        if (pair) {
          pair.entry = entry;
          entry.hub = pair;
        }
        subscribe.push(pair ?? this.#pair(entry));
      } else if (!entry && pair && pair.state !== 'absent') {
        unsubscribe.push(pair);
      } else if (!entry && pair && !pair.inFlight) {
        this.#hub.delete(key);
      }
    }
    const { chunkSize } = this.#options;
    for (let i = 0; i < unsubscribe.length; i += chunkSize)
      this.#issue('Unsubscribe', unsubscribe.slice(i, i + chunkSize));
    for (let i = 0; i < subscribe.length; i += chunkSize)
      this.#issue('Subscribe', subscribe.slice(i, i + chunkSize));
  }

  /** The desired entry of a pair now, if any: the one last sent while it is still registered. */
  #current(pair: HubPair): DesiredSubscription | undefined {
    const sent = pair.entry;
    if (sent.refs > 0) return sent;
    const entry = this.desired.get(pair.key);
    if (entry) {
      pair.entry = entry;
      entry.hub = pair;
    }
    return entry;
  }

  /** A kept record of a pair the new connection does not hold yet, sent as `entry` spells it. */
  #resend(pair: HubPair, entry: DesiredSubscription): HubPair {
    pair.entry = entry;
    pair.eventName = entry.eventName;
    pair.entityId = entry.entityId;
    entry.hub = pair;
    return pair;
  }

  /** A new record of the hub's side of a pair it does not know yet. */
  #pair(entry: DesiredSubscription): HubPair {
    const pair: HubPair = {
      entry,
      eventName: entry.eventName,
      entityId: entry.entityId,
      key: entry.key,
      state: 'absent',
      seq: 0,
      inFlight: false,
      waiters: undefined,
    };
    this.#hub.set(entry.key, pair);
    entry.hub = pair;
    return pair;
  }

  #issue(method: Method, pairs: HubPair[]): void {
    this.#issuedSinceReset = true;
    this.#allPending = false;
    const seq = ++this.#seq;
    const session = this.#session;
    const answered = () => {
      for (const pair of pairs) this.#release(pair);
    };
    for (const pair of pairs) {
      pair.state = method === 'Subscribe' ? 'held' : 'absent';
      pair.seq = seq;
      pair.inFlight = true;
    }
    this.#options.logger.debug(`${method} ${pairs.length} item(s)`);
    const call =
      method === 'UnsubscribeAll'
        ? this.#options.invoke(method)
        : this.#options.invoke(method, pairs.map(toWire));
    call.then(
      (results) => {
        if (this.#session === session) this.#answered(method, seq, pairs, results);
        answered();
      },
      (error: unknown) => {
        if (this.#session === session) this.#failed(method, seq, pairs, error);
        answered();
      },
    );
  }

  #answered(method: Method, seq: number, pairs: readonly HubPair[], results: unknown): void {
    this.#failures = 0;
    const verdicts = method === 'Subscribe' ? this.#options.readResults(pairs, results) : undefined;
    const refused: RefusedSubscription[] = [];
    const missing: HubPair[] = [];
    for (let index = 0; index < pairs.length; index++) {
      const pair = pairs[index]!;
      if (pair.seq !== seq) continue; // a later call decides this pair
      pair.inFlight = false;
      if (!verdicts) {
        if (this.#hub.get(pair.key) === pair && !this.desired.has(pair.key)) this.#hub.delete(pair.key);
        continue;
      }
      const verdict = verdicts[index];
      if (!verdict) {
        missing.push(pair);
        continue;
      }
      const entry = this.#current(pair);
      if (verdict.kind === 'subscribed') {
        if (!entry) continue; // released meanwhile: the pending flush unsubscribes it
        const wasLive = entry.status === 'subscribed';
        entry.status = 'subscribed';
        this.#settle(entry, verdict);
        if (!wasLive) this.#options.onChange?.(entry, { kind: 'live' });
      } else {
        pair.state = 'absent';
        if (this.#hub.get(pair.key) === pair) this.#hub.delete(pair.key);
        if (!entry) continue;
        this.desired.forget(entry.key);
        const outcome = { kind: 'refused', message: verdict.message, reason: verdict.reason } as const;
        if (!entry.waiters && !entry.replay) refused.push(refusedItem(entry, verdict));
        this.#settle(entry, outcome);
        this.#options.onChange?.(entry, outcome);
      }
    }
    if (missing.length > 0)
      this.#failed(method, seq, missing, new Error('The hub returned no result for this item'));
    if (refused.length > 0) this.#options.onRefused(refused);
  }

  #failed(method: Method, seq: number, pairs: readonly HubPair[], error: unknown): void {
    const failure = error instanceof Error ? error : new Error(String(error));
    let affected = 0;
    for (const pair of pairs) {
      if (pair.seq !== seq) continue;
      affected++;
      pair.inFlight = false;
      pair.state = 'uncertain';
      this.#retry.add(pair.key);
      const entry = this.#current(pair);
      if (entry) this.#settle(entry, { kind: 'failed', error: failure });
    }
    this.#options.onError(
      new RteSubscriptionFailedError(method, method === 'UnsubscribeAll' ? 0 : pairs.length, failure),
    );
    if (affected > 0) this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    if (this.#retryTimer !== undefined) return;
    this.#failures++;
    const delay = Math.max(1, backoffDelay(this.#failures, this.#options.retry, this.#random));
    const session = this.#session;
    this.#retryTimer = this.#timers.set(() => {
      this.#retryTimer = undefined;
      if (this.#session !== session) return;
      const keys = this.#retry;
      this.#retry = new Set();
      for (const key of keys) this.#mark(key);
    }, delay);
  }
}
