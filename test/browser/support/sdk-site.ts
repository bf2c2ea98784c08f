import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** A running {@link serveSdkPage}. */
export interface SdkSite {
  /** `http://127.0.0.1:PORT/` */
  readonly url: string;
  close(): Promise<void>;
}

/** A page script bundled for the browser from its source file, as an app's bundler would. */
export async function bundleForBrowser(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (output === undefined) throw new Error('esbuild produced no output');
  return output.text;
}

/**
 * Serves a page that runs the SDK (see sdk-page.ts) and a same-origin `/token` endpoint answering
 * what `grant()` returns, the way an app's own server hands out RTE tokens.
 *
 * @example
 * ```ts
 * import { serveSdkPage } from './support/sdk-site.ts';
 *
 * const site = await serveSdkPage(() => ({ endpoint: emulator.hubUrl, token: emulator.issueToken() }));
 * await page.goto(site.url);
 * await site.close();
 * ```
 */
export async function serveSdkPage(grant: () => { endpoint: string; token: string }): Promise<SdkSite> {
  const script = await bundleForBrowser(fileURLToPath(new URL('./sdk-page.ts', import.meta.url)));
  const html =
    '<!doctype html><meta charset="utf-8"><title>RTE</title><link rel="icon" href="data:,"><script src="/page.js"></script>';
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/token') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(grant()));
      return;
    }
    const [type, body] =
      path === '/page.js' ? ['text/javascript', script] : path === '/' ? ['text/html', html] : [];
    res.writeHead(body === undefined ? 404 : 200, {
      'content-type': `${type ?? 'text/plain'}; charset=utf-8`,
    });
    res.end(body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
