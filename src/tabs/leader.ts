import { Connection, type ConnectionOptions } from '../connection/connection.ts';
import { subscriptionKey } from '../subscriptions/registry.ts';
import type { Wire } from './wire.ts';
import { wireError, wireState } from './wire.ts';

interface Pair {
  readonly EntityId: string;
  readonly EventName: string;
}

function pairs(value: unknown): Pair[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is Pair =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as Pair).EntityId === 'string' &&
      typeof (item as Pair).EventName === 'string',
  );
}

/**
 * The tab that holds the hub connection for every tab of the origin. The hub sees one connection
 * holding the union of what the tabs want: each tab's Subscribe goes through as sent (so each tab
 * gets the hub's own verdict), and a pair is unsubscribed at the hub only when no tab holds it any
 * more. What the hub says (messages, state, the replay signal) goes to every tab.
 */
export class Leader {
  readonly #connection: Connection;
  /** Which pairs each tab holds on the current hub connection, by key. */
  readonly #held = new Map<string, Set<string>>();
  /** How many tabs hold each pair. */
  readonly #refs = new Map<string, number>();
  /** The pair as first sent, by key. */
  readonly #pairs = new Map<string, Pair>();

  constructor(options: ConnectionOptions, send: (message: Wire) => void) {
    this.#connection = new Connection({
      ...options,
      hooks: {
        onMessage: (message) => send({ t: 'message', message }),
        onState: (change) => {
          if (change.state !== 'connected') this.#forgetAll();
          send({ t: 'state', change: wireState(change) });
        },
        onError: (error) => send({ t: 'error', error: wireError(error) }),
        onConnected: async (info) => {
          // The hub forgot every subscription; every tab replays its own through this connection.
          this.#forgetAll();
          send({ t: 'connected', info, connectionId: this.#connection.connectionId });
          return undefined;
        },
      },
    });
  }

  /** Whether the hub connection is up (tabs may subscribe). */
  get connected(): boolean {
    return this.#connection.state === 'connected';
  }

  get connectionId(): string | undefined {
    return this.#connection.connectionId;
  }

  start(): void {
    this.#connection.connect().catch(() => undefined);
  }

  async stop(): Promise<void> {
    await this.#connection.stop();
  }

  /** A tab's hub call, with the Subscribe/Unsubscribe bookkeeping across tabs. */
  async invoke(tab: string, method: string, args: unknown[]): Promise<unknown> {
    if (method === 'Subscribe') {
      const items = pairs(args[0]);
      const held = this.#heldBy(tab);
      for (const item of items) {
        const key = subscriptionKey(item.EventName, item.EntityId);
        if (held.has(key)) continue;
        held.add(key);
        if (!this.#pairs.has(key))
          this.#pairs.set(key, { EntityId: item.EntityId, EventName: item.EventName });
        this.#refs.set(key, (this.#refs.get(key) ?? 0) + 1);
      }
      return this.#connection.invoke('Subscribe', items);
    }
    if (method === 'Unsubscribe') {
      const last = this.#release(tab, pairs(args[0]));
      if (last.length > 0) await this.#connection.invoke('Unsubscribe', last);
      return [];
    }
    if (method === 'UnsubscribeAll') {
      await this.leave(tab);
      return undefined;
    }
    return this.#connection.invoke(method, ...args);
  }

  /** A tab went away (or unsubscribed everything): the pairs only it held leave the hub. */
  async leave(tab: string): Promise<void> {
    const held = this.#held.get(tab);
    if (!held) return;
    const last: Pair[] = [];
    for (const key of held) {
      const refs = (this.#refs.get(key) ?? 1) - 1;
      if (refs > 0) {
        this.#refs.set(key, refs);
      } else {
        this.#refs.delete(key);
        const pair = this.#pairs.get(key);
        this.#pairs.delete(key);
        if (pair) last.push(pair);
      }
    }
    this.#held.delete(tab);
    if (last.length > 0 && this.connected) await this.#connection.invoke('Unsubscribe', last);
  }

  #heldBy(tab: string): Set<string> {
    let held = this.#held.get(tab);
    if (!held) {
      held = new Set();
      this.#held.set(tab, held);
    }
    return held;
  }

  #release(tab: string, items: readonly Pair[]): Pair[] {
    const held = this.#held.get(tab);
    const last: Pair[] = [];
    if (!held) return last;
    for (const item of items) {
      const key = subscriptionKey(item.EventName, item.EntityId);
      if (!held.delete(key)) continue;
      const refs = (this.#refs.get(key) ?? 1) - 1;
      if (refs > 0) this.#refs.set(key, refs);
      else {
        this.#refs.delete(key);
        this.#pairs.delete(key);
        last.push(item);
      }
    }
    return last;
  }

  #forgetAll(): void {
    this.#held.clear();
    this.#refs.clear();
    this.#pairs.clear();
  }
}
