import type { GetToken, RteAuth } from '../options.ts';
import { base64Encode } from './base64.ts';

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
 * backoff; 401 and 403 become `RteAuthError` at once. The request itself (and ky) is loaded on
 * first use: apps that pass `getToken` never download it.
 */
export function createRestTokenSource(options: RestTokenSourceOptions): GetToken {
  let request: Promise<GetToken> | undefined;
  return async (args) => {
    request ??= import('./rest-request.ts').then(
      (module) => module.createTokenRequest(options),
      (error: unknown) => {
        request = undefined;
        throw error;
      },
    );
    return (await request)(args);
  };
}
