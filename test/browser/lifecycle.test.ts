import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.ts';
import { type CdpBrowser, type CdpTab, launchCdpChromium } from './support/cdp.ts';
import { figure, launchChromium, until } from './support/chromium.ts';
import type { SdkPageApi, SdkPageLog, SdkPageStart } from './support/sdk-page.ts';
import { type SdkSite, serveSdkPage } from './support/sdk-site.ts';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.ts';

// Real headless Chromium against the emulator, with a TCP proxy in between that can make the open
// hub connection die silently (Chromium's own offline emulation holds WebSocket frames instead).
// The hub pings every 200 ms and an event is published every 100 ms, so the last frame received
// marks when a connection died to within a few hundred ms.

let emulator: Emulator;
let proxy: TcpProxy;
let site: SdkSite;
let browser: Browser;
let page: Page;
let publisher: ReturnType<typeof setInterval> | undefined;
let userId: string;
/** Events the hub delivered to the page's connection. */
let delivered = 0;

beforeAll(async () => {
  emulator = await startEmulator({ keepAliveIntervalMs: 200 });
  proxy = await startTcpProxy(emulator.port);
  userId = emulator.credentials.userId;
  site = await serveSdkPage(() => ({
    endpoint: `ws://127.0.0.1:${proxy.port}/rte`,
    token: emulator.issueToken(),
  }));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await proxy?.close();
  await emulator?.close();
});

beforeEach(async () => {
  emulator.restart();
  page = await browser.newPage();
  page.on('pageerror', (error) => console.error(error));
});

afterEach(async () => {
  clearInterval(publisher);
  publisher = undefined;
  await page.evaluate(() => (window as unknown as { rtePage: SdkPageApi }).rtePage.stop()).catch(() => 0);
  await page.close();
});

async function start(options: Partial<SdkPageStart> = {}): Promise<void> {
  await page.goto(site.url);
  const started = await page.evaluate(
    (start) => (window as unknown as { rtePage: SdkPageApi }).rtePage.start(start),
    { eventName: 'UserStatus', entityIds: [userId], ...options },
  );
  expect(started.state).toBe('connected');
  delivered = 0;
  publisher = setInterval(() => {
    delivered += emulator.publish('UserStatus', userId, { Available: true });
  }, 100);
}

function log(): Promise<SdkPageLog> {
  return page.evaluate(() => (window as unknown as { rteLog: SdkPageLog }).rteLog);
}

/** Makes the page report itself hidden or visible, firing `visibilitychange` as the browser does. */
async function setVisibility(state: 'hidden' | 'visible'): Promise<void> {
  await page.evaluate((value) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => value });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => value === 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a page in headless Chromium whose hub connection dies silently', () => {
  it('verifies the connection when the browser comes back online and replaces it within 2 s, reporting the real downtime', async () => {
    await start();
    await until(async () => (await log()).events.length > 3);
    const diedAt = Date.now();
    expect(proxy.silenceOpenConnections()).toBe(1);
    await page.context().setOffline(true);
    await sleep(6_000);
    const eventsBefore = (await log()).events.length;
    const onlineAt = Date.now();
    await page.context().setOffline(false);
    await until(async () => (await log()).resynced.length === 1, 5_000);

    const { resynced, states, events } = await log();
    const [info] = resynced;
    expect(info).toMatchObject({ cause: 'network-online', restored: 1 });
    const recoveryMs = info!.at - onlineAt;
    const realGapMs = info!.at - diedAt;
    figure(
      `online → resynced in ${recoveryMs} ms; downtime ${info!.downtimeMs} ms for a ${realGapMs} ms gap`,
    );
    expect(recoveryMs).toBeLessThanOrEqual(2_000);
    expect(Math.abs(info!.downtimeMs - realGapMs)).toBeLessThanOrEqual(realGapMs * 0.1);
    expect(states.map((s) => s.state)).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
    expect(states[2]).toMatchObject({ cause: 'network-online' });
    await until(async () => (await log()).events.length > eventsBefore + 3);
    expect(events.length).toBeGreaterThan(0);
  });

  it('verifies the connection when a hidden tab becomes visible again and replaces a dead one at once', async () => {
    await start();
    await setVisibility('hidden');
    await until(async () => (await log()).events.length > 3);
    const diedAt = Date.now();
    proxy.silenceOpenConnections();
    await sleep(5_000);
    const visibleAt = Date.now();
    await setVisibility('visible');
    await until(async () => (await log()).resynced.length === 1, 5_000);
    const [info] = (await log()).resynced;
    expect(info).toMatchObject({ cause: 'wake-from-sleep', restored: 1 });
    const realGapMs = info!.at - diedAt;
    figure(
      `visible → resynced in ${info!.at - visibleAt} ms; downtime ${info!.downtimeMs} ms for a ${realGapMs} ms gap`,
    );
    expect(info!.at - visibleAt).toBeLessThanOrEqual(2_000);
    expect(Math.abs(info!.downtimeMs - realGapMs)).toBeLessThanOrEqual(realGapMs * 0.1);
  });

  it('takes a clock jump (the machine slept) as a reason to verify, and reconnects from a dead connection counting the sleep', async () => {
    await page.clock.install();
    await start();
    await until(async () => (await log()).events.length > 3);
    const diedAt = Date.now();
    expect(proxy.silenceOpenConnections()).toBe(1);
    await page.clock.fastForward(20_000);
    const wokeAt = Date.now();
    await until(async () => (await log()).resynced.length === 1, 8_000);
    const [info] = (await log()).resynced;
    expect(info).toMatchObject({ cause: 'wake-from-sleep', restored: 1 });
    // The page's clock ran 20 s ahead from the jump on: the gap it lived through includes them.
    const pageGapMs = info!.at - diedAt;
    figure(
      `20 s clock jump → resynced ${Date.now() - wokeAt} ms later (real); downtime ${info!.downtimeMs} ms for a ${pageGapMs} ms gap`,
    );
    expect(Math.abs(info!.downtimeMs - pageGapMs)).toBeLessThanOrEqual(pageGapMs * 0.1);
  });
});

describe('a hidden page in headless Chromium with a healthy hub connection', () => {
  it('keeps its connection through ten minutes of timers firing 20 s late, and loses no event', async () => {
    // Chrome throttles the timers of a hidden tab; the page's clock is advanced 25 s at a time, so
    // every 5 s drift tick fires 20 s late, as in a throttled background tab. The hub's frames keep
    // arriving meanwhile. 24 jumps make ten minutes of page time in a few seconds.
    const before = emulator.stats();
    await page.clock.install();
    await start();
    await setVisibility('hidden');
    for (let jump = 0; jump < 24; jump++) {
      await page.clock.fastForward(25_000);
      await sleep(300);
    }
    const published = delivered;
    await until(async () => (await log()).events.length >= published);
    const { states, resynced, events } = await log();
    expect(states.map((s) => s.state)).toEqual(['connecting', 'connected']);
    expect(resynced).toEqual([]);
    const after = emulator.stats();
    expect(after.connections).toBe(1);
    expect(after.negotiations - before.negotiations).toBe(1);
    // Every event published while hidden arrived.
    expect(events.length).toBeGreaterThanOrEqual(published);
    // Each late tick without a frame in its gap is verified by one round trip at most.
    expect(after.calls.AvailableSubscriptions - before.calls.AvailableSubscriptions).toBeLessThanOrEqual(24);
  });
});

describe('a page in headless Chromium that is frozen and resumed (raw DevTools protocol)', () => {
  let cdp: CdpBrowser;
  let tab: CdpTab;

  beforeAll(async () => {
    cdp = await launchCdpChromium();
  });

  afterAll(async () => {
    await cdp?.close();
  });

  beforeEach(async () => {
    tab = await cdp.open(site.url);
    await tab.evaluate(
      `window.rtePage.start(${JSON.stringify({ eventName: 'UserStatus', entityIds: [userId] })})`,
    );
    delivered = 0;
    publisher = setInterval(() => {
      delivered += emulator.publish('UserStatus', userId, { Available: true });
    }, 100);
  });

  afterEach(async () => {
    await tab.setLifecycle('active').catch(() => undefined);
    await tab.evaluate('window.rtePage.stop()').catch(() => undefined);
    await tab.close();
  });

  const tabLog = () => tab.evaluate<SdkPageLog>('window.rteLog');

  it('is back within 2 s of resuming from a 10 s freeze, with the freeze counted as downtime', async () => {
    // Chromium closes the WebSocket of a page frozen this long; the close is only seen on resume.
    await until(async () => (await tabLog()).events.length > 3);
    await tab.setLifecycle('frozen');
    const frozenAt = Date.now();
    await sleep(10_000);
    const resumedAt = Date.now();
    await tab.setLifecycle('active');
    await until(async () => (await tabLog()).resynced.length === 1, 5_000);
    const { resynced, states } = await tabLog();
    const [info] = resynced;
    expect(info).toMatchObject({ restored: 1 });
    const gapMs = info!.at - frozenAt;
    figure(
      `10 s freeze → resynced ${info!.at - resumedAt} ms after resume (cause ${info!.cause}); downtime ${info!.downtimeMs} ms for a ${gapMs} ms gap`,
    );
    expect(info!.at - resumedAt).toBeLessThanOrEqual(2_000);
    expect(Math.abs(info!.downtimeMs - gapMs)).toBeLessThanOrEqual(gapMs * 0.1);
    expect(states.map((s) => s.state)).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
  }, 40_000);
});
