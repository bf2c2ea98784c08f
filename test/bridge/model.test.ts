import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesWhere } from '../../src/bridge/filter.ts';
import {
  parseShard,
  parseWhere,
  type StartBridgeOptions,
  shardOf,
  startBridge,
} from '../../src/bridge/index.ts';
import { eventMessageId } from '../../src/bridge/message.ts';
import { resolveBridgeOptions } from '../../src/bridge/options.ts';
import { Fifo } from '../../src/bridge/queue.ts';
import { prometheusText } from '../../src/bridge/stats.ts';
import { incompatibilities } from '../../src/bridge/stream.ts';

const guid = fc.uuid();

/** FNV-1a, written out independently of the implementation. */
function fnv(text: string): number {
  let hash = 2166136261n;
  for (const char of text) hash = ((hash ^ BigInt(char.charCodeAt(0))) * 16777619n) % 2n ** 32n;
  return Number(hash);
}

describe('shardOf', () => {
  it('puts every entity in exactly one shard, the same one in any case and on every call', () => {
    fc.assert(
      fc.property(guid, fc.integer({ min: 1, max: 64 }), (id, count) => {
        const shard = shardOf(id, count);
        expect(shard).toBeGreaterThanOrEqual(0);
        expect(shard).toBeLessThan(count);
        expect(shardOf(id.toUpperCase(), count)).toBe(shard);
        const owners = Array.from({ length: count }, (_, i) => i).filter((i) => shardOf(id, count) === i);
        expect(owners).toEqual([shard]);
      }),
    );
  });

  it('spreads entities over the shards', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++)
      counts[shardOf(`c9eeb030-ff4b-ea11-ac9c-${String(i).padStart(12, '0')}`, 4)]!++;
    for (const count of counts) expect(count).toBeGreaterThan(700);
  });

  it('is pinned: a new version must never move an entity to another shard', () => {
    // 32-bit FNV-1a of the lower-case id, modulo n: documented in docs/bridge.md.
    expect(shardOf('c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3', 1000)).toBe(
      fnv('c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3') % 1000,
    );
    expect([0, 1, 2, 3].map((i) => shardOf(`aa9730c4-ce86-e611-80c9-00505689257${i}`, 4))).toEqual([
      3, 0, 1, 2,
    ]);
  });

  it('parses i/n from 0 and refuses anything else', () => {
    expect(parseShard('1/4')).toEqual({ index: 1, count: 4 });
    for (const bad of ['5/4', '-1/2', '1', '1/0', 'a/b', '1/2/3'])
      expect(() => parseShard(bad)).toThrow(TypeError);
  });

  it('covers every entity once whether the shards are numbered from 0 or from 1', () => {
    const fromZero = [0, 1, 2].map((i) => parseShard(`${i}/3`).index).sort();
    const fromOne = [1, 2, 3].map((i) => parseShard(`${i}/3`).index).sort();
    expect(fromZero).toEqual([0, 1, 2]);
    expect(fromOne).toEqual([0, 1, 2]);
  });
});

describe('message ids', () => {
  it('are the event id when there is one', () => {
    expect(eventMessageId('QueueStatus', 'q', { id: 'abc' })).toBe('abc');
  });

  it('otherwise hash name, entity, timestamp and payload, whatever the key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.jsonValue()), (data) => {
        const reversed = Object.fromEntries(Object.entries(data).reverse());
        expect(eventMessageId('E', 'x', { ...data, id: undefined })).toBe(
          eventMessageId('E', 'x', { ...reversed, id: undefined }),
        );
      }),
    );
    const base = { timestamp: 't', a: 1 };
    const id = eventMessageId('E', 'x', base);
    expect(id).toMatch(/^h-[0-9a-f]{40}$/);
    expect(eventMessageId('F', 'x', base)).not.toBe(id);
    expect(eventMessageId('E', 'y', base)).not.toBe(id);
    expect(eventMessageId('E', 'x', { ...base, a: 2 })).not.toBe(id);
  });
});

describe('where predicates', () => {
  it('parse the CLI syntax', () => {
    expect(parseWhere('QueueStatus.nbrOfQueuingRequesters>=5')).toEqual({
      eventName: 'QueueStatus',
      path: ['nbrOfQueuingRequesters'],
      operator: '>=',
      value: 5,
    });
    expect(parseWhere("UserStatus.activeQueueId = 'x y'")).toMatchObject({ operator: '==', value: 'x y' });
    expect(parseWhere('*.a.b!=null')).toMatchObject({ eventName: '*', path: ['a', 'b'], value: null });
    expect(() => parseWhere('nbr>=5')).toThrow(TypeError);
  });

  it('compare numbers as numbers, strings as strings, and leave other events alone', () => {
    const ge5 = parseWhere('QueueStatus.n>=5');
    expect(matchesWhere(ge5, 'QueueStatus', { n: 5 })).toBe(true);
    expect(matchesWhere(ge5, 'QueueStatus', { n: 10 })).toBe(true);
    expect(matchesWhere(ge5, 'QueueStatus', { n: 4 })).toBe(false);
    expect(matchesWhere(ge5, 'QueueStatus', {})).toBe(false);
    expect(matchesWhere(ge5, 'UserStatus', {})).toBe(true);
    expect(matchesWhere(parseWhere('QueueStatus.name==Sales'), 'QueueStatus', { name: 'Sales' })).toBe(true);
    expect(matchesWhere(parseWhere('QueueStatus.open==true'), 'QueueStatus', { open: false })).toBe(false);
    expect(matchesWhere(parseWhere('QueueStatus.n<3'), 'QueueStatus', { n: 2 })).toBe(true);
    expect(matchesWhere(parseWhere('*.x.y>1'), 'Any', { x: { y: 2 } })).toBe(true);
  });
});

const valid: StartBridgeOptions = {
  rte: { apiUrl: 'http://127.0.0.1:1/', auth: { bearer: 'x' } },
  // Nothing listens there: a TypeError must come before any attempt to connect.
  nats: 'nats://127.0.0.1:9',
  events: ['queuestatus'],
  entities: ['C9EEB030-FF4B-EA11-AC9C-00155D4FDCF3'],
};

describe('options', () => {
  it('fill in the documented defaults and canonical names', () => {
    const resolved = resolveBridgeOptions(valid);
    expect(resolved).toMatchObject({
      servers: ['nats://127.0.0.1:9'],
      events: ['QueueStatus'],
      entities: ['c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3'],
      prefix: 'rte',
      stream: { name: 'RTE', retention: 'limits', duplicateWindowMs: 120_000 },
      maxEvents: 100_000,
      maxBytes: 64 * 1024 * 1024,
      overflow: 'drop-oldest',
      maxInFlight: 512,
    });
  });

  it.each([
    ['no way to get an RTE token', { rte: {} }],
    ['no events', { events: [] }],
    ['no entities', { entities: [] }],
    ['no NATS server', { nats: { servers: [] } }],
    ['a short duplicate window', { stream: { duplicateWindowMs: 60_000 } }],
    ['a wildcard prefix', { subjectPrefix: 'rte.*' }],
    ['a bad stream name', { stream: { name: 'a.b' } }],
    ['a bad shard', { shard: { index: 3, count: 3 } }],
    ['a bad overflow policy', { buffer: { overflow: 'block' } }],
    ['a zero window', { publish: { maxInFlight: 0 } }],
    ['a bad where', { filters: { where: ['nope'] } }],
    ['a filter that is no function', { filters: { filter: true } }],
  ])('reject %s with a TypeError before connecting anywhere', async (_, extra) => {
    await expect(startBridge({ ...valid, ...(extra as object) })).rejects.toThrow(TypeError);
  });
});

describe('stream compatibility', () => {
  const wanted = resolveBridgeOptions(valid);
  const good = {
    subjects: ['rte.>'],
    storage: 'file' as const,
    retention: 'limits' as const,
    duplicate_window: 120_000_000_000,
  };

  it('accepts the stream the bridge would create, or one catching every subject', () => {
    expect(incompatibilities(good, wanted)).toEqual([]);
    expect(
      incompatibilities({ ...good, subjects: ['>'], duplicate_window: 600_000_000_000 }, wanted),
    ).toEqual([]);
  });

  it('names every mismatch', () => {
    const problems = incompatibilities(
      { subjects: ['rte.x.>'], storage: 'memory', retention: 'workqueue', duplicate_window: 1_000_000_000 },
      wanted,
    );
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/subjects.*storage.*retention.*duplicate window/s);
  });
});

describe('Fifo', () => {
  it('behaves like an array queue under any sequence of pushes and shifts', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer(), fc.constant(null)), { maxLength: 5000 }), (ops) => {
        const fifo = new Fifo<number>();
        const model: number[] = [];
        for (const op of ops) {
          if (op === null) expect(fifo.shift()).toBe(model.shift());
          else {
            fifo.push(op);
            model.push(op);
          }
          expect(fifo.length).toBe(model.length);
        }
        expect(fifo.clear()).toEqual(model);
      }),
    );
  });
});

describe('Prometheus text', () => {
  it('has a HELP and TYPE line per metric and one sample per drop reason', () => {
    const text = prometheusText({
      bridgeId: 'b"1',
      received: 3,
      published: 2,
      duplicates: 1,
      gaps: 0,
      buffered: 0,
      bufferedBytes: 0,
      inFlight: 0,
      dropped: {
        event: 1,
        entity: 0,
        where: 0,
        filter: 0,
        filterError: 0,
        overflow: 0,
        rejected: 0,
        shutdown: 0,
      },
      errors: { publish: 0, enrich: 0, rte: 0 },
      reconnects: { rte: 0, nats: 0 },
      natsConnected: true,
      rteState: 'connected',
    });
    expect(text).toMatch(/^enreach_rte_bridge_received_total\{bridge="b_1"\} 3$/m);
    expect(text).toMatch(/^enreach_rte_bridge_dropped_total\{bridge="b_1",reason="event"\} 1$/m);
    expect(text.match(/^# TYPE /gm)).toHaveLength(12);
    expect(text.endsWith('\n')).toBe(true);
  });
});
