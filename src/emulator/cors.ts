import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Lets a page on any origin call the emulator with credentials: the request's origin is echoed
 * back (a wildcard is not allowed together with credentials).
 */
export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('access-control-allow-credentials', 'true');
  res.setHeader('vary', 'Origin');
}

/**
 * Answers a CORS preflight request the way ASP.NET Core's CORS middleware does with a policy that
 * allows any header and any method: whatever the preflight asks for is allowed, echoed as asked.
 */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  applyCors(req, res);
  const method = req.headers['access-control-request-method'];
  const headers = req.headers['access-control-request-headers'];
  if (method !== undefined) res.setHeader('access-control-allow-methods', method);
  if (headers !== undefined) res.setHeader('access-control-allow-headers', headers);
  res.writeHead(204);
  res.end();
}
