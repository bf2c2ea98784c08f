import { subscriptionKey } from '../subscriptions/registry.ts';

/** One (entity, event) pair as it goes to the hub. */
export interface Pair {
  readonly EntityId: string;
  readonly EventName: string;
}

/**
 * Which tab holds which pair on the shared hub connection. A pair is on the hub while at least one
 * tab holds it: `hold` says nothing about the hub (Subscribe is sent as each tab asked, and the hub
 * takes a repeat as a no-op), `release` and `leave` return the pairs that no tab holds any more,
 * which must be unsubscribed at the hub.
 */
export class TabPairs {
  /** Keys each tab holds. */
  readonly #held = new Map<string, Set<string>>();
  /** Tabs holding each key, and the pair as first sent. */
  readonly #pairs = new Map<string, { pair: Pair; tabs: number }>();

  /** Every pair some tab holds. */
  all(): Pair[] {
    return [...this.#pairs.values()].map((entry) => entry.pair);
  }

  hold(tab: string, items: readonly Pair[]): void {
    let held = this.#held.get(tab);
    if (!held) {
      held = new Set();
      this.#held.set(tab, held);
    }
    for (const item of items) {
      const key = subscriptionKey(item.EventName, item.EntityId);
      if (held.has(key)) continue;
      held.add(key);
      const entry = this.#pairs.get(key);
      if (entry) entry.tabs++;
      else this.#pairs.set(key, { pair: { EntityId: item.EntityId, EventName: item.EventName }, tabs: 1 });
    }
  }

  /** The tab lets go of these pairs; returns those no tab holds any more. */
  release(tab: string, items: readonly Pair[]): Pair[] {
    const held = this.#held.get(tab);
    if (!held) return [];
    return this.#drop(
      items.map((item) => subscriptionKey(item.EventName, item.EntityId)).filter((key) => held.delete(key)),
    );
  }

  /** The tab is gone (or unsubscribed everything); returns the pairs no tab holds any more. */
  leave(tab: string): Pair[] {
    const held = this.#held.get(tab);
    if (!held) return [];
    this.#held.delete(tab);
    return this.#drop([...held]);
  }

  /** The hub connection was lost: the hub holds nothing, every tab replays. */
  clear(): void {
    this.#held.clear();
    this.#pairs.clear();
  }

  #drop(keys: readonly string[]): Pair[] {
    const last: Pair[] = [];
    for (const key of keys) {
      const entry = this.#pairs.get(key);
      if (!entry) continue;
      if (--entry.tabs > 0) continue;
      this.#pairs.delete(key);
      last.push(entry.pair);
    }
    return last;
  }
}
