import type { WebSocket } from 'ws';
import { type EventCatalog, entityKey, entityTypeOf, parseGuid } from '../wire/index.ts';
import { Connection } from './connection.ts';
import type { Faults } from './faults.ts';
import { frameBytes } from './hub/framing.ts';
import { beat, Heartbeat } from './hub/heartbeat.ts';
import { dotnetStringify } from './hub/json-writer.ts';
import { type AuthorizeContext, BindingFailure, type HubMethod, hubMethods } from './hub/methods.ts';
import { Negotiations, randomConnectionId } from './hub/negotiations.ts';
import { type EmulatorStats, HubCounters } from './hub/stats.ts';
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
} from './protocol.ts';
import { Topics, topicKey } from './subscriptions.ts';
import type { TokenClaims } from './tokens.ts';

export type { AuthorizeContext } from './hub/methods.ts';
export type { EmulatorStats } from './hub/stats.ts';

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

/** What the hub needs from the emulator around it. */
export interface HubSettings {
  readonly organizationId: string;
  readonly catalog: EventCatalog;
  readonly keepAliveIntervalMs: number;
  readonly clientTimeoutMs: number;
  readonly handshakeTimeoutMs: number;
  readonly maxMessageBytes: number;
  readonly authorize: ((ctx: AuthorizeContext) => boolean) | undefined;
  /** Push only the published fields instead of the whole documented event. */
  readonly partialPayloads: boolean;
  /** How many (event, entity) pairs `lastPublished` remembers, the most recently published. */
  readonly snapshotLimit: number;
  readonly faults: Faults;
  readonly logger: EmulatorLogger;
}

const MESSAGE_RECEIVED = 'MessageReceived';
/** The error text ASP.NET Core puts in the Close message of a connection it ends because of an error. */
const CLOSED_WITH_ERROR = 'Connection closed with an error.';

/**
 * ws answers a client's Close frame by echoing its status code; Kestrel answers 1000 (normal
 * closure) whatever the client sent, so the echo is replaced.
 */
function answerCloseWithNormalClosure(socket: WebSocket): void {
  const close = socket.close.bind(socket);
  socket.close = ((code?: number, reason?: string | Buffer) => {
    const echoing = (socket as unknown as { _closeFrameReceived?: boolean })._closeFrameReceived === true;
    if (echoing) close(1000);
    else close(code, reason);
  }) as WebSocket['close'];
}

/** The RTE hub: connections, their subscriptions, the hub methods and the pushes. */
export class Hub {
  readonly #settings: HubSettings;
  readonly #connections = new Set<Connection>();
  readonly #negotiations = new Negotiations();
  readonly #topics: Topics<Connection>;
  readonly #pushTimers = new Set<NodeJS.Timeout>();
  readonly #methods: ReadonlyMap<string, HubMethod>;
  readonly #counters = new HubCounters();
  readonly #heartbeat: Heartbeat;
  #denied: ReadonlySet<string> = new Set<string>();
  /**
   * The `data` last published for each entity, serialised: the contact centre's state, which a
   * restart of the hub does not change. What the emulator's snapshot endpoint answers.
   */
  readonly #lastData = new Map<string, string>();

  constructor(settings: HubSettings) {
    this.#settings = settings;
    this.#topics = new Topics(settings.organizationId);
    this.#heartbeat = new Heartbeat(settings, () => this.#tick());
    this.#methods = hubMethods({
      catalog: settings.catalog,
      topics: this.#topics,
      authorize: settings.authorize,
      denied: () => this.#denied,
    });
  }

  /** Entity ids whose subscriptions are refused with "Unauthorized". */
  deny(entityIds: readonly string[]): void {
    if (!Array.isArray(entityIds) || entityIds.some((id) => typeof id !== 'string')) {
      throw new TypeError('entityIds must be an array of strings');
    }
    this.#denied = new Set(entityIds.map(entityKey));
  }

  /** Answers a negotiate request of an authenticated client. */
  negotiate(version: number): Record<string, unknown> {
    this.#counters.negotiations++;
    return this.#negotiations.negotiate(version);
  }

  /** Whether a WebSocket may open with this connection token. */
  negotiationState(connectionToken: string): 'unknown' | 'active' | 'ready' {
    return this.#negotiations.state(connectionToken);
  }

  /** Starts serving an upgraded WebSocket; `connectionToken` is absent when the client skipped negotiation. */
  accept(socket: WebSocket, claims: TokenClaims, connectionToken: string | undefined): void {
    let connectionId = randomConnectionId();
    if (connectionToken !== undefined) {
      const negotiated = this.#negotiations.take(connectionToken);
      if (negotiated === undefined) {
        socket.terminate();
        return;
      }
      connectionId = negotiated;
    }
    answerCloseWithNormalClosure(socket);
    const conn = new Connection(socket, connectionId, connectionToken, claims);
    this.#connections.add(conn);
    this.#heartbeat.start();
    socket.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
      try {
        this.#receive(conn, frameBytes(data));
      } catch (error) {
        // Whatever a client sends must never take the emulator down; ASP.NET Core closes with an error.
        this.#settings.logger.error(`hub: ${error instanceof Error ? error.message : String(error)}`);
        this.#failMessage(conn, 'unexpected error');
      }
    });
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
    this.#counters.published++;
    const canonical = this.#settings.catalog.canonical(eventName);
    const guid = parseGuid(entityId);
    if (canonical === undefined || guid === undefined) return 0;
    const payload = eventData(
      data,
      {
        eventType: canonical,
        entityType: entityTypeOf(canonical),
        entityId: guid,
        organizationId: this.#settings.organizationId,
      },
      { partial: this.#settings.partialPayloads },
    );
    return this.#push(canonical, guid, dotnetStringify(payload));
  }

  /** Sends an already serialised `MessageReceived` argument to every subscriber of its topic (replay). */
  publishRaw(eventName: string, entityId: string, serialisedData: string): number {
    const canonical = this.#settings.catalog.canonical(eventName);
    const guid = parseGuid(entityId);
    if (canonical === undefined || guid === undefined) return 0;
    this.#counters.published++;
    return this.#push(canonical, guid, serialisedData);
  }

  /** Remembers a pair's serialised `data` and sends it to the pair's subscribers; returns how many. */
  #push(canonical: string, guid: string, serialised: string): number {
    const key = topicKey(canonical, guid);
    this.#remember(key, serialised);
    const topic = this.#topics.get(key);
    if (topic === undefined) return 0;
    // Serialised and encoded once; every recipient gets the very same bytes.
    const frame = Buffer.from(
      invocationFrame(MESSAGE_RECEIVED, `{"subscription":${topic.json},"data":${serialised}}`),
    );
    return this.#deliver(topic.members, frame);
  }

  #deliver(members: ReadonlySet<Connection>, frame: Buffer): number {
    const count = members.size;
    this.#counters.delivered += count;
    const latency = this.#settings.faults.latencyMs;
    if (latency <= 0) {
      for (const conn of members) conn.send(frame);
    } else {
      // The recipients are fixed now; whoever is still connected after the delay receives it.
      const recipients = [...members];
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
    for (const timer of this.#pushTimers) clearTimeout(timer);
    this.#pushTimers.clear();
    return dropped;
  }

  /** Keeps the last `data` of a pair, as the most recent; the pair published longest ago goes past the limit. */
  #remember(key: string, serialised: string): void {
    const data = this.#lastData;
    data.delete(key);
    data.set(key, serialised);
    if (data.size > this.#settings.snapshotLimit) data.delete(data.keys().next().value as string);
  }

  /**
   * The `data` last published for (eventName, entityId), serialised as it went on the wire, or
   * `undefined` when nothing was published for it (or too many other pairs were since).
   */
  lastPublished(eventName: string, entityId: string): string | undefined {
    const canonical = this.#settings.catalog.canonical(eventName);
    const guid = parseGuid(entityId);
    if (canonical === undefined || guid === undefined) return undefined;
    return this.#lastData.get(topicKey(canonical, guid));
  }

  /** Stops everything; nothing keeps running afterwards. */
  shutdown(): void {
    this.restart();
    this.#heartbeat.stop();
  }

  stats(tokensIssued: number): EmulatorStats {
    let connections = 0;
    for (const conn of this.#connections) if (conn.handshaken) connections++;
    return this.#counters.snapshot({ connections, subscriptions: this.#topics.memberships, tokensIssued });
  }

  #receive(conn: Connection, chunk: Buffer): void {
    if (conn.detached) return;
    // Any bytes reset the client timeout, as ASP.NET Core resets it on every read.
    conn.lastReceivedAt = Date.now();
    const limit = this.#settings.maxMessageBytes;
    if (conn.stalledBytes !== undefined) {
      this.#holdStalled(conn, chunk.length);
      return;
    }
    const records = conn.reader.push(chunk);
    for (let i = 0; i < records.length; i++) {
      if (conn.detached) return;
      const record = records[i] as { text: string; bytes: number };
      // A record plus its separator must fit the receive limit, as in ASP.NET Core.
      if (limit > 0 && record.bytes + 1 > limit) {
        this.#failMessage(conn, 'message too large');
        return;
      }
      if (!conn.handshaken) {
        this.#handshake(conn, record.text);
        continue;
      }
      if (this.#dispatch(conn, record.text) === 'stalled') {
        let held = record.bytes + 1 + conn.reader.pendingBytes;
        for (const later of records.slice(i + 1)) held += later.bytes + 1;
        conn.stalledBytes = 0;
        this.#holdStalled(conn, held);
        return;
      }
    }
    if (!conn.detached && limit > 0 && conn.reader.pendingBytes >= limit) {
      this.#failMessage(conn, 'message too large');
    }
  }

  /** Counts bytes held behind an unreadable record; past the size limit the connection fails. */
  #holdStalled(conn: Connection, bytes: number): void {
    conn.stalledBytes = (conn.stalledBytes ?? 0) + bytes;
    const limit = this.#settings.maxMessageBytes;
    if (limit > 0 && conn.stalledBytes > limit) this.#failMessage(conn, 'message too large');
  }

  #failMessage(conn: Connection, reason: string): void {
    this.#settings.logger.debug(`hub: connection ${conn.connectionId} closed: ${reason}`);
    if (conn.handshaken) {
      this.#closeWith(conn, closeFrame({ error: CLOSED_WITH_ERROR, allowReconnect: true }));
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

  #dispatch(conn: Connection, record: string): 'stalled' | undefined {
    let message: ClientMessage;
    try {
      message = parseClientMessage(record);
    } catch (error) {
      if (!(error instanceof ProtocolViolation)) throw error;
      this.#failMessage(conn, error.message);
      return undefined;
    }
    switch (message.type) {
      case MessageType.Ping:
        conn.clientTimeoutActive = true;
        return undefined;
      case MessageType.Close:
        this.#closeWith(conn, closeFrame({}));
        return undefined;
      case 'ignored':
        return undefined;
      case 'unknown':
        this.#settings.logger.debug(`hub: connection ${conn.connectionId} sent an unknown message type`);
        return 'stalled';
      default:
        this.#invoke(conn, message);
        return undefined;
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
    } catch (error) {
      if (!(error instanceof BindingFailure)) throw error;
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
      this.#counters.calls[name]++;
      result = call();
    } catch (error) {
      this.#settings.logger.warn(
        `hub: ${name} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      answer((id) => completionError(id, `An unexpected error occurred invoking '${name}' on the server.`));
      return;
    }
    answer((id) => completionResult(id, result));
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
    if (conn.connectionToken !== undefined) this.#negotiations.release(conn.connectionToken);
    if (this.#connections.size === 0) this.#heartbeat.stop();
    this.#settings.logger.debug(`hub: connection ${conn.connectionId} closed`);
  }

  #tick(): void {
    const now = Date.now();
    for (const conn of [...this.#connections]) {
      switch (beat(conn, now, this.#settings)) {
        case 'handshake-timeout':
          this.#failMessage(conn, 'handshake timed out');
          break;
        case 'client-timeout':
          this.#settings.logger.debug(`hub: connection ${conn.connectionId} timed out`);
          this.#closeWith(conn, closeFrame({ error: CLOSED_WITH_ERROR, allowReconnect: true }));
          break;
        case 'ping':
          conn.send(PING_FRAME);
          break;
        default:
      }
    }
  }
}
