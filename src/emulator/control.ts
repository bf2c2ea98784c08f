import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Emulator } from './emulator.ts';
import { BadRequest, readJson, sendJson } from './http.ts';
import type { TokenResponseForm } from './token-response.ts';

/** Where the control endpoints live. */
export const CONTROL_PREFIX = '/_control';

type Body = Record<string, unknown>;

interface Route {
  readonly method: 'GET' | 'POST';
  readonly run: (emu: Emulator, body: Body) => unknown;
}

const routes: Readonly<Record<string, Route>> = {
  publish: {
    method: 'POST',
    run: (emu, body) => ({
      delivered: emu.publish(
        body.eventName as string,
        body.entityId as string,
        body.data as Record<string, unknown> | undefined,
      ),
    }),
  },
  drop: { method: 'POST', run: (emu) => ({ dropped: emu.dropConnections() }) },
  close: {
    method: 'POST',
    run: (emu, body) => ({
      closed: emu.closeConnections({
        ...(body.allowReconnect === undefined ? {} : { allowReconnect: body.allowReconnect as boolean }),
        ...(body.error === undefined || body.error === null ? {} : { error: body.error as string }),
      }),
    }),
  },
  'revoke-tokens': { method: 'POST', run: (emu) => ({ revoked: emu.revokeTokens() }) },
  deny: {
    method: 'POST',
    run: (emu, body) => {
      emu.deny(body.entityIds as string[]);
      return {};
    },
  },
  stats: { method: 'GET', run: (emu) => emu.stats() },
  restart: { method: 'POST', run: (emu) => ({ dropped: emu.restart() }) },
  'token-failure': {
    method: 'POST',
    run: (emu, body) => {
      emu.failTokenRequests(body as { status: number });
      return {};
    },
  },
  'negotiate-failure': {
    method: 'POST',
    run: (emu, body) => {
      emu.failNegotiate(body as { status: number });
      return {};
    },
  },
  latency: {
    method: 'POST',
    run: (emu, body) => {
      emu.setLatency(body.ms as number);
      return {};
    },
  },
  'token-lifetime': {
    method: 'POST',
    run: (emu, body) => {
      emu.setTokenLifetime(body.seconds as number);
      return {};
    },
  },
  'token-response': {
    method: 'POST',
    run: (emu, body) => {
      emu.setTokenResponse(body as TokenResponseForm);
      return {};
    },
  },
  reset: {
    method: 'POST',
    run: (emu) => {
      emu.reset();
      return {};
    },
  },
};

const STATE_ROUTE = /^state\/([^/]+)\/([^/]+)$/;

/**
 * `GET /_control/state/{eventName}/{entityId}`: the emulator's snapshot endpoint, the `data` last
 * published for the pair as it went on the wire, or 204 (no body) when nothing was. The emulator's own, for
 * snapshot loaders in demos and tests; not an Enreach REST API.
 */
function answerState(req: IncomingMessage, res: ServerResponse, name: string, emu: Emulator): void {
  if (req.method !== 'GET') {
    sendJson(res, 405, { error: 'use GET' }, { allow: 'GET' });
    return;
  }
  const [, eventName, entityId] = STATE_ROUTE.exec(name)!;
  let data: Record<string, unknown> | undefined;
  try {
    data = emu.lastPublished(decodeURIComponent(eventName!), decodeURIComponent(entityId!));
  } catch {
    data = undefined;
  }
  if (data === undefined) {
    // Nothing known is an answer, not an error: browsers log every 404 on the console.
    res.writeHead(204, { 'cache-control': 'no-store' });
    res.end();
  } else sendJson(res, 200, data, { 'cache-control': 'no-store' });
}

/** Whether the path is one of the control endpoints. */
export function isControlRoute(path: string): boolean {
  return path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
}

/** Serves `/_control/*`: JSON in, JSON out, no authentication. Invalid input answers 400 `{ error }`. */
export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  emu: Emulator,
): Promise<void> {
  const name = path.slice(CONTROL_PREFIX.length + 1).replace(/\/$/, '');
  if (STATE_ROUTE.test(name)) {
    answerState(req, res, name, emu);
    return;
  }
  const route = Object.hasOwn(routes, name) ? routes[name] : undefined;
  if (route === undefined) {
    sendJson(res, 404, { error: `unknown control endpoint '${name}'` });
    return;
  }
  if (req.method !== route.method) {
    sendJson(res, 405, { error: `use ${route.method}` }, { allow: route.method });
    return;
  }
  try {
    const body = route.method === 'POST' ? await readJson(req) : {};
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new BadRequest('request body must be a JSON object');
    }
    sendJson(res, 200, route.run(emu, body as Body));
  } catch (error) {
    if (error instanceof BadRequest || error instanceof TypeError) {
      sendJson(res, 400, { error: error.message });
      return;
    }
    throw error;
  }
}
