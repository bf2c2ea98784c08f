import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRestTokenSource } from '../../src/auth/rest-token-source.ts';
import { isRteError, RteAuthError, RteProtocolError, RteTokenRequestError } from '../../src/errors/index.ts';
import type { RteAuth } from '../../src/options.ts';

const API = 'https://api-silox.example.test/';
const SECRET = 'super-secret-key-123';
const server = setupServer();
const signal = new AbortController().signal;

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function source(
  auth: RteAuth = { email: 'agent@example.com', secretKey: SECRET },
  userId = 'me',
  retries = 2,
) {
  return createRestTokenSource({
    apiUrl: new URL(API),
    auth,
    userId,
    timeoutMs: 2000,
    retries,
    fetch: undefined,
  });
}

function countRequests(
  path: string,
  respond: (count: number, request: Request) => Response | Promise<Response>,
) {
  let count = 0;
  server.use(http.get(`${API}${path}`, ({ request }) => respond(++count, request)));
  return () => count;
}

describe('the REST token source', () => {
  it('asks GET {apiUrl}/token/me/rte/ with HTTP Basic email:secretKey', async () => {
    let authorization: string | null = null;
    server.use(
      http.get(`${API}token/me/rte/`, ({ request }) => {
        authorization = request.headers.get('authorization');
        return HttpResponse.json({ WSSEndpoint: 'wss://rte.example.test/rte', Token: 'jwt-1' });
      }),
    );
    await expect(source()({ signal, reason: 'connect' })).resolves.toEqual({
      endpoint: 'wss://rte.example.test/rte',
      token: 'jwt-1',
    });
    expect(authorization).toBe(`Basic ${Buffer.from(`agent@example.com:${SECRET}`).toString('base64')}`);
  });

  it('reads the endpoint and token keys in any casing', async () => {
    for (const body of [
      { WssEndpoint: 'rte.example.test/rte', Token: 't' },
      { wssEndpoint: 'rte.example.test/rte', token: 't' },
      { WSSENDPOINT: 'rte.example.test/rte', TOKEN: 't' },
    ]) {
      server.use(http.get(`${API}token/me/rte/`, () => HttpResponse.json(body)));
      await expect(source()({ signal, reason: 'connect' })).resolves.toEqual({
        endpoint: 'rte.example.test/rte',
        token: 't',
      });
    }
  });

  it('requests a specific user id when one is configured', async () => {
    const count = countRequests('token/aa9730c4-ce86-e611-80c9-00505689257e/rte/', () =>
      HttpResponse.json({ WSSEndpoint: 'x/rte', Token: 't' }),
    );
    await source(undefined, 'aa9730c4-ce86-e611-80c9-00505689257e')({ signal, reason: 'connect' });
    expect(count()).toBe(1);
  });

  it('sends a bearer token given as a value or computed by a callback', async () => {
    const seen: (string | null)[] = [];
    server.use(
      http.get(`${API}token/me/rte/`, ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return HttpResponse.json({ WSSEndpoint: 'x/rte', Token: 't' });
      }),
    );
    await source({ bearer: 'static-bearer' })({ signal, reason: 'connect' });
    await source({ bearer: async () => 'computed-bearer' })({ signal, reason: 'connect' });
    await source({ headers: () => ({ 'x-api-key': 'k', authorization: 'Custom abc' }) })({
      signal,
      reason: 'connect',
    });
    expect(seen).toEqual(['Bearer static-bearer', 'Bearer computed-bearer', 'Custom abc']);
  });

  it.each([401, 403])('turns %i into RteAuthError without retrying', async (status) => {
    const count = countRequests('token/me/rte/', () => new HttpResponse(null, { status }));
    const error = await source()({ signal, reason: 'connect' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RteAuthError);
    expect((error as RteAuthError).status).toBe(status);
    expect(isRteError(error, 'AUTH_REJECTED')).toBe(true);
    expect(count()).toBe(1);
  });

  it('retries server errors and succeeds when the API recovers', async () => {
    const count = countRequests('token/me/rte/', (n) =>
      n < 3
        ? new HttpResponse('busy', { status: 503 })
        : HttpResponse.json({ WSSEndpoint: 'x/rte', Token: 'ok' }),
    );
    await expect(source()({ signal, reason: 'connect' })).resolves.toMatchObject({ token: 'ok' });
    expect(count()).toBe(3);
  });

  it('honours Retry-After on 429 and then succeeds', async () => {
    const count = countRequests('token/me/rte/', (n) =>
      n === 1
        ? new HttpResponse(null, { status: 429, headers: { 'Retry-After': '0' } })
        : HttpResponse.json({ WSSEndpoint: 'x/rte', Token: 'ok' }),
    );
    await expect(source()({ signal, reason: 'connect' })).resolves.toMatchObject({ token: 'ok' });
    expect(count()).toBe(2);
  });

  it('gives up after the configured retries with RteTokenRequestError carrying the status', async () => {
    const count = countRequests('token/me/rte/', () => new HttpResponse(null, { status: 500 }));
    const error = await source(undefined, 'me', 1)({ signal, reason: 'connect' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RteTokenRequestError);
    expect((error as RteTokenRequestError).status).toBe(500);
    expect(count()).toBe(2);
  });

  it('reports a network failure as RteTokenRequestError', async () => {
    server.use(http.get(`${API}token/me/rte/`, () => HttpResponse.error()));
    await expect(source(undefined, 'me', 0)({ signal, reason: 'connect' })).rejects.toBeInstanceOf(
      RteTokenRequestError,
    );
  });

  it('rejects a body without endpoint or token as RteProtocolError naming what is missing', async () => {
    server.use(http.get(`${API}token/me/rte/`, () => HttpResponse.json({ Token: 'only-token' })));
    const error = await source()({ signal, reason: 'connect' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RteProtocolError);
    expect((error as Error).message).toMatch(/wssendpoint/i);
  });

  it('reports an HTML page instead of JSON as RteProtocolError, not as a transient failure', async () => {
    const count = countRequests(
      'token/me/rte/',
      () =>
        new HttpResponse('<html>Sign in</html>', { status: 200, headers: { 'content-type': 'text/html' } }),
    );
    const error = await source()({ signal, reason: 'connect' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RteProtocolError);
    expect((error as Error).message).toMatch(/not JSON/);
    expect(count()).toBe(1);
  });

  it('never puts the secret key or the Authorization header into an error', async () => {
    for (const status of [401, 500]) {
      server.use(http.get(`${API}token/me/rte/`, () => new HttpResponse(null, { status })));
      const error = (await source(
        undefined,
        'me',
        0,
      )({ signal, reason: 'connect' }).catch((e: unknown) => e)) as Error;
      const text = `${error.message} ${String(error.stack)} ${JSON.stringify(error)} ${String(error.cause ?? '')}`;
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(Buffer.from(`agent@example.com:${SECRET}`).toString('base64'));
    }
  });
});
