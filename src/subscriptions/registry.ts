import type { SubscriptionRefusalReason } from '../errors/event-errors.ts';
import { subscriptionKey } from '../wire/subscription.ts';

/** Where the hub stands on one (event name, entity id) pair. */
export type SubscriptionStatus = 'pending' | 'subscribed';

/** What a Subscribe attempt said about a pair: the hub's verdict, a failure, or nothing (no connection). */
export type Outcome =
  | { readonly kind: 'subscribed' }
  | { readonly kind: 'refused'; readonly message: string; readonly reason: SubscriptionRefusalReason }
  | { readonly kind: 'failed'; readonly error: Error }
  | { readonly kind: 'pending' };

/** One pair the app wants, with how many callers want it. */
export interface DesiredSubscription {
  /** Canonical event name when the SDK knows the event, else as given. */
  readonly eventName: string;
  readonly entityId: string;
  readonly key: string;
  /** References held; 0 once the entry has left the registry, so a kept entry tells if it is current. */
  refs: number;
  status: SubscriptionStatus;
  /** The Subscribe item for this pair, built once and sent again by every replay. */
  wire: { readonly EntityId: string; readonly EventName: string } | undefined;
  /** Callers waiting for the next outcome of this pair (subscribe() calls, the replay). */
  waiters: ((outcome: Outcome) => void)[] | undefined;
  /** The reconciler's record of the hub's side of this pair, so that a replay needs no lookup. */
  hub: HubPair | undefined;
  /** The replay waiting for this pair's next outcome, if one is. */
  replay: OutcomeWait | undefined;
}

/** Something waiting for the next outcome of many pairs, told of each as it comes. */
export interface OutcomeWait {
  settle(entry: DesiredSubscription, outcome: Outcome): void;
}

/**
 * What the hub holds for one pair on this connection, as far as the client can know: `held` or
 * `absent` once the last call issued for it took effect, `uncertain` when that call failed (the hub
 * may or may not have applied it). `seq` names the last call issued for the pair; `inFlight` says it
 * has not answered yet. Only the answer to that last call may change the record.
 */
export interface HubPair {
  /** The desired entry last sent for this pair (it may have left the registry since). */
  entry: DesiredSubscription;
  /** The spelling the hub was sent. */
  eventName: string;
  entityId: string;
  readonly key: string;
  state: 'held' | 'absent' | 'uncertain';
  seq: number;
  inFlight: boolean;
  /** Callers waiting until the hub's state of the pair is known again (answered, not uncertain). */
  waiters: (() => void)[] | undefined;
}

/**
 * The identity of a pair, as the hub sees it: event names are case-insensitive, and entity ids are
 * compared as the GUIDs .NET parses (N, D, B, P and X forms), so `{AA97…}`, `aa97…` and the 32-digit
 * form are one entity. The rule lives in the wire contract the emulator shares.
 */
export { subscriptionKey };

/**
 * Where subscriptions are remembered: the desired state, independent of any connection. RTE forgets
 * every subscription when a connection drops; this registry is what gets replayed. Ref-counted, so
 * two callers wanting the same pair make one hub subscription, dropped when the last one leaves.
 */
export class SubscriptionRegistry {
  readonly #entries = new Map<string, DesiredSubscription>();

  /** Adds one reference; `created` tells whether the hub has to hear about it. */
  retain(eventName: string, entityId: string): { entry: DesiredSubscription; created: boolean } {
    const key = subscriptionKey(eventName, entityId);
    const existing = this.#entries.get(key);
    if (existing) {
      existing.refs++;
      return { entry: existing, created: false };
    }
    const entry: DesiredSubscription = {
      eventName,
      entityId,
      key,
      refs: 1,
      status: 'pending',
      wire: undefined,
      waiters: undefined,
      hub: undefined,
      replay: undefined,
    };
    this.#entries.set(key, entry);
    return { entry, created: true };
  }

  /** Drops one reference; `removed` tells whether that was the last one. Unknown pairs return undefined. */
  release(eventName: string, entityId: string): { entry: DesiredSubscription; removed: boolean } | undefined {
    const key = subscriptionKey(eventName, entityId);
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    entry.refs--;
    if (entry.refs > 0) return { entry, removed: false };
    this.#entries.delete(key);
    return { entry, removed: true };
  }

  /** Drops one reference of this very entry (not of a later entry for the same pair). */
  releaseEntry(entry: DesiredSubscription): boolean | undefined {
    if (this.#entries.get(entry.key) !== entry) return undefined;
    entry.refs--;
    if (entry.refs > 0) return false;
    this.#entries.delete(entry.key);
    return true;
  }

  /** Removes a pair whatever its reference count (the hub refused it for good). */
  forget(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    entry.refs = 0;
    this.#entries.delete(key);
  }

  get(key: string): DesiredSubscription | undefined {
    return this.#entries.get(key);
  }

  has(key: string): boolean {
    return this.#entries.has(key);
  }

  /** Every desired pair, in insertion order, without a copy: not to be changed while iterating. */
  values(): MapIterator<DesiredSubscription> {
    return this.#entries.values();
  }

  /** Every desired pair, in insertion order. */
  all(): DesiredSubscription[] {
    return [...this.#entries.values()];
  }

  clear(): void {
    for (const entry of this.#entries.values()) entry.refs = 0;
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}
