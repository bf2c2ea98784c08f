import { WebSocket } from 'ws';
import { RecordReader } from './hub/framing.ts';
import type { Topic } from './subscriptions.ts';
import type { TokenClaims } from './tokens.ts';

/**
 * One client of the hub: its socket, the protocol state and the subscriptions it holds.
 *
 * Outgoing records are written the way ASP.NET Core's pipe hands them to the WebSocket transport:
 * whatever is queued when the transport gets to send goes out as one frame, so several records
 * share a frame whenever they pile up (a burst of pushes, a slow socket).
 */
export class Connection {
  readonly connectionId: string;
  /** The negotiate connection token this connection was opened with, if any. */
  readonly connectionToken: string | undefined;
  readonly claims: TokenClaims;
  readonly socket: WebSocket;
  readonly openedAt: number;
  /** Subscriptions of this connection by topic key, in the order they were made. */
  readonly topics = new Map<string, Topic<Connection>>();
  /** Incoming bytes, split into records. */
  readonly reader = new RecordReader();
  handshaken = false;
  /** Set once the hub stopped serving this connection; nothing is sent after that. */
  detached = false;
  /**
   * Bytes held since a record of an unknown message type: ASP.NET Core's parser stops at such a
   * record and never reads past it, until what it holds outgrows the message size limit.
   */
  stalledBytes: number | undefined;
  lastReceivedAt: number;
  lastPingAt: number;
  /** ASP.NET Core starts timing a client out only after that client sent its first ping. */
  clientTimeoutActive = false;
  readonly #timers = new Set<NodeJS.Timeout>();
  #queue: Buffer[] = [];
  #writing = false;
  #scheduled = false;

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

  /** Queues records for the next frame; a `Buffer` is used as-is so one encoding can serve many sockets. */
  send(frame: string | Buffer): void {
    if (this.detached || this.socket.readyState !== WebSocket.OPEN) return;
    this.#queue.push(typeof frame === 'string' ? Buffer.from(frame) : frame);
    this.#schedule();
  }

  /** Sends records after `delayMs` (now when 0), unless the connection is gone by then. */
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

  /** Sends what is queued and a last record, then closes the socket normally. */
  close(lastFrame?: string): void {
    if (lastFrame !== undefined && !this.detached && this.socket.readyState === WebSocket.OPEN) {
      this.#queue.push(Buffer.from(lastFrame));
    }
    this.#flush();
    this.stop();
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) {
      this.socket.close(1000);
    }
  }

  /** Cuts the socket without any closing handshake. */
  terminate(): void {
    this.stop();
    this.#queue = [];
    this.socket.terminate();
  }

  /** Cancels every delayed frame and marks the connection as no longer served. */
  stop(): void {
    this.detached = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  #schedule(): void {
    if (this.#scheduled || this.#writing) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      if (!this.#writing) this.#flush();
    });
  }

  /** Writes everything queued as one frame; records queued meanwhile wait for the next one. */
  #flush(): void {
    if (this.#queue.length === 0 || this.socket.readyState !== WebSocket.OPEN) return;
    const queued = this.#queue;
    this.#queue = [];
    const frame = queued.length === 1 ? (queued[0] as Buffer) : Buffer.concat(queued);
    this.#writing = true;
    this.socket.send(frame, { binary: false }, () => {
      this.#writing = false;
      if (this.#queue.length > 0 && !this.detached) this.#schedule();
    });
  }
}
