import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Faults } from './faults.ts';
import { parseGuid } from './guid.ts';
import { sendJson } from './http.ts';
import type { EmulatorLogger } from './logger.ts';
import type { UserDirectory } from './users.ts';

/** What the token endpoint needs from the emulator around it. */
export interface TokenEndpointContext {
  readonly users: UserDirectory;
  readonly faults: Faults;
  readonly logger: EmulatorLogger;
  /** The value of `WSSEndpoint` in the response. */
  readonly wssEndpoint: () => string;
  /** Signs a token for the user. */
  readonly issueToken: (userId: string) => string;
  /** Runs `fn` after `ms`, unless the emulator closes first. */
  readonly later: (ms: number, fn: () => void) => void;
}

const TOKEN_ROUTE = /^\/token\/([^/]+)\/rte\/?$/i;

/** Whether the path is the REST token endpoint. */
export function isTokenRoute(path: string): boolean {
  return TOKEN_ROUTE.test(path);
}

function message(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { Message: text }, headers);
}

/** `GET /token/{me|userId}/rte/`: a hub URL and a fresh JWT for the authenticated user. */
export function handleTokenRequest(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  ctx: TokenEndpointContext,
): void {
  if (req.method !== 'GET') {
    message(res, 405, 'The requested resource does not support this HTTP method.', { allow: 'GET' });
    return;
  }
  const fault = ctx.faults.takeTokenFailure();
  if (fault === undefined) {
    answer(req, res, path, ctx);
    return;
  }
  ctx.logger.debug(`rest: token request answered by an armed ${fault.status} fault`);
  ctx.later(fault.delayMs, () => {
    if (res.writableEnded || res.destroyed) return;
    if (fault.status < 300) {
      answer(req, res, path, ctx);
      return;
    }
    const headers: Record<string, string> =
      fault.retryAfterSeconds === undefined
        ? {}
        : { 'retry-after': String(Math.ceil(fault.retryAfterSeconds)) };
    message(res, fault.status, STATUS_CODES[fault.status] ?? 'Error', headers);
  });
}

function answer(req: IncomingMessage, res: ServerResponse, path: string, ctx: TokenEndpointContext): void {
  const user = ctx.users.authenticate(req.headers.authorization);
  if (user === undefined) {
    message(res, 401, 'Authorization has been denied for this request.', {
      'www-authenticate': 'Basic realm="Enreach API"',
    });
    return;
  }
  const requested = decodePathSegment(TOKEN_ROUTE.exec(path)?.[1] ?? '');
  if (requested.toLowerCase() !== 'me' && parseGuid(requested) !== parseGuid(user.userId)) {
    message(res, 403, 'Forbidden');
    return;
  }
  ctx.logger.debug('rest: token issued');
  sendJson(res, 200, { WSSEndpoint: ctx.wssEndpoint(), Token: ctx.issueToken(user.userId) });
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
