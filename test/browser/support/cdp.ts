import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.ts';

/**
 * Chromium driven over the raw DevTools protocol, without Playwright: tabs opened this way can be
 * frozen and resumed with `Page.setWebLifecycleState` (Playwright's own page emulation prevents it).
 */
export interface CdpBrowser {
  /** Opens a tab on `url` and waits for it to load. */
  open(url: string): Promise<CdpTab>;
  close(): Promise<void>;
}

/** One tab of a {@link CdpBrowser}. */
export interface CdpTab {
  /** Evaluates an expression in the page (promises awaited) and returns its JSON value. */
  evaluate<T>(expression: string): Promise<T>;
  /** `Page.setWebLifecycleState`: `frozen` suspends the page's tasks (after a `freeze` event), `active` resumes them. */
  setLifecycle(state: 'frozen' | 'active'): Promise<void>;
  /** Brings the tab to the front; the tab that was in front becomes hidden. */
  activate(): Promise<void>;
  close(): Promise<void>;
}

interface Reply {
  readonly id?: number;
  readonly method?: string;
  readonly sessionId?: string;
  readonly result?: Record<string, unknown>;
  readonly error?: { message: string };
}

/**
 * Starts Chromium with a DevTools port (and `extraArgs`) and connects to it.
 *
 * @example
 * ```ts
 * import { launchCdpChromium } from './support/cdp.ts';
 *
 * const browser = await launchCdpChromium();
 * const tab = await browser.open(site.url);
 * await tab.setLifecycle('frozen');
 * await browser.close();
 * ```
 */
export async function launchCdpChromium(extraArgs: readonly string[] = []): Promise<CdpBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'rte-cdp-'));
  const child: ChildProcess = spawn(
    CHROMIUM,
    [
      ...CHROMIUM_ARGS,
      ...extraArgs,
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error('Chromium did not print its DevTools endpoint')), 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(text);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', () => reject(new Error(`Chromium exited: ${text}`)));
  });
  const socket = new WebSocket(endpoint);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  let next = 1;
  const waiting = new Map<
    number,
    { resolve(value: Record<string, unknown>): void; reject(error: Error): void }
  >();
  const listeners = new Set<(reply: Reply) => void>();
  socket.onmessage = (event) => {
    const reply = JSON.parse(String(event.data)) as Reply;
    if (reply.id !== undefined) {
      const waiter = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (reply.error) waiter?.reject(new Error(reply.error.message));
      else waiter?.resolve(reply.result ?? {});
    } else {
      for (const listener of listeners) listener(reply);
    }
  };
  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });

  return {
    async open(url) {
      const { targetId } = (await send('Target.createTarget', { url: 'about:blank' })) as {
        targetId: string;
      };
      const { sessionId } = (await send('Target.attachToTarget', { targetId, flatten: true })) as {
        sessionId: string;
      };
      await send('Page.enable', {}, sessionId);
      const loaded = new Promise<void>((resolve) => {
        const listener = (reply: Reply) => {
          if (reply.sessionId === sessionId && reply.method === 'Page.loadEventFired') {
            listeners.delete(listener);
            resolve();
          }
        };
        listeners.add(listener);
      });
      await send('Page.navigate', { url }, sessionId);
      await loaded;
      return {
        async evaluate<T>(expression: string) {
          const result = (await send(
            'Runtime.evaluate',
            { expression, awaitPromise: true, returnByValue: true },
            sessionId,
          )) as {
            result: { value: T };
            exceptionDetails?: { text: string; exception?: { description?: string } };
          };
          if (result.exceptionDetails) {
            throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text);
          }
          return result.result.value;
        },
        async setLifecycle(state) {
          await send('Page.setWebLifecycleState', { state }, sessionId);
        },
        async activate() {
          await send('Target.activateTarget', { targetId });
        },
        async close() {
          await send('Target.closeTarget', { targetId });
        },
      };
    },
    async close() {
      socket.close();
      child.kill();
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
