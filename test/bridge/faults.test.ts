import { describe, expect, it } from 'vitest';
import type { Bridge } from '../../src/bridge/index.ts';
import { bridgeHarness, eventIds, publishQueueStatus, QUEUES, readStream, until } from './support.ts';

// A test that stopped nats-server has it started again before its bridges close.
const h = bridgeHarness({ publish: { ackTimeoutMs: 1000, maxRetryDelayMs: 200 } }, (harness) =>
  harness.nats.run().catch(() => undefined),
);

const settled = (b: Bridge, count: number) => () => {
  const s = b.stats();
  return s.published + s.duplicates === count && s.buffered === 0 && s.inFlight === 0;
};

describe('a NATS restart', () => {
  it('loses nothing and duplicates nothing when nats-server restarts mid-stream on the same store', async () => {
    const b = await h.bridge('restart');
    const before = publishQueueStatus(h.emu, QUEUES, 200, 0);
    await until(() => b.stats().published >= 50, 10_000, 'some acks before the restart');
    await h.nats.stop('SIGKILL');
    await until(() => !b.stats().natsConnected, 5_000, 'the bridge to notice');
    const during = publishQueueStatus(h.emu, QUEUES, 200, 200);
    await until(() => b.stats().received === 400, 5_000, 'events received while NATS is down');
    expect(b.stats().buffered).toBeGreaterThan(0);
    await h.nats.run();
    const after = publishQueueStatus(h.emu, QUEUES, 200, 400);
    await until(settled(b, 600), 20_000, 'every event acknowledged');
    const stored = await readStream(h.nats.url, 'RESTART');
    const ids = eventIds(stored);
    expect(ids).toHaveLength(600);
    expect(new Set(ids)).toEqual(new Set([...before, ...during, ...after]));
    expect(b.stats().reconnects.nats).toBe(1);
    expect(b.stats().dropped.overflow).toBe(0);
  }, 40_000);
});

describe('buffer overflow', () => {
  it('drops the oldest events beyond the buffer, counts them, and publishes a gap marker when NATS is back', async () => {
    const b = await h.bridge('overflow', { buffer: { maxEvents: 50 } });
    await h.nats.stop();
    await until(() => !b.stats().natsConnected, 5_000, 'the bridge to notice');
    const ids = publishQueueStatus(h.emu, QUEUES, 120, 2000);
    await until(() => b.stats().received === 120, 5_000, 'events received');
    expect(b.stats()).toMatchObject({ buffered: 50, dropped: expect.objectContaining({ overflow: 70 }) });
    await h.nats.run();
    await until(() => b.stats().gaps === 1 && settled(b, 50)(), 15_000, 'the buffer flushed');
    const stored = await readStream(h.nats.url, 'OVERFLOW');
    expect(eventIds(stored)).toEqual(ids.slice(70));
    const gaps = stored.filter((m) => m.subject.endsWith('._gaps'));
    expect(gaps).toHaveLength(1);
    expect(gaps[0]!.subject).toBe(`overflow.${h.emu.credentials.organizationId}._gaps`);
    expect(gaps[0]!.body).toMatchObject({
      type: 'overflow',
      dropped: 70,
      policy: 'drop-oldest',
      bridge: b.id,
      events: ['QueueStatus'],
      entities: expect.arrayContaining(QUEUES),
    });
  }, 30_000);

  it('with drop-newest keeps the oldest events and drops the incoming ones', async () => {
    const b = await h.bridge('newest', { buffer: { maxEvents: 30, overflow: 'drop-newest' } });
    await h.nats.stop();
    await until(() => !b.stats().natsConnected, 5_000, 'the bridge to notice');
    const ids = publishQueueStatus(h.emu, QUEUES, 80, 3000);
    await until(() => b.stats().received === 80, 5_000, 'events received');
    await h.nats.run();
    await until(() => b.stats().gaps === 1 && settled(b, 30)(), 15_000, 'the buffer flushed');
    expect(b.stats().dropped.overflow).toBe(50);
    expect(eventIds(await readStream(h.nats.url, 'NEWEST'))).toEqual(ids.slice(0, 30));
  }, 30_000);
});

describe('an RTE drop', () => {
  it('publishes a resynced gap marker for its entities, then keeps streaming', async () => {
    const b = await h.bridge('drop', { organizationId: h.emu.credentials.organizationId });
    const before = publishQueueStatus(h.emu, QUEUES, 20, 4000);
    await until(settled(b, 20), 10_000, 'events before the drop');
    h.emu.dropConnections();
    await until(() => b.stats().gaps === 1, 10_000, 'the gap marker');
    const after = publishQueueStatus(h.emu, QUEUES, 20, 4100);
    await until(settled(b, 40), 10_000, 'events after the drop');
    const stored = await readStream(h.nats.url, 'DROP');
    const gapIndex = stored.findIndex((m) => m.subject === `drop.${h.emu.credentials.organizationId}._gaps`);
    expect(gapIndex).toBe(20);
    expect(stored[gapIndex]!.body).toMatchObject({
      type: 'resynced',
      bridge: b.id,
      organizationId: h.emu.credentials.organizationId,
      restored: 3,
      downtimeMs: expect.any(Number),
      from: expect.any(String),
      to: expect.any(String),
      events: ['QueueStatus'],
      entities: QUEUES,
    });
    expect(eventIds(stored)).toEqual([...before, ...after]);
    expect(b.stats().reconnects.rte).toBe(1);
  });

  it('names the organization from the RTE token when no event has told the bridge yet', async () => {
    const b = await h.bridge('early');
    await until(() => h.emu.stats().subscriptions >= 3, 10_000, 'subscriptions');
    h.emu.dropConnections();
    await until(() => b.stats().gaps === 1, 10_000, 'the gap marker');
    const [gap] = await readStream(h.nats.url, 'EARLY');
    expect(gap!.subject).toBe(`early.${h.emu.credentials.organizationId}._gaps`);
    expect(gap!.headers['Rte-Event']).toBe('_gap');
  });
});

describe('a message NATS cannot take', () => {
  it('is dropped as rejected, counted, and does not hold up the events behind it', async () => {
    const b = await h.bridge('large');
    h.emu.publish('QueueStatus', QUEUES[0]!, {
      id: 'f0000000-0000-4000-8000-000000000001',
      queueName: 'x'.repeat(1_100_000),
    });
    const [next] = publishQueueStatus(h.emu, QUEUES, 1, 9500);
    await until(() => b.stats().published === 1 && b.stats().dropped.rejected === 1, 10_000, 'the verdicts');
    expect((await readStream(h.nats.url, 'LARGE')).map((m) => m.msgId)).toEqual([next]);
  });
});
