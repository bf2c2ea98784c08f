import { describe, expect, it, vi } from 'vitest';
import { createSafeLogger } from '../../src/logging/logger.ts';
import { Redactor } from '../../src/logging/redact.ts';
import { readSubscribeResults } from '../../src/subscriptions/hub-results.ts';
import { SubscriptionRegistry } from '../../src/subscriptions/registry.ts';
import { Reconciler } from '../../src/subscriptions/sync.ts';

type Item = { EntityId: string; EventName: string };
const logger = createSafeLogger(undefined, new Redactor());
const retry = { baseDelayMs: 1, maxDelayMs: 2, maxAttempts: Number.POSITIVE_INFINITY };

function hubThatRefuses(refuse: Record<string, string> = {}) {
  const calls: { method: string; items: Item[] }[] = [];
  const invoke = vi.fn(async (method: string, items: unknown) => {
    const list = items as Item[];
    calls.push({ method, items: list });
    return list.map((item) => ({
      subscribed: method === 'Subscribe' && !refuse[item.EntityId],
      message: refuse[item.EntityId] ?? null,
      entityId: item.EntityId,
      eventName: item.EventName.toLowerCase(),
    }));
  });
  return { invoke, calls };
}

function setup(
  invoke: (method: string, ...args: unknown[]) => Promise<unknown>,
  chunkSize = 200,
  connected = true,
) {
  const refused: unknown[] = [];
  const errors: unknown[] = [];
  const sync = new Reconciler({
    readResults: readSubscribeResults,
    chunkSize,
    invoke,
    isOpen: () => connected,
    onRefused: (items) => refused.push(...items),
    onError: (error) => errors.push(error),
    logger,
    retry,
  });
  const registry = sync.desired;
  const subscribe = (eventName: string, ids: string[]) =>
    sync.subscribe(ids.map((entityId) => ({ eventName, entityId })));
  return { registry, sync, subscribe, refused, errors };
}

const ids = (n: number) =>
  Array.from({ length: n }, (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`);

describe('subscription sync', () => {
  it('coalesces calls made in the same tick into one Subscribe per chunk', async () => {
    const hub = hubThatRefuses();
    const { subscribe } = setup(hub.invoke, 3);
    const results = await Promise.all([subscribe('UserStatus', ids(2)), subscribe('QueueStatus', ids(5))]);
    expect(hub.calls.map((c) => c.items.length)).toEqual([3, 3, 1]);
    expect(results.flat().every((r) => r.status === 'subscribed')).toBe(true);
  });

  it('asks the hub once for a pair two callers want, and answers both', async () => {
    const hub = hubThatRefuses();
    const { subscribe, registry } = setup(hub.invoke);
    const [a, b] = await Promise.all([subscribe('UserStatus', ids(1)), subscribe('userstatus', ids(1))]);
    expect(hub.calls.flatMap((c) => c.items)).toHaveLength(1);
    expect(a[0]?.status).toBe('subscribed');
    expect(b[0]?.status).toBe('subscribed');
    expect(registry.all()[0]?.refs).toBe(2);
  });

  it('returns per-item refusals with the hub message and forgets those pairs', async () => {
    const [good, bad] = ids(2) as [string, string];
    const hub = hubThatRefuses({ [bad]: 'Unauthorized' });
    const { subscribe, registry } = setup(hub.invoke);
    const results = await subscribe('UserStatus', [good, bad]);
    expect(results).toEqual([
      { eventName: 'UserStatus', entityId: good, status: 'subscribed' },
      {
        eventName: 'UserStatus',
        entityId: bad,
        status: 'refused',
        message: 'Unauthorized',
        reason: 'unauthorized',
      },
    ]);
    expect(registry.all().map((e) => e.entityId)).toEqual([good]);
  });

  it('answers pending without a round trip while disconnected', async () => {
    const hub = hubThatRefuses();
    const { subscribe } = setup(hub.invoke, 200, false);
    expect((await subscribe('UserStatus', ids(2))).map((r) => r.status)).toEqual(['pending', 'pending']);
    expect(hub.invoke).not.toHaveBeenCalled();
  });

  it('replays the whole desired set in chunks and reports what was refused', async () => {
    const all = ids(450);
    const hub = hubThatRefuses({ [all[7]!]: 'Invalid EntityId' });
    const { registry, sync } = setup(hub.invoke, 200);
    for (const id of all) registry.retain('QueueStatus', id);
    await Promise.resolve();
    hub.calls.length = 0;
    const report = await sync.replay();
    expect(hub.calls.map((c) => c.items.length)).toEqual([200, 200, 50]);
    expect(report.restored).toBe(449);
    expect(report.refused).toEqual([
      {
        eventName: 'QueueStatus',
        entityId: all[7],
        message: 'Invalid EntityId',
        reason: 'invalid-entity-id',
      },
    ]);
    expect(registry.size).toBe(449);
  });

  it('retries a chunk that failed transiently during replay', async () => {
    let failures = 1;
    const hub = hubThatRefuses();
    const flaky = vi.fn(async (method: string, items: unknown) => {
      if (failures-- > 0) throw new Error('Invocation timed out');
      return hub.invoke(method, items);
    });
    const { registry, sync } = setup(flaky);
    for (const id of ids(3)) registry.retain('UserStatus', id);
    await Promise.resolve();
    const report = await sync.replay();
    expect(report).toEqual({ restored: 3, refused: [], pending: 0 });
    expect(flaky).toHaveBeenCalledTimes(2);
  });

  it('keeps a Subscribe and a later Unsubscribe of the same pair in order', async () => {
    const hub = hubThatRefuses();
    const { registry, sync, subscribe } = setup(hub.invoke);
    const subscribed = subscribe('UserStatus', ids(1));
    await Promise.resolve();
    const unsubscribed = sync.unsubscribe([{ eventName: 'UserStatus', entityId: ids(1)[0]! }]);
    await Promise.all([subscribed, unsubscribed]);
    expect(hub.calls.map((c) => c.method)).toEqual(['Subscribe', 'Unsubscribe']);
    expect(registry.size).toBe(0);
  });
});

describe('subscription registry', () => {
  it('matches pairs case-insensitively and drops a pair only when the last reference leaves', () => {
    const registry = new SubscriptionRegistry();
    registry.retain('UserStatus', 'AA9730C4-CE86-E611-80C9-00505689257E');
    expect(registry.retain('userstatus', 'aa9730c4-ce86-e611-80c9-00505689257e').created).toBe(false);
    expect(registry.release('USERSTATUS', 'aa9730c4-ce86-e611-80c9-00505689257e')?.removed).toBe(false);
    expect(registry.release('UserStatus', 'aa9730c4-ce86-e611-80c9-00505689257e')?.removed).toBe(true);
    expect(registry.release('UserStatus', 'aa9730c4-ce86-e611-80c9-00505689257e')).toBeUndefined();
    expect(registry.size).toBe(0);
  });
});

describe('subscription keys', () => {
  it('treat every GUID spelling of an entity as one pair, as the hub does', () => {
    const registry = new SubscriptionRegistry();
    registry.retain('QueueStatus', 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3');
    for (const spelling of [
      '{C9EEB030-FF4B-EA11-AC9C-00155D4FDCF3}',
      'c9eeb030ff4bea11ac9c00155d4fdcf3',
      '(c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3)',
      '{0xc9eeb030,0xff4b,0xea11,{0xac,0x9c,0x00,0x15,0x5d,0x4f,0xdc,0xf3}}',
      '  c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3\u00a0',
    ]) {
      expect(registry.retain('QueueStatus', spelling).created).toBe(false);
    }
    expect(registry.size).toBe(1);
    expect(registry.retain('QueueStatus', 'not-a-guid').created).toBe(true);
  });
});

describe('retries', () => {
  it('retries failed calls in either direction with growing backoff, and starts over after a success', async () => {
    const delays: number[] = [];
    const pending: (() => void)[] = [];
    const timers = {
      set: (callback: () => void, ms: number) => {
        delays.push(ms);
        pending.push(callback);
        return pending.length;
      },
      clear: () => undefined,
    };
    let failing = 3;
    const hub = hubThatRefuses();
    const invoke = async (method: string, items?: unknown) => {
      if (failing-- > 0) throw new Error('hub error');
      return hub.invoke(method, items);
    };
    const sync = new Reconciler({
      readResults: readSubscribeResults,
      chunkSize: 200,
      invoke,
      isOpen: () => true,
      onRefused: () => undefined,
      onError: () => undefined,
      logger,
      retry: { baseDelayMs: 100, maxDelayMs: 10_000, maxAttempts: Number.POSITIVE_INFINITY },
      random: () => 0.999,
      timers,
    });
    const flush = () => new Promise((resolve) => setImmediate(resolve));
    sync.retain('UserStatus', ids(1)[0]!);
    await flush();
    for (let i = 0; i < 3; i++) {
      pending.shift()!();
      await flush();
    }
    expect(delays).toEqual([99, 199, 399]);
    expect(sync.desired.all()[0]?.status).toBe('subscribed');
    // An Unsubscribe that fails is retried the same way, from the first delay again.
    // unsubscribe() resolves only once the hub has actually dropped the pair.
    failing = 1;
    let resolved = false;
    const unsubscribed = sync
      .unsubscribe([{ eventName: 'UserStatus', entityId: ids(1)[0]! }])
      .then(() => (resolved = true));
    await flush();
    expect(delays).toEqual([99, 199, 399, 99]);
    expect(resolved).toBe(false);
    pending.shift()!();
    await unsubscribed;
    expect(hub.calls.map((c) => c.method)).toEqual(['Subscribe', 'Unsubscribe']);
    expect(sync.idle).toBe(true);
  });
});
