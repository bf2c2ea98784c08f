import { Connection, type ConnectionOptions } from '../connection/connection.ts';
import { type Pair, TabPairs } from './tab-pairs.ts';
import type { Wire } from './wire.ts';
import { wireError, wireState } from './wire.ts';

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
  /** Which tab holds which pair on the current hub connection. */
  readonly #pairs = new TabPairs();

  constructor(options: ConnectionOptions, send: (message: Wire) => void) {
    this.#connection = new Connection({
      ...options,
      hooks: {
        onMessage: (message) => send({ t: 'message', message }),
        onState: (change) => {
          if (change.state !== 'connected') this.#pairs.clear();
          send({ t: 'state', change: wireState(change) });
        },
        onError: (error) => send({ t: 'error', error: wireError(error) }),
        onConnected: async (info) => {
          // The hub forgot every subscription; every tab replays its own through this connection.
          this.#pairs.clear();
          send({ t: 'connected', info, connectionId: this.#connection.connectionId });
          return undefined;
        },
      },
    });
  }

  /** Whether the hub connection is up (tabs may subscribe). */
  get connected(): boolean {
    return this.#connection.isOpen;
  }

  /** When the last frame arrived from the hub. */
  get lastFrameAt(): number | undefined {
    return this.#connection.lastFrameAt;
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
      this.#pairs.hold(tab, items);
      return this.#connection.invoke('Subscribe', items);
    }
    if (method === 'Unsubscribe') {
      const last = this.#pairs.release(tab, pairs(args[0]));
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
    const last = this.#pairs.leave(tab);
    if (last.length > 0 && this.connected) await this.#connection.invoke('Unsubscribe', last);
  }
}
