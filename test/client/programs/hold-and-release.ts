// Through the real client and a real socket: holds 10,000 pairs in a store, lets the emulator send
// each an event, releases them all; repeats, and prints the heap after each cycle. The emulator runs
// in a worker thread, whose heap is its own. Run with --expose-gc.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { RteClient } from '../../../src/client/rte-client.ts';

const PAIRS = 10_000;
const CYCLES = Number(process.argv[2] ?? 8);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const worker = new Worker(new URL('./emulator-worker.ts', import.meta.url));
const [{ ready: hubUrl }] = (await once(worker, 'message')) as [{ ready: string }];
let nextId = 0;
function ask<T>(message: Record<string, unknown>): Promise<T> {
  const id = ++nextId;
  return new Promise((resolve) => {
    const onMessage = (answer: { id: number; value: T }) => {
      if (answer.id !== id) return;
      worker.off('message', onMessage);
      resolve(answer.value);
    };
    worker.on('message', onMessage);
    worker.postMessage({ ...message, id });
  });
}
const hubSubscriptions = async () => (await ask<{ subscriptions: number }>({ stats: true })).subscriptions;

const rte = new RteClient({
  getToken: async () => ({ endpoint: hubUrl, token: await ask<string>({ token: true }) }),
  reconnect: { baseDelayMs: 20, maxDelayMs: 100 },
});
await rte.connect();
const store = rte.store('QueueStatus');
let changes = 0;
store.subscribe(() => changes++);

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await tick();
}

const heaps: number[] = [];
for (let cycle = 0; cycle < CYCLES; cycle++) {
  const ids = Array.from({ length: PAIRS }, () => crypto.randomUUID());
  store.add(ids);
  await until(() => rte.subscriptions.every((s) => s.status === 'subscribed'));
  await ask({ publish: ids });
  await until(() => store.getSnapshot().entries.every(([, q]) => q.freshness === 'live'));
  store.delete(ids);
  await until(async () => (await hubSubscriptions()) === 0);
  for (let i = 0; i < 3; i++) {
    gc();
    await tick();
  }
  heaps.push(process.memoryUsage().heapUsed);
}
const result = { heaps, size: store.size, subscriptions: rte.subscriptions.length, changes };
store.dispose();
await rte.disconnect();
await ask({ close: true });
await worker.terminate();
console.log(JSON.stringify(result));
