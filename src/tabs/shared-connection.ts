import { ConnectWaiters } from '../connection/connect-waiters.ts';
import {
  type ConnectedInfo,
  Connection,
  type ConnectionOptions,
  type ConnectionState,
  type ConnectionStatus,
  type DisconnectCause,
  type StateChange,
} from '../connection/connection.ts';
import type { HubLink } from '../connection/hub-link.ts';
import { RteAbortError, RteNotConnectedError, RteTransportError } from '../errors/transport-errors.ts';
import { subscriptionKey } from '../subscriptions/registry.ts';
import { Leader } from './leader.ts';
import { fromWireError, type Wire, type WireState, wireError } from './wire.ts';

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  timer: ReturnType<typeof setTimeout>;
}

interface LockManagerLike {
  request(
    name: string,
    options: { signal?: AbortSignal; ifAvailable?: boolean },
    callback: (lock: unknown) => Promise<unknown> | unknown,
  ): Promise<unknown>;
}

function locks(): LockManagerLike | undefined {
  const manager = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
  return manager && typeof manager.request === 'function' ? manager : undefined;
}

/** Whether this platform can share one connection between tabs (Web Locks and BroadcastChannel). */
export function canShareAcrossTabs(): boolean {
  return locks() !== undefined && typeof globalThis.BroadcastChannel === 'function';
}

/**
 * One hub connection for every tab of an origin that uses the same `scope`, where the platform
 * allows it (Web Locks and BroadcastChannel), else a connection of this tab's own.
 */
export function connectAcrossTabs(options: ConnectionOptions, scope: string): HubLink {
  return canShareAcrossTabs() ? new SharedConnection(options, scope) : new Connection(options);
}

function newTabId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random()}`;
}

/** The pair a subscription or a Subscribe item names, keyed as the hub keys it. Read per relayed frame. */
function keyOf(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const record = item as Record<string, unknown>;
  // The spellings the hub and the SDK use, read directly; any other casing is found by the scan.
  let eventName: unknown = record.eventName ?? record.EventName ?? record.eventType ?? record.EventType;
  let entityId: unknown = record.entityId ?? record.EntityId;
  if (typeof eventName === 'string' && typeof entityId === 'string')
    return subscriptionKey(eventName, entityId);
  eventName = undefined;
  entityId = undefined;
  for (const [name, value] of Object.entries(record)) {
    const lower = name.toLowerCase();
    if (lower === 'eventname' || (lower === 'eventtype' && eventName === undefined)) eventName = value;
    else if (lower === 'entityid') entityId = value;
  }
  return typeof eventName === 'string' && typeof entityId === 'string'
    ? subscriptionKey(eventName, entityId)
    : undefined;
}

function subscriptionOf(message: unknown): unknown {
  if (typeof message !== 'object' || message === null) return undefined;
  const record = message as Record<string, unknown>;
  const direct = record.subscription ?? record.Subscription;
  if (direct !== undefined) return direct;
  for (const [name, value] of Object.entries(message))
    if (name.toLowerCase() === 'subscription') return value;
  return undefined;
}

/**
 * A tab's view of the connection shared by all tabs of the origin. Every tab that has called
 * `connect()` queues for one Web Lock; the tab holding it is the leader: it opens the one hub
 * connection ({@link Leader}) and relays over a BroadcastChannel. Each tab keeps its own state
 * machine, runs its own subscription replay through the leader, and receives only the events of
 * the pairs it subscribed, so it behaves as if it had a connection of its own. When the leader tab
 * closes, freezes or disconnects, the lock passes to the next tab, which connects and the tabs
 * replay their subscriptions.
 */
export class SharedConnection implements HubLink {
  readonly #options: ConnectionOptions;
  readonly #scope: string;
  readonly #now: () => number;
  /** This tab's name among the tabs, new at every join: what a tab said before it left is not mistaken for it. */
  #id = '';
  #status: ConnectionStatus = { state: 'idle' };
  #joined = false;
  #ready = false;
  #everConnected = false;
  #downSince = 0;
  #cause: DisconnectCause | undefined;
  #connectionId: string | undefined;
  /** When the last hub message was relayed to this tab. */
  #lastFrameAt: number | undefined;
  readonly #waiters = new ConnectWaiters();
  #pending = new Map<number, Pending>();
  #nextId = 0;
  /** The pairs this tab subscribed on the current hub connection. */
  #pairs = new Set<string>();
  #channel: BroadcastChannel | undefined;
  #leader: Leader | undefined;
  #resign: (() => void) | undefined;
  #election: AbortController | undefined;
  #releaseTab: (() => void) | undefined;
  #replaying = false;
  #onFreeze = () => void this.#resignLeadership(true);
  /** A page being unloaded hands the connection on at once rather than when its locks go. */
  #onPageHide = (event: Event) => {
    if (!(event as { persisted?: boolean }).persisted && this.#leader) void this.#resignLeadership(false);
  };
  /** Aborted when this tab stops leading: its watch for closed tabs ends with it. */
  #leadership: AbortController | undefined;

  constructor(options: ConnectionOptions, scope: string) {
    this.#options = options;
    this.#scope = scope;
    this.#now = options.now ?? Date.now;
  }

  get state(): ConnectionState {
    return this.#status.state;
  }

  get status(): ConnectionStatus {
    return this.#status;
  }

  /** Hub calls go through from the start of this tab's replay, before `connected` is announced. */
  get isOpen(): boolean {
    return this.#joined && (this.#ready || this.#replaying);
  }

  get lastFrameAt(): number | undefined {
    return this.#leader?.lastFrameAt ?? this.#lastFrameAt;
  }

  get connectionId(): string | undefined {
    return this.isOpen ? this.#connectionId : undefined;
  }

  connect(signal?: AbortSignal): Promise<void> {
    // Nobody else waits for a first connection: leave rather than join for no one.
    const done = this.#waiters.wait(signal, () => {
      if (this.#status.state === 'connecting') void this.stop();
    });
    if (this.#ready) this.#waiters.settle();
    else if (!this.#joined) this.#join();
    return done;
  }

  async stop(): Promise<void> {
    if (!this.#joined) return;
    const leaving = this.#leave();
    this.#failPending(new RteAbortError('disconnect() was called'));
    this.#waiters.reject(new RteAbortError('disconnect() was called'));
    if (this.#status.state !== 'idle' && this.#status.state !== 'disconnected')
      this.#setState({ state: 'disconnected', reason: 'disconnect' });
    await leaving;
  }

  /** Leaves the group of tabs: tells the leader, hands leadership on, releases every lock. */
  async #leave(): Promise<void> {
    this.#joined = false;
    this.#ready = false;
    this.#replaying = false;
    this.#pairs.clear();
    this.#election?.abort();
    this.#election = undefined;
    globalThis.document?.removeEventListener?.('freeze', this.#onFreeze);
    globalThis.removeEventListener?.('pagehide', this.#onPageHide);
    // Nothing said on this channel concerns this tab any more, even if it joins again at once.
    const channel = this.#channel;
    if (channel) channel.onmessage = null;
    this.#post({ t: 'bye', from: this.#id });
    // Stopping a leader announces `disconnected` on the channel synchronously, before it is let go.
    const resigned = this.#resignLeadership(false);
    this.#channel = undefined;
    this.#releaseTab?.();
    this.#releaseTab = undefined;
    await resigned;
    channel?.close();
  }

  async invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    if (!this.isOpen) throw new RteNotConnectedError();
    const items = Array.isArray(args[0]) ? (args[0] as unknown[]) : [];
    if (method === 'Subscribe') for (const item of items) this.#track(item, true);
    else if (method === 'Unsubscribe') for (const item of items) this.#track(item, false);
    else if (method === 'UnsubscribeAll') this.#pairs.clear();
    const timeoutMs = this.#options.invokeTimeoutMs;
    return new Promise<T>((resolve, reject) => {
      const id = this.#nextId++;
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new RteTransportError(`${method} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      const leader = this.#leader;
      if (leader) {
        leader.invoke(this.#id, method, args).then(
          (value) => this.#settlePending(id, true, value),
          (error: unknown) => this.#settlePending(id, false, undefined, wireError(error)),
        );
      } else {
        this.#post({ t: 'invoke', from: this.#id, id, method, args });
      }
    });
  }

  #track(item: unknown, add: boolean): void {
    const key = keyOf(item);
    if (key === undefined) return;
    if (add) this.#pairs.add(key);
    else this.#pairs.delete(key);
  }

  #join(): void {
    this.#joined = true;
    const id = newTabId();
    this.#id = id;
    const channel = new BroadcastChannel(`enreach-rte:${this.#scope}`);
    channel.onmessage = (event: MessageEvent) => this.#receive(event.data as Wire);
    this.#channel = channel;
    this.#setState(
      this.#everConnected
        ? { state: 'reconnecting', attempt: 1, delayMs: 0, cause: this.#cause ?? 'unknown' }
        : { state: 'connecting', attempt: 1, delayMs: 0 },
    );
    globalThis.document?.addEventListener?.('freeze', this.#onFreeze);
    globalThis.addEventListener?.('pagehide', this.#onPageHide);
    const manager = locks()!;
    // This tab's own lock, held while it is joined: the leader learns of a closed tab by getting it.
    void manager.request(`enreach-rte:${this.#scope}:tab:${id}`, {}, () => {
      if (!this.#joined || id !== this.#id) return undefined;
      this.#post({ t: 'hello', from: this.#id });
      return new Promise<void>((resolve) => {
        this.#releaseTab = resolve;
      });
    });
    this.#elect();
  }

  /** Queues for leadership; the callback runs once this tab holds the lock. */
  #elect(): void {
    const election = new AbortController();
    this.#election = election;
    locks()!
      .request(`enreach-rte:${this.#scope}:leader`, { signal: election.signal }, () =>
        election.signal.aborted ? undefined : this.#lead(),
      )
      .catch(() => undefined);
  }

  #lead(): Promise<void> {
    if (!this.#joined) return Promise.resolve();
    const channel = this.#channel;
    const leader = new Leader(this.#options, (message) => {
      if (channel !== this.#channel) return;
      this.#post(message);
      this.#receive(message);
    });
    this.#leader = leader;
    this.#leadership = new AbortController();
    this.#failPending(new RteTransportError('The tab holding the connection went away'));
    this.#post({ t: 'leader', from: this.#id });
    leader.start();
    return new Promise<void>((resolve) => {
      this.#resign = resolve;
    });
  }

  /** Hands the connection to the next tab: on stop(), and on freeze (then queues again). */
  async #resignLeadership(requeue: boolean): Promise<void> {
    const leader = this.#leader;
    if (!leader) return;
    this.#leader = undefined;
    this.#leadership?.abort();
    this.#leadership = undefined;
    // Stopping announces `disconnected` to the other tabs at once; the lock goes right after, before
    // the socket has finished closing (a page being frozen gets no further chance to run).
    const stopped = leader.stop();
    this.#resign?.();
    this.#resign = undefined;
    await stopped;
    if (requeue && this.#joined) {
      this.#linkLost('connection-lost');
      this.#elect();
    }
  }

  #post(message: Wire): void {
    try {
      this.#channel?.postMessage(message);
    } catch (error) {
      this.#options.logger.warn('could not relay to the other tabs', { error: wireError(error).message });
    }
  }

  #receive(message: Wire): void {
    if (!this.#joined) return;
    switch (message.t) {
      case 'hello':
        this.#welcome(message.from);
        return;
      case 'bye':
        void this.#leader?.leave(message.from).catch(() => undefined);
        return;
      case 'invoke':
        this.#serve(message.from, message.id, message.method, message.args);
        return;
      case 'result':
        if (message.to === this.#id)
          this.#settlePending(message.id, message.ok, message.value, message.error);
        return;
      case 'leader':
        if (message.from === this.#id) return;
        this.#failPending(new RteTransportError('The tab holding the connection went away'));
        this.#post({ t: 'hello', from: this.#id });
        return;
      case 'welcome':
        if (message.to !== this.#id || !message.connected) return;
        this.#connectionId = message.connectionId;
        this.#hubConnected(undefined);
        return;
      case 'state':
        this.#hubState(message.change);
        return;
      case 'connected':
        this.#connectionId = message.connectionId;
        this.#hubConnected(message.info);
        return;
      case 'message': {
        const key = keyOf(subscriptionOf(message.message));
        this.#lastFrameAt = this.#now();
        if (key !== undefined && this.#pairs.has(key)) this.#options.hooks.onMessage(message.message);
        return;
      }
      case 'error':
        this.#options.hooks.onError(fromWireError(message.error));
        return;
    }
  }

  /** Leader side: a tab said hello; tell it whether it can replay now, and watch for it closing. */
  #welcome(tab: string): void {
    const leader = this.#leader;
    const leadership = this.#leadership;
    if (!leader || !leadership) return;
    if (tab !== this.#id) {
      this.#post({ t: 'welcome', to: tab, connected: leader.connected, connectionId: leader.connectionId });
      void locks()!
        .request(`enreach-rte:${this.#scope}:tab:${tab}`, { signal: leadership.signal }, () =>
          this.#leader === leader ? leader.leave(tab) : undefined,
        )
        .catch(() => undefined);
    }
  }

  /** Leader side: runs another tab's hub call and answers it. */
  #serve(tab: string, id: number, method: string, args: readonly unknown[]): void {
    const leader = this.#leader;
    if (!leader) return;
    leader.invoke(tab, method, [...args]).then(
      (value) => this.#post({ t: 'result', to: tab, id, ok: true, value }),
      (error: unknown) => this.#post({ t: 'result', to: tab, id, ok: false, error: wireError(error) }),
    );
  }

  #hubState(change: WireState): void {
    if (change.state === 'connected' || change.state === 'idle') return;
    if (change.state === 'disconnected' && change.error) {
      // The leader gave up (refused credentials, attempts used up): so does every tab.
      const error = fromWireError(change.error);
      this.#ready = false;
      this.#pairs.clear();
      this.#failPending(error);
      this.#setState({ state: 'disconnected', reason: change.reason ?? 'gave-up', error });
      this.#waiters.reject(error);
      // A later connect() starts over, with a new election.
      void this.#leave();
      return;
    }
    if (this.#ready || this.#replaying) {
      this.#linkLost(change.cause ?? 'connection-lost');
      return;
    }
    const state = this.#everConnected ? 'reconnecting' : 'connecting';
    // A new leader's first attempt adds nothing to the `reconnecting` this tab already announced.
    if (this.#status.state === state && (change.attempt ?? 1) <= 1) return;
    const attempt = { attempt: change.attempt ?? 1, delayMs: change.delayMs ?? 0 };
    this.#setState(
      state === 'reconnecting'
        ? { state, ...attempt, cause: this.#cause ?? change.cause ?? 'unknown' }
        : { state, ...attempt },
    );
  }

  #linkLost(cause: DisconnectCause): void {
    if (!this.#ready && !this.#replaying) return;
    this.#ready = false;
    this.#replaying = false;
    this.#pairs.clear();
    this.#downSince = this.#now();
    this.#cause = cause;
    this.#failPending(new RteTransportError(`Connection lost (${cause})`));
    this.#setState({ state: 'reconnecting', attempt: 1, delayMs: 0, cause });
  }

  /** The shared connection is up: replay this tab's subscriptions through it, then announce. */
  #hubConnected(info: ConnectedInfo | undefined): void {
    if (!this.#joined || this.#ready || this.#replaying) return;
    const reconnect = this.#everConnected;
    const own = reconnect ? this.#now() - this.#downSince : 0;
    const downtimeMs = reconnect ? Math.max(own, info?.reconnect ? info.downtimeMs : 0) : 0;
    const cause = this.#cause ?? info?.cause;
    this.#replaying = true;
    void this.#options.hooks
      .onConnected({ reconnect, downtimeMs, cause })
      .then((announce) => {
        if (!this.#replaying || !this.#joined) return;
        this.#replaying = false;
        this.#ready = true;
        this.#everConnected = true;
        this.#cause = undefined;
        this.#setState({ state: 'connected' });
        announce?.();
        this.#waiters.settle();
      })
      .catch((error: unknown) => {
        this.#options.logger.warn('replay through the shared connection failed', {
          error: wireError(error).message,
        });
      });
  }

  /** The one place this tab's state changes: `state` always equals what was last announced. */
  #setState(next: ConnectionStatus): void {
    const previous = this.#status.state;
    this.#status = next;
    this.#options.hooks.onState({ ...next, previous } as StateChange);
  }

  #settlePending(id: number, ok: boolean, value: unknown, error?: { auth: boolean; message: string }): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    clearTimeout(pending.timer);
    if (ok) pending.resolve(value);
    else pending.reject(fromWireError(error ?? { auth: false, message: 'The hub call failed' }));
  }

  #failPending(error: unknown): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const item of pending) {
      clearTimeout(item.timer);
      item.reject(error);
    }
  }
}
