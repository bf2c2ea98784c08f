import {
  HttpTransportType,
  type HubConnection,
  HubConnectionBuilder,
  HubConnectionState,
  LogLevel,
} from '@microsoft/signalr';
import { onTestFinished } from 'vitest';
import { WebSocket } from 'ws';
import { type Emulator, type StartEmulatorOptions, startEmulator } from '../../src/emulator/index.ts';

/** A queue and a user id that tests subscribe to. */
export const QUEUE_ID = 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3';
export const OTHER_USER_ID = 'a1eeb030-ff4b-ea11-ac9c-00155d4fdcf3';
export const CALL_LIST_ID = 'b2eeb030-ff4b-ea11-ac9c-00155d4fdcf3';
const RS = '\x1e';

export interface ConnectOptions {
  /** Token source. @default one token from emu.issueToken(), reused */
  readonly token?: () => string;
  /** Reconnect immediately, up to 3 times. @default false */
  readonly reconnect?: boolean;
  readonly skipNegotiation?: boolean;
}

export interface Bench {
  readonly emu: Emulator;
  /** A started SignalR client, stopped when the test ends. */
  connect(options?: ConnectOptions): Promise<HubConnection>;
  /** A SignalR client that is not started yet, stopped when the test ends. */
  build(options?: ConnectOptions): HubConnection;
  /** A raw WebSocket on the hub (no negotiate), closed when the test ends. */
  raw(options?: RawOptions): Promise<RawClient>;
}

export interface RawOptions {
  readonly token?: string;
  /** Complete the SignalR handshake before resolving. @default true */
  readonly handshake?: boolean;
  /** Connection token from a negotiate response. */
  readonly id?: string;
}

/** Starts an emulator for one test; it and every client made through it are closed when the test ends. */
export async function bench(options: StartEmulatorOptions = {}): Promise<Bench> {
  const emu = await startEmulator(options);
  const hubs: HubConnection[] = [];
  const raws: RawClient[] = [];
  onTestFinished(async () => {
    await Promise.all(hubs.map((hub) => hub.stop()));
    for (const raw of raws) raw.socket.terminate();
    await emu.close();
  });
  const build = (connectOptions: ConnectOptions = {}): HubConnection => {
    const hub = hubConnection(emu, connectOptions);
    hubs.push(hub);
    return hub;
  };
  return {
    emu,
    build,
    async connect(connectOptions) {
      const hub = build(connectOptions);
      await hub.start();
      return hub;
    },
    async raw(rawOptions = {}) {
      const client = await RawClient.open(emu, rawOptions);
      raws.push(client);
      if (rawOptions.handshake !== false) await client.handshake();
      return client;
    },
  };
}

/** A SignalR client for the emulator's hub, silent. */
export function hubConnection(emu: Emulator, options: ConnectOptions = {}): HubConnection {
  let issued: string | undefined;
  // One token per client: the SignalR client asks for it twice per connection attempt.
  const token = options.token ?? (() => (issued ??= emu.issueToken()));
  let builder = new HubConnectionBuilder()
    .withUrl(emu.hubUrl, {
      accessTokenFactory: token,
      transport: HttpTransportType.WebSockets,
      skipNegotiation: options.skipNegotiation === true,
    })
    .configureLogging(LogLevel.None);
  if (options.reconnect === true) builder = builder.withAutomaticReconnect([0, 0, 0]);
  return builder.build();
}

/** An `Authorization` header value for HTTP Basic. */
export function basic(email: string, secretKey: string): string {
  return `Basic ${Buffer.from(`${email}:${secretKey}`).toString('base64')}`;
}

/** Polls until `condition` holds; fails after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Resolves once the client reports the state. */
export function waitForState(hub: HubConnection, state: HubConnectionState): Promise<void> {
  return waitUntil(() => hub.state === state);
}

export { HubConnectionState };

/** Collects every `MessageReceived` push of a client. */
export function collect(hub: HubConnection): unknown[] {
  const received: unknown[] = [];
  hub.on('MessageReceived', (message: unknown) => received.push(message));
  return received;
}

/** Fetches a token from the REST endpoint with the emulator's default credentials. */
export async function fetchToken(emu: Emulator): Promise<string> {
  const { email, secretKey } = emu.credentials;
  const response = await fetch(`${emu.apiUrl}token/me/rte/`, {
    headers: { authorization: basic(email, secretKey) },
  });
  return ((await response.json()) as { Token: string }).Token;
}

/** POSTs to the hub's negotiate endpoint. */
export function negotiate(emu: Emulator, init: { token?: string; query?: string } = {}): Promise<Response> {
  const headers: Record<string, string> =
    init.token === undefined ? {} : { authorization: `Bearer ${init.token}` };
  return fetch(`${emu.hubUrl}/negotiate${init.query ?? '?negotiateVersion=1'}`, { method: 'POST', headers });
}

/** Opens a WebSocket on the hub without the SignalR client and returns the HTTP status it was refused with. */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      socket.terminate();
    });
    socket.on('open', () => {
      socket.terminate();
      resolve(101);
    });
    socket.on('error', (error) => reject(error));
  });
}

/** A WebSocket client speaking the hub protocol by hand, recording every record it receives. */
export class RawClient {
  readonly socket: WebSocket;
  /** Every record received, parsed. */
  readonly records: Record<string, unknown>[] = [];
  /** Resolves with the close code once the socket is closed. */
  readonly closed: Promise<number>;
  #pending = '';

  private constructor(socket: WebSocket) {
    this.socket = socket;
    this.closed = new Promise((resolve) => socket.on('close', (code) => resolve(code)));
    socket.on('message', (data) => {
      const parts = (this.#pending + data.toString()).split(RS);
      this.#pending = parts.pop() ?? '';
      for (const part of parts) this.records.push(JSON.parse(part) as Record<string, unknown>);
    });
  }

  static open(emu: Emulator, options: RawOptions = {}): Promise<RawClient> {
    const token = options.token ?? emu.issueToken();
    const url = `${emu.hubUrl.replace(/^http/, 'ws')}${options.id === undefined ? '' : `?id=${options.id}`}`;
    const socket = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Sends one record (an object is serialised). */
  send(record: unknown): void {
    this.socket.send(`${typeof record === 'string' ? record : JSON.stringify(record)}${RS}`);
  }

  /** Sends the JSON protocol handshake and waits for the server's answer. */
  async handshake(request: unknown = { protocol: 'json', version: 1 }): Promise<Record<string, unknown>> {
    this.send(request);
    return this.next(() => true);
  }

  /** Waits for a record matching `match`, received from now on (or since `from`). */
  async next(
    match: (record: Record<string, unknown>) => boolean,
    from = this.records.length,
  ): Promise<Record<string, unknown>> {
    let found: Record<string, unknown> | undefined;
    await waitUntil(() => {
      found = this.records.slice(from).find(match);
      return found !== undefined;
    });
    return found as Record<string, unknown>;
  }

  /** Waits for the record answering `invocationId`. */
  completion(invocationId: string): Promise<Record<string, unknown>> {
    return this.next((record) => record.type === 3 && record.invocationId === invocationId, 0);
  }
}
