import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Faults } from './faults.ts';
import { parseGuid } from './guid.ts';
import { sendJson } from './http.ts';
import type { EmulatorLogger } from './logger.ts';
import { type TokenResponseForm, tokenResponseBody } from './token-response.ts';
import type { UserDirectory } from './users.ts';

/** What the token endpoint needs from the emulator around it. */
export interface TokenEndpointContext {
  readonly users: UserDirectory;
  readonly faults: Faults;
  readonly logger: EmulatorLogger;
  /** The hub's `host:port/path`, without a scheme. */
  readonly hubHostAndPath: () => string;
  /** How the response is written. */
  readonly tokenResponse: () => Required<TokenResponseForm>;
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
  sendJson(
    res,
    200,
    tokenResponseBody(ctx.tokenResponse(), ctx.hubHostAndPath(), ctx.issueToken(user.userId)),
  );
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const DISCOVERY_ROUTE = /^\/api\/user\/?$/i;
const AUTHUSER_ROUTE = /^\/authuser\/([^/]+)\/?$/i;

/** Whether the path is the discovery endpoint or the password exchange. */
export function isDiscoveryRoute(path: string): boolean {
  return DISCOVERY_ROUTE.test(path);
}

/** Whether the path is `POST /authuser/{email}/`. */
export function isAuthUserRoute(path: string): boolean {
  return AUTHUSER_ROUTE.test(path);
}

/**
 * `GET /api/user?user={email}`, the discovery service: which API a user lives on. Answers an array
 * whose first item holds `apiEndpoint`; an unknown user gets an empty array.
 */
export function handleDiscovery(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: { readonly users: UserDirectory; readonly apiUrl: string },
): void {
  if (req.method !== 'GET') {
    message(res, 405, 'The requested resource does not support this HTTP method.', { allow: 'GET' });
    return;
  }
  const email = (url.searchParams.get('user') ?? '').toLowerCase();
  const known = ctx.users.users.some((user) => user.email.toLowerCase() === email);
  sendJson(res, 200, known ? [{ user: email, apiEndpoint: ctx.apiUrl }] : []);
}

async function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > limit) throw new RangeError('body too large');
  }
  return text;
}

/**
 * `POST /authuser/{email}/` with `{"UserName": email, "Password": password}`: trades a user's
 * password for their secret key. Answers `{ SecretKey, UserID }`, or 401 for a wrong password.
 */
export async function handleAuthUser(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  ctx: { readonly users: UserDirectory; readonly logger: EmulatorLogger },
): Promise<void> {
  if (req.method !== 'POST') {
    message(res, 405, 'The requested resource does not support this HTTP method.', { allow: 'POST' });
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req));
  } catch {
    message(res, 400, 'The request is invalid.');
    return;
  }
  const fields = new Map(
    Object.entries(body !== null && typeof body === 'object' ? body : {}).map(([key, value]) => [
      key.toLowerCase(),
      value,
    ]),
  );
  const email = decodePathSegment(AUTHUSER_ROUTE.exec(path)?.[1] ?? '').toLowerCase();
  const password = fields.get('password');
  const user = ctx.users.users.find((candidate) => candidate.email.toLowerCase() === email);
  if (
    user === undefined ||
    user.password === undefined ||
    typeof password !== 'string' ||
    password !== user.password
  ) {
    message(res, 401, 'Authorization has been denied for this request.');
    return;
  }
  ctx.logger.debug('rest: password exchanged for a secret key');
  sendJson(res, 200, { UserID: user.userId, SecretKey: user.secretKey });
}
