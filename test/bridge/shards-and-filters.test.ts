import { describe, expect, it } from 'vitest';
import { shardOf } from '../../src/bridge/index.ts';
import { bridgeHarness, eventIds, QUEUES, readStream, until } from './support.ts';

const h = bridgeHarness();

const entity = (i: number) => `a0000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const eventId = (i: number) => `b0000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

describe('shards', () => {
  it('split the entity list so that every entity is bridged by exactly one shard, also with two bridges per shard', async () => {
    const entities = Array.from({ length: 40 }, (_, i) => entity(i));
    const shards = [0, 1, 2].map((index) => ({ index, count: 3 }));
    const started = await Promise.all([
      ...shards.map((shard) => h.bridge('shard', { entities, shard, bridgeId: `s${shard.index}` })),
      h.bridge('shard', { entities, shard: shards[0]!, bridgeId: 's0-twin' }),
    ]);
    expect(started.slice(0, 3).reduce((sum, b) => sum + b.subscribed, 0)).toBe(40);
    entities.forEach((id, i) => {
      h.emu.publish('QueueStatus', id, { id: eventId(i), nbrOfQueuingRequesters: 1 });
    });
    await until(
      () =>
        started.reduce((sum, b) => sum + b.stats().published + b.stats().duplicates, 0) ===
        40 + started[0]!.subscribed,
      10_000,
      'every shard acked',
    );
    const stored = await readStream(h.nats.url, 'SHARD');
    expect(eventIds(stored).sort()).toEqual(entities.map((_, i) => eventId(i)).sort());
    for (const message of stored) {
      const owner = shardOf(message.body.entityId as string, 3);
      expect(String(message.body.bridge).startsWith(`s${owner}`)).toBe(true);
    }
    expect(started[0]!.stats().published + started[3]!.stats().published).toBe(started[0]!.subscribed);
  });
});

describe('filters', () => {
  it('know an entity in whichever GUID form it is given, as the hub does', async () => {
    const [q0, q1] = QUEUES as [string, string];
    // Braced upper case and 32 digits: the hub accepts both and writes the id in its dashed form.
    const b = await h.bridge('forms', {
      entities: [`{${q0.toUpperCase()}}`, q1.replaceAll('-', '')],
      filters: { includeEntities: [q0.replaceAll('-', ''), `(${q1})`], excludeEntities: [`{${q1}}`] },
      shard: { index: shardOf(`{${q0.toUpperCase()}}`, 1), count: 1 },
    });
    expect(b.subscribed).toBe(2);
    h.emu.publish('QueueStatus', q0, { id: eventId(300), nbrOfQueuingRequesters: 1 });
    h.emu.publish('QueueStatus', q1, { id: eventId(301), nbrOfQueuingRequesters: 1 });
    await until(() => b.stats().received === 2 && b.stats().published === 1, 10_000, 'both events');
    expect(b.stats().dropped.entity).toBe(1);
    expect(shardOf(`{${q0.toUpperCase()}}`, 7)).toBe(shardOf(q0, 7));
    expect(shardOf(q0.replaceAll('-', ''), 7)).toBe(shardOf(q0, 7));
  });

  it('drop by event, entity, where and filter function, count each reason, and publish the enrichment', async () => {
    const b = await h.bridge('filters', {
      events: ['QueueStatus', 'UserStatus'],
      entities: [...QUEUES, h.emu.credentials.userId],
      filters: {
        excludeEvents: ['userstatus'],
        excludeEntities: [QUEUES[2]!.toUpperCase()],
        where: ['QueueStatus.nbrOfQueuingRequesters>=5', 'QueueStatus.queueName!=Hidden'],
        filter: (event) => {
          if (event.data.queueName === 'Boom') throw new Error('filter bug');
          return event.data.queueName !== 'Drop';
        },
        enrich: (event) => {
          if (event.data.queueName === 'Plain') throw new Error('enrich bug');
          return { waiting: event.data.nbrOfQueuingRequesters };
        },
      },
    });
    const [q0, q1, q2] = QUEUES as [string, string, string];
    const send = (queue: string, i: number, data: Record<string, unknown>) =>
      h.emu.publish('QueueStatus', queue, { id: eventId(100 + i), ...data });
    send(q0, 1, { nbrOfQueuingRequesters: 5, queueName: 'Sales' }); // published, enriched
    send(q0, 2, { nbrOfQueuingRequesters: 4, queueName: 'Sales' }); // where
    send(q0, 3, { nbrOfQueuingRequesters: 9, queueName: 'Hidden' }); // where
    send(q1, 4, { nbrOfQueuingRequesters: 9, queueName: 'Drop' }); // filter
    send(q1, 5, { nbrOfQueuingRequesters: 9, queueName: 'Boom' }); // filterError
    send(q1, 6, { nbrOfQueuingRequesters: 9, queueName: 'Plain' }); // published, enrich error
    send(q2, 7, { nbrOfQueuingRequesters: 9, queueName: 'Sales' }); // entity
    h.emu.publish('UserStatus', h.emu.credentials.userId, { id: eventId(108) }); // event
    await until(() => b.stats().received === 8 && b.stats().published === 2, 10_000, 'filtered events');
    expect(b.stats()).toMatchObject({
      dropped: { event: 1, entity: 1, where: 2, filter: 1, filterError: 1, overflow: 0 },
      errors: expect.objectContaining({ enrich: 1 }),
    });
    const stored = await readStream(h.nats.url, 'FILTERS');
    expect(stored.map((m) => m.msgId)).toEqual([eventId(101), eventId(106)]);
    expect(stored[0]!.body.enrichment).toEqual({ waiting: 5 });
    expect(stored[1]!.body).not.toHaveProperty('enrichment');
  });
});

describe('message ids', () => {
  it('fall back to one stable hash for an event without an id, so two bridges still store it once', async () => {
    const a = await h.bridge('hash', { bridgeId: 'a' });
    const b = await h.bridge('hash', { bridgeId: 'b' });
    const payload = { nbrOfQueuingRequesters: 3, timestamp: '2026-01-01T00:00:00Z', id: '' };
    h.emu.publish('QueueStatus', QUEUES[0]!, payload);
    h.emu.publish('QueueStatus', QUEUES[0]!, { ...payload, nbrOfQueuingRequesters: 4 });
    const acked = () => [a, b].reduce((sum, x) => sum + x.stats().published + x.stats().duplicates, 0);
    await until(() => acked() === 4, 10_000, 'both bridges acked');
    const stored = await readStream(h.nats.url, 'HASH');
    expect(stored).toHaveLength(2);
    expect(stored.every((m) => /^h-[0-9a-f]{40}$/.test(m.msgId!))).toBe(true);
    expect(stored[0]!.msgId).not.toBe(stored[1]!.msgId);
  });
});
