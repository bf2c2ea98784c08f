import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { answerPreflight, applyCors } from './cors.ts';
import { pathOf, rejectUpgrade, sendJson } from './http.ts';
import type { EmulatorLogger } from './logger.ts';

/** The handlers behind the emulator's single HTTP origin. */
export interface Routes {
  /** Answers a plain HTTP request; returns `false` when no route matches. */
  readonly request: (req: IncomingMessage, res: ServerResponse, path: string) => boolean | Promise<boolean>;
  /** Takes over a WebSocket upgrade request. */
  readonly upgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
}

/** Creates the HTTP server: CORS and preflights first, then the routes; nothing else answers 404. */
export function createHttpServer(routes: Routes, logger: EmulatorLogger): Server {
  const server = createServer((req, res) => {
    void serve(req, res, routes, logger);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      routes.upgrade(req, socket, head);
    } catch (error) {
      logger.error(`http: upgrade of ${pathOf(req)} failed: ${describe(error)}`);
      rejectUpgrade(socket, 500);
    }
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  return server;
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  routes: Routes,
  logger: EmulatorLogger,
): Promise<void> {
  const path = pathOf(req);
  try {
    if (req.method === 'OPTIONS') {
      answerPreflight(req, res);
      return;
    }
    applyCors(req, res);
    if (!(await routes.request(req, res, path))) sendJson(res, 404, { Message: 'Not Found' });
  } catch (error) {
    logger.error(`http: ${req.method} ${path} failed: ${describe(error)}`);
    if (!res.headersSent) sendJson(res, 500, { Message: 'Internal Server Error' });
    else res.destroy();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Starts listening; resolves with the bound port. */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops listening and ends every open HTTP connection, including idle keep-alive ones. */
export function shutdown(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
