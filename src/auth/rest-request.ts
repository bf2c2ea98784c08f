/**
 * The REST token request itself, loaded with ky on the first request (see createRestTokenSource).
 */
import type { KyInstance } from 'ky';
import { RteAuthError } from '../errors/auth-error.ts';
import { RteProtocolError, RteTokenRequestError } from '../errors/transport-errors.ts';
import type { GetToken, RteTokenGrant } from '../options.ts';
import { authHeaders, loadKy, parseRetryAfter, type RestTokenSourceOptions } from './rest-token-source.ts';
import { parseTokenResponse } from './token-response.ts';

type Ky = typeof import('ky');

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

/** The token request of the default token source, given ky. */
export function createTokenRequest(options: RestTokenSourceOptions): GetToken {
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
