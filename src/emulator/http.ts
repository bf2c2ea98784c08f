import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/** A request body that is not the JSON the endpoint expects. */
export class BadRequest extends Error {
  override readonly name = 'BadRequest';
}

const MAX_BODY_BYTES = 1024 * 1024;

/** Reads a JSON request body; an empty body reads as `{}`. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BadRequest('request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text.length === 0) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadRequest('request body is not valid JSON');
  }
}

/** Answers with a JSON body; a `content-type` in `headers` replaces the default one. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    ...headers,
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Answers with a plain-text body (possibly empty); a `content-type` in `headers` replaces the default one. */
export function sendText(
  res: ServerResponse,
  status: number,
  text = '',
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    ...headers,
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Answers with no body and no content type. */
export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'content-length': 0 });
  res.end();
}

/** Refuses a WebSocket upgrade with a plain HTTP response and closes the socket. */
export function rejectUpgrade(
  socket: Duplex,
  status: number,
  text = '',
  headers: Record<string, string> = {},
): void {
  const lines = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`];
  // ASP.NET Core names no content type on a refused upgrade unless the caller passes one.
  const all: Record<string, string | number> = {
    ...headers,
    'content-length': Buffer.byteLength(text),
    connection: 'close',
  };
  for (const [name, value] of Object.entries(all)) lines.push(`${name}: ${value}`);
  if (socket.writable) socket.end(`${lines.join('\r\n')}\r\n\r\n${text}`);
  else socket.destroy();
}

/** The request path without the query string: safe to log, as it never carries `access_token`. */
export function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

/** The parsed request URL (path and query); the host part is irrelevant. */
export function urlOf(req: IncomingMessage): URL {
  return new URL(req.url ?? '/', 'http://emulator.invalid');
}
