import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { wallboardConfigFromEmulator } from '../../examples/react-wallboard/src/config.ts';
import { type Emulator, EmulatorControl, startEmulator } from '../../src/emulator/index.ts';
import { launchChromium } from './support/chromium.ts';
import { type StaticServer, serveStatic } from './support/static-server.ts';

const exampleRoot = fileURLToPath(new URL('../../examples/react-wallboard/', import.meta.url));
const sdkSource = fileURLToPath(new URL('../../src/', import.meta.url));
const resultsDir = fileURLToPath(new URL('../../test-results/', import.meta.url));

const queues = [
  { queueId: 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3', name: 'Sales' },
  { queueId: '5d9c1b7e-3f2a-4e8d-b6c1-0a9f8e7d6c02', name: 'Support' },
];
const agents = [
  { userId: 'aa9730c4-ce86-e611-80c9-00505689257e', name: 'Aino Virtanen' },
  { userId: 'bb9730c4-ce86-e611-80c9-00505689257e', name: 'Bo Berg' },
];

let workDir: string;
let emulator: Emulator;
let site: StaticServer;
let browser: Browser;
let bundledModules: string[];

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'react-wallboard-'));
  emulator = await startEmulator();
  const output = await build({
    root: exampleRoot,
    configFile: join(exampleRoot, 'vite.config.ts'),
    configLoader: 'runner',
    // React's development build: the one where StrictMode mounts every component twice.
    mode: 'development',
    define: { 'process.env.NODE_ENV': JSON.stringify('development') },
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
      directory: { queues, agents },
    }),
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await emulator?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => problems.push(`console.${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000, interval: 50 });

it('bundles React, the SDK source and its React entry for the page, and none of the Node-only emulator', () => {
  const normalised = bundledModules.map((id) => id.replaceAll('\\', '/'));
  expect(normalised.some((id) => id.endsWith('/src/react/hooks.ts'))).toBe(true);
  expect(normalised.some((id) => id.includes('/node_modules/react-dom/'))).toBe(true);
  expect(
    normalised.filter((id) => id.startsWith(`${sdkSource}emulator/`) || id.includes('/node_modules/ws/')),
  ).toEqual([]);
});

it('shows live tiles under StrictMode with one hub subscription each, dims them on a drop, refreshes them with events and restores a quiet queue from its loader', {
  timeout: 30_000,
}, async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = watchConsole(page);
  const [sales, support] = queues;
  const [aino] = agents;
  const card = (queueId: string) => page.locator(`.queue[data-queue-id="${queueId}"]`);
  const tile = (userId: string) => page.locator(`.agent[data-user-id="${userId}"]`);

  await page.goto(site.url);
  await page.locator('#connection[data-connection="connected"]').waitFor({ timeout: 10_000 });
  // StrictMode mounts every component twice: still one hub subscription per pair.
  await poll(() => emulator.stats().subscriptions).toBe(queues.length + agents.length);

  emulator.publish('QueueStatus', sales!.queueId, { QueueName: 'Sales', NbrOfQueuingRequesters: 1 });
  emulator.publish('QueueStatus', support!.queueId, { QueueName: 'Support', NbrOfQueuingRequesters: 2 });
  emulator.publish('UserStatus', aino!.userId, {
    UserId: aino!.userId,
    CanBeAllocatedTo: true,
    Talking: false,
  });
  await poll(() => card(sales!.queueId).getAttribute('data-freshness')).toBe('live');
  await poll(() => card(support!.queueId).locator('.figure-waiting').textContent()).toBe('2');
  await poll(() => tile(aino!.userId).locator('.agent-presence').textContent()).toBe('Free');
  expect(await tile(aino!.userId).getAttribute('data-freshness')).toBe('live');

  // Away from the hub while a queue changes: only its snapshot loader can tell the board.
  await page.route('**/rte/negotiate**', (route) => route.abort());
  let releaseSnapshots!: () => void;
  const snapshotsHeld = new Promise<void>((resolve) => {
    releaseSnapshots = resolve;
  });
  await page.route('**/_control/state/**', async (route) => {
    await snapshotsHeld;
    await route.continue();
  });
  expect(await new EmulatorControl(emulator.controlUrl).dropConnections()).toBe(1);
  await poll(() => card(sales!.queueId).getAttribute('data-freshness')).toBe('stale');
  await poll(() => tile(aino!.userId).getAttribute('data-freshness')).toBe('stale');
  emulator.publish('QueueStatus', sales!.queueId, { QueueName: 'Sales', NbrOfQueuingRequesters: 6 });
  await page.unroute('**/rte/negotiate**');
  await page.locator('#connection[data-connection="connected"]').waitFor({ timeout: 10_000 });
  expect(await card(sales!.queueId).getAttribute('data-freshness')).toBe('stale');
  releaseSnapshots();
  await poll(() => card(sales!.queueId).locator('.figure-waiting').textContent()).toBe('6');
  expect(await card(sales!.queueId).getAttribute('data-freshness')).toBe('live');

  // The agent has no loader: stale until its next event.
  expect(await tile(aino!.userId).getAttribute('data-freshness')).toBe('stale');
  emulator.publish('UserStatus', aino!.userId, {
    UserId: aino!.userId,
    CanBeAllocatedTo: false,
    Talking: true,
  });
  await poll(() => tile(aino!.userId).locator('.agent-presence').textContent()).toBe('On a call');
  expect(await tile(aino!.userId).getAttribute('data-freshness')).toBe('live');
  await poll(() => page.locator('.banner').textContent()).toMatch(/restored by snapshot/);
  expect(emulator.stats().subscriptions).toBe(queues.length + agents.length);

  await mkdir(resultsDir, { recursive: true });
  await page.screenshot({ path: join(resultsDir, 'react-wallboard.png') });
  // Only the negotiations the test aborted failed; React's development build advertises its DevTools.
  expect(problems.filter((p) => !p.endsWith('net::ERR_FAILED') && !p.includes('React DevTools'))).toEqual([]);
  await page.close();
  await poll(() => emulator.stats().subscriptions).toBe(0);
});
