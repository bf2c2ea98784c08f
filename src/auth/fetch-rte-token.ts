import { type RteAuth, type RteTokenGrant, resolveOptions } from '../options.ts';
import { createRestTokenSource } from './rest-token-source.ts';

/**
 * What {@link fetchRteToken} needs: the silo's REST API and credentials allowed to see the
 * entities the browser will subscribe to.
 *
 * @example
 * ```ts
 * import type { FetchRteTokenOptions } from 'enreach-rte';
 *
 * const options: FetchRteTokenOptions = {
 *   apiUrl: 'https://api-silox.enreachvoice.com',
 *   auth: { email: 'wallboard@example.com', secretKey: process.env.ENREACH_SECRET_KEY ?? '' },
 * };
 * ```
 */
export interface FetchRteTokenOptions {
  /** REST API base URL of the silo, e.g. `https://api-silox.enreachvoice.com`. */
  readonly apiUrl: string | URL;
  /** How to authenticate to the REST API: `{ email, secretKey }`, `{ bearer }` or `{ headers }`. */
  readonly auth: RteAuth;
  /** Whose token: `'me'` (the authenticated user) or a user id. @default 'me' */
  readonly userId?: string | undefined;
  /** Abandons the request. */
  readonly signal?: AbortSignal | undefined;
  /** Timeout of one HTTP request, in ms (as RteClient's option of the same name). @default 10000 */
  readonly requestTimeoutMs?: number | undefined;
  /** Retries of network errors, timeouts, 408, 429 and 5xx. @default 2 */
  readonly requestRetries?: number | undefined;
  /** fetch implementation. @default globalThis.fetch */
  readonly fetch?: typeof fetch | undefined;
}

/**
 * Fetches an RTE token (`GET {apiUrl}/token/me/rte/`) on a server, for a browser page that must not
 * hold the secret key: the server keeps the credentials and hands the page `{ endpoint, token }`,
 * which RteClient's `getToken` option accepts as it is. The same rules as the client's own token
 * requests apply: retries with backoff for transient failures, {@link RteAuthError} for 401/403,
 * {@link RteTokenRequestError} or {@link RteProtocolError} otherwise; no message carries a secret.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { fetchRteToken } from 'enreach-rte';
 *
 * createServer(async (request, response) => {
 *   // Check the viewer's session here, then:
 *   const grant = await fetchRteToken({
 *     apiUrl: 'https://api-silox.enreachvoice.com',
 *     auth: { email: 'wallboard@example.com', secretKey: process.env.ENREACH_SECRET_KEY ?? '' },
 *   });
 *   response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
 *   response.end(JSON.stringify(grant));
 * }).listen(8080);
 * ```
 */
export async function fetchRteToken(options: FetchRteTokenOptions): Promise<RteTokenGrant> {
  if (typeof options !== 'object' || options === null || !options.apiUrl || !options.auth)
    throw new TypeError('enreach-rte: fetchRteToken needs { apiUrl, auth }');
  // The client's option checks, so both name a bad option the same way.
  const resolved = resolveOptions({
    apiUrl: options.apiUrl,
    auth: options.auth,
    userId: options.userId,
    requestTimeoutMs: options.requestTimeoutMs,
    requestRetries: options.requestRetries,
    fetch: options.fetch,
  });
  const source = createRestTokenSource({
    apiUrl: resolved.apiUrl!,
    auth: resolved.auth!,
    userId: resolved.userId,
    timeoutMs: resolved.requestTimeoutMs,
    retries: resolved.requestRetries,
    fetch: resolved.fetch,
  });
  const grant = await source({ signal: options.signal ?? new AbortController().signal, reason: 'connect' });
  return { endpoint: grant.endpoint, token: grant.token };
}
