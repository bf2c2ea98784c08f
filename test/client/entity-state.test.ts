import { describe, expect, it, vi } from 'vitest';
import { RteClient } from '../../src/client/rte-client.ts';
import type { Emulator } from '../../src/emulator/index.ts';
import { RteSnapshotError } from '../../src/errors/index.ts';
import type { RteClientError } from '../../src/errors/union.ts';
import { decodeEvent } from '../../src/events/decode.ts';
import type { QueueStatus } from '../../src/events/types.ts';
import type { SnapshotLoader } from '../../src/state/snapshot.ts';
import { client, emulator, next, QUEUE_A, until } from './support.ts';

const QUEUE_B = '5d9c1b7e-3f2a-4e8d-b6c1-0a9f8e7d6c02';
const settle = (ms = 40) => new Promise((resolve) => setTimeout(resolve, ms));

/** QueueStatus data as the emulator publishes it, with a timestamp `seconds` after a fixed instant. */
function queue(waiting: number, seconds: number): Record<string, unknown> {
  return {
    QueueName: 'Sales',
    NbrOfQueuingRequesters: waiting,
    Timestamp: new Date(Date.UTC(2026, 0, 1, 12, 0, seconds)).toISOString(),
  };
}

/** A loader over the emulator's snapshot endpoint, as an app would write one over its REST API. */
function restLoader(emu: Emulator, calls: string[] = []): SnapshotLoader<QueueStatus> {
  return async (queueId, { signal }) => {
    calls.push(queueId);
    const response = await fetch(`${emu.apiUrl}_control/state/QueueStatus/${queueId}`, { signal });
    if (response.status === 204 || response.status === 404) return undefined;
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return decodeEvent('QueueStatus', await response.json(), 'lenient').data as QueueStatus;
  };
}

interface Manual<T> {
  calls: {
    entityId: string;
    signal: AbortSignal;
    resolve(value: T | undefined): void;
    reject(e: unknown): void;
  }[];
  load: SnapshotLoader<T>;
}

function manualLoader<T>(): Manual<T> {
  const calls: Manual<T>['calls'] = [];
  return {
    calls,
    load: (entityId, { signal }) =>
      new Promise<T | undefined>((resolve, reject) => calls.push({ entityId, signal, resolve, reject })),
  };
}

function errors(rte: RteClient): RteClientError[] {
  const seen: RteClientError[] = [];
  rte.on('error', (error) => seen.push(error));
  return seen;
}

describe('entity state over a real connection', () => {
  it('is empty until the first event, then live with the typed value and when it arrived', async () => {
    const emu = await emulator();
    const rte = client(emu);
    const sub = rte.subscription('QueueStatus', QUEUE_A);
    expect(sub.getSnapshot()).toEqual({
      state: 'pending',
      freshness: 'empty',
      latest: undefined,
      updatedAt: undefined,
      error: undefined,
    });
    await rte.connect();
    await sub.ready();
    expect(sub.getSnapshot()).toMatchObject({ state: 'live', freshness: 'empty', latest: undefined });
    const before = Date.now();
    emu.publish('QueueStatus', QUEUE_A, queue(3, 1));
    await until(() => sub.freshness === 'live');
    expect(sub.latest).toMatchObject({ queueName: 'Sales', nbrOfQueuingRequesters: 3 });
    expect(sub.updatedAt).toBeGreaterThanOrEqual(before);
    expect(sub.getSnapshot().latest).toBe(sub.latest);
  });

  it('shows no value on a handle made before the first connect, then follows its pair once connected', async () => {
    // A fresh copy of the client: the code it loads at connect time (cells included) is not loaded yet.
    vi.resetModules();
    const { RteClient: FreshClient } = await import('../../src/client/rte-client.ts');
    const emu = await emulator();
    const rte = new FreshClient({
      apiUrl: emu.apiUrl,
      auth: { email: emu.credentials.email, secretKey: emu.credentials.secretKey },
      reconnect: { baseDelayMs: 20, maxDelayMs: 100 },
    });
    try {
      const own = manualLoader<QueueStatus>();
      const sub = rte.subscription('QueueStatus', QUEUE_A, { getState: own.load });
      let changes = 0;
      sub.subscribe(() => changes++);
      const before = sub.getSnapshot();
      expect(before).toEqual({
        state: 'pending',
        freshness: 'empty',
        latest: undefined,
        updatedAt: undefined,
        error: undefined,
      });
      expect(sub.getSnapshot()).toBe(before);
      expect(sub.freshness).toBe('empty');
      await rte.connect();
      await sub.ready();
      await until(() => own.calls.length === 1);
      expect(sub.getSnapshot()).toMatchObject({ state: 'live', freshness: 'empty', latest: undefined });
      own.calls[0]!.resolve({ queueName: 'Sales', nbrOfQueuingRequesters: 4 } as QueueStatus);
      await until(() => sub.freshness === 'live');
      expect(sub.latest).toMatchObject({ nbrOfQueuingRequesters: 4 });
      expect(changes).toBeGreaterThanOrEqual(2);
      emu.publish('QueueStatus', QUEUE_A, queue(5, 1));
      await until(() => sub.latest?.nbrOfQueuingRequesters === 5);
    } finally {
      await rte.disconnect();
    }
  });

  it('goes stale on a drop, stays stale once resubscribed, and an event makes it live again', async () => {
    const emu = await emulator();
    const rte = client(emu);
    const sub = rte.subscription('QueueStatus', QUEUE_A);
    await rte.connect();
    await sub.ready();
    emu.publish('QueueStatus', QUEUE_A, queue(1, 1));
    await until(() => sub.freshness === 'live');
    const seen: string[] = [];
    sub.subscribe(() => seen.push(`${sub.getSnapshot().state}/${sub.getSnapshot().freshness}`));
    const resynced = next(rte, 'resynced');
    emu.dropConnections();
    const [info] = await resynced;
    expect(seen).toEqual(['resubscribing/stale', 'live/stale']);
    expect(sub.latest).toMatchObject({ nbrOfQueuingRequesters: 1 });
    expect(info).toMatchObject({
      restored: 1,
      restoredBySnapshot: 0,
      stale: [{ eventName: 'QueueStatus', entityId: QUEUE_A, restoredBy: undefined }],
      missed: [{ eventName: 'QueueStatus', entityId: QUEUE_A }],
      mayHaveMissedEvents: true,
    });
    expect(info.stale[0]!.staleForMs).toBeGreaterThanOrEqual(info.downtimeMs);
    emu.publish('QueueStatus', QUEUE_A, queue(2, 2));
    await until(() => sub.freshness === 'live');
    expect(sub.latest).toMatchObject({ nbrOfQueuingRequesters: 2 });
    expect(seen.at(-1)).toBe('live/live');
  });

  it('goes stale through a hub restart, which forgets every subscription', async () => {
    const emu = await emulator();
    const rte = client(emu);
    const sub = rte.subscription('QueueStatus', QUEUE_A);
    await rte.connect();
    emu.publish('QueueStatus', QUEUE_A, queue(4, 1));
    await until(() => sub.freshness === 'live');
    const resynced = next(rte, 'resynced');
    emu.restart();
    await until(() => sub.freshness === 'stale');
    await resynced;
    expect(emu.stats().subscriptions).toBe(1);
    expect(sub.getSnapshot()).toMatchObject({ state: 'live', freshness: 'stale' });
    emu.publish('QueueStatus', QUEUE_A, queue(5, 2));
    await until(() => sub.freshness === 'live');
    expect(sub.latest).toMatchObject({ nbrOfQueuingRequesters: 5 });
  });

  it('restores a value from the snapshot loader on subscribe and after every gap, without any event', async () => {
    const emu = await emulator();
    emu.publish('QueueStatus', QUEUE_A, queue(7, 1)); // nobody is subscribed: only the endpoint knows
    const calls: string[] = [];
    const rte = client(emu, { getState: { queuestatus: restLoader(emu, calls) } as never });
    const sub = rte.subscription('QueueStatus', QUEUE_A);
    await rte.connect();
    await until(() => sub.freshness === 'live');
    expect(sub.latest).toMatchObject({ nbrOfQueuingRequesters: 7 });
    expect(calls).toEqual([QUEUE_A]);

    const resynced = next(rte, 'resynced');
    emu.dropConnections();
    emu.publish('QueueStatus', QUEUE_A, queue(8, 2)); // happens while the client is away
    const [info] = await resynced;
    expect(calls).toEqual([QUEUE_A, QUEUE_A]);
    expect(sub.getSnapshot()).toMatchObject({ state: 'live', freshness: 'live' });
    expect(sub.latest).toMatchObject({ nbrOfQueuingRequesters: 8 });
    expect(info).toMatchObject({
      restoredBySnapshot: 1,
      stale: [{ entityId: QUEUE_A, restoredBy: 'snapshot' }],
      missed: [],
      mayHaveMissedEvents: false,
    });
  });

  it('prefers a handle’s own loader to the client’s', async () => {
    const emu = await emulator();
    const fromClient: string[] = [];
    const rte = client(emu, { getState: { QueueStatus: restLoader(emu, fromClient) } });
    const own = manualLoader<QueueStatus>();
    const sub = rte.subscription('QueueStatus', QUEUE_A, { getState: own.load });
    await rte.connect();
    await until(() => own.calls.length === 1);
    own.calls[0]!.resolve(undefined);
    await settle();
    expect(fromClient).toEqual([]);
    expect(sub.freshness).toBe('empty');
  });

  it('reports a failing loader as a typed error on the snapshot and the client, retries it, then restores', async () => {
    const emu = await emulator();
    emu.publish('QueueStatus', QUEUE_A, queue(9, 1));
    let failures = 2;
    const rest = restLoader(emu);
    const rte = client(emu, {
      getState: {
        QueueStatus: async (id, context) => {
          if (failures-- > 0) throw new Error('backend unavailable');
          return rest(id, context);
        },
      },
    });
    const seen = errors(rte);
    const sub = rte.subscription('QueueStatus', QUEUE_A);
    await rte.connect();
    await until(() => sub.getSnapshot().error !== undefined);
    const error = sub.getSnapshot().error;
    expect(error).toBeInstanceOf(RteSnapshotError);
    expect(error).toMatchObject({
      code: 'SNAPSHOT_FAILED',
      eventName: 'QueueStatus',
      entityId: QUEUE_A,
      attempt: 1,
    });
    expect(sub.freshness).toBe('empty');
    await until(() => sub.freshness === 'live');
    expect(sub.getSnapshot()).toMatchObject({ error: undefined, latest: { nbrOfQueuingRequesters: 9 } });
    const snapshotErrors = seen.filter((e) => e.code === 'SNAPSHOT_FAILED');
    expect(snapshotErrors.map((e) => (e as RteSnapshotError).attempt)).toEqual([1, 2]);
    expect(snapshotErrors[0]!.message).toContain('backend unavailable');
  });

  it('leaves a pair stale and counts it as missed when its loader fails after a gap', async () => {
    const emu = await emulator();
    let fail = false;
    const rest = restLoader(emu);
    const rte = client(emu, {
      reconnect: { baseDelayMs: 20, maxDelayMs: 100 },
      getState: {
        QueueStatus: async (id, context) => {
          if (fail) throw new Error('backend unavailable');
          return rest(id, context);
        },
      },
    });
    const sub = rte.subscription('QueueStatus', QUEUE_A);
    await rte.connect();
    emu.publish('QueueStatus', QUEUE_A, queue(1, 1));
    await until(() => sub.freshness === 'live');
    fail = true;
    const resynced = next(rte, 'resynced');
    emu.dropConnections();
    const [info] = await resynced;
    expect(sub.getSnapshot()).toMatchObject({ state: 'live', freshness: 'stale' });
    expect(sub.getSnapshot().error).toBeInstanceOf(RteSnapshotError);
    expect(info).toMatchObject({
      restoredBySnapshot: 0,
      missed: [{ entityId: QUEUE_A }],
      mayHaveMissedEvents: true,
      stale: [{ entityId: QUEUE_A, restoredBy: undefined }],
    });
    // An event carries the whole state: it restores the pair and stops the retries.
    emu.publish('QueueStatus', QUEUE_A, queue(2, 2));
    await until(() => sub.freshness === 'live');
    expect(sub.getSnapshot().error).toBeUndefined();
  });

  it('aborts the loader when the last handle is disposed while it loads, and ignores its late answer', async () => {
    const emu = await emulator();
    const loader = manualLoader<QueueStatus>();
    const rte = client(emu, { getState: { QueueStatus: loader.load } });
    const sub = rte.subscription('QueueStatus', QUEUE_A);
    await rte.connect();
    await until(() => loader.calls.length === 1);
    const changes: string[] = [];
    sub.subscribe(() => changes.push(sub.getSnapshot().state));
    sub.unsubscribe();
    expect(loader.calls[0]!.signal.aborted).toBe(true);
    loader.calls[0]!.resolve(decodeEvent('QueueStatus', queue(3, 1), 'off').data as QueueStatus);
    await settle();
    expect(sub.getSnapshot()).toMatchObject({ state: 'closed', freshness: 'empty', latest: undefined });
    expect(changes).toEqual(['closed']);
    await until(() => emu.stats().subscriptions === 0);
  });

  it('aborts a loader that is still running when the connection drops, and calls it again after the resubscribe', async () => {
    const emu = await emulator();
    const loader = manualLoader<QueueStatus>();
    const rte = client(emu, { getState: { QueueStatus: loader.load } });
    const sub = rte.subscription('QueueStatus', QUEUE_A);
    await rte.connect();
    await until(() => loader.calls.length === 1);
    emu.dropConnections();
    await until(() => loader.calls.length === 2);
    expect(loader.calls[0]!.signal.aborted).toBe(true);
    loader.calls[1]!.resolve(decodeEvent('QueueStatus', queue(6, 1), 'off').data as QueueStatus);
    await until(() => sub.freshness === 'live');
    expect(sub.latest).toMatchObject({ nbrOfQueuingRequesters: 6 });
  });

  it('keeps a newer event over a late snapshot', async () => {
    const emu = await emulator();
    const loader = manualLoader<QueueStatus>();
    const rte = client(emu, { getState: { QueueStatus: loader.load } });
    const sub = rte.subscription('QueueStatus', QUEUE_A);
    await rte.connect();
    await until(() => loader.calls.length === 1);
    emu.publish('QueueStatus', QUEUE_A, queue(20, 20)); // arrives while the loader runs: held
    await settle();
    expect(sub.freshness).toBe('empty');
    loader.calls[0]!.resolve(decodeEvent('QueueStatus', queue(10, 10), 'off').data as QueueStatus);
    await until(() => sub.freshness === 'live');
    expect(sub.latest).toMatchObject({ nbrOfQueuingRequesters: 20 });
  });

  it('keeps a newer snapshot over an older event held while it loaded', async () => {
    const emu = await emulator();
    const loader = manualLoader<QueueStatus>();
    const rte = client(emu, { getState: { QueueStatus: loader.load } });
    const sub = rte.subscription('QueueStatus', QUEUE_A);
    await rte.connect();
    await until(() => loader.calls.length === 1);
    emu.publish('QueueStatus', QUEUE_A, queue(10, 10));
    await settle();
    loader.calls[0]!.resolve(decodeEvent('QueueStatus', queue(20, 20), 'off').data as QueueStatus);
    await until(() => sub.freshness === 'live');
    expect(sub.latest).toMatchObject({ nbrOfQueuingRequesters: 20 });
  });

  it('shares one value between the handles of a pair, whatever the id’s spelling', async () => {
    const emu = await emulator();
    const rte = client(emu);
    const a = rte.subscription('QueueStatus', QUEUE_A);
    const b = rte.subscription('queuestatus', `{${QUEUE_A.toUpperCase()}}`);
    await rte.connect();
    emu.publish('QueueStatus', QUEUE_A, queue(1, 1));
    await until(() => a.freshness === 'live');
    expect(b.getSnapshot()).toBe(a.getSnapshot());
    a.unsubscribe();
    expect(a.getSnapshot()).toMatchObject({ state: 'closed', latest: { nbrOfQueuingRequesters: 1 } });
    expect(b.getSnapshot()).toMatchObject({ state: 'live', freshness: 'live' });
    emu.publish('QueueStatus', QUEUE_A, queue(2, 2));
    await until(() => b.latest?.nbrOfQueuingRequesters === 2);
    expect(a.latest).toMatchObject({ nbrOfQueuingRequesters: 1 });
    expect(emu.stats().subscriptions).toBe(1);
  });

  it('returns the same snapshot object until something changed', async () => {
    const emu = await emulator();
    const rte = client(emu);
    const sub = rte.subscription('QueueStatus', QUEUE_A);
    await rte.connect();
    await sub.ready();
    const first = sub.getSnapshot();
    expect(sub.getSnapshot()).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    emu.publish('QueueStatus', QUEUE_A, queue(1, 1));
    await until(() => sub.getSnapshot() !== first);
    const second = sub.getSnapshot();
    await settle();
    expect(sub.getSnapshot()).toBe(second);
  });

  it('reports a throwing subscribe listener without keeping the others from running', async () => {
    const emu = await emulator();
    const rte = client(emu);
    const seen = errors(rte);
    const sub = rte.subscription('QueueStatus', QUEUE_A);
    let calls = 0;
    sub.subscribe(() => {
      throw new Error('boom');
    });
    sub.subscribe(() => calls++);
    await rte.connect();
    await until(() => calls > 0);
    expect(seen.some((e) => e.code === 'HANDLER')).toBe(true);
  });
});

describe('entity stores over a real connection', () => {
  it('holds one hub subscription per entity, routes events by entity, and releases on delete and dispose', async () => {
    const emu = await emulator();
    const rte = client(emu);
    await rte.connect();
    const store = rte.store('QueueStatus', [QUEUE_A, QUEUE_B.toUpperCase()]);
    await until(() => emu.stats().subscriptions === 2);
    let changes = 0;
    store.subscribe(() => changes++);
    emu.publish('QueueStatus', QUEUE_B, queue(2, 1));
    await until(() => store.get(QUEUE_B)?.freshness === 'live');
    expect(store.get(QUEUE_A)?.freshness).toBe('empty');
    expect(store.getSnapshot().get(QUEUE_B)?.latest).toMatchObject({ nbrOfQueuingRequesters: 2 });
    expect([...store.entries()].map(([id]) => id)).toEqual([QUEUE_A, QUEUE_B.toUpperCase()]);
    expect(changes).toBeGreaterThan(0);
    store.delete(QUEUE_A);
    await until(() => emu.stats().subscriptions === 1);
    store[Symbol.dispose]();
    await until(() => emu.stats().subscriptions === 0);
    expect(rte.subscriptions).toEqual([]);
  });

  it('uses the client’s loader for every entity it holds', async () => {
    const emu = await emulator();
    emu.publish('QueueStatus', QUEUE_A, queue(5, 1));
    emu.publish('QueueStatus', QUEUE_B, queue(6, 1));
    const rte = client(emu, { getState: { QueueStatus: restLoader(emu) } });
    const store = rte.store('QueueStatus', [QUEUE_A, QUEUE_B]);
    await rte.connect();
    await until(() => [...store.entries()].every(([, q]) => q.freshness === 'live'));
    expect(store.getSnapshot().entries.map(([, q]) => q.latest?.nbrOfQueuingRequesters)).toEqual([5, 6]);
  });
});

describe('the getState option', () => {
  it('is checked at construction', () => {
    const base = { getToken: async () => ({ endpoint: 'wss://example.test/rte', token: 't' }) };
    expect(() => new RteClient({ ...base, getState: 'nope' as never })).toThrow(/option "getState"/);
    expect(() => new RteClient({ ...base, getState: { QueueStatus: 42 as never } })).toThrow(
      /option "getState.QueueStatus" must be a function/,
    );
    const nothing = async () => undefined;
    expect(() => new RteClient({ ...base, getState: { QueueStatus: nothing } })).not.toThrow();
  });
});
