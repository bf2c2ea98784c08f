import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.ts';
import { ensureBuilt } from '../support/built-sdk.ts';
import { QUEUE_ID, rteEnv } from '../support/emulator-env.ts';
import { runProgram } from '../support/programs.ts';
import { launchChromium } from './support/chromium.ts';

const wallboard = fileURLToPath(new URL('../../examples/browser-wallboard/', import.meta.url));
const AGENT_ID = 'aa9730c4-ce86-e611-80c9-00505689257e';

let workDir: string;
let emu: Emulator;
let browser: Browser;
let siteDir: string;

/** Starts the broker as examples/token-broker/README.md says: `npm start`'s `node src/server.ts`, credentials in the environment. */
async function startBroker(): Promise<string> {
  const broker = runProgram({
    cwd: 'examples/token-broker',
    file: 'src/server.ts',
    env: { ...rteEnv(emu), STATIC_DIR: siteDir, PORT: '0' },
  });
  const [, url] = await broker.waitFor(/^token broker on (http:\/\/\S+)/m);
  return url!;
}

beforeAll(async () => {
  await ensureBuilt();
  workDir = await mkdtemp(join(tmpdir(), 'token-broker-'));
  emu = await startEmulator();
  const site = join(workDir, 'site');
  await build({
    root: wallboard,
    configFile: join(wallboard, 'vite.config.ts'),
    configLoader: 'runner',
    logLevel: 'silent',
    cacheDir: join(workDir, 'vite-cache'),
    build: { outDir: site, emptyOutDir: true },
  });
  // The page knows only where to ask for a token: no API URL, no credentials.
  await writeFile(
    join(site, 'config.json'),
    JSON.stringify({
      title: 'Brokered',
      tokenUrl: '/rte-token',
      queues: [{ id: QUEUE_ID, name: 'Support' }],
      agents: [{ id: AGENT_ID, name: 'Aino Virtanen' }],
    }),
  );
  siteDir = site;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await emu?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

it('serves the wallboard a token from the server, so the page goes live without a secret key', async () => {
  const brokerUrl = await startBroker();
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  const tokenRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/token/')) tokenRequests.push(request.url());
  });
  await page.goto(brokerUrl);
  await page.locator('#connection[data-connection="connected"]').waitFor({ timeout: 15_000 });
  await expect.poll(() => emu.stats().subscriptions, { timeout: 10_000 }).toBe(3);
  emu.publish('QueueStatus', QUEUE_ID, {
    QueueId: QUEUE_ID,
    QueueName: 'Support line',
    NbrOfQueuingRequesters: 4,
    MessageTTLSeconds: 60,
  });
  const card = page.locator(`.queue[data-queue-id="${QUEUE_ID}"]`);
  await expect.poll(() => card.locator('.figure-waiting .figure-value').textContent()).toBe('4');
  // The page never talked to the REST API, and the secret key is nowhere in what it holds.
  expect(tokenRequests).toEqual([]);
  expect(await page.content()).not.toContain(emu.credentials.secretKey);
  expect(problems).toEqual([]);
  await page.close();
});

it('hands tokens to its own pages only', async () => {
  const brokerUrl = await startBroker();
  const crossSite = await fetch(`${brokerUrl}rte-token`, { headers: { 'sec-fetch-site': 'cross-site' } });
  expect(crossSite.status).toBe(403);
  expect(crossSite.headers.get('access-control-allow-origin')).toBeNull();
  const own = await fetch(`${brokerUrl}rte-token`, { headers: { 'sec-fetch-site': 'same-origin' } });
  expect(own.status).toBe(200);
  expect(own.headers.get('cache-control')).toBe('no-store');
  expect(Object.keys(await own.json()).sort()).toEqual(['endpoint', 'token']);
});
