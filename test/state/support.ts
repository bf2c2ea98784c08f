import { EntityCell, type EntityCellOptions } from '../../src/state/entity-cell.ts';

export interface Value {
  readonly timestamp?: string;
  readonly n: number;
}

/** An RTE timestamp `seconds` after a fixed instant. */
export function at(seconds: number): string {
  return new Date(Date.UTC(2024, 4, 1, 12, 0, 0) + seconds * 1000).toISOString().replace('Z', '0000Z');
}

export function value(n: number, seconds?: number): Value {
  return seconds === undefined ? { n } : { n, timestamp: at(seconds) };
}

export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

/** A loader whose every call the test answers by hand. */
export function manualLoader() {
  const calls: { entityId: string; signal: AbortSignal; answer: Deferred<Value | undefined> }[] = [];
  const load = (entityId: string, { signal }: { signal: AbortSignal }) => {
    const answer = deferred<Value | undefined>();
    calls.push({ entityId, signal, answer });
    return answer.promise;
  };
  return {
    load,
    calls,
    last() {
      const call = calls.at(-1);
      if (!call) throw new Error('the loader was not called');
      return call;
    },
  };
}

/** Sleeps that end when the test says so. */
export function manualSleep() {
  const sleeps: { ms: number; signal: AbortSignal; wake: () => void }[] = [];
  const sleep = (ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      sleeps.push({ ms, signal, wake: resolve });
    });
  return { sleep, sleeps };
}

export function clock(start = 1_000) {
  let time = start;
  return {
    now: () => time,
    advance(ms: number) {
      time += ms;
    },
  };
}

export function cell(options: Partial<EntityCellOptions<Value>> = {}) {
  const time = clock();
  const errors: { error: unknown; context: unknown }[] = [];
  const sleeper = manualSleep();
  const c = new EntityCell<Value>({
    entityId: 'aa97e2f0-0b6f-4d5c-9c0e-2f7b1e9c1a01',
    now: time.now,
    random: () => 0.5,
    sleep: sleeper.sleep,
    onError: (error, context) => errors.push({ error, context }),
    ...options,
  });
  let changes = 0;
  c.subscribe(() => changes++);
  return { cell: c, time, errors, sleeps: sleeper.sleeps, changes: () => changes };
}
