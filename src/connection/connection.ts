import { type HubConnection, HubConnectionBuilder, type IHttpConnectionOptions } from '@microsoft/signalr';
import type { TokenProvider } from '../auth/token-provider.ts';
import { isAuthError, RteAuthError } from '../errors/auth-error.ts';
import { isRteError, type RteError } from '../errors/rte-error.ts';
import {
  RteAbortError,
  RteNotConnectedError,
  RteTokenRequestError,
  RteTransportError,
} from '../errors/transport-errors.ts';
import type { SafeLogger } from '../logging/logger.ts';
import type { ReconnectPolicy } from '../options.ts';
import { backoffDelay, sleep } from './backoff.ts';
import { ConnectWaiters } from './connect-waiters.ts';
import { UnauthorizedAwareHttpClient } from './http-client.ts';
import { type LivenessWatch, watchLiveness } from './liveness.ts';
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
 * Why the client is `disconnected`: `disconnect()` was called, the credentials were refused, or
 * `reconnect.maxAttempts` ran out.
 *
 * @example
 * ```ts
 * import type { DisconnectReason } from 'enreach-rte';
 *
 * const final = (reason: DisconnectReason) => reason !== 'disconnect';
 * rte.on('state', (change) => {
 *   if (change.state === 'disconnected' && final(change.reason)) console.error('stopped:', change.error?.message);
 * });
 * ```
 */
export type DisconnectReason = 'disconnect' | 'auth-rejected' | 'gave-up';

/**
 * Where the client stands, with what belongs to that state: one variant per state, so that checking
 * `state` narrows to its fields. Fields of other states are present as `undefined`.
 *
 * @example
 * ```ts
 * import type { ConnectionStatus } from 'enreach-rte';
 *
 * const describe = (status: ConnectionStatus): string => {
 *   switch (status.state) {
 *     case 'reconnecting':
 *       return `lost (${status.cause}), attempt ${status.attempt} in ${status.delayMs} ms`;
 *     case 'disconnected':
 *       return `stopped: ${status.reason}`;
 *     default:
 *       return status.state;
 *   }
 * };
 * rte.on('state', (change) => console.log(describe(change)));
 * ```
 */
export type ConnectionStatus =
  | {
      /** The state the client is in. */
      readonly state: 'idle';
      /** Only while `connecting` or `reconnecting`. */
      readonly attempt?: undefined;
      /** Only while `connecting` or `reconnecting`. */
      readonly delayMs?: undefined;
      /** Only while `reconnecting`. */
      readonly cause?: undefined;
      /** Only when `disconnected`. */
      readonly reason?: undefined;
      /** Only while `connecting`, `reconnecting` or `disconnected`. */
      readonly error?: undefined;
    }
  | {
      /** The state the client is in. */
      readonly state: 'connecting';
      /** Attempt number, 1-based. */
      readonly attempt: number;
      /** How long the client waits before that attempt, in ms. */
      readonly delayMs: number;
      /** Only while `reconnecting`. */
      readonly cause?: undefined;
      /** Only when `disconnected`. */
      readonly reason?: undefined;
      /** The failure that ended the previous attempt, when there was one. */
      readonly error?: RteError | undefined;
    }
  | {
      /** The state the client is in. */
      readonly state: 'connected';
      /** Only while `connecting` or `reconnecting`. */
      readonly attempt?: undefined;
      /** Only while `connecting` or `reconnecting`. */
      readonly delayMs?: undefined;
      /** Only while `reconnecting`. */
      readonly cause?: undefined;
      /** Only when `disconnected`. */
      readonly reason?: undefined;
      /** Only while `connecting`, `reconnecting` or `disconnected`. */
      readonly error?: undefined;
    }
  | {
      /** The state the client is in. */
      readonly state: 'reconnecting';
      /** Reconnect attempt number, 1-based. */
      readonly attempt: number;
      /** How long the client waits before that attempt, in ms. */
      readonly delayMs: number;
      /** Why the connection went away. */
      readonly cause: DisconnectCause;
      /** Only when `disconnected`. */
      readonly reason?: undefined;
      /** The failure that ended the connection or the previous attempt, when there was one. */
      readonly error?: RteError | undefined;
    }
  | {
      /** The state the client is in. */
      readonly state: 'disconnected';
      /** Only while `connecting` or `reconnecting`. */
      readonly attempt?: undefined;
      /** Only while `connecting` or `reconnecting`. */
      readonly delayMs?: undefined;
      /** Only while `reconnecting`. */
      readonly cause?: undefined;
      /** Why the client stopped. */
      readonly reason: DisconnectReason;
      /** The failure that stopped it (`auth-rejected`, `gave-up`). */
      readonly error?: RteError | undefined;
    };

/**
 * What the `state` event carries: the new {@link ConnectionStatus} and the state it left. A
 * discriminated union on `state`: `change.state === 'reconnecting'` narrows to `attempt`, `delayMs`
 * and `cause`.
 *
 * @example
 * ```ts
 * import type { StateChange } from 'enreach-rte';
 *
 * rte.on('state', (change: StateChange) => {
 *   if (change.state === 'reconnecting') console.log(`attempt ${change.attempt} in ${change.delayMs} ms (${change.cause})`);
 * });
 * ```
 */
export type StateChange = ConnectionStatus & {
  /** The state it left. */
  readonly previous: ConnectionState;
};

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
  #status: ConnectionStatus = { state: 'idle' };
  #hub: HubConnection | undefined;
  /** The current hub connection is open: hub methods work (the replay runs before `connected`). */
  #open = false;
  #loop: AbortController | undefined;
  readonly #waiters = new ConnectWaiters();
  /** Verifies the connection on online, resume, visible and timer drift (`watchNetwork`). */
  #liveness: LivenessWatch | undefined;
  #everConnected = false;
  #downSince = 0;
  #cause: DisconnectCause | undefined;
  #lastFrameAt: number | undefined;
  #retryAfterMs = 0;
  #wakeRetry: (() => void) | undefined;

  constructor(options: ConnectionOptions) {
    this.#options = options;
    this.#random = options.random ?? Math.random;
    this.#now = options.now ?? Date.now;
  }

  /** The state last announced to `onState`. */
  get state(): ConnectionState {
    return this.#status.state;
  }

  /** The state last announced, with its details. */
  get status(): ConnectionStatus {
    return this.#status;
  }

  /** Whether hub methods can be called now (true during the replay, before `connected`). */
  get isOpen(): boolean {
    return this.#open;
  }

  /**
   * When the last frame of any kind (event, ping, completion) arrived from the hub, in ms since the
   * epoch (`now()`); undefined before the first. Outages are counted from here: nothing arrived after
   * it, however late the loss was detected.
   */
  get lastFrameAt(): number | undefined {
    return this.#lastFrameAt;
  }

  /** The SignalR connection id while connected. */
  get connectionId(): string | undefined {
    return this.#open ? (this.#hub?.connectionId ?? undefined) : undefined;
  }

  /**
   * Resolves once connected and `onConnected` has finished. Starts the retry loop if it is not
   * running. Rejects with {@link RteAuthError} when the credentials are refused, with
   * {@link RteAbortError} on `signal` or `stop()`, and with {@link RteTransportError} when
   * `maxAttempts` is used up. The signal governs this one wait: once it settled, the signal is let go.
   * Aborted while the first connection is still being made (and nobody else waits), it stops trying.
   */
  connect(signal?: AbortSignal): Promise<void> {
    // Nobody else waits for a first connection: stop trying rather than connect for no one.
    const done = this.#waiters.wait(signal, () => {
      if (this.#status.state === 'connecting') void this.stop();
    });
    if (this.#status.state === 'connected') {
      this.#waiters.settle();
    } else if (!this.#loop && !this.#open) {
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
    this.#open = false;
    this.#waiters.reject(new RteAbortError('disconnect() was called'));
    if (this.#status.state !== 'idle' && this.#status.state !== 'disconnected')
      this.#transition({ state: 'disconnected', reason: 'disconnect' });
    if (hub) await hub.stop().catch(() => undefined);
  }

  /** Calls a hub method on the open connection, with the configured timeout. */
  async invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    const hub = this.#hub;
    if (!hub || !this.#open) throw new RteNotConnectedError();
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

  /** The one place the state changes: `state` always equals what was last announced. */
  #transition(next: ConnectionStatus): void {
    const previous = this.#status.state;
    this.#status = next;
    this.#options.hooks.onState({ ...next, previous } as StateChange);
  }

  /** The status announced for attempt `attempt` of the running loop. */
  #attemptStatus(
    reconnect: boolean,
    attempt: number,
    delayMs: number,
    error: RteError | undefined,
  ): ConnectionStatus {
    const failure = error ? { error } : {};
    return reconnect
      ? { state: 'reconnecting', attempt, delayMs, cause: this.#cause ?? 'unknown', ...failure }
      : { state: 'connecting', attempt, delayMs, ...failure };
  }

  #startLoop(state: 'connecting' | 'reconnecting', error?: RteError): void {
    const loop = new AbortController();
    this.#loop = loop;
    this.#retryAfterMs = 0;
    if (this.#options.watchNetwork && !this.#liveness) {
      this.#liveness = watchLiveness(
        {
          isConnected: () => this.#open && this.#status.state === 'connected',
          lastFrameAt: () => this.#lastFrameAt ?? 0,
          probe: () => this.invoke('AvailableSubscriptions'),
          reconnect: (cause) => this.#forceReconnect(cause),
          retryNow: () => this.#wakeRetry?.(),
        },
        { now: this.#now },
      );
    }
    const reconnect = state === 'reconnecting';
    this.#transition(this.#attemptStatus(reconnect, 1, 0, error));
    void this.#run(loop, reconnect);
  }

  async #run(loop: AbortController, reconnect: boolean): Promise<void> {
    const { logger, reconnect: policy } = this.#options;
    let lastError: RteError | undefined;
    for (let retry = 0; ; retry++) {
      if (retry >= policy.maxAttempts) {
        return this.#giveUp(
          loop,
          new RteTransportError(`Gave up connecting after ${retry} attempts`),
          'gave-up',
        );
      }
      // The API's Retry-After outlasts the HTTP client's own retries: the next attempt honours it.
      const delayMs = Math.max(backoffDelay(retry, policy, this.#random), this.#retryAfterMs);
      this.#retryAfterMs = 0;
      try {
        if (retry > 0) {
          this.#transition(this.#attemptStatus(reconnect, retry + 1, delayMs, lastError));
          await this.#wait(delayMs, loop.signal);
        }
        await this.#attempt(loop, reconnect);
        return;
      } catch (error) {
        if (loop.signal.aborted) return;
        if (isAuthError(error)) {
          const authError =
            error instanceof RteAuthError
              ? error
              : new RteAuthError((error as Error).message, { cause: error });
          return this.#giveUp(loop, authError, 'auth-rejected');
        }
        const transport = isRteError(error)
          ? error
          : new RteTransportError(
              `Connection attempt failed: ${(error as Error)?.message ?? String(error)}`,
              {
                cause: error,
              },
            );
        if (transport instanceof RteTokenRequestError && transport.retryAfterMs !== undefined)
          this.#retryAfterMs = transport.retryAfterMs;
        lastError = transport;
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

  #giveUp(loop: AbortController, error: RteError, reason: DisconnectReason): void {
    if (this.#loop === loop) this.#loop = undefined;
    this.#liveness?.stop();
    this.#liveness = undefined;
    this.#options.hooks.onError(error);
    this.#transition({ state: 'disconnected', reason, error });
    this.#waiters.reject(error);
  }

  async #attempt(loop: AbortController, reconnect: boolean): Promise<void> {
    const { signal } = loop;
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
    this.#watchFrames(hub);
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
    this.#open = true;
    this.#lastFrameAt = this.#now();
    const downtimeMs = reconnect ? Math.max(0, this.#now() - this.#downSince) : 0;
    const wasReconnect = this.#everConnected;
    this.#everConnected = true;
    if (this.#loop === loop) this.#loop = undefined;
    // Hub methods work from here on, but `connected` is announced only once the subscriptions are
    // back: to listeners it means "live", not merely "socket open".
    logger.info('connected', { connectionId: hub.connectionId ?? undefined });
    const announce = await this.#options.hooks.onConnected({
      reconnect: wasReconnect,
      downtimeMs,
      cause: this.#cause,
    });
    if (this.#hub === hub && this.#open) {
      this.#cause = undefined;
      this.#transition({ state: 'connected' });
      announce?.();
      this.#waiters.settle();
    }
  }

  /** Records when any frame arrives (pings and completions too), before SignalR parses it. */
  #watchFrames(hub: HubConnection): void {
    const transport = (hub as unknown as { connection?: { onreceive?: ((data: unknown) => void) | null } })
      .connection;
    const receive = transport?.onreceive;
    if (!transport || typeof receive !== 'function') return;
    transport.onreceive = (data: unknown) => {
      if (this.#hub === hub) this.#lastFrameAt = this.#now();
      receive(data);
    };
  }

  #lost(hub: HubConnection, cause: DisconnectCause, error: Error | undefined): void {
    this.#hub = undefined;
    const wasOpen = this.#open;
    this.#open = false;
    void hub.stop().catch(() => undefined);
    if (this.#status.state === 'disconnected' || this.#status.state === 'idle') return;
    // Nothing arrived after the last frame, however late the loss was noticed.
    this.#downSince = wasOpen ? (this.#lastFrameAt ?? this.#now()) : this.#now();
    this.#cause = cause;
    const transport = error
      ? new RteTransportError(`Connection lost: ${error.message}`, { cause: error })
      : undefined;
    this.#options.logger.info(`connection lost (${cause}), reconnecting`);
    if (transport) this.#options.hooks.onError(transport);
    this.#loop?.abort(new RteAbortError('superseded'));
    this.#startLoop('reconnecting', transport);
  }

  #forceReconnect(cause: DisconnectCause): void {
    const hub = this.#hub;
    if (!hub || !this.#open) {
      this.#wakeRetry?.();
      return;
    }
    this.#lost(hub, cause, undefined);
  }
}
