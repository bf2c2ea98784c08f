// Client dispatch benchmark: events/s and per-event latency of RteClient against the raw
// @microsoft/signalr client with a trivial handler, on the same frames.
//
//   npm run bench:client            (BENCH_EVENTS, BENCH_ROUNDS, BENCH_BATCH to change the defaults)
//   npm run bench:client -- --profile   also writes a CPU profile of this process (to the system's
//                                       temporary directory, or BENCH_PROFILE_DIR)
//
// Frames come from bench/frame-server.ts in its own process, which replays pre-encoded ~900-byte
// camelCase UserStatus frames as fast as the socket drains, so the receiving client is the
// bottleneck, not the hub. Every receiver holds its own connection and entity; only the one being
// measured gets frames. Runs alternate raw → strict → lenient → off (→ decode paths) each round and
// the table shows medians, and ratios as the median of each round's ratio to that round's raw run.
// "CPU µs/event" is this process's CPU time per event: the client's cost, steady even when a shared
// machine makes wall time noisy ("CPU vs raw" is raw's CPU per event over the receiver's).
// "decode path" rows are the raw client calling the events module's internal per-client decoder
// directly: the cost dispatch pays once it calls that decoder; "decodeMessage strict" is the raw
// client calling the public decodeMessage, the decoding today's dispatch does.
// Latency is the frame's send timestamp (system-wide monotonic clock) to the listener, at a fixed
// 10,000 events/s.
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
import { RteClient } from '../src/client/rte-client.ts';
import { decodeMessage } from '../src/events/decode.ts';
import { createDecoder } from '../src/events/decoder.ts';
import type { ValidationMode } from '../src/options.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const BATCH = Number(process.env.BENCH_BATCH ?? 1);
const LATENCY_RATE = 10_000;
const LATENCY_EVENTS = Number(process.env.BENCH_LATENCY_EVENTS ?? 10_000);
const PROFILE = process.argv.includes('--profile');
const MODES = ['strict', 'lenient', 'off'] as const;

const entityOf = (index: number) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);

async function startServer(): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [new URL('./frame-server.ts', import.meta.url).pathname], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.stdout!.once('data', (line: Buffer) => resolve(JSON.parse(line.toString()).port as number));
  });
  return { child, base: `http://127.0.0.1:${port}` };
}

/** A receiver: a connection subscribed to its own entity, counting events and sampling latency. */
interface Receiver {
  readonly name: string;
  readonly entity: string;
  count: number;
  latencies: number[] | undefined;
  close(): Promise<void>;
}

function record(receiver: Receiver, sentAt: unknown): void {
  receiver.count++;
  if (receiver.latencies) receiver.latencies.push(nowUs() - (sentAt as number));
}

async function rawReceiver(
  hubUrl: string,
  entity: string,
  name: string,
  handle?: (message: unknown) => unknown,
) {
  const hub = new HubConnectionBuilder()
    .withUrl(hubUrl, { accessTokenFactory: () => 'bench' })
    .configureLogging(LogLevel.None)
    .build();
  const receiver: Receiver = { name, entity, count: 0, latencies: undefined, close: () => hub.stop() };
  if (handle) {
    hub.on('MessageReceived', (message: { data: { sentAt: number } }) => {
      const out = handle(message) as { valid: boolean; data: { sentAt: unknown } };
      if (out.valid) record(receiver, out.data.sentAt);
    });
  } else {
    hub.on('MessageReceived', (message: { data: { sentAt: number } }) =>
      record(receiver, message.data.sentAt),
    );
  }
  await hub.start();
  await hub.invoke('Subscribe', [{ EntityId: entity, EventName: 'UserStatus' }]);
  return receiver;
}

async function sdkReceiver(hubUrl: string, entity: string, validation: ValidationMode): Promise<Receiver> {
  const client = new RteClient({ getToken: async () => ({ endpoint: hubUrl, token: 'bench' }), validation });
  const receiver: Receiver = {
    name: validation,
    entity,
    count: 0,
    latencies: undefined,
    close: () => client.disconnect(),
  };
  client.on('UserStatus', (data) => record(receiver, (data as { sentAt?: unknown }).sentAt));
  client.on('error', (error) => console.error(error.message));
  await client.subscribe('UserStatus', entity);
  await client.connect();
  return receiver;
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
}

/** Events per second of wall time, and this process's CPU time per event (µs). */
async function throughput(
  base: string,
  receiver: Receiver,
  count: number,
): Promise<{ rate: number; cpu: number }> {
  const target = receiver.count + count;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const sent = fetch(`${base}/flood?entity=${receiver.entity}&count=${count}&batch=${BATCH}`);
  await waitFor(() => receiver.count >= target);
  const elapsed = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  await sent;
  return { rate: count / (elapsed / 1000), cpu: (cpu.user + cpu.system) / count };
}

async function latency(base: string, receiver: Receiver): Promise<number[]> {
  const target = receiver.count + LATENCY_EVENTS;
  receiver.latencies = [];
  await fetch(`${base}/paced?entity=${receiver.entity}&count=${LATENCY_EVENTS}&rate=${LATENCY_RATE}`);
  await waitFor(() => receiver.count >= target);
  const samples = receiver.latencies;
  receiver.latencies = undefined;
  return samples.sort((a, b) => a - b);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;

const session = PROFILE ? new Session() : undefined;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}

const { child, base } = await startServer();
const began = performance.now();
try {
  const hubUrl = `${base}/hub`;
  const receivers: Receiver[] = [await rawReceiver(hubUrl, entityOf(0), 'raw')];
  for (const [i, mode] of MODES.entries()) receivers.push(await sdkReceiver(hubUrl, entityOf(i + 1), mode));
  for (const [i, mode] of (['strict', 'off'] as const).entries()) {
    const decoder = createDecoder(mode);
    receivers.push(
      await rawReceiver(hubUrl, entityOf(10 + i), `decode path ${mode}`, (message) =>
        decoder.decode(message),
      ),
    );
  }
  receivers.push(
    await rawReceiver(hubUrl, entityOf(20), 'decodeMessage strict', (message) =>
      decodeMessage(message, 'strict'),
    ),
  );

  for (const receiver of receivers) await throughput(base, receiver, Math.min(EVENTS, 20_000)); // warm-up
  const rates = new Map(receivers.map((receiver) => [receiver.name, [] as number[]]));
  const cpuPerEvent = new Map(receivers.map((receiver) => [receiver.name, [] as number[]]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const receiver of receivers) {
      const { rate, cpu } = await throughput(base, receiver, EVENTS);
      rates.get(receiver.name)!.push(rate);
      cpuPerEvent.get(receiver.name)!.push(cpu);
    }
  }
  // Per-round ratios against the raw run of the same round, so load that drifts between rounds
  // (a shared machine) cancels out; the table shows their median.
  const ratios = (values: Map<string, number[]>, name: string, invert = false) =>
    median(
      values.get(name)!.map((value, round) => {
        const raw = values.get('raw')![round]!;
        return invert ? raw / value : value / raw;
      }),
    );
  const p50 = new Map(receivers.map((receiver) => [receiver.name, [] as number[]]));
  const p99 = new Map(receivers.map((receiver) => [receiver.name, [] as number[]]));
  for (let round = 0; round < 3; round++) {
    for (const receiver of receivers) {
      const samples = await latency(base, receiver);
      p50.get(receiver.name)!.push(quantile(samples, 0.5));
      p99.get(receiver.name)!.push(quantile(samples, 0.99));
    }
  }

  const rawP99 = median(p99.get('raw')!);
  console.log(
    `\nRteClient dispatch vs raw @microsoft/signalr, Node ${process.versions.node}, ${cpus().length} cores` +
      `\nframes from a separate process, ${EVENTS.toLocaleString('en-US')} ~900-byte camelCase UserStatus per run,` +
      ` ${BATCH} per WebSocket message, median of ${ROUNDS} alternating rounds;` +
      ` latency at ${LATENCY_RATE.toLocaleString('en-US')} events/s, median of 3 runs of ${LATENCY_EVENTS.toLocaleString('en-US')}`,
  );
  console.table(
    receivers.map(({ name }) => ({
      receiver:
        name === 'raw' ? 'raw signalr' : name.startsWith('decode') ? `raw + ${name}` : `RteClient ${name}`,
      'events/s': Math.round(median(rates.get(name)!)),
      'vs raw': `${ratios(rates, name).toFixed(3)}x`,
      'CPU µs/event': median(cpuPerEvent.get(name)!).toFixed(2),
      'CPU vs raw': `${ratios(cpuPerEvent, name, true).toFixed(3)}x`,
      'p50 µs': Math.round(median(p50.get(name)!)),
      'p99 µs': Math.round(median(p99.get(name)!)),
      'p99 over raw µs': name === 'raw' ? '' : Math.round(median(p99.get(name)!) - rawP99),
    })),
  );
  console.log(
    `all runs: ${JSON.stringify(Object.fromEntries([...rates].map(([k, v]) => [k, v.map(Math.round)])))}`,
  );
  for (const receiver of receivers) await receiver.close();
} finally {
  child.kill();
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    const file = join(process.env.BENCH_PROFILE_DIR ?? tmpdir(), `client-bench-${Date.now()}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.log(`CPU profile written to ${file} (open in Chrome DevTools → Performance)`);
  }
  console.log(`took ${((performance.now() - began) / 1000).toFixed(1)} s`);
}
