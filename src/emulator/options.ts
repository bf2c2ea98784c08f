import { availableEventNames } from './event-names.ts';
import { parseGuid } from './guid.ts';
import type { AuthorizeContext } from './hub.ts';
import { type EmulatorLogger, silentLogger } from './logger.ts';
import { checkTokenResponseForm, type TokenResponseForm } from './token-response.ts';
import { demoUser, type EmulatorUser, validateUsers } from './users.ts';

/**
 * Options of {@link startEmulator}. Every option is optional.
 *
 * @example
 * ```ts
 * import { startEmulator, type StartEmulatorOptions } from 'enreach-rte/emulator';
 *
 * const options: StartEmulatorOptions = { keepAliveIntervalMs: 1000, tokenLifetimeSeconds: 60 };
 * const emu = await startEmulator(options);
 * ```
 */
export interface StartEmulatorOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  readonly port?: number;
  /** Interface to bind. @default '127.0.0.1' */
  readonly host?: string;
  /** Known users; the first is the default user. @default [demo user] */
  readonly users?: readonly EmulatorUser[];
  /** The organization every user belongs to. @default '29f6e823-b484-e611-80c9-00505689257e' */
  readonly organizationId?: string;
  /** Lifetime of issued tokens in seconds. @default 3600 */
  readonly tokenLifetimeSeconds?: number;
  /** The hub pings every connection this often. @default 15000 */
  readonly keepAliveIntervalMs?: number;
  /** A connection that has pinged once and then sends nothing for this long is closed. @default 30000 */
  readonly clientTimeoutMs?: number;
  /** A WebSocket must complete the SignalR handshake within this time. @default 15000 */
  readonly handshakeTimeoutMs?: number;
  /** Largest hub message a client may send, in bytes; 0 means unlimited. @default 32768 */
  readonly maxMessageBytes?: number;
  /** The permission rule: `false` answers a subscription with "Unauthorized". @default every subscription is allowed */
  readonly authorize?: (ctx: AuthorizeContext) => boolean;
  /** What `AvailableSubscriptions()` returns and `Subscribe` accepts. @default availableEventNames */
  readonly availableEvents?: readonly string[];
  /** Receives the emulator's log lines. @default silent */
  readonly logger?: EmulatorLogger;
  /**
   * Push only the envelope and the published fields, instead of the whole documented event with
   * .NET defaults for what was not published (what a real server sends). For tests of partial data. @default false
   */
  readonly partialPayloads?: boolean;
  /** How the token endpoint writes the hub URL and its key. @default { endpoint: 'ws', key: 'WSSEndpoint' } */
  readonly tokenResponse?: TokenResponseForm;
  /**
   * How many (event, entity) pairs the snapshot endpoint remembers the last `data` of; past that,
   * the pair published longest ago is forgotten. @default 100000
   */
  readonly snapshotLimit?: number;
}

/** {@link StartEmulatorOptions} with every default applied. */
export interface ResolvedOptions {
  readonly port: number;
  readonly host: string;
  readonly users: readonly EmulatorUser[];
  readonly organizationId: string;
  readonly tokenLifetimeSeconds: number;
  readonly keepAliveIntervalMs: number;
  readonly clientTimeoutMs: number;
  readonly handshakeTimeoutMs: number;
  readonly maxMessageBytes: number;
  readonly authorize: ((ctx: AuthorizeContext) => boolean) | undefined;
  readonly availableEvents: readonly string[];
  readonly logger: EmulatorLogger;
  readonly partialPayloads: boolean;
  readonly tokenResponse: Required<TokenResponseForm>;
  readonly snapshotLimit: number;
}

const DEFAULTS = {
  port: 0,
  host: '127.0.0.1',
  tokenLifetimeSeconds: 3600,
  keepAliveIntervalMs: 15_000,
  clientTimeoutMs: 30_000,
  handshakeTimeoutMs: 15_000,
  maxMessageBytes: 32 * 1024,
  snapshotLimit: 100_000,
} as const;

function positive(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new TypeError(`${name} must be a positive number`);
  }
  return value;
}

function checkBoolean(name: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new TypeError(`${name} must be a boolean`);
  return value;
}

/** Checks a lifetime in seconds given at start or later. */
export function checkLifetime(seconds: unknown): number {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
    throw new TypeError('token lifetime must be a non-negative number of seconds');
  }
  return seconds;
}

/** Applies defaults and rejects malformed options with a `TypeError`. */
export function resolveOptions(options: StartEmulatorOptions = {}): ResolvedOptions {
  if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
  const { port = DEFAULTS.port, host = DEFAULTS.host, organizationId = demoUser.organizationId } = options;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new TypeError('port must be an integer between 0 and 65535');
  }
  if (typeof host !== 'string' || host.length === 0) throw new TypeError('host must be a non-empty string');
  const org = parseGuid(organizationId);
  if (org === undefined) throw new TypeError('organizationId must be a GUID');
  const users = options.users === undefined ? [demoUser] : validateUsers(options.users);
  if (options.authorize !== undefined && typeof options.authorize !== 'function') {
    throw new TypeError('authorize must be a function');
  }
  const availableEvents = options.availableEvents ?? availableEventNames;
  if (
    !Array.isArray(availableEvents) ||
    availableEvents.some((name) => typeof name !== 'string' || name === '')
  ) {
    throw new TypeError('availableEvents must be an array of non-empty strings');
  }
  const logger = options.logger ?? silentLogger;
  for (const level of ['debug', 'info', 'warn', 'error'] as const) {
    if (typeof logger[level] !== 'function') throw new TypeError(`logger.${level} must be a function`);
  }
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULTS.maxMessageBytes;
  if (typeof maxMessageBytes !== 'number' || !Number.isInteger(maxMessageBytes) || maxMessageBytes < 0) {
    throw new TypeError('maxMessageBytes must be a non-negative integer');
  }
  const snapshotLimit = options.snapshotLimit ?? DEFAULTS.snapshotLimit;
  if (typeof snapshotLimit !== 'number' || !Number.isInteger(snapshotLimit) || snapshotLimit < 1) {
    throw new TypeError('snapshotLimit must be a positive integer');
  }
  return {
    port,
    host,
    users: users.map(({ userId, email, secretKey, bearerToken, password }) => ({
      userId,
      email,
      secretKey,
      bearerToken,
      ...(password === undefined ? {} : { password }),
    })),
    organizationId: org,
    tokenLifetimeSeconds:
      options.tokenLifetimeSeconds === undefined
        ? DEFAULTS.tokenLifetimeSeconds
        : checkLifetime(options.tokenLifetimeSeconds),
    keepAliveIntervalMs: positive(
      'keepAliveIntervalMs',
      options.keepAliveIntervalMs,
      DEFAULTS.keepAliveIntervalMs,
    ),
    clientTimeoutMs: positive('clientTimeoutMs', options.clientTimeoutMs, DEFAULTS.clientTimeoutMs),
    handshakeTimeoutMs: positive(
      'handshakeTimeoutMs',
      options.handshakeTimeoutMs,
      DEFAULTS.handshakeTimeoutMs,
    ),
    maxMessageBytes,
    authorize: options.authorize,
    availableEvents,
    logger,
    partialPayloads: checkBoolean('partialPayloads', options.partialPayloads),
    tokenResponse: checkTokenResponseForm(options.tokenResponse ?? {}),
    snapshotLimit,
  };
}
