// A token broker: the server keeps the Enreach secret key, and pages it serves ask it for an RTE
// token (`GET /rte-token` → `{ endpoint, token }`) instead of carrying the key themselves.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fetchRteToken, isRteError } from 'enreach-rte';

const env = process.env;
const missing = ['ENREACH_API_URL', 'ENREACH_EMAIL', 'ENREACH_SECRET_KEY'].filter((name) => !env[name]);
if (missing.length > 0) {
  process.stderr.write(`Set ${missing.join(', ')} (see README.md)\n`);
  process.exit(2);
}
const apiUrl = env.ENREACH_API_URL!;
const auth = { email: env.ENREACH_EMAIL!, secretKey: env.ENREACH_SECRET_KEY! };
// The pages to serve next to the token endpoint, e.g. the built wallboard.
const site = resolve(env.STATIC_DIR ?? '../browser-wallboard/dist');
const port = Number(env.PORT ?? 8080);
const host = env.HOST ?? '127.0.0.1';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': TYPES['.json']!, 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

/**
 * Who may have a token. Put your own session check here (a cookie, your SSO); this example only
 * refuses requests that a browser marks as coming from another site, so no other page can use the
 * broker with its visitors' browsers.
 */
function mayHaveToken(request: IncomingMessage): boolean {
  const from = request.headers['sec-fetch-site'];
  return from === undefined || from === 'same-origin';
}

async function handleToken(request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (!mayHaveToken(request)) return json(response, 403, { error: 'cross-site requests get no token' });
  try {
    // `{ endpoint, token }`: RteClient's getToken takes it as it is. No CORS headers: same origin only.
    json(response, 200, await fetchRteToken({ apiUrl, auth }));
  } catch (error) {
    // The page's client retries anything but 401/403; those mean "this session may not", which a
    // refused secret key is not, so the broker's own configuration problems answer 502.
    const refused = isRteError(error, 'AUTH_REJECTED');
    process.stderr.write(`token request failed: ${(error as Error).message}\n`);
    json(response, refused ? 502 : 503, {
      error: refused ? 'the RTE API refused the broker’s credentials' : 'the RTE API is unavailable',
    });
  }
}

async function handleFile(path: string, response: ServerResponse): Promise<void> {
  const file = normalize(join(site, path === '/' ? 'index.html' : path));
  if (file !== site && !file.startsWith(site + sep)) return json(response, 404, { error: 'not found' });
  try {
    const body = await readFile(file);
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(body);
  } catch {
    json(response, 404, { error: 'not found' });
  }
}

const server = createServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return json(response, 405, { error: 'GET only' });
  void (path === '/rte-token' ? handleToken(request, response) : handleFile(path, response));
});
server.listen(port, host, () => {
  const { port: actual } = server.address() as AddressInfo;
  process.stdout.write(
    `token broker on http://${host}:${actual}/ (token at /rte-token, pages from ${site})\n`,
  );
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
