import { hostname } from 'node:os';
import type { NodeConnectionOptions } from '@nats-io/transport-node';
import { canonicalEventName, type RteClientOptions, type RteLogger } from '../index.ts';
import { entityKey } from '../wire/guid.ts';
import type { BridgeEvent, WherePredicate } from './filter.ts';
import { parseWhere } from './filter.ts';
import { isValidPrefix } from './message.ts';
import { type BridgeShard, checkShard } from './shard.ts';

/**
 * Where the bridge's NATS server is and how to connect. Anything else `@nats-io/transport-node`'s
 * `connect()` accepts (user, pass, token, authenticator, tls, …) goes in `connection`.
 *
 * @example
 * ```ts
 * import type { BridgeNatsOptions } from 'enreach-rte/bridge';
 *
 * const nats: BridgeNatsOptions = { servers: ['nats://10.0.0.1:4222', 'nats://10.0.0.2:4222'], connection: { token: process.env.NATS_TOKEN } };
 * ```
 */
export interface BridgeNatsOptions {
  /** One or more server URLs. */
  readonly servers: string | readonly string[];
  /**
   * How long the first connection may take before {@link startBridge} fails with `NATS_UNREACHABLE`.
   * Later outages are waited out: the client reconnects forever while events are buffered.
   * @default 10000
   */
  readonly connectTimeoutMs?: number | undefined;
  /** Extra options for `connect()`; `servers`, `name`, `timeout` and the reconnect settings are the bridge's. */
  readonly connection?: Omit<NodeConnectionOptions, 'servers' | 'name' | 'timeout'> | undefined;
}

/**
 * The JetStream stream the bridge writes to; created when absent (subjects `<prefix>.>`, file
 * storage), never changed when present.
 *
 * @example
 * ```ts
 * import type { BridgeStreamOptions } from 'enreach-rte/bridge';
 *
 * const stream: BridgeStreamOptions = { name: 'RTE', retention: 'limits', maxAgeMs: 7 * 24 * 3600_000 };
 * ```
 */
export interface BridgeStreamOptions {
  /**
   * Stream name.
   * @default 'RTE'
   */
  readonly name?: string | undefined;
  /**
   * Retention policy of a created stream; an existing stream must have the same.
   * @default 'limits'
   */
  readonly retention?: 'limits' | 'interest' | 'workqueue' | undefined;
  /**
   * JetStream's de-duplication window; at least 2 minutes. An existing stream's must be at least this long.
   * @default 120000
   */
  readonly duplicateWindowMs?: number | undefined;
  /** Age limit of messages in a created stream (0 or absent: none). */
  readonly maxAgeMs?: number | undefined;
  /** Size limit of a created stream in bytes (absent: none). */
  readonly maxBytes?: number | undefined;
  /** Message count limit of a created stream (absent: none). */
  readonly maxMsgs?: number | undefined;
  /**
   * Replicas of a created stream (clustered JetStream).
   * @default 1
   */
  readonly replicas?: number | undefined;
}

/**
 * Which events reach the stream. Every drop is counted by reason in `stats().dropped`.
 *
 * @example
 * ```ts
 * import type { BridgeFilterOptions } from 'enreach-rte/bridge';
 *
 * const filters: BridgeFilterOptions = {
 *   excludeEvents: ['UserAvailability'],
 *   where: ['QueueStatus.nbrOfQueuingRequesters>=5'],
 *   enrich: (event) => ({ site: 'helsinki' }),
 * };
 * ```
 */
export interface BridgeFilterOptions {
  /** Only these events are published (any case; absent: all). Drop reason `event`. */
  readonly includeEvents?: readonly string[] | undefined;
  /** These events are never published. Drop reason `event`. */
  readonly excludeEvents?: readonly string[] | undefined;
  /** Only these entities are published (absent: all). Drop reason `entity`. */
  readonly includeEntities?: readonly string[] | undefined;
  /** These entities are never published. Drop reason `entity`. */
  readonly excludeEntities?: readonly string[] | undefined;
  /** Field predicates, all of which must hold: `QueueStatus.nbrOfQueuingRequesters>=5`. Drop reason `where`. */
  readonly where?: readonly (string | WherePredicate)[] | undefined;
  /**
   * Returns false to drop an event (reason `filter`). A throwing filter drops it too (reason `filterError`).
   * Called synchronously, in arrival order.
   */
  readonly filter?: ((event: BridgeEvent) => boolean) | undefined;
  /**
   * Returns extra fields, published as the message's `enrichment`. A throwing enricher is counted in
   * `stats().errors.enrich` and the event goes out without enrichment.
   */
  readonly enrich?: ((event: BridgeEvent) => Record<string, unknown> | undefined) | undefined;
}

/**
 * What to do with new events when the buffer is full.
 * `drop-oldest` (the default) makes room by discarding the oldest waiting event; `drop-newest`
 * discards the incoming one. Either way the drop is counted (reason `overflow`) and a gap marker
 * is published to `<prefix>.<organizationId>._gaps` once NATS accepts messages again.
 *
 * @example
 * ```ts
 * import type { BridgeOverflowPolicy } from 'enreach-rte/bridge';
 *
 * const overflow: BridgeOverflowPolicy = 'drop-newest';
 * ```
 */
export type BridgeOverflowPolicy = 'drop-oldest' | 'drop-newest';

/**
 * The buffer that holds events not yet sent to JetStream (while NATS is unreachable, or while the
 * in-flight window is full).
 *
 * @example
 * ```ts
 * import type { BridgeBufferOptions } from 'enreach-rte/bridge';
 *
 * const buffer: BridgeBufferOptions = { maxEvents: 500_000, maxBytes: 256 * 1024 * 1024, overflow: 'drop-oldest' };
 * ```
 */
export interface BridgeBufferOptions {
  /**
   * Most events held.
   * @default 100000
   */
  readonly maxEvents?: number | undefined;
  /**
   * Most bytes held (message bodies).
   * @default 67108864 (64 MiB)
   */
  readonly maxBytes?: number | undefined;
  /**
   * What gives way when the buffer is full.
   * @default 'drop-oldest'
   */
  readonly overflow?: BridgeOverflowPolicy | undefined;
}

/**
 * How events are sent to JetStream.
 *
 * @example
 * ```ts
 * import type { BridgePublishOptions } from 'enreach-rte/bridge';
 *
 * const publish: BridgePublishOptions = { maxInFlight: 1024, ackTimeoutMs: 3000 };
 * ```
 */
export interface BridgePublishOptions {
  /**
   * Most publishes awaiting their JetStream ack at once.
   * @default 512
   */
  readonly maxInFlight?: number | undefined;
  /**
   * How long to wait for one ack before the event is sent again (with the same `Nats-Msg-Id`).
   * @default 5000
   */
  readonly ackTimeoutMs?: number | undefined;
  /**
   * Longest pause between retries after failed publishes (the pause doubles from 50 ms).
   * @default 2000
   */
  readonly maxRetryDelayMs?: number | undefined;
}

/**
 * Prometheus metrics over HTTP (`GET /metrics`).
 *
 * @example
 * ```ts
 * import type { BridgeMetricsOptions } from 'enreach-rte/bridge';
 *
 * const metrics: BridgeMetricsOptions = { port: 9464, host: '0.0.0.0' };
 * ```
 */
export interface BridgeMetricsOptions {
  /** TCP port; 0 picks a free one (see `bridge.metricsUrl`). */
  readonly port: number;
  /**
   * Interface to listen on.
   * @default '127.0.0.1'
   */
  readonly host?: string | undefined;
}

/**
 * One acknowledged publish, as `onAck` reports it.
 *
 * @example
 * ```ts
 * import type { BridgeAck } from 'enreach-rte/bridge';
 *
 * const onAck = (ack: BridgeAck) => { if (ack.duplicate) console.log(`${ack.id} was already in ${ack.stream}`); };
 * ```
 */
export interface BridgeAck {
  /** `event` for RTE events, `gap` for gap markers. */
  readonly kind: 'event' | 'gap';
  /** The `Nats-Msg-Id`. */
  readonly id: string;
  /** The subject published to. */
  readonly subject: string;
  /** The stream that stored it. */
  readonly stream: string;
  /** Its sequence in the stream (the original one for duplicates). */
  readonly seq: number;
  /** Whether JetStream had it already (another bridge, or a retry, was first). */
  readonly duplicate: boolean;
}

/**
 * Options of {@link startBridge}.
 *
 * @example
 * ```ts
 * import { startBridge, type StartBridgeOptions } from 'enreach-rte/bridge';
 *
 * const options: StartBridgeOptions = {
 *   rte: { apiUrl: 'https://api-silox.enreachvoice.com', auth: { email, secretKey } },
 *   nats: { servers: 'nats://127.0.0.1:4222' },
 *   events: ['QueueStatus'],
 *   entities: queueIds,
 * };
 * const bridge = await startBridge(options);
 * ```
 */
export interface StartBridgeOptions {
  /** How to reach RTE: the `RteClient` options (`apiUrl` + `auth`, or `getToken`). Its logger defaults to the bridge's. */
  readonly rte: RteClientOptions;
  /** The NATS server(s). A string is the same as `{ servers: string }`. */
  readonly nats: string | BridgeNatsOptions;
  /** Events to subscribe to, for every entity (any case). */
  readonly events: readonly string[];
  /** Users, queues or call lists to subscribe to. */
  readonly entities: readonly string[];
  /** The stream written to. */
  readonly stream?: BridgeStreamOptions | undefined;
  /**
   * First token(s) of every subject: `<prefix>.<organizationId>.<EventName>.<entityId>`.
   * @default 'rte'
   */
  readonly subjectPrefix?: string | undefined;
  /**
   * The organization used in subjects when neither the event nor its subscription names one, and
   * for gap markers before any event or token has told the bridge.
   */
  readonly organizationId?: string | undefined;
  /**
   * Name of this bridge, put in every message's envelope and in metrics.
   * @default `<hostname>-<pid>-<random>`
   */
  readonly bridgeId?: string | undefined;
  /** Subscribe only to the entities of this shard (see {@link shardOf}). */
  readonly shard?: BridgeShard | undefined;
  /** Which events are published. */
  readonly filters?: BridgeFilterOptions | undefined;
  /** The buffer for events not yet sent. */
  readonly buffer?: BridgeBufferOptions | undefined;
  /** The in-flight window and retries. */
  readonly publish?: BridgePublishOptions | undefined;
  /**
   * How long `close()` waits for buffered events to be acknowledged.
   * @default 10000
   */
  readonly drainTimeoutMs?: number | undefined;
  /** Serve Prometheus metrics. */
  readonly metrics?: BridgeMetricsOptions | undefined;
  /** Structured logs (console, pino, …); silent when omitted. */
  readonly logger?: RteLogger | undefined;
  /** Called for every acknowledged publish, in ack order. A throwing callback is ignored. */
  readonly onAck?: ((ack: BridgeAck) => void) | undefined;
}

/** The options with every default filled in. */
export interface ResolvedBridgeOptions {
  readonly rte: RteClientOptions;
  readonly servers: string[];
  readonly connectTimeoutMs: number;
  readonly connection: Omit<NodeConnectionOptions, 'servers' | 'name' | 'timeout'>;
  readonly events: string[];
  readonly entities: string[];
  readonly stream: {
    readonly name: string;
    readonly retention: 'limits' | 'interest' | 'workqueue';
    readonly duplicateWindowMs: number;
    readonly maxAgeMs: number;
    readonly maxBytes: number;
    readonly maxMsgs: number;
    readonly replicas: number;
  };
  readonly prefix: string;
  readonly organizationId: string | undefined;
  readonly bridgeId: string;
  readonly shard: BridgeShard | undefined;
  readonly includeEvents: ReadonlySet<string> | undefined;
  readonly excludeEvents: ReadonlySet<string>;
  readonly includeEntities: ReadonlySet<string> | undefined;
  readonly excludeEntities: ReadonlySet<string>;
  readonly where: readonly WherePredicate[];
  readonly filter: BridgeFilterOptions['filter'];
  readonly enrich: BridgeFilterOptions['enrich'];
  readonly maxEvents: number;
  readonly maxBytes: number;
  readonly overflow: BridgeOverflowPolicy;
  readonly maxInFlight: number;
  readonly ackTimeoutMs: number;
  readonly maxRetryDelayMs: number;
  readonly drainTimeoutMs: number;
  readonly metrics: { readonly port: number; readonly host: string } | undefined;
  readonly logger: RteLogger | undefined;
  readonly onAck: StartBridgeOptions['onAck'];
}

/**
 * Defaults of the bridge's options.
 *
 * @example
 * ```ts
 * import { BRIDGE_DEFAULTS } from 'enreach-rte/bridge';
 *
 * const doubled = { maxEvents: BRIDGE_DEFAULTS.maxEvents * 2 };
 * ```
 */
export const BRIDGE_DEFAULTS = {
  /** `stream.name`. */
  streamName: 'RTE',
  /** `stream.retention`. */
  retention: 'limits',
  /** `stream.duplicateWindowMs`: 2 minutes, also the least allowed. */
  duplicateWindowMs: 120_000,
  /** `subjectPrefix`. */
  subjectPrefix: 'rte',
  /** `nats.connectTimeoutMs`. */
  connectTimeoutMs: 10_000,
  /** `buffer.maxEvents`. */
  maxEvents: 100_000,
  /** `buffer.maxBytes`: 64 MiB. */
  maxBytes: 64 * 1024 * 1024,
  /** `buffer.overflow`. */
  overflow: 'drop-oldest',
  /** `publish.maxInFlight`. */
  maxInFlight: 512,
  /** `publish.ackTimeoutMs`. */
  ackTimeoutMs: 5_000,
  /** `publish.maxRetryDelayMs`. */
  maxRetryDelayMs: 2_000,
  /** `drainTimeoutMs`. */
  drainTimeoutMs: 10_000,
} as const;

const MIN_DUPLICATE_WINDOW_MS = 120_000;
const STREAM_NAME = /^[^\s.*>/\\]+$/;

function positiveInt(name: string, value: number | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min)
    throw new TypeError(`${name} must be a whole number >= ${min}`);
  return value;
}

function nameList(name: string, value: readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item.trim() === ''))
    throw new TypeError(`${name} must be an array of non-empty strings`);
  return value.map((item) => item.trim());
}

/** The canonical spelling of an event name (`queuestatus` → `QueueStatus`), unknown names as given. */
export function canonicalName(name: string): string {
  return canonicalEventName(name) ?? name;
}

/** Checks every option and fills in the defaults; throws a TypeError naming the first bad one. */
export function resolveBridgeOptions(options: StartBridgeOptions): ResolvedBridgeOptions {
  if (options === null || typeof options !== 'object')
    throw new TypeError('startBridge needs an options object');
  if (options.rte === null || typeof options.rte !== 'object')
    throw new TypeError('rte must be the RteClient options (apiUrl + auth, or getToken)');
  const nats = typeof options.nats === 'string' ? { servers: options.nats } : options.nats;
  if (nats === null || typeof nats !== 'object')
    throw new TypeError('nats must be a server URL or { servers }');
  const servers = typeof nats.servers === 'string' ? [nats.servers] : [...(nats.servers ?? [])];
  if (servers.length === 0 || servers.some((s) => typeof s !== 'string' || s.trim() === ''))
    throw new TypeError('nats.servers must name at least one NATS server URL');

  const events = nameList('events', options.events).map(canonicalName);
  if (events.length === 0) throw new TypeError('events must name at least one event');
  const entities = [...new Set(nameList('entities', options.entities).map(entityKey))];
  if (entities.length === 0) throw new TypeError('entities must name at least one entity');

  const stream = options.stream ?? {};
  const streamName = stream.name ?? BRIDGE_DEFAULTS.streamName;
  if (typeof streamName !== 'string' || !STREAM_NAME.test(streamName))
    throw new TypeError('stream.name must be a non-empty name without spaces, ".", "*", ">", "/" or "\\"');
  const retention = stream.retention ?? BRIDGE_DEFAULTS.retention;
  if (!['limits', 'interest', 'workqueue'].includes(retention))
    throw new TypeError('stream.retention must be "limits", "interest" or "workqueue"');
  const duplicateWindowMs = positiveInt(
    'stream.duplicateWindowMs',
    stream.duplicateWindowMs,
    BRIDGE_DEFAULTS.duplicateWindowMs,
    MIN_DUPLICATE_WINDOW_MS,
  );

  const prefix = options.subjectPrefix ?? BRIDGE_DEFAULTS.subjectPrefix;
  if (typeof prefix !== 'string' || !isValidPrefix(prefix))
    throw new TypeError(
      'subjectPrefix must be subject tokens of letters, digits, "_" or "-", separated by "."',
    );
  if (
    options.organizationId !== undefined &&
    (typeof options.organizationId !== 'string' || !options.organizationId)
  )
    throw new TypeError('organizationId must be a non-empty string');
  if (options.bridgeId !== undefined && (typeof options.bridgeId !== 'string' || !options.bridgeId))
    throw new TypeError('bridgeId must be a non-empty string');
  if (options.shard !== undefined) checkShard(options.shard);

  const filters = options.filters ?? {};
  for (const key of ['filter', 'enrich'] as const) {
    if (filters[key] !== undefined && typeof filters[key] !== 'function')
      throw new TypeError(`filters.${key} must be a function`);
  }
  const where = (filters.where ?? []).map((item) =>
    typeof item === 'string' ? parseWhere(item, canonicalName) : item,
  );
  const lowerSet = (list: string[]) => new Set(list.map(entityKey));
  const includeEvents =
    filters.includeEvents &&
    new Set(nameList('filters.includeEvents', filters.includeEvents).map(canonicalName));
  const includeEntities =
    filters.includeEntities && lowerSet(nameList('filters.includeEntities', filters.includeEntities));

  const buffer = options.buffer ?? {};
  const overflow = buffer.overflow ?? BRIDGE_DEFAULTS.overflow;
  if (overflow !== 'drop-oldest' && overflow !== 'drop-newest')
    throw new TypeError('buffer.overflow must be "drop-oldest" or "drop-newest"');
  const publish = options.publish ?? {};
  const metrics = options.metrics;
  if (metrics !== undefined) {
    if (!Number.isInteger(metrics.port) || metrics.port < 0 || metrics.port > 65_535)
      throw new TypeError('metrics.port must be a TCP port (0 picks a free one)');
  }
  if (options.onAck !== undefined && typeof options.onAck !== 'function')
    throw new TypeError('onAck must be a function');

  return {
    rte: options.rte,
    servers,
    connectTimeoutMs: positiveInt(
      'nats.connectTimeoutMs',
      nats.connectTimeoutMs,
      BRIDGE_DEFAULTS.connectTimeoutMs,
    ),
    connection: nats.connection ?? {},
    events: [...new Set(events)],
    entities,
    stream: {
      name: streamName,
      retention,
      duplicateWindowMs,
      maxAgeMs: positiveInt('stream.maxAgeMs', stream.maxAgeMs, 0, 0),
      maxBytes: positiveInt('stream.maxBytes', stream.maxBytes, -1, 1),
      maxMsgs: positiveInt('stream.maxMsgs', stream.maxMsgs, -1, 1),
      replicas: positiveInt('stream.replicas', stream.replicas, 1),
    },
    prefix,
    organizationId: options.organizationId?.toLowerCase(),
    bridgeId: options.bridgeId ?? defaultBridgeId(),
    shard: options.shard,
    includeEvents,
    excludeEvents: new Set(nameList('filters.excludeEvents', filters.excludeEvents).map(canonicalName)),
    includeEntities,
    excludeEntities: lowerSet(nameList('filters.excludeEntities', filters.excludeEntities)),
    where,
    filter: filters.filter,
    enrich: filters.enrich,
    maxEvents: positiveInt('buffer.maxEvents', buffer.maxEvents, BRIDGE_DEFAULTS.maxEvents),
    maxBytes: positiveInt('buffer.maxBytes', buffer.maxBytes, BRIDGE_DEFAULTS.maxBytes),
    overflow,
    maxInFlight: positiveInt('publish.maxInFlight', publish.maxInFlight, BRIDGE_DEFAULTS.maxInFlight),
    ackTimeoutMs: positiveInt('publish.ackTimeoutMs', publish.ackTimeoutMs, BRIDGE_DEFAULTS.ackTimeoutMs),
    maxRetryDelayMs: positiveInt(
      'publish.maxRetryDelayMs',
      publish.maxRetryDelayMs,
      BRIDGE_DEFAULTS.maxRetryDelayMs,
    ),
    drainTimeoutMs: positiveInt('drainTimeoutMs', options.drainTimeoutMs, BRIDGE_DEFAULTS.drainTimeoutMs, 0),
    metrics: metrics && { port: metrics.port, host: metrics.host ?? '127.0.0.1' },
    logger: options.logger,
    onAck: options.onAck,
  };
}

function defaultBridgeId(): string {
  const host = hostname().replace(/[^A-Za-z0-9_-]/g, '_');
  return `${host}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}
