import { request } from 'node:http';
import WebSocket from 'ws';
import type { ContractHub } from './hubs.ts';

const RECORD_SEPARATOR = '\x1e';

/** The JSON hub protocol handshake request the SignalR clients send first. */
export const HANDSHAKE = `{"protocol":"json","version":1}${RECORD_SEPARATOR}`;

/** One hub protocol record as a client sends it. */
export function record(message: unknown): string {
  return `${typeof message === 'string' ? message : JSON.stringify(message)}${RECORD_SEPARATOR}`;
}

/**
 * A hub WebSocket driven by hand, so tests see every record exactly as the server wrote it: the text
 * the SignalR client would parse, and hide, before anyone else gets to look at it.
 */
export class RawSession {
  readonly #socket: WebSocket;
  readonly #records: string[] = [];
  readonly #waiters: ((record: string) => void)[] = [];
  /** How many records each frame the server sent carried, in order. */
  readonly recordsPerFrame: number[] = [];
  /** Resolves with the close code once the socket is closed, however that happened. */
  readonly closed: Promise<number>;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.on('message', (data) => {
      const texts = String(data).split(RECORD_SEPARATOR);
      this.recordsPerFrame.push(texts.filter((text) => text.length > 0).length);
      for (const text of texts) {
        if (text.length === 0) continue;
        const waiter = this.#waiters.shift();
        if (waiter) waiter(text);
        else this.#records.push(text);
      }
    });
    this.closed = new Promise((resolve) => socket.once('close', (code) => resolve(code)));
  }

  /** Opens a WebSocket to the hub (skipping negotiation) with the token as a Bearer header. */
  static open(hub: ContractHub, token: string): Promise<RawSession> {
    return RawSession.openUrl(hub.hubUrl, token);
  }

  /** Opens a WebSocket to a hub URL (with a connection token in `?id=`, or without) with the token as a Bearer header. */
  static async openUrl(url: string, token: string): Promise<RawSession> {
    const socket = new WebSocket(url.replace(/^http/, 'ws'), {
      headers: { authorization: `Bearer ${token}` },
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new RawSession(socket);
  }

  /** Opens a session and completes the handshake. */
  static async handshaken(hub: ContractHub, token: string): Promise<RawSession> {
    const session = await RawSession.open(hub, token);
    session.send(HANDSHAKE);
    const answer = await session.next();
    if (answer !== '{}') throw new Error(`handshake refused: ${answer}`);
    return session;
  }

  send(text: string): void {
    this.#socket.send(text);
  }

  /** Sends bytes as one binary frame, as a client using the binary transfer format would. */
  sendBytes(bytes: Uint8Array): void {
    this.#socket.send(bytes, { binary: true });
  }

  /** Starts the WebSocket closing handshake, with a status code or without one. */
  closeWith(code?: number): void {
    if (code === undefined) this.#socket.close();
    else this.#socket.close(code);
  }

  /** The next record, or `'<silence>'` when none arrives within `ms`. */
  async nextWithin(ms: number): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    const silence = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve('<silence>'), ms);
    });
    const waiter = this.next();
    const first = await Promise.race([waiter, silence]);
    clearTimeout(timer);
    if (first === '<silence>') {
      // The pending waiter would swallow a later record; put it back in front if one arrives.
      void waiter.then((text) => this.#records.unshift(text));
    }
    return first;
  }

  /** The next record the server sends, as text. */
  next(): Promise<string> {
    const ready = this.#records.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Invokes a hub method and resolves with the raw completion record. */
  invoke(invocationId: string, target: string, args: unknown[]): Promise<string> {
    this.send(record({ type: 1, invocationId, target, arguments: args }));
    return this.next();
  }

  /** Drops the socket without a closing handshake. */
  terminate(): void {
    this.#socket.terminate();
  }
}

/** Hides subscription ids, which every hub mints at random, and nothing else. */
export function maskSubscriptionIds(text: string): string {
  return text.replace(
    /"id":"[0-9a-f-]{36}","allRootEntities"/g,
    '"id":"<subscription id>","allRootEntities"',
  );
}

/** What a refused (or accepted) WebSocket upgrade looked like. */
export interface UpgradeAnswer {
  readonly status: number;
  readonly headers: Record<string, string | undefined>;
  readonly body: string;
}

/** Sends a WebSocket upgrade request by hand and reports the HTTP answer (101 when it was accepted). */
export function upgrade(
  url: string,
  headers: Record<string, string>,
  pick: readonly string[],
): Promise<UpgradeAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url.replace(/^ws/, 'http'), {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        ...headers,
      },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => {
        const picked = Object.fromEntries(
          pick.map((name) => [name, res.headers[name] as string | undefined]),
        );
        resolve({ status: res.statusCode ?? 0, headers: picked, body });
      });
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, headers: {}, body: '' });
    });
    req.on('error', reject);
    req.end();
  });
}
