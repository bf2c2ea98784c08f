import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { expect, it } from 'vitest';
import { ROOT } from '../support/programs.ts';

it('keeps the NATS client out of the main entry and its browser bundle', async () => {
  const result = await build({
    entryPoints: [join(ROOT, 'src/index.ts')],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    external: ['@microsoft/signalr'],
    outdir: join(ROOT, 'node_modules/.cache/bridge-isolation'),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  expect(inputs.some((file) => file.includes('src/index.ts'))).toBe(true);
  expect(inputs.filter((file) => /@nats-io|src\/bridge\//.test(file))).toEqual([]);
});

it('loads the bridge command only when it runs, so other commands never need the NATS client', () => {
  const main = readFileSync(join(ROOT, 'src/cli/main.ts'), 'utf8');
  expect(main).not.toMatch(/^import .*bridge/m);
  expect(main).toMatch(/await import\('\.\/bridge\.ts'\)/);
});

it('is the only code that imports @nats-io', () => {
  const files = execFileSync('git', ['grep', '-l', '@nats-io/', '--', 'src'], { cwd: ROOT, encoding: 'utf8' })
    .trim()
    .split('\n');
  expect(files.filter((file) => !file.startsWith('src/bridge/'))).toEqual([]);
});
