// Holds 10,000 pairs in an entity store, gives each a value, releases them all; repeats, and prints
// the heap after each cycle. Run with --expose-gc.
import { EntityCell } from '../../../src/state/entity-cell.ts';
import { EntityStore } from '../../../src/state/entity-store.ts';

const PAIRS = 10_000;
const CYCLES = Number(process.argv[2] ?? 12);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const open = new Map<string, EntityCell<{ n: number; timestamp: string }>>();
const store = new EntityStore<{ n: number; timestamp: string }>('QueueStatus', (_name, entityId) => {
  const cell = new EntityCell<{ n: number; timestamp: string }>({
    entityId,
    getState: async () => undefined,
  });
  cell.setState('live');
  open.set(entityId, cell);
  return {
    subscribe: cell.subscribe,
    getSnapshot: cell.getSnapshot,
    [Symbol.dispose]: () => {
      open.delete(entityId);
      cell.dispose();
    },
  };
});
let changes = 0;
store.subscribe(() => changes++);

const heaps: number[] = [];
for (let cycle = 0; cycle < CYCLES; cycle++) {
  const ids = Array.from({ length: PAIRS }, () => crypto.randomUUID());
  store.add(ids);
  await new Promise((resolve) => setTimeout(resolve, 0));
  for (const [index, id] of ids.entries())
    open.get(id)?.receive({ n: index, timestamp: new Date().toISOString() });
  store.getSnapshot();
  store.delete(ids);
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  heaps.push(process.memoryUsage().heapUsed);
}
console.log(JSON.stringify({ heaps, size: store.size, open: open.size, changes }));
