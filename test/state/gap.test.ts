import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EntityCell } from '../../src/state/entity-cell.ts';
import { reportGap } from '../../src/state/gap.ts';
import { clock, flush, manualLoader, manualSleep, type Value, value } from './support.ts';

function pairs() {
  const time = clock(10_000);
  const sleeper = manualSleep();
  const make = (entityId: string, getState?: ReturnType<typeof manualLoader>) =>
    new EntityCell<Value>({
      entityId,
      now: time.now,
      sleep: sleeper.sleep,
      random: () => 0.5,
      onError: () => undefined,
      ...(getState ? { getState: getState.load } : {}),
    });
  return { time, make };
}

describe('the accounting of a gap', () => {
  it('says which pairs went stale, for how long from the last frame, and who restored them', async () => {
    const { time, make } = pairs();
    const queueLoader = manualLoader();
    const failing = manualLoader();
    const withLoader = make('q1', queueLoader);
    const withFailingLoader = make('q2', failing);
    const withoutLoader = make('u1');
    const emptyWithoutLoader = make('u2');
    const cells = [withLoader, withFailingLoader, withoutLoader, emptyWithoutLoader];
    for (const c of cells) c.setState('live');
    queueLoader.last().answer.resolve(value(1, 1));
    failing.last().answer.resolve(value(1, 1));
    withoutLoader.receive(value(1, 1));
    await flush();

    const lastFrameAt = time.now() - 400; // the drop was noticed 400 ms after the last frame
    for (const c of cells) c.setState('resubscribing');
    time.advance(1_000);
    const reconnectedAt = time.now();
    for (const c of cells) c.setState('live');
    time.advance(100);
    withoutLoader.receive(value(2, 2));
    time.advance(100);
    queueLoader.last().answer.resolve(value(2, 2));
    failing.last().answer.reject(new Error('down'));
    await flush();
    time.advance(100);

    const report = await reportGap(
      cells.map((cell) => ({
        eventName: cell.entityId.startsWith('q') ? 'QueueStatus' : 'UserStatus',
        entityId: cell.entityId,
        cell,
      })),
      { lastFrameAt, reconnectedAt, now: time.now },
    );
    expect(report).toEqual({
      downtimeMs: 1_400,
      stale: [
        { eventName: 'QueueStatus', entityId: 'q1', staleForMs: 1_600, restoredBy: 'snapshot' },
        { eventName: 'QueueStatus', entityId: 'q2', staleForMs: 1_700, restoredBy: undefined },
        { eventName: 'UserStatus', entityId: 'u1', staleForMs: 1_500, restoredBy: 'event' },
      ],
      restoredBySnapshot: 1,
      missed: [
        { eventName: 'QueueStatus', entityId: 'q2' },
        { eventName: 'UserStatus', entityId: 'u1' },
        { eventName: 'UserStatus', entityId: 'u2' },
      ],
      mayHaveMissedEvents: true,
    });
  });

  it('says no events may have been missed when every loader restored its pair', async () => {
    const { time, make } = pairs();
    const loader = manualLoader();
    const c = make('q1', loader);
    c.setState('live');
    loader.last().answer.resolve(value(1, 1));
    await flush();
    c.drop();
    c.setState('live');
    const report = reportGap([{ eventName: 'QueueStatus', entityId: 'q1', cell: c }], {
      lastFrameAt: time.now(),
      reconnectedAt: time.now(),
      now: time.now,
    });
    loader.last().answer.resolve(value(2, 2));
    expect(await report).toMatchObject({ restoredBySnapshot: 1, missed: [], mayHaveMissedEvents: false });
  });

  it('waits for loaders to answer before it reports', async () => {
    const { time, make } = pairs();
    const loader = manualLoader();
    const c = make('q1', loader);
    c.setState('live');
    c.drop();
    c.setState('live');
    let done = false;
    const report = reportGap([{ eventName: 'QueueStatus', entityId: 'q1', cell: c }], {
      lastFrameAt: 0,
      reconnectedAt: 0,
      now: time.now,
    }).then((r) => {
      done = true;
      return r;
    });
    await flush();
    expect(done).toBe(false);
    loader.last().answer.resolve(value(1, 1));
    expect((await report).restoredBySnapshot).toBe(1);
  });

  it('counts a loader that a retry made good before the report as restoring its pair', async () => {
    const { time, make } = pairs();
    const loader = manualLoader();
    const c = make('q1', loader);
    c.receive(value(1, 1));
    c.drop();
    c.setState('live');
    loader.last().answer.reject(new Error('down'));
    await flush();
    expect(c.recovery?.loaderFailed).toBe(true);
    // The retry is waiting on the injected sleep; a snapshot later restores the pair.
    c.receive(value(2, 2));
    const report = await reportGap([{ eventName: 'QueueStatus', entityId: 'q1', cell: c }], {
      lastFrameAt: 0,
      reconnectedAt: 0,
      now: time.now,
    });
    expect(report.missed).toEqual([{ eventName: 'QueueStatus', entityId: 'q1' }]);
    expect(report.stale[0]?.restoredBy).toBe('event');
  });

  it('reports what is known when its signal aborts, counting unanswered loaders as stale and missed', async () => {
    const { time, make } = pairs();
    const loader = manualLoader();
    const c = make('q1', loader);
    c.receive(value(1, 1));
    c.drop();
    c.setState('live');
    const controller = new AbortController();
    const report = reportGap([{ eventName: 'QueueStatus', entityId: 'q1', cell: c }], {
      lastFrameAt: 9_000,
      reconnectedAt: 9_500,
      now: time.now,
      signal: controller.signal,
    });
    time.advance(500);
    controller.abort();
    expect(await report).toEqual({
      downtimeMs: 500,
      stale: [{ eventName: 'QueueStatus', entityId: 'q1', staleForMs: 1_500, restoredBy: undefined }],
      restoredBySnapshot: 0,
      missed: [{ eventName: 'QueueStatus', entityId: 'q1' }],
      mayHaveMissedEvents: true,
    });
  });

  it('skips pairs that never saw a gap', async () => {
    const { make } = pairs();
    const c = make('u1');
    const report = await reportGap([{ eventName: 'UserStatus', entityId: 'u1', cell: c }], {
      lastFrameAt: 0,
      reconnectedAt: 0,
    });
    expect(report).toMatchObject({ stale: [], missed: [], mayHaveMissedEvents: false });
  });
});

describe('the accounting of any gap', () => {
  type Outcome = 'no-loader' | 'snapshot' | 'failure' | 'failure-then-event' | 'event-during-load';
  it('counts exactly the pairs without a loader or with a failed one as possibly missed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            outcome: fc.constantFrom<Outcome>(
              'no-loader',
              'snapshot',
              'failure',
              'failure-then-event',
              'event-during-load',
            ),
            heldValue: fc.boolean(),
          }),
          { maxLength: 12 },
        ),
        async (plan) => {
          const { time, make } = pairs();
          const loaders = plan.map(({ outcome }) => (outcome === 'no-loader' ? undefined : manualLoader()));
          const cells = plan.map((_, index) => make(`p${index}`, loaders[index]));
          for (const [index, c] of cells.entries()) {
            if (plan[index]!.heldValue) c.receive(value(index, 1));
            c.setState('live');
            loaders[index]?.last().answer.resolve(undefined);
          }
          await flush();
          const lastFrameAt = time.now();
          for (const c of cells) c.setState('resubscribing');
          time.advance(100);
          for (const c of cells) c.setState('live');
          const report = reportGap(
            cells.map((cell) => ({ eventName: 'QueueStatus', entityId: cell.entityId, cell })),
            { lastFrameAt, reconnectedAt: time.now(), now: time.now },
          );
          for (const [index, { outcome }] of plan.entries()) {
            const answer = loaders[index]?.last().answer;
            if (outcome === 'snapshot') answer!.resolve(value(index, 2));
            if (outcome === 'failure' || outcome === 'failure-then-event') answer!.reject(new Error('down'));
            if (outcome === 'event-during-load') {
              cells[index]!.receive(value(index, 3));
              answer!.resolve(undefined);
            }
          }
          await flush();
          for (const [index, { outcome }] of plan.entries())
            if (outcome === 'failure-then-event') cells[index]!.receive(value(index, 4));
          const result = await report;
          const ids = (keep: (step: (typeof plan)[number]) => boolean) =>
            plan.flatMap((step, index) => (keep(step) ? [`p${index}`] : []));
          expect(result.missed.map((pair) => pair.entityId)).toEqual(
            ids((s) => s.outcome === 'no-loader' || s.outcome.startsWith('failure')),
          );
          expect(result.mayHaveMissedEvents).toBe(result.missed.length > 0);
          expect(result.restoredBySnapshot).toBe(
            plan.filter((s) => s.outcome === 'snapshot' || s.outcome === 'event-during-load').length,
          );
          expect(result.stale.map((pair) => pair.entityId)).toEqual(ids((s) => s.heldValue));
          expect(result.downtimeMs).toBe(100);
        },
      ),
    );
  });
});
