import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EntitySnapshot } from '../../src/state/snapshot.ts';
import { cell, flush, manualLoader, type Value, value } from './support.ts';

/** Distinct timestamps (seconds), so that "the newest" is one value. */
const distinctTimes = (min: number, max: number) =>
  fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: min, maxLength: max });

describe('snapshot versus events, in either order', () => {
  it('ends with the newest value by timestamp wherever the snapshot lands among the events', async () => {
    await fc.assert(
      fc.asyncProperty(
        distinctTimes(1, 12),
        fc.nat(),
        fc.boolean(),
        async (times, position, valueBeforeGap) => {
          const [snapshotTime, ...eventTimes] = times as [number, ...number[]];
          const answeredAfter = position % (eventTimes.length + 1);
          const loader = manualLoader();
          const { cell: c } = cell({ getState: loader.load });
          if (valueBeforeGap) {
            c.receive(value(-1, -1));
            c.drop();
          }
          c.setState('live');
          for (const [index, time] of eventTimes.entries()) {
            if (index === answeredAfter) {
              loader.last().answer.resolve(value(0, snapshotTime));
              await c.whenIdle();
            }
            c.receive(value(index + 1, time));
          }
          if (answeredAfter === eventTimes.length) {
            loader.last().answer.resolve(value(0, snapshotTime));
            await c.whenIdle();
          }
          const newest = Math.max(...times);
          const expected =
            newest === snapshotTime ? value(0, snapshotTime) : value(eventTimes.indexOf(newest) + 1, newest);
          expect(c.getSnapshot()).toMatchObject({ freshness: 'live', latest: expected, error: undefined });
        },
      ),
    );
  });

  it('shows none of the held events before the loader answers', async () => {
    await fc.assert(
      fc.asyncProperty(distinctTimes(1, 8), async (times) => {
        const loader = manualLoader();
        const { cell: c, changes } = cell({ getState: loader.load });
        c.setState('live');
        const before = c.getSnapshot();
        const changesBefore = changes();
        for (const [index, time] of times.entries()) c.receive(value(index, time));
        expect(c.getSnapshot()).toBe(before);
        expect(changes()).toBe(changesBefore);
        loader.last().answer.resolve(undefined);
        await c.whenIdle();
        expect(changes()).toBe(changesBefore + 1);
        const newest = Math.max(...times);
        expect(c.getSnapshot().latest).toEqual(value(times.indexOf(newest), newest));
      }),
    );
  });
});

describe('loader failures', () => {
  it('stay stale through any number of failures, report each, and go live on the answer', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 6 }),
        fc.option(fc.integer({ min: 0, max: 100 })),
        async (failures, answerTime) => {
          const loader = manualLoader();
          const { cell: c, errors, sleeps } = cell({ getState: loader.load });
          c.receive(value(1, 50));
          c.drop();
          c.setState('live');
          for (let i = 0; i < failures; i++) {
            loader.last().answer.reject(new Error(`failure ${i}`));
            await flush();
            expect(c.getSnapshot()).toMatchObject({ freshness: 'stale', latest: value(1, 50) });
            expect(errors).toHaveLength(i + 1);
            sleeps.at(-1)!.wake();
            await flush();
          }
          expect(loader.calls).toHaveLength(failures + 1);
          const answer = answerTime === null ? value(2) : value(2, answerTime);
          loader.last().answer.resolve(answer);
          await c.whenIdle();
          const kept = answerTime !== null && answerTime < 50;
          expect(c.getSnapshot()).toMatchObject({
            freshness: 'live',
            error: undefined,
            latest: kept ? value(1, 50) : answer,
          });
        },
      ),
    );
  });
});

type Command =
  | { kind: 'state'; state: 'pending' | 'live' | 'resubscribing' | 'refused' | 'closed' }
  | { kind: 'drop' }
  | { kind: 'event'; time: number | null }
  | { kind: 'answer'; time: number | null }
  | { kind: 'fail' }
  | { kind: 'wake' }
  | { kind: 'advance'; ms: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    kind: fc.constant('state' as const),
    state: fc.constantFrom('pending', 'live', 'live', 'resubscribing', 'refused', 'closed'),
  }),
  fc.record({ kind: fc.constant('drop' as const) }),
  fc.record({ kind: fc.constant('event' as const), time: fc.option(fc.integer({ min: 0, max: 100 })) }),
  fc.record({ kind: fc.constant('event' as const), time: fc.option(fc.integer({ min: 0, max: 100 })) }),
  fc.record({ kind: fc.constant('answer' as const), time: fc.option(fc.integer({ min: 0, max: 100 })) }),
  fc.record({ kind: fc.constant('fail' as const) }),
  fc.record({ kind: fc.constant('wake' as const) }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 3 }) }),
);

const sameFields = (a: EntitySnapshot<Value>, b: EntitySnapshot<Value>) =>
  a.state === b.state &&
  a.freshness === b.freshness &&
  a.latest === b.latest &&
  a.updatedAt === b.updatedAt &&
  a.error === b.error;

describe('any sequence of handle transitions, events and loader outcomes', () => {
  it('keeps the snapshot rules: new identity exactly when a field changed, one notification per change', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(command, { maxLength: 40 }), async (withLoader, commands) => {
        const loader = manualLoader();
        const { cell: c, time, sleeps, changes } = cell(withLoader ? { getState: loader.load } : {});
        let snapshot = c.getSnapshot();
        let notified = changes();
        let n = 0;
        for (const cmd of commands) {
          const before = c.getSnapshot();
          const wasClosed = before.state === 'closed';
          let pendingCall = loader.calls.find((call) => !call.signal.aborted && !('settled' in call));
          switch (cmd.kind) {
            case 'state':
              c.setState(cmd.state);
              break;
            case 'drop':
              c.drop();
              break;
            case 'event':
              c.receive(value(++n, cmd.time ?? undefined));
              break;
            case 'answer':
              if (pendingCall) {
                Object.assign(pendingCall, { settled: true });
                pendingCall.answer.resolve(value(++n, cmd.time ?? undefined));
              }
              break;
            case 'fail':
              if (pendingCall) {
                Object.assign(pendingCall, { settled: true });
                pendingCall.answer.reject(new Error('down'));
              }
              break;
            case 'wake':
              sleeps.find((s) => !s.signal.aborted && !('woken' in s))?.wake();
              for (const s of sleeps) Object.assign(s, { woken: true });
              break;
            case 'advance':
              time.advance(cmd.ms);
              break;
          }
          await flush();
          pendingCall = undefined;
          const after = c.getSnapshot();
          expect(Object.isFrozen(after)).toBe(true);
          if (after === snapshot) expect(changes()).toBe(notified);
          else {
            expect(sameFields(after, snapshot)).toBe(false);
            expect(changes()).toBeGreaterThan(notified);
          }
          // Freshness and value agree.
          expect(after.freshness === 'empty').toBe(after.latest === undefined);
          expect(after.updatedAt === undefined).toBe(after.latest === undefined);
          // Nothing moves once closed, and a closed cell has no loader in flight.
          if (wasClosed) expect(after).toBe(before);
          if (after.state === 'closed') {
            expect(c.loading).toBe(false);
            for (const call of loader.calls) expect(call.signal.aborted || 'settled' in call).toBe(true);
          }
          // A drop (or the handle going to 'resubscribing') always leaves a held value stale.
          const dropped =
            cmd.kind === 'drop' ||
            (cmd.kind === 'state' && cmd.state === 'resubscribing' && before.state !== 'resubscribing');
          if (dropped && !wasClosed && before.state !== 'refused' && after.latest !== undefined)
            expect(after.freshness).toBe('stale');
          // At most one loader call in flight.
          expect(
            loader.calls.filter((call) => !call.signal.aborted && !('settled' in call)).length,
          ).toBeLessThanOrEqual(1);
          snapshot = after;
          notified = changes();
        }
      }),
      { numRuns: 300 },
    );
  });
});
