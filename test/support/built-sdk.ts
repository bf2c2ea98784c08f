import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './programs.ts';

const DIST_ENTRY = join(ROOT, 'dist/index.js');
const LOCK = join(ROOT, 'node_modules/.cache/enreach-rte-build.lock');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function fresh(): boolean {
  try {
    return statSync(DIST_ENTRY).mtimeMs >= newestSource(join(ROOT, 'src'));
  } catch {
    return false;
  }
}

/**
 * Makes sure dist/ is built from the current sources: the examples import `enreach-rte` through
 * their install (node_modules/enreach-rte links to the repository), which resolves to dist/ as it
 * does for users. `npm ci` builds it (the `prepare` script); this rebuilds it after source edits.
 * Test files may ask at once, so one builds while the others wait.
 */
export async function ensureBuilt(): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!fresh()) {
    try {
      mkdirSync(join(LOCK, '..'), { recursive: true });
      mkdirSync(LOCK);
    } catch {
      if (Date.now() > deadline) throw new Error(`${LOCK} is held for too long: remove it if no build runs`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    try {
      if (!fresh())
        execFileSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], { cwd: ROOT });
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}
