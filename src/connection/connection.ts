import { type HubConnection, HubConnectionBuilder, type IHttpConnectionOptions } from '@microsoft/signalr';
import type { TokenProvider } from '../auth/token-provider.ts';
import { isAuthError, RteAuthError } from '../errors/auth-error.ts';
import { isRteError, type RteError } from '../errors/rte-error.ts';
import { RteAbortError, RteNotConnectedError, RteTransportError } from '../errors/transport-errors.ts';
import type { SafeLogger } from '../logging/logger.ts';
import type { ReconnectPolicy } from '../options.ts';
import { backoffDelay, sleep } from './backoff.ts';
import { UnauthorizedAwareHttpClient } from './http-client.ts';
import { downtimeStart, type LivenessWatch, observeFrames, watchLiveness } from './liveness.ts';
import { signalrLogger } from './signalr-logger.ts';

/**
 * Where the client stands.
 *
 * @example
 * ```ts
 * import type { ConnectionState } from 'enreach-rte';
 *
 * const online = (state: ConnectionState) => state === 'connected';
 * console.log(online(rte.state));
 * ```
 */
export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/**
 * Why a connection was lost.
 *
 * @example
 * ```ts
 * import type { DisconnectCause } from 'enreach-rte';
 *
 * const planned = (cause: DisconnectCause | undefined) => cause === 'server-closed';
 * rte.on('resynced', (info) => console.log(planned(info.cause) ? 'hub restart' : 'network trouble'));
 * ```
 */
export type DisconnectCause =
  | 'connection-lost'
  | 'server-closed'
  | 'server-timeout'
  | 'network-online'
  | 'wake-from-sleep'
  | 'unknown';

/**
 * Details that come with a `state` change.
 *
 * @example
 * ```ts
 * import type { StateChange } from 'enreach-rte';
 *
 * rte.on('state', (change: StateChange) => {
 *   if (change.state === 'reconnecting') console.log(`attempt ${change.attempt} in ${change.delayMs} ms`);
 * });
 * ```
 */
export interface StateChange {
  /** The state the client is in now. */
  readonly state: ConnectionState;
  /** The state it left. */
  readonly previous: ConnectionState;
  /** Reconnect attempt number (1-based) while `reconnecting` or `connecting` after a failure. */
  readonly attempt?: number;
  /** How long the client waits before that attempt, in ms. */
  readonly delayMs?: number;
  /** Why the connection went away (for `reconnecting`). */
  readonly cause?: DisconnectCause;
  /** The failure that ended the last attempt or connection, when there was one. */
  readonly error?: RteError;
}

/** Information handed to the subscriptions layer once a connection is open. */
export interface ConnectedInfo {
  readonly reconnect: boolean;
  readonly downtimeMs: number;
  readonly cause: DisconnectCause | undefined;
}

/** What the connection tells the rest of the client. */
export interface ConnectionHooks {
  onMessage(message: unknown): void;
  onState(change: StateChange): void;
  onError(error: RteError): void;
  /**
   * Runs after each successful (re)connect, before `connected` is announced and `connect()`
   * resolves: the subscription replay. What it returns runs right after the announcement.
   */
  onConnected(info: ConnectedInfo): Promise<(() => void) | undefined>;
}

export interface ConnectionOptions {
  readonly tokens: TokenProvider;
  readonly logger: SafeLogger;
  readonly reconnect: ReconnectPolicy;
  readonly invokeTimeoutMs: number;
  readonly watchNetwork: boolean;
  readonly WebSocket: unknown;
  readonly hooks: ConnectionHooks;
  readonly random?: () => number;
  readonly now?: () => number;
}

// Older RTE servers call these client methods; without a handler SignalR logs a warning for each.
const LEGACY_CLIENT_METHODS = [
  'SubscribeDetails',
  'UnsubscribeDetails',
  'UnsubscribeAllDetails',
  'AvailableSubscriptions',
];

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

function classifyClose(error: Error | undefined): DisconnectCause {
  if (!error) return 'server-closed';
  const text = error.message;
  if (/server timeout/i.test(text)) return 'server-timeout';
  if (/error on close/i.test(text)) return 'server-closed';
  if (/websocket closed|connection was closed|1006|ECONNRESET|socket hang up/i.test(text))
    return 'connection-lost';
  return 'unknown';
}

/**
 * Where the socket lives. Owns one @microsoft/signalr `HubConnection` at a time and the retry loop
 * around it: unlimited attempts by default, exponential backoff with full jitter, the first retry
 * immediate, including the very first `connect()` while the hub is down. SignalR's own automatic
 * reconnect is not used: it gives up after four attempts, never retries the first start, and does
 * not reconnect after a server Close without `allowReconnect`.
 */
export class Connection {
  readonly #options: ConnectionOptions;
  readonly #random: () => number;
  readonly #now: () => number;
  #state: ConnectionState = 'idle';
  #hub: HubConnection | undefined;
  #loop: AbortController | undefined;
  #waiters: Waiter[] = [];
  // liveness: the watcher, and when the last frame arrived from the hub
  #liveness: LivenessWatch | undefined;
  #lastFrameAt = 0;
  #everConnected = false;
  /** Connected and the subscription replay has finished. */
  #ready = false;
  #downSince = 0;
  #cause: DisconnectCause | undefined;
  #wakeRetry: (() => void) | undefined;

  constructor(options: ConnectionOptions) {
    this.#options = options;
    this.#random = options.random ?? Math.random;
    this.#now = options.now ?? Date.now;
  }

  get state(): ConnectionState {
    return this.#state;
  }

  /** The SignalR connection id while connected. */
  get connectionId(): string | undefined {
    return this.#state === 'connected' ? (this.#hub?.connectionId ?? undefined) : undefined;
  }

  /**
   * Resolves once connected and `onConnected` has finished. Starts the retry loop if it is not
   * running. Rejects with {@link RteAuthError} when the credentials are refused, with
   * {@link RteAbortError} on `signal` or `stop()`, and with {@link RteTransportError} when
   * `maxAttempts` is used up.
   */
  connect(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new RteAbortError('connect() was aborted'));
    const done = new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject };
      this.#waiters.push(waiter);
      signal?.addEventListener(
        'abort',
        () => {
          this.#waiters = this.#waiters.filter((w) => w !== waiter);
          reject(new RteAbortError('connect() was aborted'));
          // Nobody else waits: stop trying rather than connect for no one.
          if (this.#waiters.length === 0 && this.#state !== 'connected') void this.stop();
        },
        { once: true },
      );
    });
    if (this.#ready) {
      this.#settle();
    } else if (!this.#loop && this.#state !== 'connected') {
      this.#startLoop(this.#everConnected ? 'reconnecting' : 'connecting');
    }
    return done;
  }

  /** Closes the connection and cancels every pending attempt and timer. */
  async stop(): Promise<void> {
    this.#loop?.abort(new RteAbortError('disconnect() was called'));
    this.#loop = undefined;
    this.#liveness?.stop();
    this.#liveness = undefined;
    const hub = this.#hub;
    this.#hub = undefined;
    this.#ready = false;
    this.#rejectWaiters(new RteAbortError('disconnect() was called'));
    if (this.#state !== 'idle' && this.#state !== 'disconnected') this.#setState({ state: 'disconnected' });
    if (hub) await hub.stop().catch(() => undefined);
  }

  /** Calls a hub method on the live connection, with the configured timeout. */
  async invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    const hub = this.#hub;
    if (!hub || this.#state !== 'connected') throw new RteNotConnectedError();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new RteTransportError(`${method} timed out after ${this.#options.invokeTimeoutMs} ms`)),
        this.#options.invokeTimeoutMs,
      );
    });
    try {
      return await Promise.race([hub.invoke<T>(method, ...args), timeout]);
    } catch (error) {
      if (error instanceof RteTransportError) throw error;
      throw new RteTransportError(`${method} failed: ${(error as Error)?.message ?? String(error)}`, {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  #setState(change: Omit<StateChange, 'previous'>): void {
    const previous = this.#state;
    this.#state = change.state;
    this.#options.hooks.onState({ ...change, previous });
  }

  #settle(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter.resolve();
  }

  #rejectWaiters(error: unknown): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter.reject(error);
  }

  #startLoop(state: 'connecting' | 'reconnecting', cause?: DisconnectCause, error?: RteError): void {
    const loop = new AbortController();
    this.#loop = loop;
    // liveness: verifies the connection on online/resume/visible/drift and replaces a dead one
    if (this.#options.watchNetwork && !this.#liveness) {
      this.#liveness = watchLiveness(
        {
          isConnected: () => this.#ready && this.#hub !== undefined,
          lastFrameAt: () => this.#lastFrameAt,
          probe: () =>
            this.#hub?.invoke('AvailableSubscriptions') ?? Promise.reject(new RteNotConnectedError()),
          reconnect: (cause, downSince) => this.#forceReconnect(cause, downSince),
          retryNow: () => this.#wakeRetry?.(),
        },
        { now: this.#now },
      );
    }
    this.#setState({
      state,
      attempt: 1,
      delayMs: 0,
      ...(cause ? { cause } : {}),
      ...(error ? { error } : {}),
    });
    void this.#run(loop, state === 'reconnecting');
  }

  async #run(loop: AbortController, reconnect: boolean): Promise<void> {
    const { logger, reconnect: policy } = this.#options;
    for (let retry = 0; ; retry++) {
      if (retry >= policy.maxAttempts) {
        return this.#giveUp(loop, new RteTransportError(`Gave up connecting after ${retry} attempts`));
      }
      const delayMs = backoffDelay(retry, policy, this.#random);
      try {
        if (retry > 0) {
          this.#setState({
            state: this.#state === 'connecting' ? 'connecting' : 'reconnecting',
            attempt: retry + 1,
            delayMs,
            ...(this.#cause ? { cause: this.#cause } : {}),
          });
          await this.#wait(delayMs, loop.signal);
        }
        await this.#attempt(loop.signal, reconnect);
        return;
      } catch (error) {
        if (loop.signal.aborted) return;
        if (isAuthError(error)) {
          const authError =
            error instanceof RteAuthError
              ? error
              : new RteAuthError((error as Error).message, { cause: error });
          return this.#giveUp(loop, authError);
        }
        const transport = isRteError(error)
          ? error
          : new RteTransportError(
              `Connection attempt failed: ${(error as Error)?.message ?? String(error)}`,
              {
                cause: error,
              },
            );
        logger.debug(`attempt ${retry + 1} failed`, { error: transport });
        this.#options.hooks.onError(transport);
      }
    }
  }

  /** Sleeps before the next attempt; the browser coming back online cuts the wait short. */
  async #wait(ms: number, signal: AbortSignal): Promise<void> {
    const early = new AbortController();
    this.#wakeRetry = () => early.abort();
    const both = AbortSignal.any([signal, early.signal]);
    try {
      await sleep(ms, both);
    } catch (error) {
      if (signal.aborted) throw error;
    } finally {
      this.#wakeRetry = undefined;
    }
  }

  #giveUp(loop: AbortController, error: RteError): void {
    if (this.#loop === loop) this.#loop = undefined;
    this.#liveness?.stop();
    this.#liveness = undefined;
    this.#options.hooks.onError(error);
    this.#setState({ state: 'disconnected', error });
    this.#rejectWaiters(error);
  }

  async #attempt(signal: AbortSignal, reconnect: boolean): Promise<void> {
    const { tokens, logger } = this.#options;
    let authFailure: unknown;
    let unauthorized = false;
    const first = await tokens.get(signal, !this.#everConnected);
    const bridge = signalrLogger(logger);
    const httpOptions: IHttpConnectionOptions = {
      logger: bridge,
      httpClient: new UnauthorizedAwareHttpClient(bridge, () => {
        unauthorized = true;
      }),
      accessTokenFactory: async () => {
        try {
          return (await tokens.get(signal, !this.#everConnected)).token;
        } catch (error) {
          // SignalR flattens whatever the factory throws into text; keep the typed error here.
          authFailure = error;
          throw error;
        }
      },
      ...(this.#options.WebSocket ? { WebSocket: this.#options.WebSocket } : {}),
    };
    const hub = new HubConnectionBuilder()
      .withUrl(first.hubUrl, httpOptions)
      .configureLogging(bridge)
      .build();
    observeFrames(hub, () => {
      this.#lastFrameAt = this.#now();
    });
    hub.on('MessageReceived', (message: unknown) => this.#options.hooks.onMessage(message));
    for (const method of LEGACY_CLIENT_METHODS) hub.on(method, () => undefined);
    hub.onclose((error) => {
      if (this.#hub === hub) this.#lost(hub, classifyClose(error), error);
    });

    const abort = () => void hub.stop().catch(() => undefined);
    signal.addEventListener('abort', abort, { once: true });
    try {
      await hub.start();
    } catch (error) {
      if (authFailure) throw authFailure;
      // A 401 on negotiate is visible; one on the WebSocket upgrade only reads "failed to connect".
      if (unauthorized || /websocket failed to connect/i.test((error as Error)?.message ?? ''))
        tokens.invalidate();
      throw error;
    } finally {
      signal.removeEventListener('abort', abort);
    }
    if (signal.aborted) {
      await hub.stop().catch(() => undefined);
      throw signal.reason;
    }

    this.#hub = hub;
    this.#lastFrameAt = this.#now();
    const downtimeMs = reconnect ? this.#now() - this.#downSince : 0;
    const wasReconnect = this.#everConnected;
    this.#everConnected = true;
    if (this.#loop?.signal === signal) this.#loop = undefined;
    // Hub methods work from here on, but `connected` is announced only once the subscriptions are
    // back: to listeners it means "live", not merely "socket open".
    const previous = this.#state;
    this.#state = 'connected';
    logger.info('connected', { connectionId: hub.connectionId ?? undefined });
    const announce = await this.#options.hooks.onConnected({
      reconnect: wasReconnect,
      downtimeMs,
      cause: this.#cause,
    });
    if (this.#hub === hub && this.#state === 'connected') {
      this.#cause = undefined;
      this.#ready = true;
      this.#options.hooks.onState({ state: 'connected', previous });
      announce?.();
      this.#settle();
    }
  }

  #lost(hub: HubConnection, cause: DisconnectCause, error: Error | undefined, downSince?: number): void {
    this.#hub = undefined;
    this.#ready = false;
    void hub.stop().catch(() => undefined);
    if (this.#state === 'disconnected' || this.#state === 'idle') return;
    this.#downSince =
      downSince ?? downtimeStart(cause, this.#now(), this.#lastFrameAt, this.#liveness?.suspendedAt());
    this.#cause = cause;
    const transport = error
      ? new RteTransportError(`Connection lost: ${error.message}`, { cause: error })
      : undefined;
    this.#options.logger.info(`connection lost (${cause}), reconnecting`);
    if (transport) this.#options.hooks.onError(transport);
    this.#loop?.abort(new RteAbortError('superseded'));
    this.#startLoop('reconnecting', cause, transport);
  }

  #forceReconnect(cause: DisconnectCause, downSince?: number): void {
    const hub = this.#hub;
    if (!hub || this.#state !== 'connected') {
      this.#wakeRetry?.();
      return;
    }
    this.#lost(hub, cause, undefined, downSince);
  }
}
