import type { RteListenableEventName } from './client/event-map.ts';
import { normalizeEventName } from './events/names.ts';
import type { RteEventData } from './events/registry.ts';
import type { RteLogger } from './logging/logger.ts';
import type { SnapshotLoader } from './state/snapshot.ts';

/**
 * A value given directly, or a function (sync or async) that computes it when needed.
 *
 * @example
 * ```ts
 * import type { ValueOrCallback } from 'enreach-rte';
 *
 * const bearer: ValueOrCallback<string> = async () => (await fetch('/session/token')).text();
 * ```
 */
export type ValueOrCallback<T> = T | (() => T | Promise<T>);

/**
 * How the SDK authenticates to the REST API that issues RTE tokens.
 *
 * - `{ email, secretKey }`: HTTP Basic, what Enreach's API expects. Trade a password for the
 *   secret key once with `exchangePasswordForSecretKey()`.
 * - `{ bearer }`: for deployments that front the API with bearer tokens.
 * - `{ headers }`: any other scheme; the headers are sent as given.
 *
 * @example
 * ```ts
 * import { RteClient, type RteAuth } from 'enreach-rte';
 *
 * const auth: RteAuth = { email: 'agent@example.com', secretKey: process.env.ENREACH_SECRET_KEY! };
 * const rte = new RteClient({ apiUrl: 'https://api-silox.enreachvoice.com', auth });
 * ```
 */
export type RteAuth =
  | {
      /** The API user's email: the user name of HTTP Basic authentication. */
      readonly email: string;
      /** The API user's secret key: the password of HTTP Basic authentication. */
      readonly secretKey: string;
    }
  | {
      /** Sent as `Authorization: Bearer <value>`; a function is called for every token request. */
      readonly bearer: ValueOrCallback<string>;
    }
  | {
      /** The headers of every token request, as given; a function is called for every request. */
      readonly headers: ValueOrCallback<Record<string, string>>;
    };

/**
 * What a token source hands the client: where the hub is, and the JWT to connect with.
 *
 * @example
 * ```ts
 * import type { RteTokenGrant } from 'enreach-rte';
 *
 * const grant: RteTokenGrant = { endpoint: 'wss://rte-silox.enreachvoice.com/rte', token: jwt };
 * ```
 */
export interface RteTokenGrant {
  /** Hub URL as the API returns it: `wss://…/rte`, `https://…/rte` or without a scheme. */
  readonly endpoint: string;
  /** The RTE JWT. */
  readonly token: string;
}

/**
 * Why the client is asking for a token.
 *
 * @example
 * ```ts
 * import type { TokenRequestReason } from 'enreach-rte';
 *
 * const mustBeFresh = (reason: TokenRequestReason) => reason === 'rejected' || reason === 'expired';
 * ```
 */
export type TokenRequestReason = 'connect' | 'reconnect' | 'expired' | 'rejected';

/**
 * A fully custom token source, for apps whose backend hands out RTE tokens. It may return
 * `{ endpoint, token }` or the REST API's own body (`{ WSSEndpoint, Token }`, any key casing).
 *
 * @example
 * ```ts
 * import { type GetToken, RteClient } from 'enreach-rte';
 *
 * const getToken: GetToken = async ({ signal }) => (await fetch('/rte-token', { signal })).json();
 * const rte = new RteClient({ getToken });
 * ```
 */
export type GetToken = (context: {
  readonly signal: AbortSignal;
  readonly reason: TokenRequestReason;
}) => Promise<RteTokenGrant>;

/**
 * How events are checked against their schema.
 *
 * @example
 * ```ts
 * import { RteClient, type ValidationMode } from 'enreach-rte';
 *
 * const validation: ValidationMode = process.env.NODE_ENV === 'test' ? 'strict' : 'lenient';
 * const rte = new RteClient({ apiUrl, auth, validation });
 * ```
 */
export type ValidationMode = 'strict' | 'lenient' | 'off';

/**
 * Retry policy for the connection. Delays use exponential backoff with full jitter; the first retry is immediate.
 *
 * @example
 * ```ts
 * import { RteClient, type ReconnectOptions } from 'enreach-rte';
 *
 * const reconnect: ReconnectOptions = { baseDelayMs: 500, maxDelayMs: 10_000, maxAttempts: 20 };
 * const rte = new RteClient({ apiUrl, auth, reconnect });
 * ```
 */
export interface ReconnectOptions {
  /**
   * Upper bound of the first non-immediate delay; each later attempt doubles it.
   * @default 1000
   */
  readonly baseDelayMs?: number | undefined;
  /**
   * Ceiling of any single delay.
   * @default 30000
   */
  readonly maxDelayMs?: number | undefined;
  /**
   * Attempts after which the client gives up and goes to `disconnected`.
   * @default Infinity
   */
  readonly maxAttempts?: number | undefined;
}

/**
 * Snapshot loaders by event name, for every handle of that name that brings none of its own: each
 * loads one entity's current state (usually a REST call) on first subscribe and after every gap.
 *
 * @example
 * ```ts
 * import { RteClient, type SnapshotLoaders } from 'enreach-rte';
 *
 * const getState: SnapshotLoaders = {
 *   QueueStatus: async (queueId, { signal }) => (await fetch(`/api/queues/${queueId}`, { signal })).json(),
 * };
 * const rte = new RteClient({ getToken: async () => (await fetch('/rte-token')).json(), getState });
 * ```
 */
export type SnapshotLoaders = {
  readonly [N in RteListenableEventName]?: SnapshotLoader<RteEventData<N>> | undefined;
};

/**
 * Options of {@link RteClient}. Every option is optional except the way to get a token: either
 * `apiUrl` with `auth`, or `getToken`.
 *
 * @example
 * ```ts
 * import { RteClient } from 'enreach-rte';
 * const rte = new RteClient({
 *   apiUrl: 'https://api-silox.enreachvoice.com',
 *   auth: { email: 'agent@example.com', secretKey: process.env.ENREACH_SECRET_KEY! },
 *   validation: 'lenient',
 *   logger: console,
 * });
 * ```
 */
export interface RteClientOptions {
  /** Base URL of the Enreach REST API of your silo, e.g. `https://api-silox.enreachvoice.com`. */
  readonly apiUrl?: string | URL | undefined;
  /** Credentials for the REST API. Required with `apiUrl` unless `getToken` is given. */
  readonly auth?: RteAuth | undefined;
  /**
   * Whose token to request: `GET {apiUrl}/token/{userId}/rte/`.
   * @default 'me'
   */
  readonly userId?: string | undefined;
  /** Replaces the REST call entirely. Throw {@link RteAuthError} from it to stop retrying. */
  readonly getToken?: GetToken | undefined;
  /**
   * `'strict'` withholds invalid payloads, `'lenient'` delivers them and reports, `'off'` skips schemas.
   * Invalid payloads are reported on the `error` event in the first two modes.
   * @default 'lenient'
   */
  readonly validation?: ValidationMode | undefined;
  /** Diagnostics sink (console, pino, …). Silent when omitted. Secrets are redacted. */
  readonly logger?: RteLogger | undefined;
  /** Connection retry policy. */
  readonly reconnect?: ReconnectOptions | undefined;
  /**
   * Most (event, entity) pairs per Subscribe/Unsubscribe call. The ASP.NET Core default limit for
   * one incoming message is 32 KB, which 200 items stay well under.
   * @default 200
   */
  readonly subscribeChunkSize?: number | undefined;
  /**
   * Timeout of one hub method call (Subscribe, Unsubscribe, …).
   * @default 15000
   */
  readonly invokeTimeoutMs?: number | undefined;
  /**
   * Timeout of one token request; the request is retried on network errors, 5xx and 429.
   * @default 10000
   */
  readonly requestTimeoutMs?: number | undefined;
  /**
   * Retries of one token request before the attempt counts as failed.
   * @default 2
   */
  readonly requestRetries?: number | undefined;
  /**
   * A cached token is renewed when it expires within this many seconds.
   * @default 60
   */
  readonly tokenRefreshMarginSeconds?: number | undefined;
  /**
   * Verify the connection with one hub round trip (1.5 s deadline) when the browser reports it is
   * back online, when the page resumes or becomes visible again, and when timer drift shows the
   * machine slept; a connection that does not answer is replaced at once. While reconnecting,
   * `online` starts the next attempt without waiting out the backoff.
   * @default true in browsers, false elsewhere
   */
  readonly watchNetwork?: boolean | undefined;
  /**
   * Share one hub connection between all tabs of the origin that use the same `apiUrl` and
   * `userId` (with `getToken` alone: the same `userId`): one tab (chosen with the Web Locks API) holds the connection and subscribes the union
   * of what every tab asked for; the others receive their events over a BroadcastChannel. Each
   * client still behaves as if it had a connection of its own (`state`, `resynced`, subscribe
   * results, only its own events). When the tab holding the connection closes or freezes, another
   * takes over and every tab replays its subscriptions. Where Web Locks or BroadcastChannel are
   * missing, each client opens its own connection; in Node 24, which has both, the clients of one
   * process share a connection the same way.
   * @default false
   */
  readonly shareAcrossTabs?: boolean | undefined;
  /** fetch implementation for token requests. @default globalThis.fetch */
  readonly fetch?: typeof fetch | undefined;
  /** WebSocket constructor for the hub connection. @default the platform's */
  readonly WebSocket?: unknown | undefined;
  /**
   * Snapshot loaders by event name (`{ QueueStatus: loadQueue }`), used by every handle of that
   * name that has no `getState` of its own. Event names are matched as the hub matches them.
   * @default {} (no loaders: a value is restored after a gap only by the next event)
   */
  readonly getState?: SnapshotLoaders | undefined;
}

/** The retry policy with every default filled in. */
export interface ReconnectPolicy {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxAttempts: number;
}

/** Options after defaults: what the rest of the SDK works with. */
export interface ResolvedOptions {
  readonly apiUrl: URL | undefined;
  readonly auth: RteAuth | undefined;
  readonly userId: string;
  readonly getToken: GetToken | undefined;
  readonly validation: ValidationMode;
  readonly logger: RteLogger | undefined;
  readonly reconnect: ReconnectPolicy;
  readonly subscribeChunkSize: number;
  readonly invokeTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly requestRetries: number;
  readonly tokenRefreshMarginSeconds: number;
  readonly watchNetwork: boolean;
  readonly shareAcrossTabs: boolean;
  readonly fetch: typeof fetch | undefined;
  readonly WebSocket: unknown;
  /** Loaders by lower-cased canonical event name. */
  readonly getState: ReadonlyMap<string, SnapshotLoader<unknown>>;
}

/** Defaults of the connection retry policy. */
export const RECONNECT_DEFAULTS: ReconnectPolicy = {
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxAttempts: Number.POSITIVE_INFINITY,
};

/** Defaults of everything else. */
export const CLIENT_DEFAULTS = {
  userId: 'me',
  validation: 'lenient',
  subscribeChunkSize: 200,
  invokeTimeoutMs: 15_000,
  requestTimeoutMs: 10_000,
  requestRetries: 2,
  tokenRefreshMarginSeconds: 60,
} as const;

const VALIDATION_MODES: readonly ValidationMode[] = ['strict', 'lenient', 'off'];

function fail(message: string): never {
  throw new TypeError(`enreach-rte: ${message}`);
}

function pick<T>(value: T | undefined, fallback: T): T {
  // Explicit `undefined` never erases a default.
  return value === undefined ? fallback : value;
}

function number(
  name: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max = Number.POSITIVE_INFINITY,
): number {
  const resolved = pick(value, fallback);
  if (typeof resolved !== 'number' || Number.isNaN(resolved) || resolved < min || resolved > max) {
    fail(`option "${name}" must be a number between ${min} and ${max}, got ${String(value)}`);
  }
  return resolved;
}

function integer(
  name: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max?: number,
): number {
  const resolved = number(name, value, fallback, min, max);
  if (!Number.isInteger(resolved)) fail(`option "${name}" must be a whole number, got ${String(value)}`);
  return resolved;
}

function isCallbackOrValue(value: unknown, kind: 'string' | 'object'): boolean {
  return (
    typeof value === 'function' ||
    (kind === 'string'
      ? typeof value === 'string' && value.length > 0
      : typeof value === 'object' && value !== null)
  );
}

function resolveApiUrl(value: string | URL | undefined): URL | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    fail('option "apiUrl" must be an absolute http(s) URL, e.g. https://api-silox.enreachvoice.com');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail('option "apiUrl" must use http or https');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

function checkAuth(auth: unknown): RteAuth | undefined {
  if (auth === undefined) return undefined;
  if (typeof auth !== 'object' || auth === null) fail('option "auth" must be an object');
  const candidate = auth as Record<string, unknown>;
  if ('email' in candidate || 'secretKey' in candidate) {
    if (typeof candidate.email !== 'string' || candidate.email.length === 0)
      fail('option "auth.email" must be a non-empty string');
    if (typeof candidate.secretKey !== 'string' || candidate.secretKey.length === 0) {
      fail('option "auth.secretKey" must be a non-empty string');
    }
    return auth as RteAuth;
  }
  if ('bearer' in candidate) {
    if (!isCallbackOrValue(candidate.bearer, 'string'))
      fail('option "auth.bearer" must be a string or a function');
    return auth as RteAuth;
  }
  if ('headers' in candidate) {
    if (!isCallbackOrValue(candidate.headers, 'object'))
      fail('option "auth.headers" must be an object or a function');
    return auth as RteAuth;
  }
  return fail('option "auth" must have { email, secretKey }, { bearer } or { headers }');
}

function checkLogger(logger: unknown): RteLogger | undefined {
  if (logger === undefined) return undefined;
  if (typeof logger !== 'object' || logger === null)
    fail('option "logger" must be an object such as console');
  for (const level of ['debug', 'info', 'warn', 'error'] as const) {
    const method = (logger as Record<string, unknown>)[level];
    if (method !== undefined && typeof method !== 'function')
      fail(`option "logger.${level}" must be a function`);
  }
  return logger as RteLogger;
}

function checkGetState(loaders: unknown): ReadonlyMap<string, SnapshotLoader<unknown>> {
  const map = new Map<string, SnapshotLoader<unknown>>();
  if (loaders === undefined) return map;
  if (typeof loaders !== 'object' || loaders === null || Array.isArray(loaders))
    fail('option "getState" must be an object of loaders by event name, e.g. { QueueStatus: loadQueue }');
  for (const [name, loader] of Object.entries(loaders)) {
    if (loader === undefined) continue;
    if (name.trim() === '') fail('option "getState" has an empty event name');
    if (typeof loader !== 'function') fail(`option "getState.${name}" must be a function`);
    map.set(normalizeEventName(name.trim()).toLowerCase(), loader as SnapshotLoader<unknown>);
  }
  return map;
}

function inBrowser(): boolean {
  return typeof window !== 'undefined' && typeof document !== 'undefined';
}

/**
 * Checks the options once and fills in every default. Throws a `TypeError` naming the offending
 * option; never echoes a secret.
 */
export function resolveOptions(options: RteClientOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) fail('options must be an object');
  const apiUrl = resolveApiUrl(options.apiUrl);
  const auth = checkAuth(options.auth);
  const getToken = options.getToken;
  if (getToken !== undefined && typeof getToken !== 'function') fail('option "getToken" must be a function');
  if (!getToken && (!apiUrl || !auth)) {
    fail('give either { apiUrl, auth } (the client fetches tokens from the REST API) or { getToken }');
  }
  const validation = pick(options.validation, CLIENT_DEFAULTS.validation);
  if (!VALIDATION_MODES.includes(validation))
    fail(`option "validation" must be one of ${VALIDATION_MODES.join(', ')}`);
  const userId = pick(options.userId, CLIENT_DEFAULTS.userId);
  if (typeof userId !== 'string' || userId.length === 0 || /[/?#\s]/.test(userId)) {
    fail('option "userId" must be "me" or a user id');
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function')
    fail('option "fetch" must be a function');
  if (options.WebSocket !== undefined && typeof options.WebSocket !== 'function') {
    fail('option "WebSocket" must be a WebSocket constructor');
  }
  if (options.shareAcrossTabs !== undefined && typeof options.shareAcrossTabs !== 'boolean')
    fail('option "shareAcrossTabs" must be true or false');
  const reconnect = options.reconnect ?? {};
  if (typeof reconnect !== 'object' || reconnect === null) fail('option "reconnect" must be an object');
  const baseDelayMs = number(
    'reconnect.baseDelayMs',
    reconnect.baseDelayMs,
    RECONNECT_DEFAULTS.baseDelayMs,
    0,
  );
  const maxDelayMs = number('reconnect.maxDelayMs', reconnect.maxDelayMs, RECONNECT_DEFAULTS.maxDelayMs, 0);
  if (maxDelayMs < baseDelayMs)
    fail('option "reconnect.maxDelayMs" must not be below "reconnect.baseDelayMs"');
  const maxAttempts = number(
    'reconnect.maxAttempts',
    reconnect.maxAttempts,
    RECONNECT_DEFAULTS.maxAttempts,
    1,
  );

  return {
    apiUrl,
    auth,
    userId,
    getToken,
    validation,
    logger: checkLogger(options.logger),
    reconnect: { baseDelayMs, maxDelayMs, maxAttempts },
    subscribeChunkSize: integer(
      'subscribeChunkSize',
      options.subscribeChunkSize,
      CLIENT_DEFAULTS.subscribeChunkSize,
      1,
      10_000,
    ),
    invokeTimeoutMs: number('invokeTimeoutMs', options.invokeTimeoutMs, CLIENT_DEFAULTS.invokeTimeoutMs, 1),
    requestTimeoutMs: number(
      'requestTimeoutMs',
      options.requestTimeoutMs,
      CLIENT_DEFAULTS.requestTimeoutMs,
      1,
    ),
    requestRetries: integer('requestRetries', options.requestRetries, CLIENT_DEFAULTS.requestRetries, 0, 10),
    tokenRefreshMarginSeconds: number(
      'tokenRefreshMarginSeconds',
      options.tokenRefreshMarginSeconds,
      CLIENT_DEFAULTS.tokenRefreshMarginSeconds,
      0,
    ),
    watchNetwork: pick(options.watchNetwork, inBrowser()),
    shareAcrossTabs: pick(options.shareAcrossTabs, false),
    fetch: options.fetch,
    WebSocket: options.WebSocket,
    getState: checkGetState(options.getState),
  };
}
