import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextSnapshot, type SubscriptionSnapshot } from '../../src/subscriptions/handle.ts';

const events = fc.constantFrom(
  { kind: 'live' } as const,
  { kind: 'pending' } as const,
  { kind: 'refused', message: 'Unauthorized', reason: 'unauthorized' } as const,
  { kind: 'released' } as const,
  { kind: 'closed' } as const,
);
const start: SubscriptionSnapshot = { state: 'pending', reason: undefined, message: undefined };

describe('handle transitions', () => {
  it('follow the state table', () => {
    const live = nextSnapshot(start, { kind: 'live' });
    expect(live.state).toBe('live');
    expect(nextSnapshot(start, { kind: 'pending' })).toBe(start);
    expect(nextSnapshot(live, { kind: 'pending' }).state).toBe('resubscribing');
    expect(nextSnapshot(nextSnapshot(live, { kind: 'pending' }), { kind: 'live' }).state).toBe('live');
    expect(nextSnapshot(live, { kind: 'refused', message: 'Unauthorized', reason: 'unauthorized' })).toEqual({
      state: 'refused',
      reason: 'unauthorized',
      message: 'Unauthorized',
    });
    expect(nextSnapshot(live, { kind: 'released' }).state).toBe('closed');
  });

  it('never leave refused or closed, and only refused carries a reason', () => {
    fc.assert(
      fc.property(fc.array(events, { maxLength: 30 }), (sequence) => {
        let snapshot = start;
        let final: SubscriptionSnapshot | undefined;
        for (const event of sequence) {
          const next = nextSnapshot(snapshot, event);
          if (final) expect(next).toBe(final);
          if (next.state === 'refused' || next.state === 'closed') final ??= next;
          expect(next.reason === undefined).toBe(next.state !== 'refused');
          // A snapshot is replaced, never mutated: unchanged state keeps the same object.
          if (next.state === snapshot.state && next.state !== 'refused') expect(next).toBe(snapshot);
          snapshot = next;
        }
      }),
      { numRuns: 2000 },
    );
  });
});
