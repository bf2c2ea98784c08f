import type { AddressInfo } from 'node:net';
import { createServer, type Socket } from 'node:net';

/** A running {@link startTcpProxy}. */
export interface TcpProxy {
  /** The port it listens on, on 127.0.0.1. */
  readonly port: number;
  /** Connections accepted so far. */
  readonly accepted: number;
  /**
   * Makes every open WebSocket connection go silent for good, in both directions, without closing
   * anything, as after a network change that left dead TCP connections behind (bytes are
   * discarded), and resets the idle HTTP keep-alive connections, so that new requests get new
   * connections, which are forwarded normally. Returns how many WebSockets went silent.
   */
  silenceOpenConnections(): number;
  close(): Promise<void>;
}

/**
 * A TCP proxy on 127.0.0.1 in front of `targetPort`, to make connections die silently at will.
 *
 * @example
 * ```ts
 * import { startTcpProxy } from './support/tcp-proxy.ts';
 *
 * const proxy = await startTcpProxy(emulator.port);
 * proxy.silenceOpenConnections(); // every open connection goes silent, none is closed
 * await proxy.close();
 * ```
 */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const silenced = new WeakSet<Socket>();
  const webSockets = new WeakSet<Socket>();
  const peers = new WeakMap<Socket, Socket>();
  let accepted = 0;
  const server = createServer((client) => {
    accepted++;
    const upstream = new (client.constructor as typeof Socket)();
    upstream.connect(targetPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    peers.set(client, upstream);
    client.once('data', (chunk: Buffer) => {
      if (/^upgrade:\s*websocket/im.test(chunk.toString('latin1'))) webSockets.add(client);
    });
    const forward = (from: Socket, to: Socket) => {
      from.on('data', (chunk) => {
        if (!silenced.has(from) && !to.destroyed) to.write(chunk);
      });
      from.on('close', () => {
        sockets.delete(from);
        // A silent proxy keeps the other side open: that is the point.
        if (!silenced.has(from)) to.destroy();
      });
      from.on('error', () => undefined);
    };
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get accepted() {
      return accepted;
    },
    silenceOpenConnections() {
      let count = 0;
      for (const socket of [...sockets]) {
        const upstream = peers.get(socket);
        if (!upstream) continue;
        if (webSockets.has(socket)) {
          silenced.add(socket);
          silenced.add(upstream);
          count++;
        } else {
          socket.destroy();
          upstream.destroy();
        }
      }
      return count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
