import { createRestTokenSource } from '../auth/rest-token-source.ts';
import { TokenProvider } from '../auth/token-provider.ts';
import type {
  ConnectionOptions,
  ConnectionState,
  ConnectionStatus,
  StateChange,
} from '../connection/connection.ts';
import { DeferredLink, type HubLink } from '../connection/hub-link.ts';
import { LazyConnection } from '../connection/lazy-link.ts';
import {
  RteHandlerError,
  RteSnapshotError,
  RteSubscriptionError,
  RteValidationError,
} from '../errors/event-errors.ts';
import type { RteError } from '../errors/rte-error.ts';
import { RteAbortError } from '../errors/transport-errors.ts';
import type { Decoder } from '../events/decoder.ts';
import { camelCaseKeys } from '../events/keys.ts';
import { normalizeEventName } from '../events/names.ts';
import { createSafeLogger, type SafeLogger } from '../logging/logger.ts';
import { Redactor } from '../logging/redact.ts';
import { type ResolvedOptions, type RteClientOptions, resolveOptions } from '../options.ts';
import type { EntityCell } from '../state/entity-cell.ts';
import { EntityStore } from '../state/entity-store.ts';
import type { GapPair, GapReport, PairRef } from '../state/gap.ts';
import type { SnapshotLoader } from '../state/snapshot.ts';
import {
  Handle,
  type HandleEventData,
  type SubscriptionHandle,
  type SubscriptionOptions,
} from '../subscriptions/handle.ts';
import { type DesiredSubscription, subscriptionKey } from '../subscriptions/registry.ts';
import {
  type PairChange,
  Reconciler,
  type SubscriptionResult,
  type UnsubscribeResult,
} from '../subscriptions/sync.ts';
import { IsolatingEmitter, iterate, type ListenerOptions } from './emitter.ts';
import type {
  ResyncedEvent,
  RteClientEventName,
  RteClientEvents,
  RteListenableEventName,
  RteMessage,
  RteSubscriptionInfo,
} from './event-map.ts';

type ConnectedModule = typeof import('./connected.ts');
let connectedModule: ConnectedModule | undefined;
let loadingConnected: Promise<ConnectedModule> | undefined;

/**
 * The decoder (zod and the event schemas) and the entity cells of handles are loaded when a client
 * first connects, so they stay out of an app's initial bundle; once loaded, clients created later
 * get theirs at construction.
 */
function loadConnected(): Promise<ConnectedModule> {
  loadingConnected ??= import('./connected.ts').then(
    (module) => (connectedModule = module),
    (error: unknown) => {
      loadingConnected = undefined;
      throw error;
    },
  );
  return loadingConnected;
}

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
  /** How many references hold it: `subscribe()` calls and subscription handles. */
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

/** The value of a pair, shared by its handles. */
interface PairCell {
  readonly eventName: string;
  readonly entityId: string;
  /** The registry entry it belongs to: a pair released and wanted again gets a new one. */
  readonly entry: DesiredSubscription;
  /** The loader its first handle chose (or the client's), kept until the cell exists. */
  readonly loader: SnapshotLoader<unknown> | undefined;
  /** `undefined` until the client's connect-time module is loaded (no value can arrive before). */
  cell: EntityCell<unknown> | undefined;
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
  /** `state`, `resynced`, `error`: never reached by a hub frame, whatever the frame is called. */
  readonly #lifecycle: IsolatingEmitter;
  /** Hub events by name, and `*`. */
  readonly #events: IsolatingEmitter;
  /** Listeners of subscription handles, by pair (subscriptionKey). */
  readonly #pairEvents: IsolatingEmitter;
  readonly #handles = new Map<string, Set<Handle>>();
  /** The value of each pair that handles hold, shared by them, by pair (subscriptionKey). */
  readonly #cells = new Map<string, PairCell>();
  readonly #reconciler: Reconciler;
  readonly #connection: HubLink;
  /** The connect-time module (decoder, cells, gap accounting), once loaded (see `connect()`). */
  #module: ConnectedModule | undefined;
  /** The load of that module started by `connect()`, while it runs. */
  #loading: Promise<void> | undefined;
  /**
   * This client's decoder, once its module is loaded (see `connect()`). No frame can come before
   * it: either link opens only once that module is here (the connection's own code is in it, and
   * the tab-sharing link waits for it).
   */
  #decoder: Decoder | undefined;

  /** Checks the options (throwing a `TypeError` for a malformed one) and prepares the client. Nothing is fetched or opened until `connect()`. */
  constructor(options: RteClientOptions) {
    this.#options = resolveOptions(options);
    if (connectedModule !== undefined) this.#takeModule(connectedModule);
    const redactor = new Redactor();
    const { auth, apiUrl } = this.#options;
    if (auth && 'secretKey' in auth) redactor.add(auth.secretKey);
    if (auth && 'bearer' in auth && typeof auth.bearer === 'string') redactor.add(auth.bearer);
    this.#logger = createSafeLogger(this.#options.logger, redactor);
    const onListenerError = (error: RteError) => this.#reportError(error);
    this.#lifecycle = new IsolatingEmitter(onListenerError);
    this.#events = new IsolatingEmitter(onListenerError);
    this.#pairEvents = new IsolatingEmitter(onListenerError);

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
          const report = await this.#reconciler.replay();
          if (report.refused.length > 0) this.#reportError(new RteSubscriptionError(report.refused));
          if (!info.reconnect) return undefined;
          const base = {
            downtimeMs: info.downtimeMs,
            cause: info.cause,
            restored: report.restored,
            refused: report.refused,
            pending: report.pending,
          };
          return () => this.#resynced(base, info.downtimeMs);
        },
      },
    };
    // tabs: one hub connection shared by the tabs of the origin, its code loaded only when asked for
    const scope = `${apiUrl?.href ?? ''}|${this.#options.userId}`;
    this.#connection = this.#options.shareAcrossTabs
      ? new DeferredLink(async () => {
          // Frames relayed by another tab must find this tab's decoder: both load before it joins.
          const [tabs] = await Promise.all([import('../tabs/shared-connection.ts'), loadConnected()]);
          return tabs.connectAcrossTabs(connectionOptions, scope);
        })
      : new LazyConnection(connectionOptions, async () => (await loadConnected()).Connection);
    this.#reconciler = new Reconciler({
      chunkSize: this.#options.subscribeChunkSize,
      // Answers come only over an open link, which opens only once the module is here.
      readResults: (sent, results) => this.#module!.readSubscribeResults(sent, results),
      invoke: (method, ...args) => this.#connection.invoke(method, ...args),
      isOpen: () => this.#connection.isOpen,
      onRefused: (refused) => this.#reportError(new RteSubscriptionError(refused)),
      onError: (error) => this.#reportError(error),
      onChange: (entry, change) => this.#pairChanged(entry, change),
      logger: this.#logger,
      retry: this.#options.reconnect,
    });
  }

  /**
   * Where the client stands: `idle`, `connecting`, `connected`, `reconnecting` or `disconnected`.
   * Always the state last announced on the `state` event.
   */
  get state(): ConnectionState {
    return this.#connection.state;
  }

  /**
   * The state last announced, with its details (`attempt`, `delayMs`, `cause` while reconnecting;
   * `reason` when disconnected).
   *
   * @example
   * ```ts
   * import { RteClient } from 'enreach-rte';
   * const status = rte.status;
   * if (status.state === 'reconnecting') console.log(`attempt ${status.attempt} (${status.cause})`);
   * ```
   */
  get status(): ConnectionStatus {
    return this.#connection.status;
  }

  /**
   * Resolves when the client is in `state` (at once if it already is); rejects with `RteAbortError`
   * when the signal fires first. `whenState('connected')` means connected and every subscription
   * replayed.
   *
   * @example
   * ```ts
   * import { RteClient } from 'enreach-rte';
   * void rte.connect();
   * await rte.whenState('connected', { signal: AbortSignal.timeout(30_000) });
   * ```
   */
  whenState(state: ConnectionState, options: { signal?: AbortSignal } = {}): Promise<void> {
    const { signal } = options;
    if (this.state === state) return Promise.resolve();
    if (signal?.aborted) return Promise.reject(new RteAbortError('whenState() was aborted'));
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        off();
        reject(new RteAbortError('whenState() was aborted'));
      };
      const off = this.#lifecycle.on('state', (change: StateChange) => {
        if (change.state !== state) return;
        off();
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Every pair the client keeps subscribed (and replays after a reconnect). */
  get subscriptions(): readonly DesiredSubscriptionInfo[] {
    return this.#reconciler.desired
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
    return this.#emitterFor(name).on(name, listener, options);
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
    return this.#emitterFor(name).on(name, listener, { ...options, once: true });
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
    this.#emitterFor(name).off(name, listener);
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
        this.#events.on(name, ((first: unknown, second: unknown) =>
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
  subscribe(
    first: SubscribableEventName | readonly SubscriptionItem[],
    entityIds?: string | readonly string[],
  ): Promise<SubscriptionResult[]> {
    // Validated before anything is returned: a malformed call throws, it does not reject.
    const items = toItems(first, entityIds);
    return this.#reconciler.subscribe(items);
  }

  /**
   * One pair as an object that holds one reference on it: its `state`, its own events, `ready()`,
   * and `unsubscribe()` (or `using`). Call it before or after `connect()`.
   *
   * @example
   * ```ts
   * import { RteClient } from 'enreach-rte';
   * using sub = rte.subscription('QueueStatus', queueId);
   * sub.on((queue) => console.log(queue.queueName, queue.nbrOfQueuingRequesters));
   * await sub.ready();
   * ```
   */
  subscription<N extends SubscribableEventName>(
    eventName: N,
    entityId: string,
    options: SubscriptionOptions<HandleEventData<N>> = {},
  ): SubscriptionHandle<N> {
    const [item] = toItems(eventName, [entityId]);
    if (typeof options !== 'object' || options === null)
      throw new TypeError('enreach-rte: the subscription options must be an object');
    if (options.getState !== undefined && typeof options.getState !== 'function')
      throw new TypeError('enreach-rte: getState must be a function');
    const entry = this.#reconciler.retain(item!.eventName, item!.entityId);
    const cell = this.#cellFor(entry, options.getState as SnapshotLoader<unknown> | undefined);
    const handle = new Handle<N>(
      item!.eventName as N,
      item!.entityId,
      entry,
      {
        listen: (key, listener, listenerOptions) => this.#pairEvents.on(key, listener, listenerOptions),
        release: (self, held) => {
          this.#forgetHandle(self);
          this.#reconciler.releaseEntry(held);
        },
        storeListenerFailed: (self, error) =>
          this.#reportError(new RteHandlerError(`${self.eventName} ${self.entityId}`, error)),
      },
      cell.cell,
    );
    let handles = this.#handles.get(entry.key);
    if (!handles) {
      handles = new Set();
      this.#handles.set(entry.key, handles);
    }
    handles.add(handle as unknown as Handle);
    return handle;
  }

  /**
   * The entities of one event name as one external store: `get(id)`, `entries()`, `add(ids)`,
   * `delete(ids)`, `subscribe(onChange)`, `getSnapshot()`. Each entity is one subscription handle,
   * released when it leaves the store or the store is disposed.
   *
   * @example
   * ```ts
   * import { RteClient } from 'enreach-rte';
   * using queues = rte.store('QueueStatus', [queueA, queueB]);
   * queues.subscribe(() => {
   *   for (const [id, queue] of queues.entries()) console.log(id, queue.freshness, queue.latest?.nbrOfQueuingRequesters);
   * });
   * ```
   */
  store<N extends SubscribableEventName>(
    eventName: N,
    ids?: Iterable<string> | string,
    options: SubscriptionOptions<HandleEventData<N>> = {},
  ): EntityStore<HandleEventData<N>> {
    return new EntityStore<HandleEventData<N>>(
      eventName,
      (name, id) => this.subscription(name as N, id, options),
      ids,
    );
  }

  /** The pair's cell: the one its handles share, or a new one in the pair's current state. */
  #cellFor(entry: DesiredSubscription, own: SnapshotLoader<unknown> | undefined): PairCell {
    const existing = this.#cells.get(entry.key);
    if (existing !== undefined && existing.entry === entry) return existing;
    const { eventName, entityId } = entry;
    const loader = own ?? this.#options.getState.get(eventName.toLowerCase());
    const held: PairCell = { eventName, entityId, entry, loader, cell: undefined };
    this.#cells.set(entry.key, held);
    if (this.#module !== undefined) this.#createCell(this.#module, held);
    return held;
  }

  /** Creates the pair's cell in the pair's current state. */
  #createCell(module: ConnectedModule, held: PairCell): EntityCell<unknown> {
    const { eventName, entityId, entry, loader } = held;
    const cell = new module.EntityCell<unknown>({
      entityId,
      getState: loader,
      retry: this.#options.reconnect,
      loaderError: (error, context) =>
        new RteSnapshotError(eventName, entityId, error, context.attempt, context.retryInMs),
      onError: (error, context) =>
        this.#reportError(
          error instanceof RteSnapshotError
            ? error
            : new RteHandlerError(`${eventName} ${context.entityId}`, error),
        ),
    });
    held.cell = cell;
    if (entry.status === 'subscribed') cell.setState('live');
    return cell;
  }

  /**
   * Drops one reference to each pair; the hub is told when the last reference goes. Resolves once
   * the hub has dropped those pairs (a failed Unsubscribe is retried first) or the connection is gone.
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
  unsubscribe(
    first: SubscribableEventName | readonly SubscriptionItem[],
    entityIds?: string | readonly string[],
  ): Promise<UnsubscribeResult[]> {
    const items = toItems(first, entityIds);
    return this.#reconciler.unsubscribe(items);
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
  unsubscribeAll(): Promise<void> {
    return this.#reconciler.unsubscribeAll();
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
    if (this.#module !== undefined) return this.#connection.connect(options.signal);
    // The module is taken in before either link can open (both wait for the same load), so the
    // decoder is here for the first frame and the cells for the replay that makes pairs live.
    this.#loading ??= loadConnected().then(
      (module) => {
        this.#loading = undefined;
        this.#takeModule(module);
      },
      (error: unknown) => {
        this.#loading = undefined;
        void this.#connection.stop();
        throw error;
      },
    );
    const loading = this.#loading;
    const connected = this.#connection.connect(options.signal);
    return Promise.all([loading, connected]).then(() => undefined);
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
    await this.#connection.stop();
    this.#decoder?.clear();
  }

  /** `await using rte = new RteClient(…)` disconnects at the end of the scope. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.disconnect();
  }

  /**
   * Accounts for the gap once every pair's outcome is known (a loader answered, an event arrived,
   * or the pair has no loader), then announces `resynced`. At once when nothing is to be waited for.
   */
  #resynced(
    base: Omit<ResyncedEvent, 'stale' | 'restoredBySnapshot' | 'missed' | 'mayHaveMissedEvents'>,
    downtimeMs: number,
  ): void {
    const reconnectedAt = Date.now();
    const times = { lastFrameAt: reconnectedAt - downtimeMs, reconnectedAt };
    // Pairs the client holds without a handle have no value and no loader: they may have missed events.
    const bare: PairRef[] = [];
    const cells = this.#cells;
    const anyCell = cells.size > 0;
    for (const { eventName, entityId, key } of this.#reconciler.desired.values())
      if (!anyCell || cells.get(key)?.cell === undefined) bare.push({ eventName, entityId });
    const pairs: GapPair[] = [];
    for (const { eventName, entityId, cell } of this.#cells.values())
      if (cell !== undefined) pairs.push({ eventName, entityId, cell });
    const { accountGap, reportGap } = this.#module!;
    const announce = (gap: GapReport) => {
      const missed = gap.missed.length === 0 ? bare : [...gap.missed, ...bare];
      const resynced: ResyncedEvent = {
        ...base,
        stale: gap.stale,
        restoredBySnapshot: gap.restoredBySnapshot,
        missed,
        mayHaveMissedEvents: missed.length > 0,
      };
      this.#logger.info(`resynced ${base.restored} subscription(s) after ${downtimeMs} ms`);
      this.#lifecycle.emit('resynced', resynced);
    };
    if (pairs.every((pair) => pair.cell.recovery?.settled !== false)) {
      announce(accountGap(pairs, times, Date.now()));
      return;
    }
    // A loader that never answers must not hold the report back for ever, nor past the next drop.
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(), this.#options.invokeTimeoutMs);
    const offState = this.#lifecycle.on('state', (change: StateChange) => {
      if (change.state !== 'connected') stop.abort();
    });
    void reportGap(pairs, { ...times, signal: stop.signal }).then((gap) => {
      clearTimeout(timer);
      offState();
      announce(gap);
    });
  }

  #onState(change: StateChange): void {
    // Whatever the hub held went with the connection: everything is pending again.
    if (change.state === 'reconnecting' || change.state === 'disconnected') this.#reconciler.connectionLost();
    this.#logger.debug(`state ${change.previous} -> ${change.state}`);
    this.#lifecycle.emit('state', change);
  }

  #emitterFor(name: string): IsolatingEmitter {
    return name === 'state' || name === 'resynced' || name === 'error' ? this.#lifecycle : this.#events;
  }

  #reportError(error: RteError): void {
    this.#logger.warn(error.message, { code: error.code });
    this.#lifecycle.emit('error', error);
  }

  #pairChanged(entry: DesiredSubscription, change: PairChange): void {
    // A client without handles or cells (rte.on listeners only) has nothing to look up per pair.
    if (this.#cells.size === 0 && this.#handles.size === 0) return;
    const held = this.#cells.get(entry.key);
    if (held?.cell !== undefined && held.entry === entry) {
      const { cell } = held;
      if (change.kind === 'live') cell.setState('live');
      else if (change.kind === 'pending') {
        if (cell.getSnapshot().state === 'pending') cell.drop();
        else cell.setState('resubscribing');
      } else if (change.kind === 'refused') {
        cell.setState('refused');
        // The handles keep showing the refused value; the pair itself is gone.
        this.#cells.delete(entry.key);
      }
    }
    const handles = this.#handles.get(entry.key);
    if (!handles) {
      if (change.kind === 'released') this.#dropCell(entry);
      return;
    }
    for (const handle of [...handles]) {
      if (handle.entry !== entry) continue;
      handle.apply(change);
      if (handle.state === 'refused' || handle.state === 'closed') this.#forgetHandle(handle);
    }
  }

  #forgetHandle(handle: Handle): void {
    const handles = this.#handles.get(handle.entry.key);
    if (!handles?.delete(handle)) return;
    if (handles.size > 0) return;
    this.#handles.delete(handle.entry.key);
    // The last handle of the pair is gone, and its value with it (a pending loader is aborted).
    this.#dropCell(handle.entry);
  }

  #dropCell(entry: DesiredSubscription): void {
    const held = this.#cells.get(entry.key);
    if (held === undefined || held.entry !== entry) return;
    this.#cells.delete(entry.key);
    held.cell?.dispose();
  }

  /**
   * The connect-time module is here: the decoder, and a cell for each pair that handles hold, in
   * the pair's current state.
   */
  #takeModule(module: ConnectedModule): void {
    if (this.#module !== undefined) return;
    this.#module = module;
    this.#decoder = module.createDecoder(this.#options.validation);
    for (const held of this.#cells.values()) {
      if (held.cell !== undefined) continue;
      const cell = this.#createCell(module, held);
      for (const handle of this.#handles.get(held.entry.key) ?? [])
        if (handle.entry === held.entry) handle.attach(cell);
    }
  }

  /** Every frame of the hub arrives here: decode, validate, then hand out. */
  #dispatch(raw: unknown): void {
    const decoder = this.#decoder!;
    const validation = this.#options.validation;
    const decoded = decoder.decode(raw);
    if (decoded.issues.length > 0) {
      // `valid` is false for a frame that cannot be routed, and for any schema failure under strict
      // validation; lenient validation still delivers a known event that failed its schema.
      const withheld = !decoded.valid;
      this.#reportError(new RteValidationError(decoded.name, decoded.issues, raw, !withheld));
      if (withheld) return;
    } else if (decoded.name === '' && validation !== 'off') {
      // A frame that names no event anywhere: withheld under strict validation, reported otherwise.
      const withheld = validation === 'strict';
      const issue = {
        eventName: '',
        path: ['subscription', 'eventType'],
        message: 'the frame names no event',
      };
      this.#reportError(new RteValidationError('', [issue], raw, !withheld));
      if (withheld) return;
    }
    const message = decoded as RteMessage;
    const events = this.#events;
    // A hub event called `*` goes to the catch-all once, with the catch-all's arguments.
    if (message.name !== '*') events.emit(message.name, message.data, message);
    events.emit('*', message);
    if (this.#pairEvents.size > 0 || this.#cells.size > 0) {
      const entityId = message.subscription.entityId;
      if (typeof entityId === 'string') {
        const key = subscriptionKey(message.name, entityId);
        this.#cells.get(key)?.cell?.receive(message.data);
        if (this.#pairEvents.size > 0) this.#pairEvents.emit(key, message.data, message);
      }
    }
  }
}
