import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import { Connection } from './connection.ts';
import { type EventCatalog, entityTypeOf } from './event-names.ts';
import type { Faults } from './faults.ts';
import { parseGuid } from './guid.ts';
import type { EmulatorLogger } from './logger.ts';
import { eventData } from './payload.ts';
import {
  type ClientMessage,
  closeFrame,
  completionError,
  completionResult,
  handshakeResponse,
  invocationFrame,
  MAX_PROTOCOL_VERSION,
  MessageType,
  PING_FRAME,
  PROTOCOL_NAME,
  ProtocolViolation,
  parseClientMessage,
  parseHandshake,
  splitRecords,
} from './protocol.ts';
import { type SubscriptionResult, Topics, topicKey } from './subscriptions.ts';
import type { TokenClaims } from './tokens.ts';

/**
 * What a permission rule is asked about when a client subscribes.
 *
 * @example
 * ```ts
 * import { startEmulator, type AuthorizeContext } from 'enreach-rte/emulator';
 *
 * const ownEventsOnly = (ctx: AuthorizeContext) => ctx.eventName.startsWith('Queue') || ctx.entityId === ctx.userId;
 * const emu = await startEmulator({ authorize: ownEventsOnly });
 * ```
 */
export interface AuthorizeContext {
  /** The user the connection's token belongs to. */
  readonly userId: string;
  /** Canonical event name. */
  readonly eventName: string;
  /** The entity id as the client sent it. */
  readonly entityId: string;
}

/**
 * Options of {@link Emulator.closeConnections}: how the hub says goodbye.
 *
 * @example
 * ```ts
 * import { startEmulator, type CloseConnectionsOptions } from 'enreach-rte/emulator';
 *
 * const emu = await startEmulator();
 * const maintenance: CloseConnectionsOptions = { allowReconnect: true, error: 'Server is restarting' };
 * emu.closeConnections(maintenance);
 * ```
 */
export interface CloseConnectionsOptions {
  /** Lets the client's automatic reconnect take over. @default false */
  readonly allowReconnect?: boolean;
  /** Error text carried by the Close message. */
  readonly error?: string;
}

/**
 * Counters of everything the emulator has served since it started.
 *
 * @example
 * ```ts
 * import { startEmulator, type EmulatorStats } from 'enreach-rte/emulator';
 *
 * const emu = await startEmulator();
 * const stats: EmulatorStats = emu.stats();
 * console.log(stats.connections, stats.calls.Subscribe);
 * ```
 */
export interface EmulatorStats {
  /** Hub connections open now (handshake completed). */
  readonly connections: number;
  /** Subscriptions held now, over all connections. */
  readonly subscriptions: number;
  /** Hub method invocations served, by method. */
  readonly calls: {
    /** `Subscribe` calls. */
    readonly Subscribe: number;
    /** `Unsubscribe` calls. */
    readonly Unsubscribe: number;
    /** `UnsubscribeAll` calls. */
    readonly UnsubscribeAll: number;
    /** `AvailableSubscriptions` calls. */
    readonly AvailableSubscriptions: number;
    /** `ActiveSubscriptions` calls. */
    readonly ActiveSubscriptions: number;
  };
  /** Tokens signed (token endpoint and `issueToken`). */
  readonly tokensIssued: number;
  /** Successful negotiate requests. */
  readonly negotiations: number;
  /** `publish` calls. */
  readonly published: number;
  /** Pushes sent (one per receiving connection). */
  readonly delivered: number;
}

/** What the hub needs from the emulator around it. */
export interface HubSettings {
  readonly organizationId: string;
  readonly catalog: EventCatalog;
  readonly keepAliveIntervalMs: number;
  readonly clientTimeoutMs: number;
  readonly handshakeTimeoutMs: number;
  readonly maxMessageBytes: number;
  readonly authorize: ((ctx: AuthorizeContext) => boolean) | undefined;
  readonly faults: Faults;
  readonly logger: EmulatorLogger;
}

type MethodName = keyof EmulatorStats['calls'];

interface EntitySubscription {
  readonly entityId: unknown;
  readonly eventName: unknown;
}

/** A hub method: `bind` checks the arguments the way ASP.NET Core binds them and returns the call. */
interface HubMethod {
  readonly name: MethodName;
  bind(conn: Connection, args: readonly unknown[]): () => unknown;
}

/** A negotiated connection, until its WebSocket arrives and for as long as it lives. */
interface Negotiation {
  readonly connectionId: string;
  readonly createdAt: number;
  active: boolean;
}

const AVAILABLE_TRANSPORTS = [{ transport: 'WebSockets', transferFormats: ['Text', 'Binary'] }];
// ASP.NET Core disposes a negotiated connection that no transport picked up within this time.
const NEGOTIATION_TIMEOUT_MS = 15_000;
const MESSAGE_RECEIVED = 'MessageReceived';

class BindingFailure extends Error {
  override readonly name = 'BindingFailure';
}

/** Reads one `{EntityId, EventName}` item; property names match case-insensitively, as System.Text.Json does. */
function bindItem(item: unknown): EntitySubscription | null {
  if (item === null) return null;
  if (typeof item !== 'object' || Array.isArray(item)) throw new BindingFailure();
  let entityId: unknown = null;
  let eventName: unknown = null;
  for (const [key, value] of Object.entries(item)) {
    const lower = key.toLowerCase();
    if (lower !== 'entityid' && lower !== 'eventname') continue;
    if (value !== null && typeof value !== 'string') throw new BindingFailure();
    if (lower === 'entityid') entityId = value;
    else eventName = value;
  }
  return { entityId, eventName };
}

function bindItems(args: readonly unknown[]): readonly (EntitySubscription | null)[] | null {
  if (args.length !== 1) throw new BindingFailure();
  const [items] = args;
  if (items === null) return null;
  if (!Array.isArray(items)) throw new BindingFailure();
  return items.map(bindItem);
}

/** Binds a method without parameters: any argument is a binding failure. */
function withoutArguments(args: readonly unknown[], call: () => unknown): () => unknown {
  if (args.length !== 0) throw new BindingFailure();
  return call;
}

function randomId(): string {
  return randomBytes(16).toString('base64url');
}

/** The RTE hub: connections, their subscriptions, the hub methods and the pushes. */
export class Hub {
  readonly #settings: HubSettings;
  readonly #connections = new Set<Connection>();
  readonly #negotiations = new Map<string, Negotiation>();
  readonly #topics: Topics<Connection>;
  readonly #pushTimers = new Set<NodeJS.Timeout>();
  readonly #methods: ReadonlyMap<string, HubMethod>;
  #denied = new Set<string>();
  #heartbeat: NodeJS.Timeout | undefined;
  readonly #calls: Record<MethodName, number> = {
    Subscribe: 0,
    Unsubscribe: 0,
    UnsubscribeAll: 0,
    AvailableSubscriptions: 0,
    ActiveSubscriptions: 0,
  };
  #negotiationCount = 0;
  #published = 0;
  #delivered = 0;

  constructor(settings: HubSettings) {
    this.#settings = settings;
    this.#topics = new Topics(settings.organizationId);
    const methods: HubMethod[] = [
      { name: 'Subscribe', bind: (conn, args) => this.#subscribe.bind(this, conn, bindItems(args)) },
      { name: 'Unsubscribe', bind: (conn, args) => this.#unsubscribe.bind(this, conn, bindItems(args)) },
      {
        name: 'UnsubscribeAll',
        bind: (conn, args) => withoutArguments(args, () => this.#unsubscribeAll(conn)),
      },
      {
        name: 'AvailableSubscriptions',
        bind: (_conn, args) => withoutArguments(args, () => [...settings.catalog.names]),
      },
      {
        name: 'ActiveSubscriptions',
        bind: (conn, args) =>
          withoutArguments(args, () => [...conn.topics.values()].map((topic) => topic.subscription)),
      },
    ];
    // Hub method names match case-insensitively.
    this.#methods = new Map(methods.map((method) => [method.name.toLowerCase(), method]));
  }

  /** Entity ids whose subscriptions are refused with "Unauthorized". */
  deny(entityIds: readonly string[]): void {
    if (!Array.isArray(entityIds) || entityIds.some((id) => typeof id !== 'string')) {
      throw new TypeError('entityIds must be an array of strings');
    }
    this.#denied = new Set(entityIds.map((id) => parseGuid(id) ?? id.toLowerCase()));
  }

  /** Answers a negotiate request of an authenticated client. */
  negotiate(version: number): Record<string, unknown> {
    this.#pruneNegotiations();
    const connectionId = randomId();
    const connectionToken = version >= 1 ? randomId() : connectionId;
    this.#negotiations.set(connectionToken, { connectionId, createdAt: Date.now(), active: false });
    this.#negotiationCount++;
    return version >= 1
      ? { negotiateVersion: 1, connectionId, connectionToken, availableTransports: AVAILABLE_TRANSPORTS }
      : { negotiateVersion: 0, connectionId, availableTransports: AVAILABLE_TRANSPORTS };
  }

  /** Whether a WebSocket may open with this connection token. */
  negotiationState(connectionToken: string): 'unknown' | 'active' | 'ready' {
    this.#pruneNegotiations();
    const negotiation = this.#negotiations.get(connectionToken);
    if (negotiation === undefined) return 'unknown';
    return negotiation.active ? 'active' : 'ready';
  }

  /** Starts serving an upgraded WebSocket; `connectionToken` is absent when the client skipped negotiation. */
  accept(socket: WebSocket, claims: TokenClaims, connectionToken: string | undefined): void {
    let connectionId = randomId();
    if (connectionToken !== undefined) {
      const negotiation = this.#negotiations.get(connectionToken);
      if (negotiation === undefined || negotiation.active) {
        socket.terminate();
        return;
      }
      negotiation.active = true;
      connectionId = negotiation.connectionId;
    }
    const conn = new Connection(socket, connectionId, connectionToken, claims);
    this.#connections.add(conn);
    this.#startHeartbeat();
    socket.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => this.#receive(conn, data));
    socket.on('close', () => this.#detach(conn));
    socket.on('error', () => this.#detach(conn));
    this.#settings.logger.debug(`hub: connection ${connectionId} opened`);
  }

  /** Pushes an event to every connection subscribed to (eventName, entityId); returns how many. */
  publish(eventName: string, entityId: string, data?: Readonly<Record<string, unknown>> | null): number {
    if (typeof eventName !== 'string' || eventName.length === 0) {
      throw new TypeError('eventName must be a non-empty string');
    }
    if (typeof entityId !== 'string') throw new TypeError('entityId must be a string');
    if (data !== undefined && data !== null && (typeof data !== 'object' || Array.isArray(data))) {
      throw new TypeError('data must be an object');
    }
    this.#published++;
    const canonical = this.#settings.catalog.canonical(eventName);
    const guid = parseGuid(entityId);
    if (canonical === undefined || guid === undefined) return 0;
    const topic = this.#topics.get(topicKey(canonical, guid));
    if (topic === undefined) return 0;
    const payload = eventData(data, {
      eventType: canonical,
      entityType: entityTypeOf(canonical),
      entityId: guid,
      organizationId: this.#settings.organizationId,
    });
    // Serialised and encoded once; every recipient gets the very same bytes.
    const frame = Buffer.from(
      invocationFrame(MESSAGE_RECEIVED, `{"subscription":${topic.json},"data":${JSON.stringify(payload)}}`),
    );
    const count = topic.members.size;
    this.#delivered += count;
    const latency = this.#settings.faults.latencyMs;
    if (latency <= 0) {
      for (const conn of topic.members) conn.send(frame);
    } else {
      // The recipients are fixed now; whoever is still connected after the delay receives it.
      const recipients = [...topic.members];
      const timer = setTimeout(() => {
        this.#pushTimers.delete(timer);
        for (const conn of recipients) conn.send(frame);
      }, latency);
      this.#pushTimers.add(timer);
    }
    return count;
  }

  /** Cuts every connection abruptly (no Close message); returns how many. */
  drop(): number {
    const all = [...this.#connections];
    for (const conn of all) {
      conn.terminate();
      this.#detach(conn);
    }
    if (all.length > 0) this.#settings.logger.info(`hub: dropped ${all.length} connection(s)`);
    return all.length;
  }

  /** Sends every connection a Close message, then closes it; returns how many. */
  closeAll(options: CloseConnectionsOptions = {}): number {
    if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
    const { allowReconnect, error } = options;
    if (allowReconnect !== undefined && typeof allowReconnect !== 'boolean') {
      throw new TypeError('allowReconnect must be a boolean');
    }
    if (error !== undefined && typeof error !== 'string') throw new TypeError('error must be a string');
    const frame = closeFrame({ error, allowReconnect: allowReconnect === true });
    const all = [...this.#connections];
    for (const conn of all) this.#closeWith(conn, conn.handshaken ? frame : undefined);
    if (all.length > 0) this.#settings.logger.info(`hub: closed ${all.length} connection(s)`);
    return all.length;
  }

  /** Forgets every connection, negotiation, subscription and pending push, as a restarted server would. */
  restart(): number {
    const dropped = this.drop();
    this.#negotiations.clear();
    this.#topics.clear();
    this.#clearPushTimers();
    return dropped;
  }

  /** Stops everything; nothing keeps running afterwards. */
  shutdown(): void {
    this.restart();
    this.#stopHeartbeat();
  }

  stats(tokensIssued: number): EmulatorStats {
    let connections = 0;
    for (const conn of this.#connections) if (conn.handshaken) connections++;
    return {
      connections,
      subscriptions: this.#topics.memberships,
      calls: { ...this.#calls },
      tokensIssued,
      negotiations: this.#negotiationCount,
      published: this.#published,
      delivered: this.#delivered,
    };
  }

  #receive(conn: Connection, data: Buffer | ArrayBuffer | Buffer[]): void {
    if (conn.detached) return;
    conn.lastReceivedAt = Date.now();
    const chunk = Array.isArray(data)
      ? Buffer.concat(data).toString('utf8')
      : Buffer.isBuffer(data)
        ? data.toString('utf8')
        : Buffer.from(data).toString('utf8');
    const { records, rest } = splitRecords(conn.pending + chunk);
    conn.pending = rest;
    const limit = this.#settings.maxMessageBytes;
    for (const record of records) {
      if (conn.detached) return;
      // A record plus its separator must fit the receive limit, as in ASP.NET Core.
      if (limit > 0 && record.length >= limit / 4 && Buffer.byteLength(record) + 1 > limit) {
        this.#failMessage(conn, 'message too large');
        return;
      }
      if (conn.handshaken) this.#dispatch(conn, record);
      else this.#handshake(conn, record);
    }
    if (!conn.detached && limit > 0 && rest.length >= limit / 4 && Buffer.byteLength(rest) >= limit) {
      this.#failMessage(conn, 'message too large');
    }
  }

  #failMessage(conn: Connection, reason: string): void {
    this.#settings.logger.debug(`hub: connection ${conn.connectionId} closed: ${reason}`);
    if (conn.handshaken) {
      this.#closeWith(conn, closeFrame({ error: 'Connection closed with an error.', allowReconnect: true }));
    } else {
      this.#closeWith(conn, handshakeResponse('Handshake was canceled.'));
    }
  }

  #handshake(conn: Connection, record: string): void {
    const request = parseHandshake(record);
    let error: string | undefined;
    if ('invalid' in request) {
      error = 'An unexpected error occurred during connection handshake.';
    } else if (request.protocol.toLowerCase() !== PROTOCOL_NAME) {
      error = `The protocol '${request.protocol}' is not supported.`;
    } else if (request.version > MAX_PROTOCOL_VERSION) {
      error = `The server does not support version ${request.version} of the '${request.protocol}' protocol.`;
    }
    if (error !== undefined) {
      this.#settings.logger.debug(`hub: connection ${conn.connectionId} handshake failed: ${error}`);
      this.#closeWith(conn, handshakeResponse(error));
      return;
    }
    conn.handshaken = true;
    conn.lastPingAt = Date.now();
    conn.send(handshakeResponse());
  }

  #dispatch(conn: Connection, record: string): void {
    let message: ClientMessage;
    try {
      message = parseClientMessage(record);
    } catch (error) {
      if (!(error instanceof ProtocolViolation)) throw error;
      this.#failMessage(conn, error.message);
      return;
    }
    switch (message.type) {
      case MessageType.Ping:
        conn.clientTimeoutActive = true;
        return;
      case MessageType.Close:
        this.#closeWith(conn, closeFrame({}));
        return;
      case 'ignored':
        return;
      default:
        this.#invoke(conn, message);
    }
  }

  #invoke(conn: Connection, message: Extract<ClientMessage, { target: string }>): void {
    const { target, invocationId } = message;
    const answer = (frame: (id: string) => string): void => {
      if (invocationId !== undefined) conn.sendAfter(this.#settings.faults.latencyMs, frame(invocationId));
    };
    const method = this.#methods.get(target.toLowerCase());
    if (method === undefined) {
      answer((id) =>
        completionError(
          id,
          `Failed to invoke '${target}' due to an error on the server. HubException: Method does not exist.`,
        ),
      );
      return;
    }
    // Past the lookup, ASP.NET Core names the method as the hub declares it, not as the client spelled it.
    const { name } = method;
    // Arguments are bound before anything else is checked.
    let call: () => unknown;
    try {
      call = method.bind(conn, message.arguments);
    } catch {
      answer((id) => completionError(id, `Failed to invoke '${name}' due to an error on the server.`));
      return;
    }
    if (message.type === MessageType.StreamInvocation) {
      answer((id) =>
        completionError(
          id,
          `The client attempted to invoke the non-streaming '${name}' method with a streaming invocation.`,
        ),
      );
      return;
    }
    const streams = message.streamIds?.length ?? 0;
    if (streams > 0) {
      answer((id) =>
        completionError(
          id,
          `An unexpected error occurred invoking '${name}' on the server. HubException: Client sent ${streams} stream(s), Hub method expects 0.`,
        ),
      );
      return;
    }
    let result: unknown;
    try {
      this.#calls[method.name]++;
      result = call();
    } catch (error) {
      this.#settings.logger.warn(
        `hub: ${method.name} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      answer((id) => completionError(id, `An unexpected error occurred invoking '${name}' on the server.`));
      return;
    }
    answer((id) => completionResult(id, result));
  }

  #subscribe(conn: Connection, items: readonly (EntitySubscription | null)[] | null): SubscriptionResult[] {
    if (items === null) throw new TypeError('items is null');
    return items.map((item) => {
      const checked = this.#check(conn, item);
      if ('result' in checked) return checked.result;
      const topic = this.#topics.join(conn, checked.eventType, checked.guid);
      conn.topics.set(topic.key, topic);
      return { subscribed: true, message: null, entityId: checked.entityId, eventName: checked.eventName };
    });
  }

  #unsubscribe(conn: Connection, items: readonly (EntitySubscription | null)[] | null): SubscriptionResult[] {
    if (items === null) throw new TypeError('items is null');
    return items.map((item) => {
      const checked = this.#check(conn, item);
      if ('result' in checked) return checked.result;
      const key = topicKey(checked.eventType, checked.guid);
      const topic = conn.topics.get(key);
      if (topic !== undefined) {
        conn.topics.delete(key);
        this.#topics.leave(conn, topic);
      }
      return { subscribed: false, message: null, entityId: checked.entityId, eventName: checked.eventName };
    });
  }

  #unsubscribeAll(conn: Connection): boolean {
    for (const topic of conn.topics.values()) this.#topics.leave(conn, topic);
    conn.topics.clear();
    return true;
  }

  /** Validates one item in the documented order: entity id, event name, permission. */
  #check(
    conn: Connection,
    item: EntitySubscription | null,
  ):
    | { result: SubscriptionResult }
    | { guid: string; eventType: string; entityId: string; eventName: string } {
    if (item === null) throw new TypeError('item is null');
    const { entityId, eventName } = item;
    const lowerName = typeof eventName === 'string' ? eventName.toLowerCase() : null;
    const fail = (message: string) => ({
      result: { subscribed: false, message, entityId, eventName: lowerName },
    });
    const guid = parseGuid(entityId);
    if (guid === undefined) return fail('Invalid EntityId');
    const eventType = this.#settings.catalog.canonical(eventName);
    if (eventType === undefined) return fail('Invalid event name');
    const id = entityId as string;
    if (this.#denied.has(guid)) return fail('Unauthorized');
    const authorize = this.#settings.authorize;
    if (
      authorize !== undefined &&
      !authorize({ userId: conn.claims.sub, eventName: eventType, entityId: id })
    ) {
      return fail('Unauthorized');
    }
    return { guid, eventType, entityId: id, eventName: lowerName as string };
  }

  #closeWith(conn: Connection, frame: string | undefined): void {
    conn.close(frame);
    this.#detach(conn);
  }

  /** Stops serving a connection: its subscriptions and negotiation vanish with it. */
  #detach(conn: Connection): void {
    conn.stop();
    if (!this.#connections.delete(conn)) return;
    for (const topic of conn.topics.values()) this.#topics.leave(conn, topic);
    conn.topics.clear();
    if (conn.connectionToken !== undefined) this.#negotiations.delete(conn.connectionToken);
    if (this.#connections.size === 0) this.#stopHeartbeat();
    this.#settings.logger.debug(`hub: connection ${conn.connectionId} closed`);
  }

  #pruneNegotiations(): void {
    const cutoff = Date.now() - NEGOTIATION_TIMEOUT_MS;
    for (const [token, negotiation] of this.#negotiations) {
      if (!negotiation.active && negotiation.createdAt < cutoff) this.#negotiations.delete(token);
    }
  }

  #startHeartbeat(): void {
    if (this.#heartbeat !== undefined) return;
    const { keepAliveIntervalMs, clientTimeoutMs, handshakeTimeoutMs } = this.#settings;
    const shortest = Math.min(keepAliveIntervalMs, clientTimeoutMs, handshakeTimeoutMs);
    const period = Math.max(5, Math.min(1000, Math.floor(shortest / 4)));
    this.#heartbeat = setInterval(() => this.#tick(), period);
    this.#heartbeat.unref();
  }

  #stopHeartbeat(): void {
    if (this.#heartbeat === undefined) return;
    clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
  }

  #tick(): void {
    const now = Date.now();
    const { keepAliveIntervalMs, clientTimeoutMs, handshakeTimeoutMs } = this.#settings;
    for (const conn of [...this.#connections]) {
      if (!conn.handshaken) {
        if (now - conn.openedAt >= handshakeTimeoutMs) this.#failMessage(conn, 'handshake timed out');
        continue;
      }
      if (conn.clientTimeoutActive && now - conn.lastReceivedAt >= clientTimeoutMs) {
        this.#settings.logger.debug(`hub: connection ${conn.connectionId} timed out`);
        this.#closeWith(conn, closeFrame({ allowReconnect: true }));
        continue;
      }
      if (now - conn.lastPingAt >= keepAliveIntervalMs) {
        conn.lastPingAt = now;
        conn.send(PING_FRAME);
      }
    }
  }

  #clearPushTimers(): void {
    for (const timer of this.#pushTimers) clearTimeout(timer);
    this.#pushTimers.clear();
  }
}
