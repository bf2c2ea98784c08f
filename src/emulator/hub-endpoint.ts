import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import type { Faults } from './faults.ts';
import { pathOf, rejectUpgrade, sendEmpty, sendJson, sendText, urlOf } from './http.ts';
import type { Hub } from './hub.ts';
import type { EmulatorLogger } from './logger.ts';
import type { TokenClaims, TokenService } from './tokens.ts';

/** What the hub's HTTP endpoints need from the emulator around them. */
export interface HubEndpointContext {
  readonly hub: Hub;
  readonly tokens: TokenService;
  readonly faults: Faults;
  readonly logger: EmulatorLogger;
  readonly wss: WebSocketServer;
}

// ASP.NET Core's connection endpoints name no charset, and send a 401 challenge without a body or type.
const TEXT = { 'content-type': 'text/plain' };
const JSON_TYPE = { 'content-type': 'application/json' };

/** The hub's path; negotiate lives below it. */
export const HUB_PATH = '/rte';
const NEGOTIATE_PATH = `${HUB_PATH}/negotiate`;

/** Whether a request path belongs to the hub (the hub itself or its negotiate endpoint). */
export function isHubRoute(path: string): boolean {
  const lower = path.toLowerCase().replace(/\/$/, '');
  return lower === HUB_PATH || lower === NEGOTIATE_PATH;
}

/** A query parameter, looked up case-insensitively as ASP.NET Core does. */
function queryValue(url: URL, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of url.searchParams) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/**
 * The hub token of a request: the `access_token` query parameter (browser WebSockets cannot set
 * headers) or else an `Authorization: Bearer` header.
 */
function requestToken(req: IncomingMessage, url: URL): string | undefined {
  const fromQuery = queryValue(url, 'access_token');
  if (fromQuery !== undefined && fromQuery !== '') return fromQuery;
  const header = req.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(header);
  return match?.[1]?.trim();
}

/** Verifies the request's token; `undefined` means the caller must answer 401 with `challenge`. */
function authenticate(
  req: IncomingMessage,
  url: URL,
  tokens: TokenService,
): { claims: TokenClaims } | { challenge: string } {
  const token = requestToken(req, url);
  const claims = tokens.verify(token);
  if (claims !== undefined) return { claims };
  return { challenge: token === undefined ? 'Bearer' : 'Bearer error="invalid_token"' };
}

/** `POST /rte/negotiate`: validates the token and hands out a connection token. */
function handleNegotiate(req: IncomingMessage, res: ServerResponse, url: URL, ctx: HubEndpointContext): void {
  if (req.method !== 'POST') {
    sendText(res, 405, '', TEXT);
    return;
  }
  const failure = ctx.faults.takeNegotiateFailure();
  if (failure !== undefined && failure >= 300) {
    ctx.logger.debug(`hub: negotiate answered by an armed ${failure} fault`);
    sendText(res, failure, STATUS_CODES[failure] ?? '', TEXT);
    return;
  }
  const auth = authenticate(req, url, ctx.tokens);
  if ('challenge' in auth) {
    ctx.logger.debug('hub: negotiate refused, no valid token');
    sendEmpty(res, 401, { 'www-authenticate': auth.challenge });
    return;
  }
  const requested = queryValue(url, 'negotiateVersion');
  let version = 0;
  if (requested !== undefined) {
    if (!/^[+-]?\d+$/.test(requested.trim())) {
      sendJson(res, 200, { error: 'The client requested a non-integer protocol version.' }, JSON_TYPE);
      return;
    }
    version = Number.parseInt(requested, 10);
    if (version < 0) {
      sendJson(
        res,
        200,
        { error: `The client requested version '${version}', but the server does not support this version.` },
        JSON_TYPE,
      );
      return;
    }
  }
  sendJson(res, 200, ctx.hub.negotiate(Math.min(version, 1)), JSON_TYPE);
}

/** Plain HTTP on `/rte` and `/rte/negotiate`: negotiate, or the answers of a WebSockets-only endpoint. */
export function handleHubRequest(req: IncomingMessage, res: ServerResponse, ctx: HubEndpointContext): void {
  const url = urlOf(req);
  const path = pathOf(req).toLowerCase().replace(/\/$/, '');
  if (path === NEGOTIATE_PATH) {
    handleNegotiate(req, res, url, ctx);
    return;
  }
  const auth = authenticate(req, url, ctx.tokens);
  if ('challenge' in auth) {
    sendEmpty(res, 401, { 'www-authenticate': auth.challenge });
    return;
  }
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'POST' && method !== 'DELETE') {
    sendText(res, 405, '', TEXT);
    return;
  }
  const id = queryValue(url, 'id');
  if (id === undefined || id === '') {
    sendText(res, 400, 'Connection ID required', TEXT);
    return;
  }
  const state = ctx.hub.negotiationState(id);
  if (state === 'unknown') {
    sendText(res, 404, 'No Connection with that ID', TEXT);
    return;
  }
  if (method === 'POST') {
    // Until a transport starts, ASP.NET Core takes a POST as data for the connection and answers 200.
    if (state === 'ready') sendText(res, 200, '', TEXT);
    else sendText(res, 405, 'POST requests are not allowed for WebSocket connections.', TEXT);
  } else if (method === 'DELETE') {
    sendText(res, 400, 'Cannot terminate this connection using the DELETE endpoint.', TEXT);
  } else {
    const transport = req.headers.accept?.includes('text/event-stream') ? 'ServerSentEvents' : 'LongPolling';
    sendText(res, 404, `${transport} transport not supported by this end point type`, TEXT);
  }
}

/** `GET /rte` with `Upgrade: websocket`: checks the token again and the connection token, then upgrades. */
export function handleHubUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  ctx: HubEndpointContext,
): void {
  const url = urlOf(req);
  const path = pathOf(req).toLowerCase().replace(/\/$/, '');
  if (path !== HUB_PATH) {
    rejectUpgrade(socket, 404);
    return;
  }
  const auth = authenticate(req, url, ctx.tokens);
  if ('challenge' in auth) {
    ctx.logger.debug('hub: WebSocket refused, no valid token');
    rejectUpgrade(socket, 401, '', { 'www-authenticate': auth.challenge });
    return;
  }
  const id = queryValue(url, 'id');
  const connectionToken = id === undefined || id === '' ? undefined : id;
  if (connectionToken !== undefined) {
    const state = ctx.hub.negotiationState(connectionToken);
    if (state === 'unknown') {
      rejectUpgrade(socket, 404, 'No Connection with that ID');
      return;
    }
    if (state === 'active') {
      rejectUpgrade(socket, 409, '', TEXT);
      return;
    }
  }
  ctx.wss.handleUpgrade(req, socket, head, (ws) => ctx.hub.accept(ws, auth.claims, connectionToken));
}
