// The requests load on first use, with ky: apps that never call these never download them.

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
  const { discover } = await import('./discovery-request.ts');
  return discover(email, options);
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
  const { exchange } = await import('./discovery-request.ts');
  return exchange(options);
}
