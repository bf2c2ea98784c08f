// End-to-end speed of the JetStream bridge: hub send → bridge → JetStream ack.
// Run: npm run bench:bridge            (about a minute; needs nats-server on PATH or $NATS_SERVER)
//      npm run bench:bridge -- --events 1000000   (the heap run over 1M events)
//
// Three processes, so that the bridge is what is measured: the hub (the emulator, in a child
// process that only serialises and writes frames), this process (RteClient + bridge), and a real
// nats-server with JetStream file storage. Each event carries its send time in its id, so latency
// is measured from the hub's send to the bridge receiving the JetStream ack, across processes.
//   1. throughput: the hub sends as fast as it can; events/s until the last ack.
//   2. latency: the hub paces 5,000 events/s; p50/p99/max of send → ack.
//   3. heap: the hub paces a steady rate over many events; heap after GC at each tenth.
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { type Bridge, startBridge } from '../src/bridge/index.ts';
import { startEmulator } from '../src/emulator/index.ts';

const QUEUES = Array.from({ length: 20 }, (_, i) => `c9eeb030-ff4b-ea11-ac9c-${String(i).padStart(12, '0')}`);
const now = () => performance.timeOrigin + performance.now();

/** A GUID carrying a sequence number and the send time in microseconds (hex). */
function timedId(seq: number, sentMs: number): string {
  const t = Math.round(sentMs * 1000)
    .toString(16)
    .padStart(15, '0');
  return `${(seq >>> 0).toString(16).padStart(8, '0')}-0000-4000-8${t.slice(0, 3)}-${t.slice(3, 15)}`;
}
function sentAtOf(id: string): number {
  return Number.parseInt(id.slice(20, 23) + id.slice(24, 36), 16) / 1000;
}

// ---- the hub process -------------------------------------------------------------------------
type HubCommand = { cmd: 'send'; count: number; from: number; rate: number } | { cmd: 'stop' };

async function hub(): Promise<void> {
  const emu = await startEmulator();
  const payload = (queueId: string) => ({
    QueueId: queueId,
    QueueName: 'Sales',
    NbrOfProviders: 5,
    NbrOfRequesters: 3,
    NbrOfServingAgentsEstimate: 3,
    NbrOfAllocated: 1,
    NbrOfConnected: 2,
    NbrOfQueuingRequesters: 4,
    NbrOfNotServedRequesters: 0,
    NbrOfAgentsLongTermAway: 1,
    NbrOfAgentsShortTermAway: 0,
    NbrOfAgentsImmediatelyFree: 2,
    NbrOfAgentsCheckedInQueue: 5,
    NbrOfAgentsOnWrapUp: 1,
    NbrOfAgentsOnFetchMode: 0,
    MaxWaitTime: 37,
    OpenStatus: 1,
    MessageTTLSeconds: 60,
    Timestamp: '2026-01-01T12:00:00Z',
  });
  const templates = QUEUES.map(payload);
  process.on('message', (message: HubCommand) => {
    if (message.cmd === 'stop') return void emu.close().then(() => process.exit(0));
    const { count, from, rate } = message;
    const started = now();
    let sent = 0;
    const tick = () => {
      // Paced: as many as the rate allows by now. Unpaced: batches, so that frames get written.
      const due =
        rate > 0
          ? Math.min(count, Math.floor(((now() - started) / 1000) * rate))
          : Math.min(count, sent + 500);
      for (; sent < due; sent++) {
        const seq = from + sent;
        const i = seq % QUEUES.length;
        emu.publish('QueueStatus', QUEUES[i]!, { ...templates[i], Id: timedId(seq, now()) });
      }
      if (sent < count) setTimeout(tick, rate > 0 ? 1 : 0);
      else process.send!({ done: true, ms: now() - started });
    };
    tick();
  });
  process.send!({ apiUrl: emu.apiUrl, email: emu.credentials.email, secretKey: emu.credentials.secretKey });
}

// ---- the bench process -----------------------------------------------------------------------
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startNats(): Promise<{ url: string; child: ChildProcess; dir: string }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'rte-bridge-bench-'));
  const child = spawn(
    process.env.NATS_SERVER ?? 'nats-server',
    ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', dir],
    {
      stdio: 'ignore',
    },
  );
  const url = `nats://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      const nc = await connect({ servers: url, timeout: 500 });
      await (await jetstreamManager(nc)).getAccountInfo();
      await nc.close();
      return { url, child, dir };
    } catch (error) {
      if (i > 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '200000' },
      burst: { type: 'string', default: '100000' },
      'heap-rate': { type: 'string' },
    },
  });
  const heapEvents = Number(values.events);
  const burst = Number(values.burst);
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;

  const nats = await startNats();
  const hubProcess = fork(new URL(import.meta.url).pathname, ['--hub'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const info = await new Promise<{ apiUrl: string; email: string; secretKey: string }>((resolve) =>
    hubProcess.once('message', resolve as never),
  );
  const send = (count: number, from: number, rate: number) =>
    new Promise<number>((resolve) => {
      hubProcess.once('message', (m: { ms: number }) => resolve(m.ms));
      hubProcess.send({ cmd: 'send', count, from, rate });
    });

  let acked = 0;
  let latencies = new Float64Array(0);
  let recording = false;
  let lastAckAt = 0;
  let waiter: { target: number; resolve: () => void } | undefined;
  const bridge: Bridge = await startBridge({
    rte: { apiUrl: info.apiUrl, auth: { email: info.email, secretKey: info.secretKey } },
    nats: nats.url,
    events: ['QueueStatus'],
    entities: QUEUES,
    buffer: { maxEvents: 2_000_000, maxBytes: 2 * 1024 ** 3 },
    onAck: (ack) => {
      if (recording) latencies[acked] = now() - sentAtOf(ack.id);
      acked++;
      lastAckAt = now();
      if (waiter && acked >= waiter.target) waiter.resolve();
    },
  });
  const until = (target: number) =>
    new Promise<void>((resolve) => {
      if (acked >= target) return resolve();
      waiter = { target, resolve };
    });

  const results: Record<string, string | number> = {};
  let from = 0;

  // 1. throughput
  acked = 0;
  const t0 = now();
  const cpu0 = process.cpuUsage();
  const sendMs = await send(burst, from, 0);
  await until(burst);
  const cpu = process.cpuUsage(cpu0);
  from += burst;
  const throughput = burst / ((lastAckAt - t0) / 1000);
  const cpuPerEvent = (cpu.user + cpu.system) / burst;
  results['throughput (events/s, acked)'] = Math.round(throughput);
  results['hub send rate (events/s)'] = Math.round(burst / (sendMs / 1000));
  // Independent of how busy the machine is: what one event costs the bridge process.
  results['bridge process CPU per event (µs, RteClient + bridge)'] = cpuPerEvent.toFixed(1);
  results['bridge capacity at one full core (events/s)'] = Math.round(1e6 / cpuPerEvent);

  // 2. latency at 5,000 events/s
  const paced = 25_000;
  acked = 0;
  latencies = new Float64Array(paced);
  recording = true;
  await send(paced, from, 5000);
  await until(paced);
  recording = false;
  from += paced;
  const sorted = latencies.slice().sort();
  results['latency p50 @5k/s (ms)'] = percentile(sorted, 0.5).toFixed(2);
  results['latency p99 @5k/s (ms)'] = percentile(sorted, 0.99).toFixed(2);
  results['latency max @5k/s (ms)'] = (sorted[sorted.length - 1] ?? Number.NaN).toFixed(2);

  // 3. heap over many events, at a rate the bridge sustains (a backlog would be buffer, not leak)
  const heapRate = values['heap-rate']
    ? Number(values['heap-rate'])
    : Math.min(10_000, Math.round(throughput * 0.6));
  acked = 0;
  const heap: number[] = [];
  const backlog: number[] = [];
  gc();
  heap.push(process.memoryUsage().heapUsed);
  backlog.push(bridge.stats().buffered);
  const tenth = Math.floor(heapEvents / 10);
  const sending = send(heapEvents, from, heapRate);
  for (let i = 1; i <= 10; i++) {
    await until(tenth * i);
    gc();
    heap.push(process.memoryUsage().heapUsed);
    backlog.push(bridge.stats().buffered);
  }
  await sending;
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  const settled = heap.slice(2);
  results[`heap over ${heapEvents} events at ${heapRate}/s (MB, after GC, each tenth)`] = heap
    .map(mb)
    .join(' ');
  results['events buffered at each tenth (backlog, not leak)'] = backlog.join(' ');
  results['heap growth, 2nd tenth → last (MB)'] = mb(Math.max(...settled) - settled[0]!);

  const stats = await bridge.close();
  results['published / duplicates / dropped'] =
    `${stats.published} / ${stats.duplicates} / ${Object.values(stats.dropped).reduce((a, b) => a + b, 0)}`;
  hubProcess.send({ cmd: 'stop' });
  nats.child.kill('SIGTERM');
  await new Promise((resolve) => nats.child.once('exit', resolve));
  rmSync(nats.dir, { recursive: true, force: true });

  console.log('enreach-rte bridge: hub (child process) → RteClient + bridge → nats-server (JetStream, file)');
  for (const [name, value] of Object.entries(results)) console.log(`  ${name.padEnd(58)} ${value}`);
  console.log(
    `  targets: >= 20000 events/s ${throughput >= 20_000 ? 'met' : 'MISSED'}, p99 < 25 ms ${
      percentile(sorted, 0.99) < 25 ? 'met' : 'MISSED'
    }`,
  );
}

if (process.argv.includes('--hub')) await hub();
else await main();
