import { backoffDelay, sleep } from '../connection/backoff.ts';
import type { RefusedSubscription, SubscriptionRefusalReason } from '../errors/event-errors.ts';
import { RteError } from '../errors/rte-error.ts';
import type { SafeLogger } from '../logging/logger.ts';
import type { ReconnectPolicy } from '../options.ts';
import { readSubscribeResults, type Verdict } from './hub-results.ts';
import type { DesiredSubscription, SubscriptionRegistry } from './registry.ts';

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

export interface SyncOptions {
  readonly registry: SubscriptionRegistry;
  readonly chunkSize: number;
  readonly invoke: (method: string, ...args: unknown[]) => Promise<unknown>;
  readonly isConnected: () => boolean;
  readonly onRefused: (refused: readonly RefusedSubscription[]) => void;
  readonly onError: (error: RteError) => void;
  readonly logger: SafeLogger;
  readonly retry: ReconnectPolicy;
  readonly random?: () => number;
}

type Method = 'Subscribe' | 'Unsubscribe';

interface Queued {
  readonly method: Method;
  readonly entry: DesiredSubscription;
  readonly settle: (verdict: Verdict | Error) => void;
}

const REPLAY_ROUNDS = 3;

function toWire(entry: DesiredSubscription): { EntityId: string; EventName: string } {
  return { EntityId: entry.entityId, EventName: entry.eventName };
}

/**
 * Sends the registry's wishes to the hub. Calls made in the same tick are coalesced into one batch,
 * cut into chunks of `chunkSize` items: one round trip per chunk, never one per item. Chunks are
 * pipelined on the one connection, whose hub runs them in order, so a Subscribe and a later
 * Unsubscribe of the same pair cannot overtake each other.
 */
export class SubscriptionSync {
  readonly #options: SyncOptions;
  readonly #random: () => number;
  #queue: Queued[] = [];
  #scheduled = false;
  #inFlight = new Map<string, Promise<Verdict | Error>>();
  #session = new AbortController();
  #retrying = false;

  constructor(options: SyncOptions) {
    this.#options = options;
    this.#random = options.random ?? Math.random;
  }

  /** Asks the hub for new pairs (when connected) and reports each one's result. */
  async subscribe(
    entries: readonly { entry: DesiredSubscription; created: boolean }[],
  ): Promise<SubscriptionResult[]> {
    const connected = this.#options.isConnected();
    const outcomes = entries.map(({ entry, created }) => {
      if (!connected) return Promise.resolve<Verdict | Error | undefined>(undefined);
      if (!created && entry.status === 'subscribed') return Promise.resolve<Verdict>({ kind: 'subscribed' });
      return this.#inFlight.get(entry.key) ?? this.#send('Subscribe', entry);
    });
    const settled = await Promise.all(outcomes);
    return entries.map(({ entry }, index) => this.#result(entry, settled[index]));
  }

  /** Tells the hub about pairs nobody wants any more. Failures are reported, not thrown. */
  async unsubscribe(entries: readonly DesiredSubscription[]): Promise<void> {
    if (!this.#options.isConnected() || entries.length === 0) return;
    const outcomes = await Promise.all(entries.map((entry) => this.#send('Unsubscribe', entry)));
    const failure = outcomes.find((outcome): outcome is Error => outcome instanceof Error);
    if (failure)
      this.#options.onError(
        new RteError('SUBSCRIPTION_FAILED', `Unsubscribe failed: ${failure.message}`, { cause: failure }),
      );
  }

  /**
   * Replays the whole desired set on a fresh connection. Resolves when every pair is confirmed or
   * refused, or after a few rounds of transient failures (the rest keep retrying in the background).
   */
  async replay(): Promise<ReplayReport> {
    this.#session = new AbortController();
    this.#inFlight.clear();
    const refused: RefusedSubscription[] = [];
    let restored = 0;
    let pending = this.#options.registry.all();
    for (let round = 0; round < REPLAY_ROUNDS && pending.length > 0; round++) {
      if (round > 0) {
        const ok = await this.#pause(round);
        if (!ok) break;
      }
      const verdicts = await Promise.all(pending.map((entry) => this.#send('Subscribe', entry)));
      const retry: DesiredSubscription[] = [];
      pending.forEach((entry, index) => {
        const verdict = verdicts[index];
        if (verdict instanceof Error || verdict === undefined) {
          if (this.#options.registry.has(entry.key)) retry.push(entry);
        } else if (verdict.kind === 'subscribed') {
          restored++;
        } else {
          refused.push({
            eventName: entry.eventName,
            entityId: entry.entityId,
            message: verdict.message,
            reason: verdict.reason,
          });
        }
      });
      pending = retry;
    }
    if (pending.length > 0) this.#retryInBackground();
    return { restored, refused, pending: pending.length };
  }

  /** The connection is gone: stop background retries; everything becomes pending again. */
  connectionLost(): void {
    this.#session.abort();
    this.#inFlight.clear();
    this.#options.registry.markAllPending();
  }

  #send(method: Method, entry: DesiredSubscription): Promise<Verdict | Error> {
    const promise = new Promise<Verdict | Error>((settle) => {
      this.#queue.push({ method, entry, settle });
    });
    if (method === 'Subscribe') {
      this.#inFlight.set(entry.key, promise);
      void promise.then(() => {
        if (this.#inFlight.get(entry.key) === promise) this.#inFlight.delete(entry.key);
      });
    }
    if (!this.#scheduled) {
      this.#scheduled = true;
      queueMicrotask(() => this.#flush());
    }
    return promise;
  }

  #flush(): void {
    this.#scheduled = false;
    const queue = this.#queue;
    this.#queue = [];
    const { chunkSize } = this.#options;
    // Consecutive items of the same method form one run; runs keep their order.
    let start = 0;
    while (start < queue.length) {
      const method = queue[start]!.method;
      let end = start;
      while (end < queue.length && queue[end]!.method === method) end++;
      for (let offset = start; offset < end; offset += chunkSize) {
        this.#sendChunk(method, queue.slice(offset, Math.min(offset + chunkSize, end)));
      }
      start = end;
    }
  }

  #sendChunk(method: Method, chunk: Queued[]): void {
    const entries = chunk.map((item) => item.entry);
    this.#options.logger.debug(`${method} ${entries.length} item(s)`);
    this.#options.invoke(method, entries.map(toWire)).then(
      (results) => {
        const verdicts = method === 'Subscribe' ? readSubscribeResults(entries, results) : undefined;
        for (const item of chunk) {
          const verdict = verdicts ? verdicts.get(item.entry.key) : ({ kind: 'subscribed' } as const);
          const outcome = verdict ?? new Error('The hub returned no result for this item');
          if (method === 'Subscribe') this.#apply(item.entry, outcome);
          item.settle(outcome);
        }
      },
      (error: unknown) => {
        const failure = error instanceof Error ? error : new Error(String(error));
        for (const item of chunk) item.settle(failure);
      },
    );
  }

  /** Records a Subscribe verdict in the registry; a refusal removes the pair for good. */
  #apply(entry: DesiredSubscription, outcome: Verdict | Error): void {
    const current = this.#options.registry.get(entry.key);
    if (current !== entry || outcome instanceof Error) return;
    if (outcome.kind === 'subscribed') entry.status = 'subscribed';
    else this.#options.registry.forget(entry.key);
  }

  #result(entry: DesiredSubscription, outcome: Verdict | Error | undefined): SubscriptionResult {
    const base = { eventName: entry.eventName, entityId: entry.entityId };
    if (outcome === undefined) return { ...base, status: 'pending' };
    if (outcome instanceof Error) {
      this.#options.onError(
        new RteError('SUBSCRIPTION_FAILED', `Subscribe failed, will retry: ${outcome.message}`, {
          cause: outcome,
        }),
      );
      this.#retryInBackground();
      return { ...base, status: 'pending', message: outcome.message };
    }
    if (outcome.kind === 'subscribed') return { ...base, status: 'subscribed' };
    return { ...base, status: 'refused', message: outcome.message, reason: outcome.reason };
  }

  /** Waits before retry round `round`; false when the connection went away meanwhile. */
  async #pause(round: number): Promise<boolean> {
    try {
      await sleep(backoffDelay(round, this.#options.retry, this.#random), this.#session.signal);
      return this.#options.isConnected();
    } catch {
      return false;
    }
  }

  /** Keeps re-sending unconfirmed pairs with backoff while the connection lasts. */
  #retryInBackground(): void {
    if (this.#retrying) return;
    this.#retrying = true;
    const session = this.#session;
    void (async () => {
      try {
        for (let round = 1; !session.signal.aborted; round++) {
          if (!(await this.#pause(round))) return;
          const pending = this.#options.registry
            .all()
            .filter((entry) => entry.status === 'pending' && !this.#inFlight.has(entry.key));
          if (pending.length === 0) return;
          const verdicts = await Promise.all(pending.map((entry) => this.#send('Subscribe', entry)));
          const refused: RefusedSubscription[] = [];
          pending.forEach((entry, index) => {
            const verdict = verdicts[index];
            if (verdict && !(verdict instanceof Error) && verdict.kind === 'refused') {
              refused.push({
                eventName: entry.eventName,
                entityId: entry.entityId,
                message: verdict.message,
                reason: verdict.reason,
              });
            }
          });
          if (refused.length > 0) this.#options.onRefused(refused);
          if (verdicts.every((verdict) => !(verdict instanceof Error))) return;
        }
      } finally {
        this.#retrying = false;
      }
    })();
  }
}
