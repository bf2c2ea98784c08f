import { createRestTokenSource } from '../auth/rest-token-source.ts';
import { TokenProvider } from '../auth/token-provider.ts';
import {
  Connection,
  type ConnectionOptions,
  type ConnectionState,
  type StateChange,
} from '../connection/connection.ts';
import type { HubLink } from '../connection/hub-link.ts';
import { RteSubscriptionError, RteValidationError } from '../errors/event-errors.ts';
import type { RteError } from '../errors/rte-error.ts';
import { decodeMessage } from '../events/decode.ts';
import { camelCaseKeys } from '../events/keys.ts';
import { normalizeEventName } from '../events/names.ts';
import { createSafeLogger, type SafeLogger } from '../logging/logger.ts';
import { Redactor } from '../logging/redact.ts';
import { type ResolvedOptions, type RteClientOptions, resolveOptions } from '../options.ts';
import { type DesiredSubscription, SubscriptionRegistry } from '../subscriptions/registry.ts';
import { type SubscriptionResult, SubscriptionSync, type UnsubscribeResult } from '../subscriptions/sync.ts';
import { connectAcrossTabs } from '../tabs/shared-connection.ts';
import { IsolatingEmitter, iterate, type ListenerOptions } from './emitter.ts';
import type {
  ResyncedEvent,
  RteClientEventName,
  RteClientEvents,
  RteListenableEventName,
  RteMessage,
  RteSubscriptionInfo,
} from './event-map.ts';

/**
 * An event name accepted by `subscribe()`: known names autocomplete, any other string goes to the hub as is.
 *
 * @example
 * ```ts
 * import type { SubscribableEventName } from 'enreach-rte';
 *
 * const names: SubscribableEventName[] = ['QueueStatus', 'SomeEventTheHubAdded'];
 * ```
 */
export type SubscribableEventName = RteListenableEventName | (string & {});

/**
 * One (event name, entity id) pair.
 *
 * @example
 * ```ts
 * import type { SubscriptionItem } from 'enreach-rte';
 *
 * const items: SubscriptionItem[] = [
 *   { eventName: 'UserStatus', entityId: 'aa9730c4-ce86-e611-80c9-00505689257e' },
 *   { eventName: 'QueueStatus', entityId: 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3' },
 * ];
 * await rte.subscribe(items);
 * ```
 */
export interface SubscriptionItem {
  /** The event name, e.g. `QueueStatus`; any case is accepted. */
  readonly eventName: SubscribableEventName;
  /** QueueId for queue events, UserId for user events, CallListId for callback events. */
  readonly entityId: string;
}

/**
 * A pair the client keeps subscribed, as `rte.subscriptions` lists it.
 *
 * @example
 * ```ts
 * import type { DesiredSubscriptionInfo } from 'enreach-rte';
 *
 * const pending = rte.subscriptions.filter((s: DesiredSubscriptionInfo) => s.status === 'pending');
 * ```
 */
export interface DesiredSubscriptionInfo {
  /** Canonical event name when the SDK knows the event, else as given. */
  readonly eventName: string;
  /** The user, queue or call list id. */
  readonly entityId: string;
  /** `subscribed` once the hub confirmed it on the current connection, else `pending`. */
  readonly status: 'subscribed' | 'pending';
  /** How many `subscribe()` calls hold it. */
  readonly refs: number;
}

/**
 * A subscription as the hub's `ActiveSubscriptions` method reports it (keys in camelCase).
 *
 * @example
 * ```ts
 * import type { ActiveSubscription } from 'enreach-rte';
 *
 * const active: ActiveSubscription[] = await rte.activeSubscriptions();
 * console.log(active.map((s) => `${s.eventType} ${s.entityId}`));
 * ```
 */
export type ActiveSubscription = RteSubscriptionInfo;

function toItems(
  first: SubscribableEventName | readonly SubscriptionItem[],
  entityIds?: string | readonly string[],
): SubscriptionItem[] {
  const items: SubscriptionItem[] = [];
  if (typeof first === 'string') {
    const ids = typeof entityIds === 'string' ? [entityIds] : entityIds;
    if (!Array.isArray(ids)) throw new TypeError('enreach-rte: give an entity id or an array of entity ids');
    for (const entityId of ids) items.push({ eventName: first, entityId });
  } else if (Array.isArray(first)) {
    items.push(...first);
  } else {
    throw new TypeError(
      'enreach-rte: give an event name and entity ids, or an array of { eventName, entityId }',
    );
  }
  for (const item of items) {
    if (typeof item?.eventName !== 'string' || item.eventName.trim().length === 0) {
      throw new TypeError('enreach-rte: every subscription needs a non-empty eventName');
    }
    if (typeof item.entityId !== 'string' || item.entityId.trim().length === 0) {
      throw new TypeError(`enreach-rte: every ${item.eventName} subscription needs a non-empty entityId`);
    }
  }
  return items.map((item) => ({
    eventName: normalizeEventName(item.eventName.trim()),
    entityId: item.entityId.trim(),
  }));
}

/**
 * The Enreach RTE client: typed events that keep flowing through network drops, hub restarts and
 * token expiry, with every subscription replayed after a reconnect (the hub forgets them all).
 *
 * @example
 * ```ts
 * import { RteClient } from 'enreach-rte';
 *
 * const rte = new RteClient({
 *   apiUrl: 'https://api-silox.enreachvoice.com',
 *   auth: { email: 'agent@example.com', secretKey: process.env.ENREACH_SECRET_KEY! },
 * });
 * rte.on('UserStatus', (status) => console.log(status.userId, status.canBeAllocatedTo));
 * await rte.subscribe('UserStatus', ['aa9730c4-ce86-e611-80c9-00505689257e']);
 * await rte.connect();
 * ```
 */
export class RteClient {
  readonly #options: ResolvedOptions;
  readonly #logger: SafeLogger;
  readonly #emitter: IsolatingEmitter;
  readonly #registry = new SubscriptionRegistry();
  readonly #sync: SubscriptionSync;
  readonly #connection: HubLink;

  /** Checks the options (throwing a `TypeError` for a malformed one) and prepares the client. Nothing is fetched or opened until `connect()`. */
  constructor(options: RteClientOptions) {
    this.#options = resolveOptions(options);
    const redactor = new Redactor();
    const { auth, apiUrl } = this.#options;
    if (auth && 'secretKey' in auth) redactor.add(auth.secretKey);
    if (auth && 'bearer' in auth && typeof auth.bearer === 'string') redactor.add(auth.bearer);
    this.#logger = createSafeLogger(this.#options.logger, redactor);
    this.#emitter = new IsolatingEmitter((error) => this.#reportError(error));

    const source =
      this.#options.getToken ??
      createRestTokenSource({
        apiUrl: apiUrl!,
        auth: auth!,
        userId: this.#options.userId,
        timeoutMs: this.#options.requestTimeoutMs,
        retries: this.#options.requestRetries,
        fetch: this.#options.fetch,
      });
    const tokens = new TokenProvider({
      source,
      apiUrl,
      refreshMarginMs: this.#options.tokenRefreshMarginSeconds * 1000,
      onToken: (token) => redactor.add(token),
    });
    const connectionOptions: ConnectionOptions = {
      tokens,
      logger: this.#logger,
      reconnect: this.#options.reconnect,
      invokeTimeoutMs: this.#options.invokeTimeoutMs,
      watchNetwork: this.#options.watchNetwork,
      WebSocket: this.#options.WebSocket,
      hooks: {
        onMessage: (message) => this.#dispatch(message),
        onState: (change) => this.#onState(change),
        onError: (error) => this.#reportError(error),
        onConnected: async (info) => {
          const report = await this.#sync.replay();
          if (report.refused.length > 0) this.#reportError(new RteSubscriptionError(report.refused));
          if (!info.reconnect) return undefined;
          const resynced: ResyncedEvent = {
            downtimeMs: info.downtimeMs,
            cause: info.cause,
            restored: report.restored,
            refused: report.refused,
            pending: report.pending,
            mayHaveMissedEvents: true,
          };
          return () => {
            this.#logger.info(`resynced ${report.restored} subscription(s) after ${info.downtimeMs} ms`);
            this.#emitter.emit('resynced', resynced);
          };
        },
      },
    };
    // tabs: one hub connection shared by the tabs of the origin when asked (and possible)
    this.#connection = this.#options.shareAcrossTabs
      ? connectAcrossTabs(connectionOptions, `${apiUrl?.href ?? ''}|${this.#options.userId}`)
      : new Connection(connectionOptions);
    this.#sync = new SubscriptionSync({
      registry: this.#registry,
      chunkSize: this.#options.subscribeChunkSize,
      invoke: (method, ...args) => this.#connection.invoke(method, ...args),
      isConnected: () => this.#connection.state === 'connected',
      onRefused: (refused) => this.#reportError(new RteSubscriptionError(refused)),
      onError: (error) => this.#reportError(error),
      logger: this.#logger,
      retry: this.#options.reconnect,
    });
  }

  /** Where the client stands: `idle`, `connecting`, `connected`, `reconnecting` or `disconnected`. */
  get state(): ConnectionState {
    return this.#connection.state;
  }

  /** Every pair the client keeps subscribed (and replays after a reconnect). */
  get subscriptions(): readonly DesiredSubscriptionInfo[] {
    return this.#registry
      .all()
      .map(({ eventName, entityId, status, refs }) => ({ eventName, entityId, status, refs }));
  }

  /**
   * Listens to an RTE event (typed by name), `'*'` for every event, or a lifecycle event
   * (`state`, `resynced`, `error`). Returns the function that removes the listener.
   *
   * @example
   * ```ts
   * import { RteClient } from 'enreach-rte';
   * const off = rte.on('QueueStatus', (queue, message) => {
   *   console.log(queue.queueName, queue.nbrOfQueuingRequesters, message.subscription.entityId);
   * });
   * off();
   * ```
   */
  on<N extends RteClientEventName>(
    name: N,
    listener: RteClientEvents[N],
    options?: ListenerOptions,
  ): () => void {
    return this.#emitter.on(name, listener, options);
  }

  /**
   * Like {@link RteClient.on}, but the listener runs at most once.
   *
   * @example
   * ```ts
   * import { RteClient } from 'enreach-rte';
   * rte.once('resynced', (info) => console.log(`back after ${info.downtimeMs} ms`));
   * ```
   */
  once<N extends RteClientEventName>(
    name: N,
    listener: RteClientEvents[N],
    options?: ListenerOptions,
  ): () => void {
    return this.#emitter.on(name, listener, { ...options, once: true });
  }

  /**
   * Removes a listener added with {@link RteClient.on}.
   *
   * @example
   * ```ts
   * import { RteClient } from 'enreach-rte';
   * const onStatus = (status: { userId?: string }) => console.log(status.userId);
   * rte.on('UserStatus', onStatus);
   * rte.off('UserStatus', onStatus);
   * ```
   */
  off<N extends RteClientEventName>(name: N, listener: RteClientEvents[N]): void {
    this.#emitter.off(name, listener);
  }

  /**
   * The events of one name (or `'*'` for all) as an async iterator. Buffers up to `bufferSize`
   * events (the oldest are dropped first); `break` or the signal ends it.
   *
   * @example
   * ```ts
   * import { RteClient } from 'enreach-rte';
   * for await (const { data } of rte.events('QueueStatus')) {
   *   if (data.nbrOfQueuingRequesters > 10) console.warn(`${data.queueName} is busy`);
   * }
   * ```
   */
  events<N extends RteListenableEventName | '*'>(
    name: N,
    options: { signal?: AbortSignal; bufferSize?: number } = {},
  ): AsyncIterableIterator<RteMessage<N extends '*' ? string : N>> {
    type Item = RteMessage<N extends '*' ? string : N>;
    return iterate<Item>(
      (push) =>
        this.#emitter.on(name, ((first: unknown, second: unknown) =>
          push((name === '*' ? first : second) as Item)) as never),
      options,
    );
  }

  /**
   * Subscribes to an event for one or more entities. Call it before or after `connect()`; the pairs
   * are remembered and replayed after every reconnect. Connected, it resolves to the hub's verdict
   * per item (refusals are results, not exceptions); before `connect()` the items are `pending` and
   * refusals arrive later on the `error` event.
   *
   * @example
   * ```ts
   * import { RteClient } from 'enreach-rte';
   * const results = await rte.subscribe('QueueStatus', [queueA, queueB]);
   * for (const r of results) if (r.status === 'refused') console.warn(r.entityId, r.message);
   * await rte.subscribe([{ eventName: 'UserStatus', entityId: userId }, { eventName: 'CallbackChanged', entityId: callListId }]);
   * ```
   */
  subscribe(
    eventName: SubscribableEventName,
    entityIds: string | readonly string[],
  ): Promise<SubscriptionResult[]>;
  subscribe(items: readonly SubscriptionItem[]): Promise<SubscriptionResult[]>;
  async subscribe(
    first: SubscribableEventName | readonly SubscriptionItem[],
    entityIds?: string | readonly string[],
  ): Promise<SubscriptionResult[]> {
    const items = toItems(first, entityIds);
    return this.#sync.subscribe(items.map((item) => this.#registry.retain(item.eventName, item.entityId)));
  }

  /**
   * Drops one reference to each pair; the hub is told when the last reference goes.
   *
   * @example
   * ```ts
   * import { RteClient } from 'enreach-rte';
   * await rte.unsubscribe('UserStatus', userId);
   * ```
   */
  unsubscribe(
    eventName: SubscribableEventName,
    entityIds: string | readonly string[],
  ): Promise<UnsubscribeResult[]>;
  unsubscribe(items: readonly SubscriptionItem[]): Promise<UnsubscribeResult[]>;
  async unsubscribe(
    first: SubscribableEventName | readonly SubscriptionItem[],
    entityIds?: string | readonly string[],
  ): Promise<UnsubscribeResult[]> {
    const items = toItems(first, entityIds);
    const removed: DesiredSubscription[] = [];
    const results = items.map((item): UnsubscribeResult => {
      const released = this.#registry.release(item.eventName, item.entityId);
      if (!released) return { ...item, status: 'not-subscribed' };
      if (!released.removed) return { ...item, status: 'retained' };
      removed.push(released.entry);
      return { ...item, status: 'unsubscribed' };
    });
    await this.#sync.unsubscribe(removed);
    return results;
  }

  /**
   * Forgets every subscription, whoever holds it, and tells the hub (`UnsubscribeAll`) when connected.
   *
   * @example
   * ```ts
   * import { RteClient } from 'enreach-rte';
   * await rte.unsubscribeAll();
   * ```
   */
  async unsubscribeAll(): Promise<void> {
    this.#registry.clear();
    if (this.#connection.state === 'connected') await this.#connection.invoke('UnsubscribeAll');
  }

  /**
   * The event names the hub offers (`AvailableSubscriptions`); the live service knows more than the
   * reference documents. Requires a connection.
   *
   * @example
   * ```ts
   * import { RteClient } from 'enreach-rte';
   * const names = await rte.availableSubscriptions();
   * ```
   */
  async availableSubscriptions(): Promise<string[]> {
    const names = await this.#connection.invoke<unknown>('AvailableSubscriptions');
    return Array.isArray(names) ? names.filter((name): name is string => typeof name === 'string') : [];
  }

  /**
   * The subscriptions the hub holds for this connection (`ActiveSubscriptions`). Requires a connection.
   *
   * @example
   * ```ts
   * import { RteClient } from 'enreach-rte';
   * const active = await rte.activeSubscriptions();
   * console.log(active.map((s) => `${s.eventType}/${s.entityId}`));
   * ```
   */
  async activeSubscriptions(): Promise<ActiveSubscription[]> {
    const list = await this.#connection.invoke<unknown>('ActiveSubscriptions');
    if (!Array.isArray(list)) return [];
    return list
      .filter((item) => typeof item === 'object' && item !== null)
      .map((item) => camelCaseKeys(item) as ActiveSubscription);
  }

  /**
   * Connects, and keeps the connection up until `disconnect()`. Resolves once connected and every
   * remembered subscription has been sent. Transient failures are retried in the background (the
   * promise waits); refused credentials reject with `RteAuthError` and stop all retries.
   *
   * @example
   * ```ts
   * import { RteClient, isAuthError } from 'enreach-rte';
   * try {
   *   await rte.connect({ signal: AbortSignal.timeout(30_000) });
   * } catch (error) {
   *   if (isAuthError(error)) console.error('Check the email and secret key');
   * }
   * ```
   */
  connect(options: { signal?: AbortSignal } = {}): Promise<void> {
    return this.#connection.connect(options.signal);
  }

  /**
   * Closes the connection and stops every retry and timer. Subscriptions stay remembered: a later
   * `connect()` replays them. Pending `connect()` calls reject with `RteAbortError`.
   *
   * @example
   * ```ts
   * import { RteClient } from 'enreach-rte';
   * process.on('SIGTERM', () => void rte.disconnect());
   * ```
   */
  async disconnect(): Promise<void> {
    this.#sync.connectionLost();
    await this.#connection.stop();
  }

  /** `await using rte = new RteClient(…)` disconnects at the end of the scope. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.disconnect();
  }

  #onState(change: StateChange): void {
    if (change.previous === 'connected' && change.state !== 'connected') this.#sync.connectionLost();
    this.#logger.debug(`state ${change.previous} -> ${change.state}`);
    this.#emitter.emit('state', change);
  }

  #reportError(error: RteError): void {
    this.#logger.warn(error.message, { code: error.code });
    this.#emitter.emit('error', error);
  }

  /** Every frame of the hub arrives here: decode, validate, then hand out. */
  #dispatch(raw: unknown): void {
    const decoded = decodeMessage(raw, this.#options.validation);
    if (decoded.issues.length > 0) {
      // `valid` is false for a frame that cannot be routed, and for any schema failure under strict
      // validation; lenient validation still delivers a known event that failed its schema.
      const withheld = !decoded.valid;
      this.#reportError(new RteValidationError(decoded.name, decoded.issues, raw, !withheld));
      if (withheld) return;
    }
    const message = decoded as RteMessage;
    this.#emitter.emit(message.name, message.data, message);
    this.#emitter.emit('*', message);
  }
}
