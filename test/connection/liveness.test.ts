import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay } from '../../src/connection/backoff.ts';
import type { DisconnectCause } from '../../src/connection/connection.ts';
import { type LivenessTarget, watchLiveness } from '../../src/connection/liveness.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** A page's window and document, reduced to what liveness listens to. */
function fakePage() {
  const window = new EventTarget();
  const document = Object.assign(new EventTarget(), { visibilityState: 'visible' as string });
  return { window, document };
}

/** A connection double: alive or dead, recording what liveness asked of it. */
function fakeTarget(clock: { now: number }) {
  const record = {
    alive: true,
    connected: true,
    lastFrameAt: clock.now,
    probes: 0,
    retries: 0,
    reconnects: [] as DisconnectCause[],
  };
  const target: LivenessTarget = {
    isConnected: () => record.connected,
    lastFrameAt: () => record.lastFrameAt,
    probe: () => {
      record.probes++;
      return record.alive ? Promise.resolve([]) : new Promise(() => undefined);
    },
    reconnect: (cause) => record.reconnects.push(cause),
    retryNow: () => record.retries++,
  };
  return { record, target };
}

describe('connection liveness', () => {
  it('verifies the connection on online and replaces it when the hub does not answer', async () => {
    vi.useFakeTimers();
    const clock = { now: 100_000 };
    const page = fakePage();
    const { record, target } = fakeTarget(clock);
    const watch = watchLiveness(target, { now: () => clock.now, ...page });
    record.alive = false;
    record.lastFrameAt = 98_000;
    clock.now = 120_000;
    page.window.dispatchEvent(new Event('online'));
    expect(record.probes).toBe(1);
    await vi.advanceTimersByTimeAsync(1_499);
    expect(record.reconnects).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(record.reconnects).toEqual(['network-online']);
    watch.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps a connection that answers the verification, and folds triggers that come during one check', async () => {
    vi.useFakeTimers();
    const clock = { now: 0 };
    const page = fakePage();
    const { record, target } = fakeTarget(clock);
    const watch = watchLiveness(target, { now: () => clock.now, ...page });
    clock.now = 3_000;
    page.window.dispatchEvent(new Event('online'));
    page.document.dispatchEvent(new Event('resume'));
    await vi.advanceTimersByTimeAsync(100);
    expect(record.probes).toBe(1);
    clock.now = 6_000;
    page.document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(record.probes).toBe(2);
    expect(record.reconnects).toEqual([]);
    watch.stop();
  });

  it('cuts the backoff wait short on online while not connected', () => {
    const clock = { now: 0 };
    const page = fakePage();
    const { record, target } = fakeTarget(clock);
    record.connected = false;
    const watch = watchLiveness(target, { now: () => clock.now, ...page });
    page.window.dispatchEvent(new Event('online'));
    expect(record).toMatchObject({ retries: 1, probes: 0 });
    watch.stop();
  });

  it('does not act on timer drift when frames arrived during the gap (a throttled background tab)', async () => {
    vi.useFakeTimers();
    const clock = { now: 0 };
    const page = fakePage();
    page.document.visibilityState = 'hidden';
    const { record, target } = fakeTarget(clock);
    const watch = watchLiveness(target, { now: () => clock.now, ...page });
    for (let minute = 1; minute <= 10; minute++) {
      record.lastFrameAt = clock.now + 45_000; // keep-alive pings keep arriving while timers are throttled
      clock.now += 60_000;
      await vi.advanceTimersByTimeAsync(5_000);
    }
    expect(record).toMatchObject({ probes: 0, reconnects: [] });
    watch.stop();
  });

  it('verifies after timer drift without frames, and reconnects as a wake from sleep when the hub is gone', async () => {
    vi.useFakeTimers();
    const clock = { now: 0 };
    const { record, target } = fakeTarget(clock);
    const watch = watchLiveness(target, { now: () => clock.now, window: undefined, document: undefined });
    clock.now += 5_000;
    await vi.advanceTimersByTimeAsync(5_000);
    record.lastFrameAt = 8_000; // before the next tick was due: no sign of life during the gap
    record.alive = false;
    clock.now += 65_000; // the tick fired a minute late, and nothing arrived meanwhile
    await vi.advanceTimersByTimeAsync(5_000);
    expect(record.probes).toBe(1);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(record.reconnects).toEqual(['wake-from-sleep']);
    watch.stop();
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
