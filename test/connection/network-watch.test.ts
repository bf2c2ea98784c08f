import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay } from '../../src/connection/backoff.ts';
import { watchNetwork } from '../../src/connection/network-watch.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('sleep detection', () => {
  it('reports a wake when timers fire far later than scheduled, and stops cleanly', () => {
    vi.useFakeTimers();
    let now = 0;
    const woke: number[] = [];
    const stop = watchNetwork({ onOnline: () => undefined, onWake: (slept) => woke.push(slept) }, () => now);
    now += 5_000;
    vi.advanceTimersByTime(5_000);
    expect(woke).toEqual([]);
    now += 65_000; // the tick fired a minute late: the machine was asleep
    vi.advanceTimersByTime(5_000);
    expect(woke).toEqual([60_000]);
    stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('backoff', () => {
  const policy = { baseDelayMs: 1000, maxDelayMs: 30_000, maxAttempts: Number.POSITIVE_INFINITY };

  it('retries at once first, then draws from a doubling ceiling capped at the maximum', () => {
    expect(backoffDelay(0, policy, () => 0.99)).toBe(0);
    expect(backoffDelay(1, policy, () => 0.5)).toBe(500);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(2000);
    expect(backoffDelay(20, policy, () => 0.999)).toBe(29_970);
    expect(backoffDelay(5, policy, () => 0)).toBe(0); // full jitter reaches down to zero
  });
});
