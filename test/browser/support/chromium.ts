import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium, or the one `CHROMIUM_PATH` names. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags every browser test runs Chromium with. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches headless Chromium through playwright-core.
 *
 * @example
 * ```ts
 * import { launchChromium } from './support/chromium.ts';
 *
 * const browser = await launchChromium();
 * await browser.close();
 * ```
 */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/** Polls `check` until it holds, failing after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Prints a measured figure (tests may not use the console) and appends it to
 * test-results/browser-figures.txt.
 */
export function figure(text: string): void {
  const dir = fileURLToPath(new URL('../../../test-results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, 'browser-figures.txt'), `${new Date().toISOString()} ${text}\n`);
  process.stdout.write(`  figure: ${text}\n`);
}
