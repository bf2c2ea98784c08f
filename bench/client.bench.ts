// Client benchmarks, measured side by side in one run over loopback against the emulator:
//   dispatch  events/s through RteClient (strict, lenient, off) vs the raw @microsoft/signalr client
//   replay    10,000 subscriptions restored after a drop vs one Subscribe call per item
//   recovery  time from an abrupt drop to the first event delivered after the replay
// Run: npm run bench:client (prints a table; bounded, stops by itself).
import { HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
import { RteClient } from '../src/client/rte-client.ts';
import { type Emulator, startEmulator } from '../src/emulator/index.ts';
import type { ValidationMode } from '../src/options.ts';
import { userStatus } from '../test/fixtures/user-status.ts';

const USER = 'aa9730c4-ce86-e611-80c9-00505689257e';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const payload = userStatus(USER);

function sdk(emu: Emulator, validation: ValidationMode): RteClient {
  return new RteClient({
    apiUrl: emu.apiUrl,
    auth: { email: emu.credentials.email, secretKey: emu.credentials.secretKey },
    validation,
    subscribeChunkSize: 200,
  });
}

/** Publishes `count` events in slices, yielding so the client side can read the socket. */
async function pump(emu: Emulator, count: number): Promise<void> {
  for (let sent = 0; sent < count; sent += 200) {
    for (let i = 0; i < 200 && sent + i < count; i++) emu.publish('UserStatus', USER, payload);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function measure(emu: Emulator, received: () => number): Promise<number> {
  const start = performance.now();
  const base = received();
  await pump(emu, EVENTS);
  while (received() - base < EVENTS) await new Promise((resolve) => setTimeout(resolve, 1));
  return EVENTS / ((performance.now() - start) / 1000);
}

async function dispatchBench(emu: Emulator): Promise<Record<string, number>> {
  let rawCount = 0;
  const raw = new HubConnectionBuilder()
    .withUrl(emu.hubUrl, { accessTokenFactory: () => emu.issueToken() })
    .configureLogging(LogLevel.None)
    .build();
  raw.on('MessageReceived', () => {
    rawCount++;
  });
  await raw.start();
  await raw.invoke('Subscribe', [{ EntityId: USER, EventName: 'UserStatus' }]);

  const clients = new Map<string, { client: RteClient; count: number }>();
  for (const mode of ['strict', 'lenient', 'off'] as const) {
    const entry = { client: sdk(emu, mode), count: 0 };
    entry.client.on('UserStatus', () => {
      entry.count++;
    });
    await entry.client.subscribe('UserStatus', USER);
    await entry.client.connect();
    clients.set(mode, entry);
  }
  // Only one receiver subscribed at a time, so every run pushes the same frames to one socket.
  const all = ['raw', ...clients.keys()];
  const rates: Record<string, number[]> = Object.fromEntries(all.map((name) => [name, []]));
  const setActive = async (active: string) => {
    if (active === 'raw') await raw.invoke('Subscribe', [{ EntityId: USER, EventName: 'UserStatus' }]);
    else await raw.invoke('Unsubscribe', [{ EntityId: USER, EventName: 'UserStatus' }]);
    for (const [mode, entry] of clients) {
      if (mode === active) await entry.client.subscribe('UserStatus', USER);
      else if (entry.client.subscriptions.length > 0) await entry.client.unsubscribe('UserStatus', USER);
    }
  };
  await setActive('raw');
  await measure(emu, () => rawCount); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of all) {
      await setActive(name);
      const counter = name === 'raw' ? () => rawCount : () => clients.get(name)!.count;
      rates[name]!.push(await measure(emu, counter));
    }
  }
  await raw.stop();
  for (const { client } of clients.values()) await client.disconnect();
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return Object.fromEntries(Object.entries(rates).map(([name, values]) => [name, median(values)]));
}

async function replayBench(
  emu: Emulator,
  count: number,
  latencyMs: number,
): Promise<{ sdkMs: number; pipelinedMs: number; perItemMs: number }> {
  const ids = Array.from(
    { length: count },
    (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  );
  const items = ids.map((id) => ({ EntityId: id, EventName: 'UserStatus' }));
  const client = sdk(emu, 'lenient');
  await client.subscribe('UserStatus', ids);
  await client.connect();
  emu.setLatency(latencyMs);
  const resynced = new Promise<void>((resolve) => client.once('resynced', () => resolve()));
  const start = performance.now();
  emu.dropConnections();
  await resynced;
  const sdkMs = performance.now() - start;
  await client.disconnect();

  const raw = new HubConnectionBuilder()
    .withUrl(emu.hubUrl, { accessTokenFactory: () => emu.issueToken() })
    .configureLogging(LogLevel.None)
    .build();
  await raw.start();
  // The floor: the same chunks sent by hand on an open connection, no reconnect, no bookkeeping.
  const pipelinedStart = performance.now();
  const chunks: Promise<unknown>[] = [];
  for (let i = 0; i < items.length; i += 200) chunks.push(raw.invoke('Subscribe', items.slice(i, i + 200)));
  await Promise.all(chunks);
  const pipelinedMs = performance.now() - pipelinedStart;
  await raw.invoke('UnsubscribeAll');
  const perItemStart = performance.now();
  for (const item of items) await raw.invoke('Subscribe', [item]);
  const perItemMs = performance.now() - perItemStart;
  await raw.stop();
  emu.setLatency(0);
  return { sdkMs, pipelinedMs, perItemMs };
}

async function recoveryBench(emu: Emulator, rounds: number): Promise<number[]> {
  const client = sdk(emu, 'lenient');
  await client.subscribe('UserStatus', USER);
  await client.connect();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    const first = new Promise<void>((resolve) => client.once('UserStatus', () => resolve()));
    const off = client.on('resynced', () => emu.publish('UserStatus', USER, payload));
    emu.dropConnections();
    await first;
    off();
    times.push(performance.now() - start);
  }
  await client.disconnect();
  return times;
}

const emu = await startEmulator();
try {
  const rates = await dispatchBench(emu);
  const raw = rates.raw!;
  console.log(`\ndispatch (${EVENTS} UserStatus events per run, median of ${ROUNDS})`);
  console.table(
    Object.entries(rates).map(([client, rate]) => ({
      client,
      'events/s': Math.round(rate),
      'vs raw signalr': `${(rate / raw).toFixed(2)}x`,
    })),
  );
  for (const latencyMs of [0, 1]) {
    const replay = await replayBench(emu, 10_000, latencyMs);
    console.log(`\nreplay of 10,000 subscriptions after a drop (hub latency ${latencyMs} ms per call)`);
    console.table([
      { method: 'RteClient: drop -> reconnect -> replay -> resynced', ms: Math.round(replay.sdkMs) },
      { method: 'raw client: the same chunks on an open connection', ms: Math.round(replay.pipelinedMs) },
      { method: 'raw client: one Subscribe per item, sequential', ms: Math.round(replay.perItemMs) },
      {
        method: 'RteClient speed-up over one per item',
        ms: `${(replay.perItemMs / replay.sdkMs).toFixed(1)}x`,
      },
    ]);
  }
  const recovery = await recoveryBench(emu, 10);
  const sorted = [...recovery].sort((a, b) => a - b);
  console.log('\nrecovery: abrupt drop -> first event after replay (10 drops)');
  console.table([
    {
      'median ms': sorted[5]!.toFixed(1),
      'max ms': sorted.at(-1)!.toFixed(1),
      'min ms': sorted[0]!.toFixed(1),
    },
  ]);
} finally {
  await emu.close();
}
