import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type MsgHdrs, type NatsConnection, headers as natsHeaders } from '@nats-io/transport-node';
import { createRestTokenSource } from '../auth/rest-token-source.ts';
import {
  type GetToken,
  type ResyncedEvent,
  RteClient,
  type RteClientOptions,
  type RteMessage,
  type RteSubscriptionInfo,
} from '../index.ts';
import { createSafeLogger, type SafeLogger } from '../logging/logger.ts';
import { Redactor } from '../logging/redact.ts';
import { entityKey } from '../wire/guid.ts';
import { RteBridgeError } from './errors.ts';
import { type BridgeEvent, matchesWhere } from './filter.ts';
import { eventMessageId, subjectToken } from './message.ts';
import { type ResolvedBridgeOptions, resolveBridgeOptions, type StartBridgeOptions } from './options.ts';
import { AckPublisher, type PublishFailure } from './publisher.ts';
import { Fifo } from './queue.ts';
import { shardOf } from './shard.ts';
import { type BridgeDropReason, type BridgeStats, DROP_REASONS, prometheusText } from './stats.ts';
import { ensureStream } from './stream.ts';

/**
 * A running bridge, as {@link startBridge} returns it.
 *
 * @example
 * ```ts
 * import { startBridge } from 'enreach-rte/bridge';
 *
 * const bridge = await startBridge(options);
 * setInterval(() => console.log(bridge.stats().published), 10_000);
 * process.once('SIGTERM', () => void bridge.close());
 * ```
 */
export interface Bridge {
  /** This bridge's id, as it appears in envelopes and metrics. */
  readonly id: string;
  /** The JetStream stream written to. */
  readonly stream: string;
  /** The (event, entity) pairs this bridge subscribed to (after sharding). */
  readonly subscribed: number;
  /** `http://host:port/metrics` when metrics are served. */
  readonly metricsUrl: string | undefined;
  /** The counters since start. */
  stats(): BridgeStats;
  /** Prometheus text of the counters, as `GET /metrics` serves it. */
  metrics(): string;
  /**
   * Stops receiving RTE events, waits (up to `drainTimeoutMs`) until every buffered event is
   * acknowledged by JetStream, then closes NATS and the metrics server. Resolves with the final
   * counters; anything still unacknowledged is counted as dropped (`shutdown`). Idempotent.
   */
  close(): Promise<BridgeStats>;
  /** Same as `close()`, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}

interface Outgoing {
  readonly kind: 'event' | 'gap';
  readonly id: string;
  readonly subject: string;
  readonly body: Uint8Array;
  readonly headers: MsgHdrs;
  readonly entityId: string;
  readonly name: string;
  readonly organizationId: string;
  attempts: number;
}

interface Overflow {
  count: number;
  firstAt: string;
  lastAt: string;
  readonly events: Set<string>;
  readonly entities: Set<string>;
  readonly organizations: Set<string>;
}

const MAX_GAP_MARKERS = 1000;
const FIRST_RETRY_DELAY_MS = 50;

/** Reads the organization from an RTE JWT's claims without verifying it (the hub does that). */
function organizationClaim(token: string): string | undefined {
  try {
    const payload = token.split('.')[1];
    if (!payload) return undefined;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    for (const key of ['org', 'organizationId', 'OrganizationId', 'orgId']) {
      const value = claims[key];
      if (typeof value === 'string' && value) return value.toLowerCase();
    }
  } catch {
    // An opaque token: the organization comes from events or options instead.
  }
  return undefined;
}

function stringField(record: unknown, key: string): string | undefined {
  if (record === null || typeof record !== 'object') return undefined;
  const value = (record as Record<string, unknown>)[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

class BridgeRuntime implements Bridge {
  readonly id: string;
  readonly stream: string;
  subscribed = 0;
  metricsUrl: string | undefined;

  readonly #o: ResolvedBridgeOptions;
  readonly #log: SafeLogger;
  #nc: NatsConnection | undefined;
  #publisher: AckPublisher | undefined;
  #rte: RteClient | undefined;
  #server: Server | undefined;

  readonly #queue = new Fifo<Outgoing>();
  readonly #retry = new Fifo<Outgoing>();
  readonly #gapQueue = new Fifo<Outgoing>();
  #bufferedBytes = 0;
  #inFlight = 0;
  #natsUp = false;
  #paused = false;
  #pumpScheduled = false;
  #pauseTimer: NodeJS.Timeout | undefined;
  #retryDelay = FIRST_RETRY_DELAY_MS;
  #overflow: Overflow | undefined;
  #idleWaiters: (() => void)[] = [];
  #closing: Promise<BridgeStats> | undefined;
  #tokenOrganization: string | undefined;
  #lastOrganization: string | undefined;
  #rteConnectedOnce = false;

  #received = 0;
  #published = 0;
  #duplicates = 0;
  #gaps = 0;
  readonly #dropped = Object.fromEntries(DROP_REASONS.map((r) => [r, 0])) as Record<BridgeDropReason, number>;
  readonly #errors = { publish: 0, enrich: 0, rte: 0 };
  readonly #reconnects = { rte: 0, nats: 0 };

  constructor(options: ResolvedBridgeOptions, log: SafeLogger) {
    this.#o = options;
    this.#log = log;
    this.id = options.bridgeId;
    this.stream = options.stream.name;
  }

  stats(): BridgeStats {
    return {
      bridgeId: this.id,
      received: this.#received,
      published: this.#published,
      duplicates: this.#duplicates,
      gaps: this.#gaps,
      buffered: this.#queue.length + this.#retry.length + this.#gapQueue.length,
      bufferedBytes: this.#bufferedBytes,
      inFlight: this.#inFlight,
      dropped: { ...this.#dropped },
      errors: { ...this.#errors },
      reconnects: { ...this.#reconnects },
      natsConnected: this.#natsUp,
      rteState: this.#rte?.state ?? 'idle',
    };
  }

  metrics(): string {
    return prometheusText(this.stats());
  }

  async start(): Promise<void> {
    const o = this.#o;
    // First, so that invalid client options throw before anything is connected.
    const rte = new RteClient(this.#rteOptions(o.rte));
    try {
      this.#nc = await connect({
        // nats.js builds two Errors per request for their stack traces: a fifth of the bridge's CPU.
        noAsyncTraces: true,
        ...o.connection,
        servers: o.servers,
        name: `enreach-rte-bridge ${o.bridgeId}`,
        timeout: o.connectTimeoutMs,
        maxReconnectAttempts: -1,
        reconnectTimeWait: 250,
        reconnectJitter: 100,
      });
    } catch (error) {
      throw new RteBridgeError(
        'NATS_UNREACHABLE',
        `Could not connect to NATS at ${o.servers.join(', ')}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    this.#natsUp = true;
    void this.#watchNats(this.#nc);
    try {
      const jsm = await jetstreamManager(this.#nc, { timeout: o.ackTimeoutMs });
      await ensureStream(jsm, o);
    } catch (error) {
      await this.#nc.close().catch(() => undefined);
      if (error instanceof RteBridgeError) throw error;
      throw new RteBridgeError(
        'JETSTREAM_UNAVAILABLE',
        `JetStream is not available on ${o.servers.join(', ')}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    this.#publisher = new AckPublisher(this.#nc, o.ackTimeoutMs);
    this.#log.info('bridge: stream ready', {
      bridge: this.id,
      stream: o.stream.name,
      subjects: `${o.prefix}.>`,
    });
    try {
      await this.#startRte(rte);
    } catch (error) {
      await this.#shutdownTransports();
      throw error;
    }
  }

  async #startRte(rte: RteClient): Promise<void> {
    const o = this.#o;
    if (o.metrics) await this.#serveMetrics(o.metrics.port, o.metrics.host);

    const entities = o.shard
      ? o.entities.filter((id) => shardOf(id, o.shard!.count) === o.shard!.index)
      : o.entities;
    const pairs = o.events.flatMap((eventName) => entities.map((entityId) => ({ eventName, entityId })));
    this.subscribed = pairs.length;
    this.#rte = rte;
    rte.on('*', (message) => this.#onMessage(message));
    rte.on('resynced', (info) => this.#onResynced(info, entities));
    rte.on('state', (change) => {
      if (change.state !== 'connected') return;
      if (this.#rteConnectedOnce) this.#reconnects.rte++;
      this.#rteConnectedOnce = true;
    });
    rte.on('error', (error) => {
      this.#errors.rte++;
      this.#log.warn('bridge: RTE error', { bridge: this.id, code: error.code, error });
    });
    if (pairs.length > 0) {
      const results = await rte.subscribe(pairs as never);
      for (const result of results) {
        if (result.status === 'refused')
          this.#log.warn('bridge: subscription refused', {
            bridge: this.id,
            eventName: result.eventName,
            entityId: result.entityId,
            message: result.message,
          });
      }
    }
    await rte.connect();
    this.#log.info('bridge: running', {
      bridge: this.id,
      pairs: pairs.length,
      shard: o.shard ? `${o.shard.index}/${o.shard.count}` : 'all',
    });
  }

  /** The client's options, with a token source that also reads the organization from the token. */
  #rteOptions(rte: RteClientOptions): RteClientOptions {
    let source: GetToken | undefined = rte.getToken;
    if (!source && rte.apiUrl !== undefined && rte.auth !== undefined) {
      const base = String(rte.apiUrl);
      source = createRestTokenSource({
        apiUrl: new URL(base.endsWith('/') ? base : `${base}/`),
        auth: rte.auth,
        userId: rte.userId ?? 'me',
        timeoutMs: rte.requestTimeoutMs ?? 10_000,
        retries: rte.requestRetries ?? 2,
        fetch: rte.fetch,
      });
    }
    const logger = rte.logger ?? this.#o.logger;
    if (!source) return { ...rte, logger };
    const inner = source;
    const getToken: GetToken = async (context) => {
      const grant = await inner(context);
      const organization = organizationClaim(grant.token);
      if (organization) this.#tokenOrganization = organization;
      return grant;
    };
    const { apiUrl: _apiUrl, auth: _auth, ...rest } = rte;
    return { ...rest, getToken, logger };
  }

  async #watchNats(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') {
        this.#natsUp = false;
        this.#log.warn('bridge: NATS connection lost; buffering', { bridge: this.id });
        this.#publisher?.failPending('the NATS connection was lost before the ack');
      } else if (status.type === 'reconnect') {
        this.#natsUp = true;
        this.#reconnects.nats++;
        this.#log.info('bridge: NATS reconnected', { bridge: this.id, buffered: this.stats().buffered });
        this.#resume();
      }
    }
  }

  async #serveMetrics(port: number, host: string): Promise<void> {
    const server = createServer((request, response) => {
      if (request.method === 'GET' && request.url?.split('?')[0] === '/metrics') {
        response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
        response.end(this.metrics());
      } else {
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('not found: try /metrics\n');
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.#server = server;
    const address = server.address();
    const bound = typeof address === 'object' && address ? address.port : port;
    this.metricsUrl = `http://${host.includes(':') ? `[${host}]` : host}:${bound}/metrics`;
  }

  #organizationOf(data: Record<string, unknown>, subscription: RteSubscriptionInfo): string {
    const fromData =
      stringField(data, 'organizationId') ??
      (data.rootEntityType === 'Organization' ? stringField(data, 'rootEntityId') : undefined);
    const organization = (
      fromData ??
      stringField(subscription, 'organizationId') ??
      this.#o.organizationId ??
      this.#tokenOrganization ??
      'unknown'
    ).toLowerCase();
    if (organization !== 'unknown') this.#lastOrganization = organization;
    return organization;
  }

  #gapOrganization(): string {
    return this.#o.organizationId ?? this.#tokenOrganization ?? this.#lastOrganization ?? 'unknown';
  }

  #drop(reason: BridgeDropReason): void {
    this.#dropped[reason]++;
  }

  #onMessage(message: RteMessage): void {
    // Also while closing: what arrives before the RTE connection is down is drained like the rest.
    this.#received++;
    const o = this.#o;
    const name = message.name;
    const data = (message.data ?? {}) as Record<string, unknown>;
    const subscription = message.subscription;
    const entityId = entityKey(stringField(subscription, 'entityId') ?? stringField(data, 'entityId') ?? '');
    if (o.includeEvents && !o.includeEvents.has(name)) {
      this.#drop('event');
      return;
    }
    if (o.excludeEvents.has(name)) {
      this.#drop('event');
      return;
    }
    if (o.includeEntities && !o.includeEntities.has(entityId)) {
      this.#drop('entity');
      return;
    }
    if (o.excludeEntities.has(entityId)) {
      this.#drop('entity');
      return;
    }
    if (o.shard && shardOf(entityId, o.shard.count) !== o.shard.index) {
      this.#drop('entity');
      return;
    }
    for (const predicate of o.where)
      if (!matchesWhere(predicate, name, data)) {
        this.#drop('where');
        return;
      }

    const organizationId = this.#organizationOf(data, subscription);
    const event: BridgeEvent = {
      name,
      entityId,
      organizationId,
      id: eventMessageId(name, entityId, data),
      data,
      subscription,
      receivedAt: new Date().toISOString(),
    };
    if (o.filter) {
      try {
        if (!o.filter(event)) {
          this.#drop('filter');
          return;
        }
      } catch (error) {
        this.#log.warn('bridge: filter threw; event dropped', { bridge: this.id, error: error as Error });
        this.#drop('filterError');
        return;
      }
    }
    let enrichment: Record<string, unknown> | undefined;
    if (o.enrich) {
      try {
        const extra = o.enrich(event);
        if (extra !== null && typeof extra === 'object') enrichment = extra;
      } catch (error) {
        this.#errors.enrich++;
        this.#log.warn('bridge: enrich threw; event published without enrichment', {
          bridge: this.id,
          error: error as Error,
        });
      }
    }
    const body = JSON.stringify({
      id: event.id,
      name,
      entityId,
      organizationId,
      receivedAt: event.receivedAt,
      bridge: this.id,
      subscription,
      data,
      ...(enrichment ? { enrichment } : {}),
    });
    const headers = natsHeaders();
    headers.set('Nats-Msg-Id', event.id);
    headers.set('Rte-Event', name);
    headers.set('Rte-Entity', entityId);
    this.#enqueue({
      kind: 'event',
      id: event.id,
      subject: `${o.prefix}.${subjectToken(organizationId)}.${subjectToken(name)}.${subjectToken(entityId)}`,
      body: Buffer.from(body),
      headers,
      entityId,
      name,
      organizationId,
      attempts: 0,
    });
  }

  #enqueue(item: Outgoing): void {
    const o = this.#o;
    const size = item.body.byteLength;
    if (size > o.maxBytes) {
      this.#overflowed(item);
      this.#pump();
      return;
    }
    while (this.#waiting() >= o.maxEvents || this.#bufferedBytes + size > o.maxBytes) {
      if (o.overflow === 'drop-newest') {
        this.#overflowed(item);
        this.#pump();
        return;
      }
      const oldest = this.#queue.shift() ?? this.#retry.shift();
      if (!oldest) break;
      this.#bufferedBytes -= oldest.body.byteLength;
      this.#overflowed(oldest);
    }
    this.#queue.push(item);
    this.#bufferedBytes += size;
    this.#schedulePump();
  }

  #waiting(): number {
    return this.#queue.length + this.#retry.length;
  }

  #overflowed(item: Outgoing): void {
    this.#drop('overflow');
    const now = new Date().toISOString();
    this.#overflow ??= {
      count: 0,
      firstAt: now,
      lastAt: now,
      events: new Set(),
      entities: new Set(),
      organizations: new Set(),
    };
    const overflow = this.#overflow;
    overflow.count++;
    overflow.lastAt = now;
    overflow.events.add(item.name);
    overflow.entities.add(item.entityId);
    overflow.organizations.add(item.organizationId);
  }

  #onResynced(info: ResyncedEvent, entities: readonly string[]): void {
    const at = new Date();
    this.#log.info('bridge: RTE resynced; publishing a gap marker', {
      bridge: this.id,
      downtimeMs: info.downtimeMs,
      restored: info.restored,
    });
    this.#queueGap(this.#gapOrganization(), {
      type: 'resynced',
      from: new Date(at.getTime() - info.downtimeMs).toISOString(),
      to: at.toISOString(),
      downtimeMs: info.downtimeMs,
      cause: info.cause ?? null,
      restored: info.restored,
      pending: info.pending,
      refused: info.refused.map((r) => ({ eventName: r.eventName, entityId: r.entityId })),
      events: this.#o.events,
      entities,
    });
  }

  #queueGap(organizationId: string, details: Record<string, unknown>): void {
    const id = `gap-${randomUUID()}`;
    const subject = `${this.#o.prefix}.${subjectToken(organizationId)}._gaps`;
    const headers = natsHeaders();
    headers.set('Nats-Msg-Id', id);
    headers.set('Rte-Event', '_gap');
    if (this.#gapQueue.length >= MAX_GAP_MARKERS) this.#gapQueue.shift();
    this.#gapQueue.push({
      kind: 'gap',
      id,
      subject,
      body: Buffer.from(
        JSON.stringify({ id, organizationId, bridge: this.id, at: new Date().toISOString(), ...details }),
      ),
      headers,
      entityId: '',
      name: '_gap',
      organizationId,
      attempts: 0,
    });
    this.#pump();
  }

  /** Turns an overflow episode into gap markers (one per organization) once NATS takes messages. */
  #flushOverflow(): void {
    const overflow = this.#overflow;
    if (!overflow) return;
    this.#overflow = undefined;
    for (const organizationId of overflow.organizations) {
      this.#queueGap(organizationId, {
        type: 'overflow',
        from: overflow.firstAt,
        to: overflow.lastAt,
        dropped: overflow.count,
        policy: this.#o.overflow,
        events: [...overflow.events],
        entities: [...overflow.entities],
      });
    }
  }

  #resume(): void {
    if (this.#pauseTimer) clearTimeout(this.#pauseTimer);
    this.#pauseTimer = undefined;
    this.#paused = false;
    this.#pump();
  }

  #pause(): void {
    if (this.#paused) return;
    this.#paused = true;
    const delay = this.#retryDelay;
    this.#retryDelay = Math.min(this.#retryDelay * 2, this.#o.maxRetryDelayMs);
    this.#pauseTimer = setTimeout(() => {
      this.#pauseTimer = undefined;
      this.#paused = false;
      this.#pump();
    }, delay);
  }

  /**
   * Pumps once after the current batch of acks (or RTE frames) has been handled, so that the
   * messages it sends leave in one socket write instead of one write each.
   */
  #schedulePump(): void {
    if (this.#pumpScheduled) return;
    this.#pumpScheduled = true;
    queueMicrotask(() => {
      this.#pumpScheduled = false;
      this.#pump();
    });
  }

  #pump(): void {
    const publisher = this.#publisher;
    if (!publisher || this.#paused || !this.#natsUp) {
      this.#checkIdle();
      return;
    }
    if (this.#overflow) this.#flushOverflow();
    while (this.#inFlight < this.#o.maxInFlight) {
      const item = this.#gapQueue.shift() ?? this.#retry.shift() ?? this.#queue.shift();
      if (!item) break;
      if (item.kind === 'event') this.#bufferedBytes -= item.body.byteLength;
      this.#send(publisher, item);
    }
    this.#checkIdle();
  }

  #send(publisher: AckPublisher, item: Outgoing): void {
    this.#inFlight++;
    item.attempts++;
    publisher.publish(item.subject, item.body, item.headers, (error, ack) => {
      this.#inFlight--;
      if (error) this.#failed(item, error);
      else this.#acked(item, ack!);
    });
  }

  #acked(item: Outgoing, ack: { stream: string; seq: number; duplicate: boolean }): void {
    this.#retryDelay = FIRST_RETRY_DELAY_MS;
    if (item.kind === 'gap') this.#gaps++;
    else if (ack.duplicate) this.#duplicates++;
    else this.#published++;
    if (this.#o.onAck) {
      try {
        this.#o.onAck({
          kind: item.kind,
          id: item.id,
          subject: item.subject,
          stream: ack.stream,
          seq: ack.seq,
          duplicate: ack.duplicate,
        });
      } catch {
        // An observer must not break delivery.
      }
    }
    this.#schedulePump();
  }

  #failed(item: Outgoing, error: PublishFailure): void {
    this.#errors.publish++;
    // Too large for the server, or refused by JetStream again and again: retrying will not help.
    if (error.kind === 'invalid' || (error.kind === 'refused' && item.attempts >= 3)) {
      if (item.kind === 'event') this.#drop('rejected');
      this.#log.warn('bridge: message rejected; dropped', { bridge: this.id, subject: item.subject, error });
      this.#pump();
      return;
    }
    // Once per episode at warn (the first failure after a success), every retry at debug.
    const log = this.#retryDelay === FIRST_RETRY_DELAY_MS && !this.#paused ? this.#log.warn : this.#log.debug;
    log('bridge: publish failed; will retry', {
      bridge: this.id,
      attempts: item.attempts,
      error,
    });
    if (item.kind === 'gap') this.#gapQueue.push(item);
    else {
      this.#retry.push(item);
      this.#bufferedBytes += item.body.byteLength;
    }
    this.#pause();
    this.#checkIdle();
  }

  #pendingCount(): number {
    return this.#waiting() + this.#gapQueue.length + this.#inFlight;
  }

  #checkIdle(): void {
    if (this.#idleWaiters.length === 0 || this.#pendingCount() > 0) return;
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }

  #whenIdle(timeoutMs: number): Promise<void> {
    if (this.#pendingCount() === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#idleWaiters.push(done);
    });
  }

  close(): Promise<BridgeStats> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  async #close(): Promise<BridgeStats> {
    this.#log.info('bridge: draining', { bridge: this.id, pending: this.#pendingCount() });
    await this.#rte?.disconnect().catch(() => undefined);
    this.#flushOverflow();
    this.#pump();
    await this.#whenIdle(this.#o.drainTimeoutMs);
    const left = this.#waiting() + this.#inFlight;
    if (left > 0) {
      this.#dropped.shutdown += left;
      this.#log.warn('bridge: drain timed out; events not acknowledged', { bridge: this.id, left });
    }
    const final = this.stats();
    await this.#shutdownTransports();
    this.#log.info('bridge: closed', {
      bridge: this.id,
      published: final.published,
      duplicates: final.duplicates,
    });
    return { ...final, buffered: 0, bufferedBytes: 0, inFlight: 0 };
  }

  async #shutdownTransports(): Promise<void> {
    if (this.#pauseTimer) clearTimeout(this.#pauseTimer);
    await this.#rte?.disconnect().catch(() => undefined);
    if (this.#server) {
      const server = this.#server;
      this.#server = undefined;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    this.#publisher?.close();
    const nc = this.#nc;
    if (nc && !nc.isClosed()) await nc.close().catch(() => undefined);
  }
}

/**
 * Starts a bridge: connects to NATS, creates (or checks) the stream, subscribes to RTE and
 * publishes every event to `<prefix>.<organizationId>.<EventName>.<entityId>` with
 * `Nats-Msg-Id` = the event's id, so that redundant bridges and retries store each event once.
 *
 * Rejects with {@link RteBridgeError} (`NATS_UNREACHABLE`, `JETSTREAM_UNAVAILABLE`,
 * `STREAM_INCOMPATIBLE`), with the RTE client's error when RTE refuses the credentials or cannot
 * be reached within its retry policy, and with a TypeError for invalid options.
 *
 * @example
 * ```ts
 * import { startBridge } from 'enreach-rte/bridge';
 *
 * const bridge = await startBridge({
 *   rte: { apiUrl: 'https://api-silox.enreachvoice.com', auth: { email, secretKey } },
 *   nats: 'nats://127.0.0.1:4222',
 *   events: ['QueueStatus'],
 *   entities: ['c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3'],
 * });
 * process.once('SIGTERM', async () => console.log(await bridge.close()));
 * ```
 */
export async function startBridge(options: StartBridgeOptions): Promise<Bridge> {
  const resolved = resolveBridgeOptions(options);
  const redactor = new Redactor();
  const auth = resolved.rte.auth;
  if (auth && 'secretKey' in auth) redactor.add(auth.secretKey);
  if (auth && 'bearer' in auth && typeof auth.bearer === 'string') redactor.add(auth.bearer);
  const bridge = new BridgeRuntime(resolved, createSafeLogger(resolved.logger, redactor));
  await bridge.start();
  return bridge;
}
