import type { Server } from 'node:http';
import { WebSocketServer } from 'ws';
import { CONTROL_PREFIX, handleControl, isControlRoute } from './control.ts';
import { EventCatalog } from './event-names.ts';
import { Faults, type NegotiateFailureOptions, type TokenFailureOptions } from './faults.ts';
import { urlOf } from './http.ts';
import { type CloseConnectionsOptions, type EmulatorStats, Hub } from './hub.ts';
import { HUB_PATH, handleHubRequest, handleHubUpgrade, isHubRoute } from './hub-endpoint.ts';
import { checkLifetime, type ResolvedOptions, resolveOptions, type StartEmulatorOptions } from './options.ts';
import {
  handleAuthUser,
  handleDiscovery,
  handleTokenRequest,
  isAuthUserRoute,
  isDiscoveryRoute,
  isTokenRoute,
} from './rest.ts';
import { createHttpServer, listen, shutdown } from './server.ts';
import { checkTokenResponseForm, type TokenResponseForm } from './token-response.ts';
import { type IssueTokenOptions, TokenService } from './tokens.ts';
import { type EmulatorUser, UserDirectory } from './users.ts';

/**
 * The default user's credentials and organization, as handed out by {@link Emulator.credentials}.
 *
 * @example
 * ```ts
 * import { startEmulator, type EmulatorCredentials } from 'enreach-rte/emulator';
 *
 * const emu = await startEmulator();
 * const { email, secretKey }: EmulatorCredentials = emu.credentials;
 * ```
 */
export interface EmulatorCredentials extends EmulatorUser {
  /** The organization every user belongs to (the token's `org` claim, events' `rootEntityId`). */
  readonly organizationId: string;
}

/**
 * A running emulator: a local Enreach RTE (REST token endpoint, SignalR hub and control endpoints on
 * one HTTP origin) plus the levers tests pull to make it misbehave.
 *
 * @example
 * ```ts
 * import { startEmulator } from 'enreach-rte/emulator';
 *
 * const emu = await startEmulator();
 * console.log(emu.apiUrl, emu.hubUrl); // http://127.0.0.1:PORT/ and http://127.0.0.1:PORT/rte
 * emu.publish('UserStatus', emu.credentials.userId, { Available: true });
 * await emu.close();
 * ```
 */
export interface Emulator {
  /** The REST API base, ending in `/`; the token endpoint is `${apiUrl}token/me/rte/`. */
  readonly apiUrl: string;
  /** The hub URL to give `HubConnectionBuilder.withUrl`. */
  readonly hubUrl: string;
  /** The base of the control endpoints, for {@link EmulatorControl}. */
  readonly controlUrl: string;
  /** A discovery service for the emulator's users (`GET {discoveryUrl}api/user?user={email}` answers `apiUrl`). */
  readonly discoveryUrl: string;
  /** The bound TCP port. */
  readonly port: number;
  /** The default user's credentials. */
  readonly credentials: EmulatorCredentials;
  /** Every known user. */
  readonly users: readonly EmulatorUser[];
  /**
   * Pushes an event to every connection subscribed to (eventName, entityId); returns how many received it.
   * The event carries every documented field, .NET defaults where `data` has none (unless `partialPayloads`).
   */
  publish(eventName: string, entityId: string, data?: Readonly<Record<string, unknown>> | null): number;
  /** Pushes an event's `data` exactly as given (already serialised JSON), as a replay does; returns how many received it. */
  publishSerialised(eventName: string, entityId: string, serialisedData: string): number;
  /**
   * The `data` last published for (eventName, entityId), as it went on the wire (PascalCase keys),
   * whether or not anyone was subscribed; `undefined` when nothing was, or when `snapshotLimit`
   * other pairs have been published since. What the emulator's snapshot
   * endpoint `GET {apiUrl}_control/state/{eventName}/{entityId}` answers: the emulator's own, for
   * demos and tests of snapshot loaders, not an Enreach REST API.
   */
  lastPublished(eventName: string, entityId: string): Record<string, unknown> | undefined;
  /** How the token endpoint writes its answer from now on. */
  setTokenResponse(form: TokenResponseForm): void;
  /** Cuts every connection abruptly, without a Close message; returns how many. */
  dropConnections(): number;
  /** Sends every connection a SignalR Close message, then closes it; returns how many. */
  closeConnections(options?: CloseConnectionsOptions): number;
  /** Acts like a server restart: drops every connection and forgets connections, subscriptions and faults. Tokens stay valid. */
  restart(): number;
  /** Refuses every token issued so far from now on (open connections stay); returns how many were revoked. */
  revokeTokens(): number;
  /** Makes the next token requests answer `status` (after `delayMs`, with `Retry-After` when given). */
  failTokenRequests(options: TokenFailureOptions): void;
  /** Makes the next negotiate requests answer `status`. */
  failNegotiate(options: NegotiateFailureOptions): void;
  /** Delays every completion and every push by `ms` (0 turns it off). */
  setLatency(ms: number): void;
  /** Lifetime of tokens issued from now on. */
  setTokenLifetime(seconds: number): void;
  /** Subscriptions to these entities answer "Unauthorized"; `[]` clears the list. */
  deny(entityIds: readonly string[]): void;
  /** Turns every fault off, restores the token lifetime and clears the deny list. */
  reset(): void;
  /** Counters since start. */
  stats(): EmulatorStats;
  /** Signs a token directly, e.g. an expired one. */
  issueToken(options?: IssueTokenOptions): string;
  /** Stops the emulator; no timer or socket is left behind. */
  close(): Promise<void>;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

class RunningEmulator implements Emulator {
  readonly apiUrl: string;
  readonly hubUrl: string;
  readonly controlUrl: string;
  readonly discoveryUrl: string;
  readonly port: number;
  readonly credentials: EmulatorCredentials;
  readonly users: readonly EmulatorUser[];
  readonly #options: ResolvedOptions;
  readonly #directory: UserDirectory;
  readonly #tokens: TokenService;
  readonly #faults: Faults;
  readonly #hub: Hub;
  readonly #server: Server;
  readonly #wss: WebSocketServer;
  readonly #timers: Set<NodeJS.Timeout>;
  #tokenLifetimeSeconds: number;
  /** The current form of token responses. */
  tokenResponse: Required<TokenResponseForm>;
  #closing: Promise<void> | undefined;

  constructor(
    port: number,
    parts: {
      options: ResolvedOptions;
      directory: UserDirectory;
      tokens: TokenService;
      faults: Faults;
      hub: Hub;
      server: Server;
      wss: WebSocketServer;
      timers: Set<NodeJS.Timeout>;
    },
  ) {
    const origin = `http://${urlHost(parts.options.host)}:${port}`;
    this.port = port;
    this.apiUrl = `${origin}/`;
    this.hubUrl = `${origin}${HUB_PATH}`;
    this.controlUrl = `${origin}${CONTROL_PREFIX}`;
    this.discoveryUrl = `${origin}/`;
    this.tokenResponse = parts.options.tokenResponse;
    this.#options = parts.options;
    this.#directory = parts.directory;
    this.#tokens = parts.tokens;
    this.#faults = parts.faults;
    this.#hub = parts.hub;
    this.#server = parts.server;
    this.#wss = parts.wss;
    this.#timers = parts.timers;
    this.#tokenLifetimeSeconds = parts.options.tokenLifetimeSeconds;
    this.users = parts.directory.users;
    this.credentials = Object.freeze({
      ...parts.directory.defaultUser,
      organizationId: parts.options.organizationId,
    });
  }

  /** The `WSSEndpoint` the token endpoint hands out. */
  get wssEndpoint(): string {
    return this.hubUrl.replace(/^http/, 'ws');
  }

  publish(eventName: string, entityId: string, data?: Readonly<Record<string, unknown>> | null): number {
    return this.#hub.publish(eventName, entityId, data);
  }

  publishSerialised(eventName: string, entityId: string, serialisedData: string): number {
    if (typeof serialisedData !== 'string') throw new TypeError('serialisedData must be a string');
    JSON.parse(serialisedData);
    return this.#hub.publishRaw(eventName, entityId, serialisedData);
  }

  lastPublished(eventName: string, entityId: string): Record<string, unknown> | undefined {
    const data = this.#hub.lastPublished(eventName, entityId);
    return data === undefined ? undefined : (JSON.parse(data) as Record<string, unknown>);
  }

  setTokenResponse(form: TokenResponseForm): void {
    this.tokenResponse = checkTokenResponseForm(form);
  }

  dropConnections(): number {
    return this.#hub.drop();
  }

  closeConnections(options: CloseConnectionsOptions = {}): number {
    return this.#hub.closeAll(options);
  }

  restart(): number {
    this.#faults.clear();
    return this.#hub.restart();
  }

  revokeTokens(): number {
    return this.#tokens.revokeAll();
  }

  failTokenRequests(options: TokenFailureOptions): void {
    this.#faults.failTokenRequests(options);
  }

  failNegotiate(options: NegotiateFailureOptions): void {
    this.#faults.failNegotiate(options);
  }

  setLatency(ms: number): void {
    this.#faults.setLatency(ms);
  }

  setTokenLifetime(seconds: number): void {
    this.#tokenLifetimeSeconds = checkLifetime(seconds);
  }

  deny(entityIds: readonly string[]): void {
    this.#hub.deny(entityIds);
  }

  reset(): void {
    this.#faults.clear();
    this.#hub.deny([]);
    this.#tokenLifetimeSeconds = this.#options.tokenLifetimeSeconds;
    this.tokenResponse = this.#options.tokenResponse;
  }

  stats(): EmulatorStats {
    return this.#hub.stats(this.#tokens.issuedCount);
  }

  issueToken(options: IssueTokenOptions = {}): string {
    if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
    const user =
      options.userId === undefined ? this.#directory.defaultUser : this.#directory.byId(options.userId);
    if (user === undefined) throw new TypeError('userId must be the id of one of the emulator users');
    for (const key of ['lifetimeSeconds', 'exp'] as const) {
      const value = options[key];
      if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
        throw new TypeError(`${key} must be a finite number`);
      }
    }
    const iat = Math.floor(Date.now() / 1000);
    const exp = options.exp ?? iat + (options.lifetimeSeconds ?? this.#tokenLifetimeSeconds);
    return this.#tokens.issue({ ...user, organizationId: this.#options.organizationId }, iat, exp);
  }

  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  async #shutdown(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#hub.shutdown();
    for (const client of this.#wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    await shutdown(this.#server);
    this.#options.logger.info('emulator: closed');
  }
}

/**
 * Starts a local Enreach RTE on one HTTP origin: the REST token endpoint at `/`, the SignalR hub at
 * `/rte` and the control endpoints at `/_control/`. Node only.
 *
 * @example
 * ```ts
 * import { HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
 * import { startEmulator } from 'enreach-rte/emulator';
 *
 * const emu = await startEmulator();
 * const connection = new HubConnectionBuilder()
 *   .withUrl(emu.hubUrl, { accessTokenFactory: () => emu.issueToken() })
 *   .configureLogging(LogLevel.None)
 *   .build();
 * await connection.start();
 * await connection.invoke('Subscribe', [{ EntityId: emu.credentials.userId, EventName: 'UserStatus' }]);
 * await connection.stop();
 * await emu.close();
 * ```
 */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<Emulator> {
  const resolved = resolveOptions(options);
  const { logger } = resolved;
  const directory = new UserDirectory(resolved.users);
  const tokens = new TokenService();
  const faults = new Faults();
  const timers = new Set<NodeJS.Timeout>();
  const hub = new Hub({
    organizationId: resolved.organizationId,
    catalog: new EventCatalog(resolved.availableEvents),
    keepAliveIntervalMs: resolved.keepAliveIntervalMs,
    clientTimeoutMs: resolved.clientTimeoutMs,
    handshakeTimeoutMs: resolved.handshakeTimeoutMs,
    maxMessageBytes: resolved.maxMessageBytes,
    authorize: resolved.authorize,
    partialPayloads: resolved.partialPayloads,
    snapshotLimit: resolved.snapshotLimit,
    faults,
    logger,
  });
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, clientTracking: true });
  const later = (ms: number, fn: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  let emulator: RunningEmulator | undefined;
  const hubContext = { hub, tokens, faults, logger, wss };
  const server = createHttpServer(
    {
      request: async (req, res, path) => {
        const running = emulator;
        if (running === undefined) return false;
        if (isControlRoute(path)) {
          await handleControl(req, res, path, running);
        } else if (isHubRoute(path)) {
          handleHubRequest(req, res, hubContext);
        } else if (isTokenRoute(path)) {
          handleTokenRequest(req, res, path, {
            users: directory,
            faults,
            logger,
            later,
            hubHostAndPath: () => running.wssEndpoint.replace(/^ws:\/\//, ''),
            tokenResponse: () => running.tokenResponse,
            issueToken: (userId) => running.issueToken({ userId }),
          });
        } else if (isDiscoveryRoute(path)) {
          handleDiscovery(req, res, urlOf(req), { users: directory, apiUrl: running.apiUrl });
        } else if (isAuthUserRoute(path)) {
          await handleAuthUser(req, res, path, { users: directory, logger });
        } else {
          return false;
        }
        return true;
      },
      upgrade: (req, socket, head) => handleHubUpgrade(req, socket, head, hubContext),
    },
    logger,
  );
  const port = await listen(server, resolved.port, resolved.host);
  emulator = new RunningEmulator(port, {
    options: resolved,
    directory,
    tokens,
    faults,
    hub,
    server,
    wss,
    timers,
  });
  logger.info(`emulator: listening on ${emulator.apiUrl}`);
  return emulator;
}
