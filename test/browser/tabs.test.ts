import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.ts';
import { launchCdpChromium } from './support/cdp.ts';
import { figure, launchChromium, until } from './support/chromium.ts';
import type { SdkPageApi, SdkPageLog } from './support/sdk-page.ts';
import { type SdkSite, serveSdkPage } from './support/sdk-site.ts';

// Tabs of one origin in real headless Chromium (one browser context: shared Web Locks and
// BroadcastChannel), each running its own RteClient with `shareAcrossTabs: true`, against the
// emulator, which counts the hub connections.

const QUEUE_A = 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3';
const QUEUE_B = 'd1eeb030-ff4b-ea11-ac9c-00155d4fdcf3';
const QUEUE_C = 'e2eeb030-ff4b-ea11-ac9c-00155d4fdcf3';

let emulator: Emulator;
let site: SdkSite;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  emulator = await startEmulator();
  site = await serveSdkPage(() => ({ endpoint: emulator.hubUrl, token: emulator.issueToken() }));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await emulator?.close();
});

beforeEach(async () => {
  emulator.restart();
  context = await browser.newContext();
});

afterEach(async () => {
  await context.close();
  await until(() => emulator.stats().connections === 0);
});

interface Tab {
  readonly page: Page;
  log(): Promise<SdkPageLog>;
  subscribe(queues: readonly string[]): Promise<string[]>;
  unsubscribe(queues: readonly string[]): Promise<string[]>;
  state(): Promise<string>;
}

async function openTab(
  queues: readonly string[],
  options: Record<string, boolean> = { shareAcrossTabs: true },
  init?: () => void,
): Promise<Tab> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(error));
  if (init) await page.addInitScript(init);
  await page.goto(site.url);
  const api = (fn: string, ...args: unknown[]) =>
    page.evaluate(
      ([name, rest]) =>
        (
          (window as unknown as { rtePage: Record<string, (...a: unknown[]) => unknown> }).rtePage[
            name as string
          ] as (...a: unknown[]) => unknown
        )(...(rest as unknown[])),
      [fn, args] as const,
    );
  const started = (await page.evaluate(
    (start) => (window as unknown as { rtePage: SdkPageApi }).rtePage.start(start),
    { eventName: 'QueueStatus', entityIds: queues, options },
  )) as { state: string };
  expect(started.state).toBe('connected');
  return {
    page,
    log: () => page.evaluate(() => (window as unknown as { rteLog: SdkPageLog }).rteLog),
    subscribe: (ids) => api('subscribe', 'QueueStatus', ids) as Promise<string[]>,
    unsubscribe: (ids) => api('unsubscribe', 'QueueStatus', ids) as Promise<string[]>,
    state: () => api('state') as Promise<string>,
  };
}

/** The queue ids of the events a tab received. */
async function received(tab: Tab): Promise<string[]> {
  return (await tab.log()).events.map((event) => event.entityId);
}

function publish(queue: string, waiting: number): number {
  return emulator.publish('QueueStatus', queue, { NbrOfQueuingRequesters: waiting });
}

describe('tabs sharing one hub connection in headless Chromium', () => {
  it('holds one hub connection for three tabs and delivers to each tab only the events it subscribed', async () => {
    const a = await openTab([QUEUE_A]);
    const b = await openTab([QUEUE_A, QUEUE_B]);
    const c = await openTab([QUEUE_C]);
    expect(emulator.stats().connections).toBe(1);
    expect(emulator.stats().subscriptions).toBe(3); // the union: A, B, C

    expect(publish(QUEUE_A, 1)).toBe(1); // one connection receives it, three tabs may
    expect(publish(QUEUE_B, 2)).toBe(1);
    expect(publish(QUEUE_C, 3)).toBe(1);
    await until(async () => (await received(b)).length === 2 && (await received(c)).length === 1);
    await until(async () => (await received(a)).length === 1);
    expect(await received(a)).toEqual([QUEUE_A]);
    expect(await received(b)).toEqual([QUEUE_A, QUEUE_B]);
    expect(await received(c)).toEqual([QUEUE_C]);
    for (const tab of [a, b, c]) expect(await tab.state()).toBe('connected');
  });

  it('keeps a pair another tab still holds when one tab unsubscribes it, and drops it when the last does', async () => {
    const a = await openTab([QUEUE_A]);
    const b = await openTab([QUEUE_A]);
    expect(emulator.stats().connections).toBe(1);
    expect(await a.unsubscribe([QUEUE_A])).toEqual(['unsubscribed']);
    expect(emulator.stats().subscriptions).toBe(1);
    expect(publish(QUEUE_A, 4)).toBe(1);
    await until(async () => (await received(b)).length === 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await received(a)).toEqual([]);
    expect(await b.unsubscribe([QUEUE_A])).toEqual(['unsubscribed']);
    await until(() => emulator.stats().subscriptions === 0);
  });

  it('hands the connection to another tab when the leader closes, replays the union and loses nothing after', async () => {
    const leader = await openTab([QUEUE_A]);
    const b = await openTab([QUEUE_B]);
    const c = await openTab([QUEUE_A, QUEUE_C]);
    expect(emulator.stats().connections).toBe(1);
    const closedAt = Date.now();
    await leader.page.close();
    await until(async () => (await b.log()).resynced.length === 1 && (await c.log()).resynced.length === 1);
    const takeoverMs = Math.max((await b.log()).resynced[0]!.at, (await c.log()).resynced[0]!.at) - closedAt;
    figure(`leader tab closed → both remaining tabs resynced in ${takeoverMs} ms`);
    expect(takeoverMs).toBeLessThanOrEqual(2_000);
    expect(emulator.stats().connections).toBe(1);
    // The union of the remaining tabs: A (c), B (b), C (c); the closed tab's own A is still held by c.
    await until(() => emulator.stats().subscriptions === 3);
    expect(publish(QUEUE_A, 5)).toBe(1);
    expect(publish(QUEUE_B, 6)).toBe(1);
    expect(publish(QUEUE_C, 7)).toBe(1);
    await until(async () => (await received(b)).length === 1 && (await received(c)).length === 2);
    expect(await received(b)).toEqual([QUEUE_B]);
    expect(await received(c)).toEqual([QUEUE_A, QUEUE_C]);
    const states = (await b.log()).states.map((s) => s.state);
    expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
  });

  it('subscribes at the hub for a tab that joins later, through the existing connection', async () => {
    const a = await openTab([QUEUE_A]);
    const b = await openTab([]);
    expect(await b.subscribe([QUEUE_B])).toEqual(['subscribed']);
    expect(emulator.stats()).toMatchObject({ connections: 1, subscriptions: 2 });
    expect(publish(QUEUE_B, 1)).toBe(1);
    await until(async () => (await received(b)).length === 1);
    expect(await received(a)).toEqual([]);
  });

  it('falls back to a connection per tab where Web Locks or BroadcastChannel are missing', async () => {
    await openTab([QUEUE_A], { shareAcrossTabs: true }, () => {
      Object.defineProperty(Navigator.prototype, 'locks', { configurable: true, get: () => undefined });
    });
    await openTab([QUEUE_A], { shareAcrossTabs: true }, () => {
      Object.defineProperty(globalThis, 'BroadcastChannel', { configurable: true, value: undefined });
    });
    expect(emulator.stats().connections).toBe(2);
    expect(publish(QUEUE_A, 1)).toBe(2);
  });

  it('opens a connection per tab without shareAcrossTabs', async () => {
    await openTab([QUEUE_A], {});
    await openTab([QUEUE_A], {});
    expect(emulator.stats().connections).toBe(2);
  });
});

describe('tabs sharing one hub connection, driven over the raw DevTools protocol', () => {
  it('hands the connection to another tab when the leader tab is frozen, and takes the frozen tab back on resume', async () => {
    const cdp = await launchCdpChromium();
    try {
      const start = (queues: readonly string[]) =>
        `window.rtePage.start(${JSON.stringify({ eventName: 'QueueStatus', entityIds: queues, options: { shareAcrossTabs: true } })})`;
      const leader = await cdp.open(site.url);
      await leader.evaluate(start([QUEUE_A]));
      const follower = await cdp.open(site.url);
      await follower.evaluate(start([QUEUE_B]));
      expect(emulator.stats().connections).toBe(1);
      const logOf = (tab: { evaluate<T>(expression: string): Promise<T> }) =>
        tab.evaluate<SdkPageLog>('window.rteLog');

      await leader.setLifecycle('frozen');
      const frozenAt = Date.now();
      await until(async () => (await logOf(follower)).resynced.length === 1, 5_000);
      const takeoverMs = (await logOf(follower)).resynced[0]!.at - frozenAt;
      figure(`leader tab frozen → the other tab resynced in ${takeoverMs} ms`);
      expect(takeoverMs).toBeLessThanOrEqual(2_000);
      await until(() => emulator.stats().connections === 1);
      expect(publish(QUEUE_B, 1)).toBe(1);
      await until(async () => (await logOf(follower)).events.length === 1);

      await leader.setLifecycle('active');
      await until(async () => (await leader.evaluate<string>('window.rtePage.state()')) === 'connected');
      await until(() => emulator.stats().subscriptions === 2);
      expect(emulator.stats().connections).toBe(1);
      expect(publish(QUEUE_A, 2)).toBe(1);
      await until(async () => (await logOf(leader)).events.length === 1);
      await leader.evaluate('window.rtePage.stop()');
      await follower.evaluate('window.rtePage.stop()');
    } finally {
      await cdp.close();
    }
  }, 40_000);
});
