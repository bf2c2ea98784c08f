import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSafeLogger } from '../../src/logging/logger.ts';
import { Redactor } from '../../src/logging/redact.ts';
import { readSubscribeResults } from '../../src/subscriptions/hub-results.ts';
import { subscriptionKey } from '../../src/subscriptions/registry.ts';
import { Reconciler, type Timers } from '../../src/subscriptions/sync.ts';

// Model-based test of the reconciler: random interleavings of what an app does (subscribe,
// unsubscribe, handles, unsubscribeAll) with what the network does (calls answered late, failed
// before or after the hub applied them, results missing, connections dropped and replayed). Once
// quiet, the hub must hold exactly the desired set.

type Item = { EntityId: string; EventName: string };
type Failure = 'before' | 'after' | 'missing';
interface Call {
  readonly method: string;
  readonly items: Item[];
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

const IDS = [
  'aa9730c4-ce86-e611-80c9-00505689257e',
  'bb9730c4-ce86-e611-80c9-00505689257e',
  'dd9730c4-ce86-e611-80c9-00505689257e',
];
/** The hub refuses this one for good ('Unauthorized'). */
const REFUSED_ID = IDS[2]!;
const NAMES = ['UserStatus', 'QueueStatus'];
const REFUSED_KEY_ID = subscriptionKey('', REFUSED_ID);
const isRefused = (key: string) => key.endsWith(REFUSED_KEY_ID);
const logger = createSafeLogger(undefined, new Redactor());

/** A hub that runs one connection's calls in order, answering when the test says so. */
class HubDouble {
  readonly held = new Set<string>();
  readonly queue: Call[] = [];
  readonly failures: Failure[] = [];
  log: string[] = [];

  invoke = (method: string, ...args: unknown[]): Promise<unknown> =>
    new Promise((resolve, reject) => {
      this.queue.push({ method, items: (args[0] as Item[] | undefined) ?? [], resolve, reject });
    });

  /** Runs the oldest call, as the hub would, possibly failing it. */
  step(): void {
    const call = this.queue.shift();
    if (!call) return;
    const failure = this.failures.shift();
    this.log.push(
      `${call.method}(${call.items.map((i) => i.EntityId.slice(0, 2)).join(',')})${failure ?? ''}`,
    );
    if (failure === 'before') {
      call.reject(new Error('hub error'));
      return;
    }
    const results: unknown[] = [];
    if (call.method === 'UnsubscribeAll') this.held.clear();
    for (const item of call.items) {
      const key = subscriptionKey(item.EventName, item.EntityId);
      if (call.method === 'Unsubscribe') this.held.delete(key);
      if (call.method === 'Subscribe') {
        const refused = item.EntityId === REFUSED_ID;
        if (!refused) this.held.add(key);
        results.push({
          subscribed: !refused,
          message: refused ? 'Unauthorized' : null,
          entityId: item.EntityId,
          eventName: item.EventName.toLowerCase(),
        });
      }
    }
    if (failure === 'after') {
      call.reject(new Error('timed out'));
      return;
    }
    if (failure === 'missing') results.pop();
    call.resolve(call.method === 'Subscribe' ? results : null);
  }

  /** The connection dropped: the hub forgets everything, unanswered calls fail. */
  drop(): void {
    this.held.clear();
    for (const call of this.queue.splice(0)) call.reject(new Error('connection closed'));
    this.failures.length = 0;
  }
}

class ManualTimers implements Timers {
  pending = new Map<number, () => void>();
  #next = 0;
  set(callback: () => void): unknown {
    const id = ++this.#next;
    this.pending.set(id, callback);
    return id;
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  fireAll(): void {
    const due = [...this.pending.values()];
    this.pending.clear();
    for (const callback of due) callback();
  }
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

type Op =
  | { kind: 'subscribe'; name: number; id: number }
  | { kind: 'unsubscribe'; name: number; id: number }
  | { kind: 'handle'; name: number; id: number }
  | { kind: 'closeHandle'; index: number }
  | { kind: 'unsubscribeAll' }
  | { kind: 'step'; count: number; failure: Failure | 'none' }
  | { kind: 'drop' }
  | { kind: 'reconnect' }
  | { kind: 'timers' }
  | { kind: 'tick' };

const pair = { name: fc.nat({ max: NAMES.length - 1 }), id: fc.nat({ max: IDS.length - 1 }) };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('subscribe' as const), ...pair }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('unsubscribe' as const), ...pair }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('handle' as const), ...pair }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('closeHandle' as const), index: fc.nat({ max: 7 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'unsubscribeAll' as const }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('step' as const),
      count: fc.integer({ min: 1, max: 3 }),
      // The first call of the step fails this way.
      failure: fc.constantFrom<Failure | 'none'>('none', 'none', 'before', 'after', 'missing'),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'drop' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reconnect' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'timers' as const }) },
  { weight: 6, arbitrary: fc.constant({ kind: 'tick' as const }) },
);

async function run(ops: readonly Op[], chunkSize: number): Promise<void> {
  const hub = new HubDouble();
  const timers = new ManualTimers();
  let open = true;
  const reconciler = new Reconciler({
    readResults: readSubscribeResults,
    chunkSize,
    invoke: (method, ...args) => (open ? hub.invoke(method, ...args) : Promise.reject(new Error('closed'))),
    isOpen: () => open,
    onRefused: () => undefined,
    onError: () => undefined,
    logger,
    retry: { baseDelayMs: 10, maxDelayMs: 100, maxAttempts: Number.POSITIVE_INFINITY },
    random: () => 0.5,
    timers,
  });
  // What the app asked for, reference-counted: the specification.
  const wanted = new Map<string, number>();
  const handles: { key: string; entry: ReturnType<Reconciler['retain']>; closed: boolean }[] = [];
  const promises: Promise<unknown>[] = [];
  const want = (name: number, id: number, delta: number): string => {
    const key = subscriptionKey(NAMES[name]!, IDS[id]!);
    const refs = (wanted.get(key) ?? 0) + delta;
    if (refs > 0) wanted.set(key, refs);
    else wanted.delete(key);
    return key;
  };
  /** A refused pair is forgotten whoever held it: the model forgets it too. */
  const forgetRefused = () => {
    for (const key of wanted.keys()) if (!reconciler.desired.has(key) && isRefused(key)) wanted.delete(key);
    for (const handle of handles)
      if (!handle.closed && reconciler.desired.get(handle.key) !== handle.entry) handle.closed = true;
  };

  for (const op of ops) {
    switch (op.kind) {
      case 'subscribe':
        want(op.name, op.id, 1);
        promises.push(reconciler.subscribe([{ eventName: NAMES[op.name]!, entityId: IDS[op.id]! }]));
        break;
      case 'unsubscribe': {
        const key = subscriptionKey(NAMES[op.name]!, IDS[op.id]!);
        if (!wanted.has(key)) break; // do not release a handle's reference behind its back
        const heldByHandles = handles.filter((h) => !h.closed && h.key === key).length;
        if ((wanted.get(key) ?? 0) <= heldByHandles) break;
        want(op.name, op.id, -1);
        promises.push(reconciler.unsubscribe([{ eventName: NAMES[op.name]!, entityId: IDS[op.id]! }]));
        break;
      }
      case 'handle': {
        const key = want(op.name, op.id, 1);
        handles.push({ key, entry: reconciler.retain(NAMES[op.name]!, IDS[op.id]!), closed: false });
        break;
      }
      case 'closeHandle': {
        const handle = handles.filter((h) => !h.closed)[op.index];
        if (!handle) break;
        handle.closed = true;
        if (reconciler.releaseEntry(handle.entry) !== undefined) {
          const refs = (wanted.get(handle.key) ?? 0) - 1;
          if (refs > 0) wanted.set(handle.key, refs);
          else wanted.delete(handle.key);
        }
        break;
      }
      case 'unsubscribeAll':
        wanted.clear();
        for (const handle of handles) handle.closed = true;
        promises.push(reconciler.unsubscribeAll());
        break;
      case 'step':
        if (op.failure !== 'none' && hub.queue.length > 0) hub.failures.push(op.failure);
        for (let i = 0; i < op.count; i++) hub.step();
        break;
      case 'drop':
        if (!open) break;
        open = false;
        hub.drop();
        reconciler.connectionLost();
        break;
      case 'reconnect':
        if (open) break;
        open = true;
        promises.push(reconciler.replay());
        break;
      case 'timers':
        timers.fireAll();
        break;
      case 'tick':
        await settle();
        break;
    }
    forgetRefused();
  }

  // Quiet: connected, no more faults; answer everything and let the retries run.
  hub.failures.length = 0;
  if (!open) {
    open = true;
    promises.push(reconciler.replay());
  }
  for (let round = 0; round < 200; round++) {
    await settle();
    while (hub.queue.length > 0) hub.step();
    await settle();
    timers.fireAll();
    await settle();
    if (hub.queue.length === 0 && reconciler.idle && timers.pending.size === 0) break;
  }
  forgetRefused();

  const desired = reconciler.desired.all();
  const context = `ops ${JSON.stringify(ops)}\nwire ${hub.log.join(' ')}`;
  expect(reconciler.idle, context).toBe(true);
  expect([...hub.held].sort(), context).toEqual(desired.map((e) => e.key).sort());
  expect(new Map(desired.map((e) => [e.key, e.refs])), context).toEqual(
    new Map([...wanted].filter(([key]) => !isRefused(key))),
  );
  expect(desired.every((e) => e.status === 'subscribed')).toBe(true);
  // Nothing stale is kept about the hub: one record per held pair.
  expect(
    reconciler
      .hubPairs()
      .map((p) => `${p.key}:${p.state}:${p.inFlight}`)
      .sort(),
    context,
  ).toEqual(desired.map((e) => `${e.key}:held:false`).sort());
  // Every call the app made has answered.
  const unsettled = Symbol('unsettled');
  const outcomes = await Promise.all(promises.map((p) => Promise.race([p, settle().then(() => unsettled)])));
  expect(outcomes.includes(unsettled), context).toBe(false);
}

describe('reconciler model', () => {
  it('converges to hub set = desired set after any interleaving of calls, failures, drops and replays', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 4, maxLength: 40, size: 'max' }),
        fc.integer({ min: 1, max: 3 }),
        run,
      ),
      {
        numRuns: Number(process.env.MODEL_RUNS ?? 10_000),
        examples: [
          // A failed Unsubscribe: the hub keeps the pair until the retry.
          [
            [
              { kind: 'subscribe', name: 0, id: 0 },
              { kind: 'tick' },
              { kind: 'step', count: 1, failure: 'none' },
              { kind: 'tick' },
              { kind: 'unsubscribe', name: 0, id: 0 },
              { kind: 'tick' },
              { kind: 'step', count: 1, failure: 'before' },
              { kind: 'tick' },
            ],
            1,
          ],
        ],
      },
    );
  }, 60_000);
});
