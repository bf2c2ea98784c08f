// A minimal SignalR hub for benchmarks, run in its own process so that the client under test, not
// the hub, is the bottleneck. It speaks just enough of the JSON hub protocol for @microsoft/signalr:
// negotiate, the handshake, pings, and a completion for every invocation (Subscribe answers
// "subscribed" for each item). Frames are pre-encoded once per entity and replayed on request.
//
//   node bench/frame-server.ts            prints {"port": …} on its first line of stdout
//
// Control, over HTTP on the same port (answered once the frames are written):
//   POST /flood?entity=E&count=N[&batch=B]  N MessageReceived frames to the connection subscribed to E,
//                                           B records per WebSocket message, as fast as the socket drains
//   POST /paced?entity=E&count=N&rate=R     N frames at R frames/s, each stamped with its send time
//   POST /drop                              closes every connection abruptly
//   GET  /stats                             subscriptions held, per connection
// Every frame's data carries `sentAt`: the send time in µs of the system-wide monotonic clock
// (process.hrtime), which the benchmark process reads too.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';
import wireMessage from '../test/events/fixtures/user-status-message.json' with { type: 'json' };

const RS = '\x1e';

interface Client {
  readonly socket: WebSocket;
  readonly entities: Set<string>;
  handshaken: boolean;
  buffered: string;
}

const clients = new Set<Client>();
const byEntity = new Map<string, Client>();

const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);

/** The frame for `entity` up to its timestamp; close it with `${sentAt}}}]}\x1e`. */
const prefixes = new Map<string, string>();
function framePrefix(entity: string): string {
  let prefix = prefixes.get(entity);
  if (prefix === undefined) {
    const subscription = { ...wireMessage.subscription, id: `sub-${entity}`, entityId: entity };
    const data = { ...wireMessage.data, entityId: entity, userId: entity };
    const message = JSON.stringify({ subscription, data });
    prefix = `{"type":1,"target":"MessageReceived","arguments":[${message.slice(0, -2)},"sentAt":`;
    prefixes.set(entity, prefix);
  }
  return prefix;
}
const frame = (entity: string, sentAt: number): string => `${framePrefix(entity)}${sentAt}}}]}${RS}`;

function onRecord(client: Client, record: string): void {
  if (!client.handshaken) {
    client.handshaken = true;
    client.socket.send(`{}${RS}`);
    return;
  }
  const message = JSON.parse(record) as {
    type: number;
    invocationId?: string;
    target?: string;
    arguments?: unknown[];
  };
  if (message.type !== 1) return;
  let result: unknown = null;
  const target = message.target?.toLowerCase();
  if (target === 'subscribe' || target === 'unsubscribe') {
    const items = (message.arguments?.[0] ?? []) as { EntityId: string; EventName: string }[];
    for (const item of items) {
      if (target === 'subscribe') {
        client.entities.add(item.EntityId);
        byEntity.set(item.EntityId, client);
      } else {
        client.entities.delete(item.EntityId);
        if (byEntity.get(item.EntityId) === client) byEntity.delete(item.EntityId);
      }
    }
    result = items.map((item) =>
      target === 'subscribe'
        ? { eventName: item.EventName.toLowerCase(), entityId: item.EntityId, subscribed: true }
        : { eventName: item.EventName.toLowerCase(), entityId: item.EntityId, unsubscribed: true },
    );
  } else if (target === 'unsubscribeall') {
    for (const entity of client.entities) if (byEntity.get(entity) === client) byEntity.delete(entity);
    client.entities.clear();
  }
  if (message.invocationId !== undefined) {
    client.socket.send(JSON.stringify({ type: 3, invocationId: message.invocationId, result }) + RS);
  }
}

/** Resolves once the socket's send buffer is below `limit` bytes. */
function drained(socket: WebSocket, limit = 1 << 20): Promise<void> | undefined {
  const raw = (socket as unknown as { _socket?: import('node:net').Socket })._socket;
  if (!raw || raw.writableLength < limit) return undefined;
  return new Promise((resolve) => raw.once('drain', resolve));
}

async function flood(client: Client, entity: string, count: number, batch: number): Promise<void> {
  for (let sent = 0; sent < count && client.socket.readyState === 1; ) {
    const n = Math.min(batch, count - sent);
    const record = frame(entity, nowUs());
    client.socket.send(n === 1 ? record : record.repeat(n));
    sent += n;
    const wait = drained(client.socket);
    if (wait) await wait;
  }
}

// Paced on 1 ms timer ticks (a busy loop would take a core from the client on a small machine):
// at 10,000/s that is ~10 frames per tick, each stamped as it is written.
async function paced(client: Client, entity: string, count: number, rate: number): Promise<void> {
  const start = performance.now();
  let sent = 0;
  while (sent < count && client.socket.readyState === 1) {
    const due = Math.min(count, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
    while (sent < due) {
      client.socket.send(frame(entity, nowUs()));
      sent++;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

async function control(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const query = (name: string, fallback?: number) => Number(url.searchParams.get(name) ?? fallback);
  const reply = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  if (url.pathname.endsWith('/negotiate')) {
    const token = `c${Math.random().toString(36).slice(2)}`;
    return reply(200, {
      negotiateVersion: 1,
      connectionId: token,
      connectionToken: token,
      availableTransports: [{ transport: 'WebSockets', transferFormats: ['Text', 'Binary'] }],
    });
  }
  if (url.pathname === '/stats') {
    return reply(
      200,
      [...clients].map((client) => client.entities.size),
    );
  }
  if (url.pathname === '/drop') {
    for (const client of clients) client.socket.terminate();
    return reply(200, { dropped: clients.size });
  }
  const entity = url.searchParams.get('entity') ?? '';
  const client = byEntity.get(entity);
  if (!client || !clients.has(client)) return reply(404, { error: `nobody subscribed to ${entity}` });
  if (url.pathname === '/flood') await flood(client, entity, query('count'), query('batch', 1));
  else if (url.pathname === '/paced') await paced(client, entity, query('count'), query('rate'));
  else return reply(404, { error: 'unknown path' });
  reply(200, { sent: true });
}

const http = createServer((request, response) => {
  control(request, response).catch((error: unknown) => {
    response.writeHead(500);
    response.end(String(error));
  });
});
const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
wss.on('connection', (socket) => {
  const client: Client = { socket, entities: new Set(), handshaken: false, buffered: '' };
  clients.add(client);
  const ping = setInterval(() => socket.send(`{"type":6}${RS}`), 5_000);
  socket.on('message', (data) => {
    client.buffered += data.toString();
    const records = client.buffered.split(RS);
    client.buffered = records.pop() ?? '';
    for (const record of records) onRecord(client, record);
  });
  // A closed client's entities stay indexed until someone subscribes to them again, and lookups
  // skip closed clients: forgetting 100,000 entities here would keep this process busy right when
  // the replay bench's client reconnects, and measure this server's teardown instead of the client.
  socket.on('close', () => {
    clearInterval(ping);
    clients.delete(client);
  });
  socket.on('error', () => undefined);
});
http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));
});
process.on('disconnect', () => process.exit(0));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
