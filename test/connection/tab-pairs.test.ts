import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { subscriptionKey } from '../../src/subscriptions/registry.ts';
import { type Pair, TabPairs } from '../../src/tabs/tab-pairs.ts';

const TABS = ['a', 'b', 'c'];
const PAIRS: Pair[] = [
  { EventName: 'QueueStatus', EntityId: 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3' },
  { EventName: 'QueueStatus', EntityId: 'd1eeb030-ff4b-ea11-ac9c-00155d4fdcf3' },
  { EventName: 'UserStatus', EntityId: 'aa9730c4-ce86-e611-80c9-00505689257e' },
  { EventName: 'userstatus', EntityId: 'AA9730C4CE86E61180C900505689257E' }, // the same pair as above
];

type Step =
  | { op: 'hold' | 'release'; tab: string; items: Pair[] }
  | { op: 'leave'; tab: string }
  | { op: 'clear' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    op: fc.constantFrom('hold' as const, 'release' as const),
    tab: fc.constantFrom(...TABS),
    items: fc.subarray(PAIRS),
  }),
  fc.record({ op: fc.constant('leave' as const), tab: fc.constantFrom(...TABS) }),
  fc.record({ op: fc.constant('clear' as const) }),
);

const key = (pair: Pair) => subscriptionKey(pair.EventName, pair.EntityId);

describe('the pairs tabs hold on a shared connection', () => {
  it('keeps the hub holding exactly the union of what the tabs hold, whatever they do', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const pairs = new TabPairs();
        const model = new Map(TABS.map((tab) => [tab, new Set<string>()]));
        let hub = new Set<string>();
        for (const s of steps) {
          if (s.op === 'hold') {
            pairs.hold(s.tab, s.items);
            for (const item of s.items) {
              model.get(s.tab)!.add(key(item));
              hub.add(key(item)); // Subscribe goes to the hub as asked
            }
          } else if (s.op === 'clear') {
            pairs.clear();
            for (const held of model.values()) held.clear();
            hub = new Set();
          } else {
            const last = s.op === 'leave' ? pairs.leave(s.tab) : pairs.release(s.tab, s.items);
            const held = model.get(s.tab)!;
            if (s.op === 'leave') held.clear();
            else for (const item of s.items) held.delete(key(item));
            for (const pair of last) hub.delete(key(pair));
            // Only pairs no tab holds any more are unsubscribed, each once.
            const stillHeld = new Set([...model.values()].flatMap((set) => [...set]));
            for (const pair of last) expect(stillHeld.has(key(pair))).toBe(false);
            expect(new Set(last.map(key)).size).toBe(last.length);
          }
          const union = new Set([...model.values()].flatMap((set) => [...set]));
          expect(hub).toEqual(union);
          expect(new Set(pairs.all().map(key))).toEqual(union);
        }
      }),
    );
  });

  it('unsubscribes a pair at the hub with the spelling first sent', () => {
    const pairs = new TabPairs();
    pairs.hold('a', [PAIRS[2]!]);
    pairs.hold('b', [PAIRS[3]!]);
    expect(pairs.release('a', [PAIRS[2]!])).toEqual([]);
    expect(pairs.leave('b')).toEqual([PAIRS[2]]);
  });
});
