import { RteAuthError } from '../errors/auth-error.ts';
import { RteProtocolError, RteTokenRequestError } from '../errors/transport-errors.ts';
import { loadKy } from './rest-token-source.ts';

/** Where Enreach publishes which API silo a user lives on. */
export const DEFAULT_DISCOVERY_URL = 'https://discover.enreachvoice.com/';

/**
 * Finds the REST API base URL of the silo a user belongs to, from their email address
 * (`GET https://discover.enreachvoice.com/api/user?user={email}`).
 *
 * @example
 * ```ts
 * import { discoverApiUrl, RteClient } from 'enreach-rte';
 * const apiUrl = await discoverApiUrl('agent@example.com');
 * const rte = new RteClient({ apiUrl, auth: { email: 'agent@example.com', secretKey } });
 * ```
 */
export async function discoverApiUrl(
  email: string,
  options: { discoveryUrl?: string | URL; fetch?: typeof fetch; signal?: AbortSignal } = {},
): Promise<string> {
  const base = new URL(String(options.discoveryUrl ?? DEFAULT_DISCOVERY_URL));
  const { default: ky } = await loadKy();
  let body: unknown;
  try {
    body = await ky
      .get(new URL('api/user', base.href.endsWith('/') ? base : `${base.href}/`), {
        searchParams: { user: email },
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      })
      .json();
  } catch (error) {
    throw new RteTokenRequestError(`Discovery of the API URL failed: ${(error as Error).message}`);
  }
  const first = Array.isArray(body) ? (body[0] as Record<string, unknown> | undefined) : undefined;
  const endpoint = first && Object.entries(first).find(([key]) => key.toLowerCase() === 'apiendpoint')?.[1];
  if (typeof endpoint !== 'string' || endpoint.length === 0) {
    throw new RteProtocolError('Discovery found no apiEndpoint for this user');
  }
  return endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
}

/**
 * Trades a user's password for their API secret key (`POST {apiUrl}/authuser/{email}/`), so the
 * password itself never has to be stored.
 *
 * @example
 * ```ts
 * import { exchangePasswordForSecretKey } from 'enreach-rte';
 * const { secretKey, userId } = await exchangePasswordForSecretKey({ apiUrl, email, password });
 * ```
 */
export async function exchangePasswordForSecretKey(options: {
  apiUrl: string | URL;
  email: string;
  password: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}): Promise<{
  /** The API secret key: the password of HTTP Basic authentication from now on. Keep it secret. */
  secretKey: string;
  /** The user's id. */
  userId: string;
}> {
  const base = new URL(String(options.apiUrl));
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const { default: ky } = await loadKy();
  let body: unknown;
  try {
    body = await ky
      .post(new URL(`authuser/${encodeURIComponent(options.email)}/`, base), {
        json: { UserName: options.email, Password: options.password },
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      })
      .json();
  } catch (error) {
    const status = (error as { response?: Response }).response?.status;
    if (status === 401 || status === 403)
      throw new RteAuthError('The email or password was refused', { status });
    throw new RteTokenRequestError(
      `Password exchange failed${status ? ` (HTTP ${status})` : ''}`,
      status ? { status } : {},
    );
  }
  const fields = Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>).map(([key, value]) => [key.toLowerCase(), value]),
  );
  if (typeof fields.secretkey !== 'string' || typeof fields.userid !== 'string') {
    throw new RteProtocolError('Password exchange answered without SecretKey and UserID');
  }
  return { secretKey: fields.secretkey, userId: fields.userid };
}
