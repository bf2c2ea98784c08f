import type { KyInstance } from 'ky';
import { RteAuthError } from '../errors/auth-error.ts';
import { RteProtocolError, RteTokenRequestError } from '../errors/transport-errors.ts';
import type { GetToken, RteAuth, RteTokenGrant } from '../options.ts';
import { base64Encode } from './base64.ts';
import { parseTokenResponse } from './token-response.ts';

/** What the REST token source needs to know. */
export interface RestTokenSourceOptions {
  readonly apiUrl: URL;
  readonly auth: RteAuth;
  readonly userId: string;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly fetch: typeof fetch | undefined;
}

/** Builds the request headers for the chosen way of authenticating. */
export async function authHeaders(auth: RteAuth): Promise<Record<string, string>> {
  if ('email' in auth) return { authorization: `Basic ${base64Encode(`${auth.email}:${auth.secretKey}`)}` };
  if ('bearer' in auth) {
    const token = typeof auth.bearer === 'function' ? await auth.bearer() : auth.bearer;
    return { authorization: `Bearer ${token}` };
  }
  return typeof auth.headers === 'function' ? await auth.headers() : auth.headers;
}

type Ky = typeof import('ky');
let loading: Promise<Ky> | undefined;

/**
 * ky is loaded on first use: browser apps that hand out tokens through `getToken` (the recommended
 * way, so no secret key ships to the browser) never download it.
 */
export function loadKy(): Promise<Ky> {
  loading ??= import('ky');
  return loading;
}

/**
 * Describes a failed request without anything secret: ky's own message is fine (method, URL of the
 * API, status), but its `request` carries the Authorization header, so it is not attached as `cause`.
 */
function describe(
  { isHTTPError, isNetworkError, isTimeoutError }: Ky,
  error: unknown,
): { status?: number; retryAfterMs?: number; text: string } {
  if (isHTTPError(error)) {
    const retryAfterMs = parseRetryAfter(error.response.headers.get('retry-after'));
    return {
      status: error.response.status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      text: `HTTP ${error.response.status}`,
    };
  }
  if (isTimeoutError(error)) return { text: 'timed out' };
  if (isNetworkError(error))
    return { text: `network error (${(error.cause as Error | undefined)?.message ?? 'unreachable'})` };
  return { text: error instanceof Error ? error.message : String(error) };
}

/** `Retry-After` as ms: delta-seconds or an HTTP date; capped at a minute like the retries themselves. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(60_000, Math.max(0, Math.round(ms)));
}

/**
 * The default token source: `GET {apiUrl}/token/{userId}/rte/` with the configured credentials.
 * Retries network errors, timeouts, 408, 429 (honouring `Retry-After`) and 5xx with jittered
 * backoff; 401 and 403 become {@link RteAuthError} at once.
 */
export function createRestTokenSource(options: RestTokenSourceOptions): GetToken {
  const create = (ky: Ky): KyInstance =>
    ky.default.create({
      prefix: options.apiUrl.href,
      timeout: options.timeoutMs,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      retry: {
        limit: options.retries,
        methods: ['get'],
        statusCodes: [408, 429, 500, 502, 503, 504],
        afterStatusCodes: [429, 503],
        maxRetryAfter: 60_000,
        backoffLimit: 5_000,
        jitter: true,
        retryOnTimeout: true,
      },
    });
  let api: KyInstance | undefined;
  const path = `token/${encodeURIComponent(options.userId)}/rte/`;

  return async ({ signal }): Promise<RteTokenGrant> => {
    const ky = await loadKy();
    api ??= create(ky);
    let text: string;
    try {
      const headers = await authHeaders(options.auth);
      text = await api.get(path, { headers, signal }).text();
    } catch (error) {
      if (signal.aborted) throw error;
      const { status, retryAfterMs, text: problem } = describe(ky, error);
      if (status === 401 || status === 403) {
        throw new RteAuthError(`The RTE token request was refused (${problem}): check the credentials`, {
          status,
        });
      }
      throw new RteTokenRequestError(`The RTE token request failed: ${problem}`, {
        ...(status === undefined ? {} : { status }),
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      // An HTML error page or a proxy's login form: the API URL is probably wrong.
      throw new RteProtocolError(
        'The RTE token response is not JSON: check that apiUrl points at the REST API',
      );
    }
    const parsed = parseTokenResponse(body);
    if ('problem' in parsed) throw new RteProtocolError(`Unexpected RTE token response: ${parsed.problem}`);
    return parsed;
  };
}
