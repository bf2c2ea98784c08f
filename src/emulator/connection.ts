import { WebSocket } from 'ws';
import type { Topic } from './subscriptions.ts';
import type { TokenClaims } from './tokens.ts';

/** One client of the hub: its socket, the protocol state and the subscriptions it holds. */
export class Connection {
  readonly connectionId: string;
  /** The negotiate connection token this connection was opened with, if any. */
  readonly connectionToken: string | undefined;
  readonly claims: TokenClaims;
  readonly socket: WebSocket;
  readonly openedAt: number;
  /** Subscriptions of this connection by topic key, in the order they were made. */
  readonly topics = new Map<string, Topic<Connection>>();
  handshaken = false;
  /** Set once the hub stopped serving this connection; nothing is sent after that. */
  detached = false;
  /** Text received after the last record separator. */
  pending = '';
  lastReceivedAt: number;
  lastPingAt: number;
  /** ASP.NET Core starts timing a client out only after that client sent its first ping. */
  clientTimeoutActive = false;
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(
    socket: WebSocket,
    connectionId: string,
    connectionToken: string | undefined,
    claims: TokenClaims,
  ) {
    this.socket = socket;
    this.connectionId = connectionId;
    this.connectionToken = connectionToken;
    this.claims = claims;
    this.openedAt = Date.now();
    this.lastReceivedAt = this.openedAt;
    this.lastPingAt = this.openedAt;
  }

  /** Sends a text frame now; a `Buffer` is sent as-is so one encoding can serve many sockets. */
  send(frame: string | Buffer): void {
    if (this.detached || this.socket.readyState !== WebSocket.OPEN) return;
    this.socket.send(frame, { binary: false });
  }

  /** Sends a text frame after `delayMs` (now when 0), unless the connection is gone by then. */
  sendAfter(delayMs: number, frame: string | Buffer): void {
    if (delayMs <= 0) {
      this.send(frame);
      return;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.send(frame);
    }, delayMs);
    this.#timers.add(timer);
  }

  /** Sends a last frame, then closes the socket normally. */
  close(lastFrame?: string): void {
    if (lastFrame !== undefined) this.send(lastFrame);
    this.stop();
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) {
      this.socket.close(1000);
    }
  }

  /** Cuts the socket without any closing handshake. */
  terminate(): void {
    this.stop();
    this.socket.terminate();
  }

  /** Cancels every delayed frame and marks the connection as no longer served. */
  stop(): void {
    this.detached = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}
