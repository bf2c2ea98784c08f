import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { ROOT } from '../support/programs.ts';

const run = promisify(execFile);
const CYCLES = 10;

it('keeps the client heap flat within 10 % while 10,000 pairs are held, sent events and released in cycles', async () => {
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', join(ROOT, 'test/client/programs/hold-and-release.ts'), String(CYCLES)],
    { cwd: ROOT, env: { PATH: process.env.PATH ?? '' } },
  );
  const { heaps, size, subscriptions, changes } = JSON.parse(stdout) as {
    heaps: number[];
    size: number;
    subscriptions: number;
    changes: number;
  };
  expect({ size, subscriptions }).toEqual({ size: 0, subscriptions: 0 });
  // Each cycle: one change for the additions, one per pair going live, one per event, one for the deletions.
  expect(changes).toBe(CYCLES * (2 + 2 * 10_000));
  // The first cycles warm the JIT and the allocator; from then on nothing may accumulate.
  const baseline = heaps[2]!;
  // A leak grows every cycle, so the later cycles' median and the last cycle both show it.
  const later = heaps.slice(3).sort((a, b) => a - b);
  expect(later[Math.floor(later.length / 2)]! / baseline).toBeLessThan(1.1);
  expect(heaps.at(-1)! / baseline).toBeLessThan(1.15);
}, 120_000);
