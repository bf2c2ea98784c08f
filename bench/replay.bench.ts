// Replay benchmark: how long RteClient takes to restore 100,000 subscriptions after a dropped
// connection (drop → reconnect → replay → `resynced`), against the floor: the same Subscribe chunks
// sent pipelined by the raw @microsoft/signalr client on a connection that is already open.
//
//   npm run bench:replay            (BENCH_SUBSCRIPTIONS, BENCH_ROUNDS to change the defaults)
//
// The hub is bench/frame-server.ts in its own process, answering every Subscribe item at once, so
// the clients' chunking and pipelining are what is measured. Runs alternate SDK → raw each round;
// the table shows medians. Target: the SDK within 1.25× of the floor.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
import { RteClient } from '../src/client/rte-client.ts';

const COUNT = Number(process.env.BENCH_SUBSCRIPTIONS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const CHUNK = 200; // RteClient's default subscribeChunkSize
const TARGET = 1.25;

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

const ids = Array.from({ length: COUNT }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
const items = ids.map((id) => ({ EntityId: id, EventName: 'UserStatus' }));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const { child, base } = await startServer();
const began = performance.now();
try {
  const hubUrl = `${base}/hub`;
  const client = new RteClient({ getToken: async () => ({ endpoint: hubUrl, token: 'bench' }) });
  // Each drop is reported as a transport error, which is what the bench does to it; anything else is shown.
  client.on('error', (error) => {
    if (error.code !== 'TRANSPORT') console.error(error.message);
  });
  await client.subscribe('UserStatus', ids);
  const connectStart = performance.now();
  await client.connect();
  const firstConnectMs = performance.now() - connectStart;

  /** drop → `resynced`, with the subscriptions replayed. */
  const sdkReplay = async (): Promise<number> => {
    const resynced = new Promise<void>((resolve) => client.once('resynced', () => resolve()));
    const start = performance.now();
    await fetch(`${base}/drop`);
    await resynced;
    return performance.now() - start;
  };

  const raw = new HubConnectionBuilder()
    .withUrl(hubUrl, { accessTokenFactory: () => 'bench' })
    .configureLogging(LogLevel.None)
    .build();
  /** The floor: every chunk invoked at once on an open connection, no reconnect, no bookkeeping. */
  const rawPipelined = async (): Promise<number> => {
    if (raw.state !== 'Connected') await raw.start();
    const start = performance.now();
    const chunks: Promise<unknown>[] = [];
    for (let i = 0; i < items.length; i += CHUNK)
      chunks.push(raw.invoke('Subscribe', items.slice(i, i + CHUNK)));
    await Promise.all(chunks);
    const ms = performance.now() - start;
    await raw.invoke('UnsubscribeAll');
    return ms;
  };

  await sdkReplay(); // warm-up
  await rawPipelined();
  const sdk: number[] = [];
  const floor: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    sdk.push(await sdkReplay());
    floor.push(await rawPipelined());
  }
  const held = ((await (await fetch(`${base}/stats`)).json()) as number[]).sort((a, b) => b - a)[0];
  await raw.stop();
  await client.disconnect();

  const ratio = median(sdk) / median(floor);
  console.log(
    `\nreplay of ${COUNT.toLocaleString('en-US')} subscriptions, Node ${process.versions.node}, ${cpus().length} cores,` +
      ` hub in its own process, chunks of ${CHUNK}, median of ${ROUNDS} alternating rounds`,
  );
  console.table([
    { method: 'RteClient: drop → reconnect → replay → resynced', ms: Math.round(median(sdk)) },
    {
      method: 'raw client: the same chunks pipelined on an open connection (floor)',
      ms: Math.round(median(floor)),
    },
    { method: 'ratio', ms: `${ratio.toFixed(2)}x` },
  ]);
  console.log(
    `all runs: sdk ${JSON.stringify(sdk.map(Math.round))}, floor ${JSON.stringify(floor.map(Math.round))}`,
  );
  console.log(
    `first connect with ${COUNT.toLocaleString('en-US')} subscriptions: ${Math.round(firstConnectMs)} ms`,
  );
  console.log(`subscriptions the hub held after the last replay: ${held}`);
  console.log(`${ratio <= TARGET ? 'meets' : 'MISSES'} the target of ${TARGET}x the floor`);
} finally {
  child.kill();
  console.log(`took ${((performance.now() - began) / 1000).toFixed(1)} s`);
}
