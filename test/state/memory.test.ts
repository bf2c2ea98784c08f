import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { ROOT } from '../support/programs.ts';

const run = promisify(execFile);

it('keeps the heap flat within 10 % while 10,000 pairs are held and released in cycles', async () => {
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', join(ROOT, 'test/state/programs/hold-and-release.ts'), '12'],
    { cwd: ROOT, env: { PATH: process.env.PATH ?? '' } },
  );
  const { heaps, size, open, changes } = JSON.parse(stdout) as {
    heaps: number[];
    size: number;
    open: number;
    changes: number;
  };
  expect({ size, open }).toEqual({ size: 0, open: 0 });
  // Each cycle: one change for the additions, one per value, one for the deletions.
  expect(changes).toBe(12 * (2 + 10_000));
  // The first cycles warm the JIT and the allocator; from then on nothing may accumulate. A leak grows
  // every cycle, so the later cycles' median and the last cycle both show it; one noisy sample does not.
  const baseline = heaps[2]!;
  const later = heaps.slice(3).sort((a, b) => a - b);
  expect(later[Math.floor(later.length / 2)]! / baseline).toBeLessThan(1.1);
  expect(heaps.at(-1)! / baseline).toBeLessThan(1.15);
}, 60_000);
