/**
 * The requests behind discoverApiUrl and exchangePasswordForSecretKey, loaded with ky on first use.
 */
import { RteAuthError } from '../errors/auth-error.ts';
import { RteProtocolError, RteTokenRequestError } from '../errors/transport-errors.ts';
import { DEFAULT_DISCOVERY_URL } from './discovery.ts';
import { loadKy } from './rest-token-source.ts';

export async function discover(
  email: string,
  options: { discoveryUrl?: string | URL; fetch?: typeof fetch; signal?: AbortSignal },
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

export async function exchange(options: {
  apiUrl: string | URL;
  email: string;
  password: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}): Promise<{ secretKey: string; userId: string }> {
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
