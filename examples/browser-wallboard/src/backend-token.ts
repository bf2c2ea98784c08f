import { type GetToken, RteAuthError, type RteTokenGrant } from 'enreach-rte';

function field(body: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const [key, value] of Object.entries(body)) {
    if (names.includes(key.toLowerCase()) && typeof value === 'string' && value.length > 0) return value;
  }
  return undefined;
}

/**
 * A `getToken` for RteClient that asks the page's own backend for an RTE token, so no secret key
 * ever reaches the browser. The backend authenticates the user its own way (session cookie), calls
 * `GET {apiUrl}/token/me/rte/` with its secret key and returns the answer: `{ endpoint, token }`, or
 * the REST API's `{ WSSEndpoint, Token }` passed through unchanged.
 *
 * A 401 or 403 from the backend stops the client (the session is gone); anything else is retried.
 *
 * @example
 * ```ts
 * import { RteClient } from 'enreach-rte';
 * import { backendTokenSource } from './backend-token.ts';
 *
 * const rte = new RteClient({ getToken: backendTokenSource('/api/rte-token') });
 * ```
 */
export function backendTokenSource(tokenUrl: string): GetToken {
  return async ({ signal }): Promise<RteTokenGrant> => {
    const response = await fetch(tokenUrl, {
      signal,
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
      cache: 'no-store',
    });
    if (response.status === 401 || response.status === 403) {
      throw new RteAuthError(`The token endpoint refused this session (${response.status})`, {
        status: response.status,
      });
    }
    if (!response.ok) throw new Error(`The token endpoint answered ${response.status}`);
    const body = (await response.json()) as Record<string, unknown>;
    const endpoint = field(body, 'endpoint', 'wssendpoint');
    const token = field(body, 'token');
    if (!endpoint || !token) throw new Error('The token endpoint answered without an endpoint and a token');
    return { endpoint, token };
  };
}
