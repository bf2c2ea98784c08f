import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForBrowser } from '../../browser/support/sdk-site.ts';
import type { PageApi, PageEvent } from './browser-page.ts';
import { type ContractHub, hubKinds, startHub } from './hubs.ts';
import { camel, example, USER_ID, until } from './support.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

let site: Server;
let siteUrl: string;
let userDataDir: string;
let browser: BrowserContext;

/** Serves the page from its own origin, so every call to a hub is a cross-origin one. */
async function serve(script: string): Promise<Server> {
  const html =
    '<!doctype html><meta charset="utf-8"><title>RTE contract</title><link rel="icon" href="data:,"><script src="/page.js"></script>';
  const server = createServer((req, res) => {
    const [type, body] =
      req.url === '/page.js' ? ['text/javascript', script] : req.url === '/' ? ['text/html', html] : [];
    res.writeHead(body === undefined ? 404 : 200, {
      'content-type': `${type ?? 'text/plain'}; charset=utf-8`,
    });
    res.end(body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

beforeAll(async () => {
  site = await serve(
    await bundleForBrowser(join(dirname(fileURLToPath(import.meta.url)), 'browser-page.ts')),
  );
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
  userDataDir = mkdtempSync(join(tmpdir(), 'rte-contract-chromium-'));
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  await new Promise((resolve) => site?.close(resolve));
});

describe.each(hubKinds)('a page in headless Chromium against the %s hub', (kind) => {
  let hub: ContractHub;

  beforeAll(async () => {
    hub = await startHub(kind);
  }, 120_000);

  afterAll(async () => {
    await hub?.stop();
  });

  it('connects across origins with the token in the query string, receives events and recovers from a drop', async () => {
    const page: Page = await browser.newPage();
    const events: PageEvent[] = [];
    const resynced: number[] = [];
    const errors: string[] = [];
    const logged: string[] = [];
    const sockets: URL[] = [];
    try {
      await page.exposeFunction('reportEvent', (event: PageEvent) => events.push(event));
      await page.exposeFunction('reportResynced', (restored: number) => resynced.push(restored));
      await page.exposeFunction('reportError', (code: string) => errors.push(code));
      page.on('console', (message) => logged.push(message.text()));
      page.on('pageerror', (error) => logged.push(error.message));
      page.on('websocket', (socket) => sockets.push(new URL(socket.url())));
      await page.goto(siteUrl);

      const started = await page.evaluate(
        (options) => (window as unknown as { rteContract: PageApi }).rteContract.start(options),
        {
          apiUrl: hub.apiUrl,
          email: hub.credentials.email,
          secretKey: hub.credentials.secretKey,
          eventName: 'UserStatus',
          entityId: USER_ID,
        },
      );

      expect(started).toEqual({ statuses: ['pending'], state: 'connected' });
      expect(sockets).toHaveLength(1);
      expect(sockets[0]?.pathname).toBe('/rte');
      expect(sockets[0]?.searchParams.get('access_token')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      const payload = example('UserStatus', {
        EntityId: USER_ID,
        UserId: USER_ID,
        Talking: true,
        ServiceTerminals: 2,
        Note: 'Näkyy selaimessa',
      });
      expect(await hub.control.publish('UserStatus', USER_ID, payload)).toBe(1);
      await until(() => events.length === 1);
      expect(events[0]).toEqual({ name: 'UserStatus', known: true, data: camel(payload), entityId: USER_ID });

      expect(await hub.control.dropConnections()).toBe(1);
      await until(() => resynced.length === 1);
      expect(resynced).toEqual([1]);
      expect(sockets).toHaveLength(2);
      expect(sockets[1]?.searchParams.has('access_token')).toBe(true);
      expect(await hub.control.publish('UserStatus', USER_ID, { ...payload, Talking: false })).toBe(1);
      await until(() => events.length === 2);
      expect(events[1]).toMatchObject({ name: 'UserStatus', data: { talking: false }, entityId: USER_ID });

      expect(errors.filter((code) => !code.startsWith('TRANSPORT:'))).toEqual([]);
      expect(logged).toEqual([]);
    } finally {
      await page
        .evaluate(() => (window as unknown as { rteContract: PageApi }).rteContract.stop())
        .catch(() => undefined);
      await page.close();
    }
  });
});
