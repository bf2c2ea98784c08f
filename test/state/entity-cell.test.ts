import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/connection/backoff.ts';
import { EntityCell, payloadTimestamp } from '../../src/state/entity-cell.ts';
import { at, cell, flush, manualLoader, type Value, value } from './support.ts';

describe('an entity cell without a loader', () => {
  it('starts empty and pending, with a frozen snapshot', () => {
    const { cell: c } = cell();
    const snapshot = c.getSnapshot();
    expect(snapshot).toEqual({
      state: 'pending',
      freshness: 'empty',
      latest: undefined,
      updatedAt: undefined,
      error: undefined,
    });
    expect(Object.isFrozen(snapshot)).toBe(true);
  });

  it('keeps the last event as latest, live, stamped with the time it arrived', () => {
    const { cell: c, time } = cell();
    c.setState('live');
    time.advance(5);
    const first = value(1, 1);
    c.receive(first);
    expect(c.getSnapshot()).toMatchObject({
      state: 'live',
      freshness: 'live',
      latest: first,
      updatedAt: 1_005,
    });
    time.advance(5);
    const second = value(2, 2);
    c.receive(second);
    expect(c.getSnapshot()).toMatchObject({ freshness: 'live', latest: second, updatedAt: 1_010 });
  });

  it('marks a held value stale on a drop and live again on the next event', () => {
    const { cell: c } = cell();
    c.setState('live');
    c.receive(value(1, 1));
    c.setState('resubscribing');
    expect(c.getSnapshot()).toMatchObject({
      state: 'resubscribing',
      freshness: 'stale',
      latest: value(1, 1),
    });
    c.setState('live');
    expect(c.getSnapshot().freshness).toBe('stale');
    c.receive(value(2, 2));
    expect(c.getSnapshot()).toMatchObject({ state: 'live', freshness: 'live', latest: value(2, 2) });
  });

  it('stays empty through a drop when nothing was received', () => {
    const { cell: c } = cell();
    c.setState('live');
    c.drop();
    expect(c.getSnapshot()).toMatchObject({ state: 'resubscribing', freshness: 'empty' });
  });

  it('marks a value stale on every drop, even one before the pair was confirmed', () => {
    const { cell: c } = cell();
    c.receive(value(1, 1));
    c.drop();
    expect(c.getSnapshot()).toMatchObject({ state: 'pending', freshness: 'stale' });
    c.receive(value(2, 2));
    expect(c.getSnapshot().freshness).toBe('live');
    c.drop();
    expect(c.getSnapshot().freshness).toBe('stale');
  });

  it('never lets an event replace a value with a newer timestamp, and reads the pair as live', () => {
    const { cell: c } = cell();
    c.setState('live');
    c.receive(value(2, 20));
    c.drop();
    c.setState('live');
    c.receive(value(1, 10));
    expect(c.getSnapshot()).toMatchObject({ freshness: 'live', latest: value(2, 20) });
  });

  it('goes by arrival for values without a timestamp, and an equal timestamp lets the later one win', () => {
    const { cell: c } = cell();
    c.receive(value(1, 10));
    c.receive(value(2));
    expect(c.getSnapshot().latest).toEqual(value(2));
    c.receive(value(3, 5));
    expect(c.getSnapshot().latest).toEqual(value(3, 5));
    c.receive(value(4, 5));
    expect(c.getSnapshot().latest).toEqual(value(4, 5));
  });

  it('reads timestamps with timestampOf when given', () => {
    const c = new EntityCell<{ n: number; at: number }>({ entityId: 'q1', timestampOf: (data) => data.at });
    c.receive({ n: 1, at: 20 });
    c.receive({ n: 2, at: 10 });
    expect(c.getSnapshot().latest).toEqual({ n: 1, at: 20 });
  });

  it('treats a throwing or non-finite timestampOf as no timestamp', () => {
    const c = new EntityCell<{ n: number }>({
      entityId: 'q1',
      timestampOf: (data) => {
        if (data.n === 1) throw new Error('no');
        return Number.NaN;
      },
    });
    c.receive({ n: 1 });
    c.receive({ n: 2 });
    expect(c.getSnapshot().latest).toEqual({ n: 2 });
  });

  it('leaves a held value stale when the hub refuses the pair, and ignores later events', () => {
    const { cell: c } = cell();
    c.setState('live');
    c.receive(value(1, 1));
    c.setState('refused');
    expect(c.getSnapshot()).toMatchObject({ state: 'refused', freshness: 'stale' });
    c.receive(value(2, 2));
    expect(c.getSnapshot().latest).toEqual(value(1, 1));
  });

  it('closes on dispose, ignores everything after and lets go of its listeners', () => {
    const { cell: c, changes } = cell();
    c.receive(value(1, 1));
    c[Symbol.dispose]();
    expect(c.getSnapshot()).toMatchObject({ state: 'closed', latest: value(1, 1) });
    const before = changes();
    c.receive(value(2, 2));
    c.setState('live');
    c.drop();
    c.dispose();
    expect(c.getSnapshot()).toMatchObject({ state: 'closed', latest: value(1, 1) });
    expect(changes()).toBe(before);
  });

  it('a closed handle state disposes the cell', () => {
    const { cell: c } = cell();
    c.setState('closed');
    c.receive(value(1, 1));
    expect(c.getSnapshot()).toMatchObject({ state: 'closed', freshness: 'empty', latest: undefined });
  });

  it('rejects an empty entity id and a loader that is not a function', () => {
    expect(() => new EntityCell({ entityId: '' })).toThrow(TypeError);
    expect(() => new EntityCell({ entityId: 'x', getState: 'no' as never })).toThrow(/getState/);
  });
});

describe('the snapshot identity', () => {
  it('is the same object until something changes, and each change notifies once', () => {
    const { cell: c, changes } = cell();
    const first = c.getSnapshot();
    expect(c.getSnapshot()).toBe(first);
    c.setState('pending');
    expect(c.getSnapshot()).toBe(first);
    expect(changes()).toBe(0);
    c.setState('live');
    const second = c.getSnapshot();
    expect(second).not.toBe(first);
    expect(changes()).toBe(1);
    const data = value(1, 1);
    c.receive(data);
    const third = c.getSnapshot();
    expect(changes()).toBe(2);
    c.receive(data); // same object, same clock time: nothing changed
    expect(c.getSnapshot()).toBe(third);
    expect(changes()).toBe(2);
  });

  it('changes when only updatedAt changes', () => {
    const { cell: c, time } = cell();
    const data = value(1, 1);
    c.receive(data);
    const before = c.getSnapshot();
    time.advance(1);
    c.receive(data);
    expect(c.getSnapshot()).not.toBe(before);
    expect(c.getSnapshot().updatedAt).toBe(1_001);
  });

  it('runs every listener even when one throws, and reports the throw', () => {
    const { cell: c, errors } = cell();
    let called = 0;
    c.subscribe(() => {
      throw new Error('boom');
    });
    c.subscribe(() => called++);
    c.receive(value(1, 1));
    expect(called).toBe(1);
    expect(errors).toEqual([
      { error: new Error('boom'), context: { kind: 'listener', entityId: c.entityId } },
    ]);
  });

  it('stops calling a listener once unsubscribed, per subscription', () => {
    const c = new EntityCell<Value>({ entityId: 'q1' });
    let calls = 0;
    const listener = () => calls++;
    const off1 = c.subscribe(listener);
    const off2 = c.subscribe(listener);
    c.receive(value(1, 1));
    expect(calls).toBe(2);
    off1();
    c.receive(value(2, 2));
    expect(calls).toBe(3);
    off2();
    c.receive(value(3, 3));
    expect(calls).toBe(3);
  });
});

describe('an entity cell with a snapshot loader', () => {
  it('calls the loader once the pair is live, not before, and not again without a gap', async () => {
    const loader = manualLoader();
    const { cell: c } = cell({ getState: loader.load });
    expect(loader.calls).toHaveLength(0);
    c.setState('live');
    expect(loader.calls).toHaveLength(1);
    expect(loader.last().entityId).toBe(c.entityId);
    expect(c.loading).toBe(true);
    loader.last().answer.resolve(value(1, 1));
    await c.whenIdle();
    expect(c.getSnapshot()).toMatchObject({ freshness: 'live', latest: value(1, 1), updatedAt: 1_000 });
    c.setState('pending');
    c.setState('live');
    expect(loader.calls).toHaveLength(1);
  });

  it('calls the loader again after every gap, and restores the pair with it', async () => {
    const loader = manualLoader();
    const { cell: c } = cell({ getState: loader.load });
    c.setState('live');
    loader.last().answer.resolve(value(1, 1));
    await c.whenIdle();
    for (let gap = 2; gap <= 3; gap++) {
      c.setState('resubscribing');
      expect(c.getSnapshot().freshness).toBe('stale');
      c.setState('live');
      expect(loader.calls).toHaveLength(gap);
      loader.last().answer.resolve(value(gap, gap));
      await c.whenIdle();
      expect(c.getSnapshot()).toMatchObject({ freshness: 'live', latest: value(gap, gap) });
    }
  });

  it('holds events that arrive while it loads, so the snapshot does not change until it answers', async () => {
    const loader = manualLoader();
    const { cell: c } = cell({ getState: loader.load });
    c.setState('live');
    const before = c.getSnapshot();
    c.receive(value(2, 20));
    expect(c.getSnapshot()).toBe(before);
    loader.last().answer.resolve(value(1, 10));
    await c.whenIdle();
    expect(c.getSnapshot()).toMatchObject({ freshness: 'live', latest: value(2, 20) });
  });

  it('a late snapshot never overwrites a newer held event', async () => {
    const loader = manualLoader();
    const { cell: c } = cell({ getState: loader.load });
    c.setState('live');
    c.receive(value(2, 20));
    c.receive(value(3, 30));
    loader.last().answer.resolve(value(1, 10));
    await c.whenIdle();
    expect(c.getSnapshot().latest).toEqual(value(3, 30));
  });

  it('an old held event never overwrites a newer snapshot', async () => {
    const loader = manualLoader();
    const { cell: c } = cell({ getState: loader.load });
    c.setState('live');
    c.receive(value(1, 10));
    loader.last().answer.resolve(value(2, 20));
    await c.whenIdle();
    expect(c.getSnapshot().latest).toEqual(value(2, 20));
  });

  it('an old event arriving after a newer snapshot does not overwrite it', async () => {
    const loader = manualLoader();
    const { cell: c } = cell({ getState: loader.load });
    c.setState('live');
    loader.last().answer.resolve(value(2, 20));
    await c.whenIdle();
    c.receive(value(1, 10));
    expect(c.getSnapshot().latest).toEqual(value(2, 20));
    c.receive(value(3, 30));
    expect(c.getSnapshot().latest).toEqual(value(3, 30));
  });

  it('counts a snapshot without a timestamp as older than the events held while it loaded', async () => {
    const loader = manualLoader();
    const { cell: c } = cell({ getState: loader.load });
    c.setState('live');
    c.receive(value(2, 20));
    loader.last().answer.resolve(value(1));
    await c.whenIdle();
    expect(c.getSnapshot().latest).toEqual(value(2, 20));
  });

  it('lets a snapshot without a timestamp replace a value from before the gap', async () => {
    const loader = manualLoader();
    const { cell: c } = cell({ getState: loader.load });
    c.receive(value(1, 10));
    c.setState('live');
    loader.last().answer.resolve(value(2));
    await c.whenIdle();
    expect(c.getSnapshot()).toMatchObject({ freshness: 'live', latest: value(2) });
  });

  it('keeps a value newer than the snapshot and reads it as live: the snapshot found nothing newer', async () => {
    const loader = manualLoader();
    const { cell: c, time } = cell({ getState: loader.load });
    c.setState('live');
    loader.last().answer.resolve(value(1, 30));
    await c.whenIdle();
    c.drop();
    c.setState('live');
    time.advance(100);
    loader.last().answer.resolve(value(2, 20));
    await c.whenIdle();
    expect(c.getSnapshot()).toMatchObject({ freshness: 'live', latest: value(1, 30), updatedAt: 1_000 });
  });

  it('reads a loader that resolves undefined as "nothing to restore"', async () => {
    const loader = manualLoader();
    const { cell: c } = cell({ getState: loader.load });
    c.setState('live');
    loader.last().answer.resolve(undefined);
    await c.whenIdle();
    expect(c.getSnapshot()).toMatchObject({ freshness: 'empty', latest: undefined });
    c.receive(value(1, 1));
    c.drop();
    c.setState('live');
    loader.last().answer.resolve(undefined);
    await c.whenIdle();
    expect(c.getSnapshot()).toMatchObject({ freshness: 'live', latest: value(1, 1) });
  });

  it('accepts a loader that answers synchronously', async () => {
    const { cell: c } = cell({ getState: () => value(7, 7) });
    c.setState('live');
    await c.whenIdle();
    expect(c.getSnapshot()).toMatchObject({ freshness: 'live', latest: value(7, 7) });
  });

  it('leaves a failing loader stale, reports it, and retries with backoff until it answers', async () => {
    const loader = manualLoader();
    const {
      cell: c,
      errors,
      sleeps,
    } = cell({ getState: loader.load, retry: { baseDelayMs: 100, maxDelayMs: 250 } });
    c.receive(value(1, 1));
    c.drop();
    c.setState('live');
    const failures = [new Error('503'), new Error('timeout'), new Error('503 again')];
    for (const [index, failure] of failures.entries()) {
      loader.last().answer.reject(failure);
      await flush();
      expect(c.getSnapshot()).toMatchObject({ freshness: 'stale', error: failure, latest: value(1, 1) });
      const expected = Math.max(
        1,
        backoffDelay(index + 1, { baseDelayMs: 100, maxDelayMs: 250, maxAttempts: 1 }, () => 0.5),
      );
      expect(sleeps.at(-1)?.ms).toBe(expected);
      expect(errors.at(-1)).toEqual({
        error: failure,
        context: { kind: 'loader', entityId: c.entityId, attempt: index + 1, retryInMs: expected },
      });
      expect(loader.calls).toHaveLength(index + 1);
      sleeps.at(-1)!.wake();
      await flush();
      expect(loader.calls).toHaveLength(index + 2);
    }
    expect(sleeps.map((s) => s.ms)).toEqual([50, 100, 125]);
    loader.last().answer.resolve(value(2, 2));
    await c.whenIdle();
    expect(c.getSnapshot()).toMatchObject({ freshness: 'live', error: undefined, latest: value(2, 2) });
    expect(errors).toHaveLength(3);
  });

  it('reports a loader that throws synchronously like one that rejects', async () => {
    const { cell: c, errors } = cell({
      getState: () => {
        throw new Error('sync');
      },
    });
    c.setState('live');
    await flush();
    expect(c.getSnapshot().error).toEqual(new Error('sync'));
    expect(errors).toHaveLength(1);
  });

  it('lets an event during the wait for a retry restore the pair and cancel the retry', async () => {
    const loader = manualLoader();
    const { cell: c, sleeps } = cell({ getState: loader.load });
    c.setState('live');
    loader.last().answer.reject(new Error('down'));
    await flush();
    expect(c.loading).toBe(true);
    c.receive(value(1, 1));
    expect(c.getSnapshot()).toMatchObject({ freshness: 'live', latest: value(1, 1), error: undefined });
    expect(sleeps[0]!.signal.aborted).toBe(true);
    expect(c.loading).toBe(false);
    await flush();
    expect(loader.calls).toHaveLength(1);
  });

  it('applies the events held by a failed call and does not retry: they carry the whole state', async () => {
    const loader = manualLoader();
    const { cell: c, errors, sleeps } = cell({ getState: loader.load });
    c.setState('live');
    c.receive(value(1, 1));
    loader.last().answer.reject(new Error('down'));
    await flush();
    expect(c.getSnapshot()).toMatchObject({ freshness: 'live', latest: value(1, 1), error: undefined });
    expect(errors[0]!.context).toMatchObject({ attempt: 1, retryInMs: undefined });
    expect(sleeps).toHaveLength(0);
    expect(c.loading).toBe(false);
  });

  it('aborts the loader on dispose and ignores its late answer', async () => {
    const loader = manualLoader();
    const { cell: c, changes } = cell({ getState: loader.load });
    c.setState('live');
    c.receive(value(1, 1));
    const { signal, answer } = loader.last();
    c.dispose();
    expect(signal.aborted).toBe(true);
    expect(c.loading).toBe(false);
    const before = changes();
    answer.resolve(value(2, 2));
    await flush();
    expect(c.getSnapshot()).toMatchObject({ state: 'closed', latest: undefined });
    expect(changes()).toBe(before);
  });

  it('aborts the wait for a retry on dispose', async () => {
    const loader = manualLoader();
    const { cell: c, sleeps } = cell({ getState: loader.load });
    c.setState('live');
    loader.last().answer.reject(new Error('down'));
    await flush();
    c.dispose();
    expect(sleeps[0]!.signal.aborted).toBe(true);
    await flush();
    expect(loader.calls).toHaveLength(1);
  });

  it('aborts the loader on a drop, keeps the events it held, and calls it again after the resubscribe', async () => {
    const loader = manualLoader();
    const { cell: c } = cell({ getState: loader.load });
    c.setState('live');
    c.receive(value(1, 1));
    const first = loader.last();
    c.setState('resubscribing');
    expect(first.signal.aborted).toBe(true);
    expect(c.getSnapshot()).toMatchObject({ freshness: 'stale', latest: value(1, 1) });
    first.answer.resolve(value(9, 9));
    await flush();
    expect(c.getSnapshot().latest).toEqual(value(1, 1));
    c.setState('live');
    expect(loader.calls).toHaveLength(2);
    loader.last().answer.resolve(value(2, 2));
    await c.whenIdle();
    expect(c.getSnapshot()).toMatchObject({ freshness: 'live', latest: value(2, 2) });
  });

  it('aborts the loader when the hub refuses the pair, keeping what it held', async () => {
    const loader = manualLoader();
    const { cell: c } = cell({ getState: loader.load });
    c.setState('live');
    c.receive(value(1, 1));
    c.setState('refused');
    expect(loader.last().signal.aborted).toBe(true);
    expect(c.getSnapshot()).toMatchObject({ state: 'refused', freshness: 'stale', latest: value(1, 1) });
  });
});

describe('gap recovery records', () => {
  it('has none before the first drop, and settles at once then', async () => {
    const { cell: c } = cell();
    expect(c.recovery).toBeUndefined();
    await c.whenRecoverySettled();
  });

  it('settles a pair without a loader when it is resubscribed, and records the event that restores it', async () => {
    const { cell: c, time } = cell();
    c.receive(value(1, 1));
    c.drop();
    expect(c.recovery).toMatchObject({ droppedAt: 1_000, wentStale: true, hadLoader: false, settled: false });
    let settled = false;
    void c.whenRecoverySettled().then(() => {
      settled = true;
    });
    c.setState('live');
    await flush();
    expect(settled).toBe(true);
    time.advance(50);
    c.receive(value(2, 2));
    expect(c.recovery).toMatchObject({ restoredBy: 'event', restoredAt: 1_050, loaderFailed: false });
  });

  it('settles a pair with a loader when the loader answers or fails', async () => {
    const loader = manualLoader();
    const { cell: c } = cell({ getState: loader.load });
    c.setState('live');
    loader.last().answer.resolve(value(1, 1));
    await c.whenIdle();
    c.drop();
    c.setState('live');
    expect(c.recovery?.settled).toBe(false);
    loader.last().answer.reject(new Error('down'));
    await c.whenRecoverySettled();
    expect(c.recovery).toMatchObject({
      hadLoader: true,
      loaderFailed: true,
      restoredBy: undefined,
      settled: true,
    });
  });

  it('records a restore by snapshot', async () => {
    const loader = manualLoader();
    const { cell: c, time } = cell({ getState: loader.load });
    c.setState('live');
    c.drop();
    c.setState('live');
    time.advance(30);
    loader.last().answer.resolve(value(1, 1));
    await c.whenRecoverySettled();
    expect(c.recovery).toMatchObject({ wentStale: false, restoredBy: 'snapshot', restoredAt: 1_030 });
  });
});

describe('payloadTimestamp', () => {
  it('reads the RTE timestamp of a payload in ms', () => {
    expect(payloadTimestamp({ timestamp: at(0) })).toBe(Date.UTC(2024, 4, 1, 12, 0, 0));
    expect(payloadTimestamp({ timestamp: '2024-05-01T12:00:00' })).toBe(Date.UTC(2024, 4, 1, 12, 0, 0));
  });

  it('gives undefined when there is none to read', () => {
    expect(payloadTimestamp(undefined)).toBeUndefined();
    expect(payloadTimestamp('x')).toBeUndefined();
    expect(payloadTimestamp({})).toBeUndefined();
    expect(payloadTimestamp({ timestamp: 5 })).toBeUndefined();
    expect(payloadTimestamp({ timestamp: '0001-01-01T00:00:00' })).toBeUndefined();
  });
});
