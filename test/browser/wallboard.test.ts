import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { wallboardConfigFromEmulator } from '../../examples/browser-wallboard/src/from-emulator.ts';
import {
  createSimulator,
  type Emulator,
  EmulatorControl,
  type Simulator,
  startEmulator,
} from '../../src/emulator/index.ts';
import { launchChromium } from './support/chromium.ts';
import { type StaticServer, serveStatic } from './support/static-server.ts';

const exampleRoot = fileURLToPath(new URL('../../examples/browser-wallboard/', import.meta.url));
const sdkSource = fileURLToPath(new URL('../../src/', import.meta.url));
const resultsDir = fileURLToPath(new URL('../../test-results/', import.meta.url));

let workDir: string;
let emulator: Emulator;
let simulator: Simulator;
let site: StaticServer;
let browser: Browser;
let bundledModules: string[];

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'wallboard-'));
  emulator = await startEmulator();
  simulator = createSimulator({
    seed: 3,
    eventsPerSecond: 60,
    organizationId: emulator.credentials.organizationId,
    publish: (eventName, entityId, data) => emulator.publish(eventName, entityId, data),
  });
  const output = await build({
    root: exampleRoot,
    configFile: join(exampleRoot, 'vite.config.ts'),
    configLoader: 'runner',
    logLevel: 'silent',
    cacheDir: join(workDir, 'vite-cache'),
    build: { outDir: join(workDir, 'site'), emptyOutDir: true },
  });
  const bundles = Array.isArray(output) ? output : [output];
  bundledModules = bundles.flatMap((bundle) =>
    'output' in bundle ? bundle.output.flatMap((file) => (file.type === 'chunk' ? file.moduleIds : [])) : [],
  );
  site = await serveStatic(join(workDir, 'site'), {
    '/config.json': wallboardConfigFromEmulator({
      apiUrl: emulator.apiUrl,
      credentials: emulator.credentials,
      directory: simulator.directory,
    }),
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  simulator?.stop();
  await site?.close();
  await emulator?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Every console message, page error and failed request of the page, to assert none happened. */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => problems.push(`console.${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  return problems;
}

/** How many QueueStatus events each queue card has shown. */
function queueUpdates(page: Page): Promise<number[]> {
  return page.$$eval('.queue', (cards) => cards.map((card) => Number((card as HTMLElement).dataset.updates)));
}

/** Polls until the page catches up; the simulator publishes at random moments. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000, interval: 50 });

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

it('bundles the SDK source for the page and none of the Node-only emulator', () => {
  const normalised = bundledModules.map((id) => id.replaceAll('\\', '/'));
  expect(normalised.some((id) => id.endsWith('/src/client/rte-client.ts'))).toBe(true);
  const nodeOnly = normalised.filter(
    (id) =>
      id.startsWith(`${sdkSource}emulator/`) ||
      id.startsWith(`${sdkSource}cli/`) ||
      id.includes('/node_modules/ws/'),
  );
  expect(nodeOnly).toEqual([]);
});

it('shows live queues and agents, the reconnect countdown and the resync after an abrupt drop', {
  timeout: 25_000,
}, async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  const problems = watchConsole(page);
  const { queues, agents } = simulator.directory;

  await page.goto(site.url);
  await page.locator('#connection[data-connection="connected"]').waitFor({ timeout: 10_000 });
  // The opening state goes out once: publish only when every subscription is on the hub.
  await poll(() => emulator.stats().subscriptions).toBe(queues.length + 2 * agents.length);
  simulator.start();

  await poll(() => page.locator('.queue[data-updates="0"]').count()).toBe(0);
  await poll(async () => sum(await queueUpdates(page))).toBeGreaterThan(queues.length);
  for (const queue of queues) {
    const card = page.locator(`.queue[data-queue-id="${queue.queueId}"]`);
    await poll(() => card.locator('.queue-name').textContent()).toBe(queue.name);
    expect(await card.locator('.figure-waiting .figure-value').textContent()).toMatch(/^\d+$/);
    expect(await card.locator('.figure-longest .figure-value').textContent()).toMatch(/^\d+:\d\d$/);
    expect(await card.locator('.figure-free .figure-value').textContent()).toMatch(/^\d+$/);
    expect(await card.locator('.badge').textContent()).toBe('Open');
  }
  await poll(() => page.locator('.agent[data-presence="unknown"]').count()).toBe(0);
  expect(await page.locator('.agent .agent-name').allTextContents()).toEqual(agents.map((a) => a.name));

  // Record every state the indicator renders: the countdown can be brief.
  await page.evaluate(() => {
    const host = document.getElementById('connection') as HTMLElement;
    const seen: string[] = [];
    (window as unknown as { connectionSeen: string[] }).connectionSeen = seen;
    new MutationObserver(() => seen.push(`${host.dataset.connection}: ${host.textContent}`)).observe(host, {
      attributes: true,
      childList: true,
      subtree: true,
      characterData: true,
    });
  });
  // The first two reconnect attempts are refused the way ASP.NET Core refuses a negotiation (200
  // with an error), so the client backs off with a delay; the third is held until looked at.
  const origin = new URL(site.url).origin;
  let refusals = 2;
  let heldAttempt!: () => void;
  const attemptHeld = new Promise<void>((resolve) => {
    heldAttempt = resolve;
  });
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/rte/negotiate**', async (route) => {
    if (refusals > 0) {
      refusals--;
      await route.fulfill({
        status: 200,
        contentType: 'application/json',
        headers: { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' },
        body: JSON.stringify({ error: 'The hub is restarting.' }),
      });
      return;
    }
    heldAttempt();
    await released;
    await route.continue();
  });

  const control = new EmulatorControl(emulator.controlUrl);
  expect(await control.dropConnections()).toBe(1);
  await attemptHeld;
  const indicator = page.locator('#connection');
  expect(await indicator.getAttribute('data-connection')).toBe('reconnecting');
  expect(await indicator.locator('.connection-label').textContent()).toBe('Reconnecting');
  await mkdir(resultsDir, { recursive: true });
  await page.screenshot({ path: join(resultsDir, 'wallboard-reconnecting.png') });
  const seen = await page.evaluate(() => (window as unknown as { connectionSeen: string[] }).connectionSeen);
  expect(seen.some((text) => /^reconnecting: .*attempt [23] in \d+\.\d s/.test(text))).toBe(true);

  const beforeReplay = sum(await queueUpdates(page));
  release();
  await page.locator('#banner').waitFor({ state: 'visible', timeout: 10_000 });
  expect(await page.locator('#banner .banner-title').textContent()).toMatch(/data may have gaps/);
  expect(await indicator.getAttribute('data-connection')).toBe('connected');
  await page.unroute('**/rte/negotiate**');
  await poll(() => emulator.stats().subscriptions).toBe(queues.length + 2 * agents.length);
  await poll(async () => sum(await queueUpdates(page))).toBeGreaterThan(beforeReplay);
  await poll(() => page.locator('.agent:not([data-stale])').count()).toBeGreaterThan(0);

  await page.screenshot({ path: join(resultsDir, 'wallboard.png') });
  expect(await page.locator('#banner .banner-body').textContent()).toMatch(
    /down for (\d+ ms|\d+\.\d s|\d+ s);/,
  );
  // The refused negotiations were handled by the client itself: no "Last problem" for them.
  expect(await page.locator('.footer-problem').textContent()).toBe('');
  expect(problems).toEqual([]);

  // A new outage: the previous "Resynced" banner goes while the board is reconnecting.
  await page.route('**/rte/negotiate**', (route) => route.abort());
  expect(await control.dropConnections()).toBe(1);
  await poll(() => indicator.getAttribute('data-connection')).toBe('reconnecting');
  expect(await page.locator('#banner').isVisible()).toBe(false);
  await page.close();
});

it('dims stale tiles after a drop, refreshes them with events, and restores a queue that sends no event from its snapshot loader', {
  timeout: 25_000,
}, async () => {
  simulator.stop();
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  const problems = watchConsole(page);
  const { queues, agents } = simulator.directory;
  const [quiet, busy] = queues;
  const [agent] = agents;
  await page.goto(site.url);
  await page.locator('#connection[data-connection="connected"]').waitFor({ timeout: 10_000 });
  await poll(() => emulator.stats().subscriptions).toBe(queues.length + 2 * agents.length);

  const card = (queueId: string) => page.locator(`.queue[data-queue-id="${queueId}"]`);
  const tile = (userId: string) => page.locator(`.agent[data-user-id="${userId}"]`);
  emulator.publish('QueueStatus', quiet!.queueId, { QueueName: quiet!.name, NbrOfQueuingRequesters: 1 });
  emulator.publish('QueueStatus', busy!.queueId, { QueueName: busy!.name, NbrOfQueuingRequesters: 2 });
  emulator.publish('UserStatus', agent!.userId, {
    UserId: agent!.userId,
    Available: true,
    CanBeAllocatedTo: true,
  });
  await poll(() => card(quiet!.queueId).getAttribute('data-freshness')).toBe('live');
  await poll(() => card(busy!.queueId).locator('.figure-waiting .figure-value').textContent()).toBe('2');
  await poll(() => tile(agent!.userId).getAttribute('data-stale')).toBe(null);

  // Keep the board away from the hub while the queue changes: nothing can tell it but the loader.
  await page.route('**/rte/negotiate**', (route) => route.abort());
  let heldSnapshots!: () => void;
  const snapshotsHeld = new Promise<void>((resolve) => {
    heldSnapshots = resolve;
  });
  await page.route('**/_control/state/**', async (route) => {
    await snapshotsHeld;
    await route.continue();
  });
  const control = new EmulatorControl(emulator.controlUrl);
  expect(await control.dropConnections()).toBe(1);
  await poll(() => card(quiet!.queueId).getAttribute('data-freshness')).toBe('stale');
  expect(await card(quiet!.queueId).getAttribute('data-stale')).toBe('');
  expect(await card(busy!.queueId).getAttribute('data-stale')).toBe('');
  await poll(() => tile(agent!.userId).getAttribute('data-stale')).toBe('');
  emulator.publish('QueueStatus', quiet!.queueId, { QueueName: quiet!.name, NbrOfQueuingRequesters: 7 });
  await page.unroute('**/rte/negotiate**');
  await page.locator('#connection[data-connection="connected"]').waitFor({ timeout: 10_000 });

  // Resubscribed, the loaders are still out: the tiles stay dimmed.
  expect(await card(quiet!.queueId).getAttribute('data-freshness')).toBe('stale');
  expect(await card(quiet!.queueId).locator('.figure-waiting .figure-value').textContent()).toBe('1');
  heldSnapshots();
  await poll(() => card(quiet!.queueId).getAttribute('data-freshness')).toBe('live');
  expect(await card(quiet!.queueId).locator('.figure-waiting .figure-value').textContent()).toBe('7');
  expect(await card(quiet!.queueId).getAttribute('data-stale')).toBe(null);

  // An agent has no loader: its tile stays stale until its next event.
  expect(await tile(agent!.userId).getAttribute('data-stale')).toBe('');
  emulator.publish('UserStatus', agent!.userId, {
    UserId: agent!.userId,
    Available: true,
    CanBeAllocatedTo: true,
  });
  await poll(() => tile(agent!.userId).getAttribute('data-stale')).toBe(null);
  await page.locator('#banner').waitFor({ state: 'visible', timeout: 10_000 });
  await mkdir(resultsDir, { recursive: true });
  await page.screenshot({ path: join(resultsDir, 'wallboard-restored.png') });
  // Only the negotiations the test aborted failed.
  expect(problems.filter((p) => !p.includes('/rte/negotiate') && !p.endsWith('net::ERR_FAILED'))).toEqual([]);
  await page.close();
});
