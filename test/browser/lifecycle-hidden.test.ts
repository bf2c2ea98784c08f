import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.ts';
import { type CdpBrowser, launchCdpChromium } from './support/cdp.ts';
import { figure, until } from './support/chromium.ts';
import type { SdkPageLog } from './support/sdk-page.ts';
import { type SdkSite, serveSdkPage } from './support/sdk-site.ts';

// A background tab under Chrome's real timer throttling: once a hidden tab has been hidden for the
// grace period (5 minutes by default, 5 s here via a Chromium feature parameter), its timers wake at
// most once a minute, so the SDK's 5 s drift timer fires up to 55 s late while the hub's frames keep
// arriving. The emulator runs with the production keep-alive (15 s).

let emulator: Emulator;
let site: SdkSite;
let cdp: CdpBrowser;

beforeAll(async () => {
  emulator = await startEmulator();
  site = await serveSdkPage(() => ({ endpoint: emulator.hubUrl, token: emulator.issueToken() }));
  cdp = await launchCdpChromium(['--enable-features=IntensiveWakeUpThrottling:grace_period_seconds/5']);
});

afterAll(async () => {
  await cdp?.close();
  await site?.close();
  await emulator?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a hidden tab in headless Chromium with real timer throttling', () => {
  it('keeps its healthy connection while its timers fire a minute apart, and loses no event', async () => {
    const userId = emulator.credentials.userId;
    const tab = await cdp.open(site.url);
    await tab.evaluate(
      `window.rtePage.start(${JSON.stringify({ eventName: 'UserStatus', entityIds: [userId] })})`,
    );
    // The page's own 5 s timer shows how late timers fire, so the test knows throttling happened.
    await tab.evaluate(
      'window.lateness = 0; { let last = Date.now(); setInterval(() => { const now = Date.now(); window.lateness = Math.max(window.lateness, now - last - 5000); last = now; }, 5000); }',
    );
    const other = await cdp.open('about:blank');
    await other.activate();
    expect(await tab.evaluate<string>('document.visibilityState')).toBe('hidden');

    let delivered = 0;
    const publisher = setInterval(() => {
      delivered += emulator.publish('UserStatus', userId, { Available: true });
    }, 10_000);
    try {
      await sleep(130_000);
    } finally {
      clearInterval(publisher);
    }
    const latenessMs = await tab.evaluate<number>('window.lateness');
    const { states, resynced, events } = await tab.evaluate<SdkPageLog>('window.rteLog');
    figure(
      `hidden 130 s under real throttling: timers up to ${latenessMs} ms late, ${states.length - 2} reconnects`,
    );
    expect(latenessMs).toBeGreaterThan(30_000);
    expect(states.map((s) => s.state)).toEqual(['connecting', 'connected']);
    expect(resynced).toEqual([]);
    expect(events.length).toBe(delivered);
    expect(emulator.stats()).toMatchObject({ connections: 1, negotiations: 1 });

    // Visible again: verified, kept.
    await tab.activate();
    await sleep(2_000);
    expect((await tab.evaluate<SdkPageLog>('window.rteLog')).states).toHaveLength(2);
    await until(async () => (await tab.evaluate<string>('window.rtePage.state()')) === 'connected');
    await tab.evaluate('window.rtePage.stop()');
  }, 200_000);
});
