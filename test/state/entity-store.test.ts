import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EntityCell } from '../../src/state/entity-cell.ts';
import { type EntitySource, EntityStore } from '../../src/state/entity-store.ts';
import { type Value, value } from './support.ts';

const Q1 = 'aa97e2f0-0b6f-4d5c-9c0e-2f7b1e9c1a01';
const Q2 = '5d9c1b7e-3f2a-4e8d-b6c1-0a9f8e7d6c02';

/** Opens real cells and records who was opened and released. */
function opener() {
  const open = new Map<string, EntityCell<Value>>();
  const log: string[] = [];
  const openEntity = (eventName: string, entityId: string): EntitySource<Value> => {
    const c = new EntityCell<Value>({ entityId });
    open.set(entityId, c);
    log.push(`open ${eventName} ${entityId}`);
    return {
      subscribe: c.subscribe,
      getSnapshot: c.getSnapshot,
      [Symbol.dispose]: () => {
        log.push(`release ${entityId}`);
        open.delete(entityId);
        c.dispose();
      },
    };
  };
  return { openEntity, open, log };
}

describe('an entity store', () => {
  it('opens one source per entity it is given, and reads each entity through it', () => {
    const { openEntity, open, log } = opener();
    const store = new EntityStore('QueueStatus', openEntity, [Q1, Q2]);
    expect(log).toEqual([`open QueueStatus ${Q1}`, `open QueueStatus ${Q2}`]);
    open.get(Q1)!.receive(value(1, 1));
    expect(store.get(Q1)).toMatchObject({ freshness: 'live', latest: value(1, 1) });
    expect(store.get(Q2)).toMatchObject({ freshness: 'empty' });
    expect(store.get('unknown')).toBeUndefined();
    expect([...store.entries()].map(([id, s]) => [id, s.latest])).toEqual([
      [Q1, value(1, 1)],
      [Q2, undefined],
    ]);
    expect(store.size).toBe(2);
  });

  it('compares entity ids as GUIDs: braces, case and dashes name one entity', () => {
    const { openEntity, log } = opener();
    const store = new EntityStore('QueueStatus', openEntity, [Q1]);
    store.add([`{${Q1.toUpperCase()}}`, Q1.replace(/-/g, '')]);
    expect(log).toHaveLength(1);
    expect(store.has(Q1.toUpperCase())).toBe(true);
    expect(store.get(`{${Q1}}`)).toBe(store.get(Q1));
    expect(store.getSnapshot().get(Q1.toUpperCase())).toBe(store.get(Q1));
    expect([...store.entries()][0]![0]).toBe(Q1);
  });

  it('accepts a single id as well as a list, and no ids at all', () => {
    const { openEntity } = opener();
    const store = new EntityStore('QueueStatus', openEntity);
    expect(store.size).toBe(0);
    store.add(Q1);
    expect(store.has(Q1)).toBe(true);
    store.delete(Q1);
    expect(store.size).toBe(0);
  });

  it('releases the source of every entity it deletes, once, and ignores unknown ids', () => {
    const { openEntity, open, log } = opener();
    const store = new EntityStore('QueueStatus', openEntity, [Q1, Q2]);
    store.delete([Q1.toUpperCase(), 'unknown']);
    store.delete([Q1]);
    expect(log).toEqual([`open QueueStatus ${Q1}`, `open QueueStatus ${Q2}`, `release ${Q1}`]);
    expect(open.has(Q1)).toBe(false);
    expect(store.has(Q1)).toBe(false);
  });

  it('tells its listeners about every change of an entity and of membership, not after they leave', () => {
    const { openEntity, open } = opener();
    const store = new EntityStore('QueueStatus', openEntity, [Q1]);
    let calls = 0;
    const off = store.subscribe(() => calls++);
    open.get(Q1)!.receive(value(1, 1));
    expect(calls).toBe(1);
    store.add(Q2);
    expect(calls).toBe(2);
    store.add(Q2);
    expect(calls).toBe(2);
    store.delete(Q2);
    expect(calls).toBe(3);
    off();
    open.get(Q1)!.receive(value(2, 2));
    expect(calls).toBe(3);
  });

  it('stops listening to a deleted entity', () => {
    const { openEntity, open } = opener();
    const store = new EntityStore('QueueStatus', openEntity, [Q1]);
    const cell = open.get(Q1)!;
    store.delete(Q1);
    let calls = 0;
    store.subscribe(() => calls++);
    cell.receive(value(1, 1));
    expect(calls).toBe(0);
  });

  it('keeps its snapshot identity until something changes, and freezes it', () => {
    const { openEntity, open } = opener();
    const store = new EntityStore('QueueStatus', openEntity, [Q1, Q2]);
    const first = store.getSnapshot();
    expect(store.getSnapshot()).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.entries)).toBe(true);
    expect(first.size).toBe(2);
    open.get(Q2)!.receive(value(1, 1));
    const second = store.getSnapshot();
    expect(second).not.toBe(first);
    expect(second.get(Q2)?.latest).toEqual(value(1, 1));
    expect(first.get(Q2)?.latest).toBeUndefined();
    expect(second.get(Q1)).toBe(first.get(Q1));
  });

  it('releases everything on dispose, then refuses to add and ignores deletes', () => {
    const { openEntity, open, log } = opener();
    const store = new EntityStore('QueueStatus', openEntity, [Q1, Q2]);
    let calls = 0;
    store.subscribe(() => calls++);
    store[Symbol.dispose]();
    expect(open.size).toBe(0);
    expect(log.filter((line) => line.startsWith('release'))).toHaveLength(2);
    expect(store.size).toBe(0);
    expect(() => store.add(Q1)).toThrow(/disposed/);
    store.delete(Q1);
    store.dispose();
    expect(log.filter((line) => line.startsWith('release'))).toHaveLength(2);
    expect(calls).toBe(0);
  });

  it('runs every listener when one throws, and passes the failure on', () => {
    const { openEntity, open } = opener();
    const store = new EntityStore('QueueStatus', openEntity, [Q1]);
    let called = false;
    store.subscribe(() => {
      throw new Error('boom');
    });
    store.subscribe(() => {
      called = true;
    });
    expect(() => store.add(Q2)).toThrow('boom');
    expect(called).toBe(true);
    expect(open.size).toBe(2);
  });

  it('rejects bad arguments with a TypeError', () => {
    const { openEntity } = opener();
    expect(() => new EntityStore('', openEntity)).toThrow(TypeError);
    expect(() => new EntityStore('QueueStatus', 'x' as never)).toThrow(TypeError);
    expect(() => new EntityStore('QueueStatus', openEntity, [''])).toThrow(TypeError);
    expect(() => new EntityStore('QueueStatus', openEntity, [5 as never])).toThrow(TypeError);
  });

  it('holds exactly the ids added and not deleted, with one open source each, for any sequence', () => {
    const ids = ['a', 'A', 'b', Q1, Q1.toUpperCase(), `{${Q1}}`, Q2];
    const canonical = (id: string) => (id === 'A' ? 'a' : id.replace(/[{}]/g, '').toLowerCase());
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.subarray(ids)), { maxLength: 30 }), (operations) => {
        const { openEntity, open } = opener();
        const store = new EntityStore('QueueStatus', openEntity);
        const model = new Set<string>();
        for (const [add, list] of operations) {
          if (add) {
            store.add(list);
            for (const id of list) model.add(canonical(id));
          } else {
            store.delete(list);
            for (const id of list) model.delete(canonical(id));
          }
          expect(new Set([...store.entries()].map(([id]) => canonical(id)))).toEqual(model);
          expect(open.size).toBe(model.size);
          expect(store.getSnapshot().size).toBe(model.size);
        }
        store.dispose();
        expect(open.size).toBe(0);
      }),
    );
  });
});
