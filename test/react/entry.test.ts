import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { expect, it } from 'vitest';
import { ROOT } from '../support/programs.ts';

async function bundleInputs(entry: string, external: string[]): Promise<string[]> {
  const result = await build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

it('keeps React out of the main entry and its browser bundle', async () => {
  const inputs = await bundleInputs('src/index.ts', ['@microsoft/signalr']);
  expect(inputs.filter((file) => /(^|\/)src\/react\/|node_modules\/react(-dom)?\//.test(file))).toEqual([]);
  expect(inputs.some((file) => file.includes('src/client/rte-client.ts'))).toBe(true);
});

it('bundles the React entry for browsers with react as its only external, and no Node-only code', async () => {
  const inputs = await bundleInputs('src/react/index.ts', ['react']);
  expect(inputs.filter((file) => /emulator|node:|\/ws\/|@microsoft\/signalr/.test(file))).toEqual([]);
});

it('publishes the React entry as enreach-rte/react, types first', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    exports: Record<string, Record<string, string>>;
    peerDependenciesMeta: Record<string, { optional: boolean }>;
  };
  expect(manifest.exports['./react']).toEqual({
    types: './dist/react/index.d.ts',
    default: './dist/react/index.js',
  });
  expect(Object.keys(manifest.exports['./react']!)[0]).toBe('types');
  expect(manifest.peerDependenciesMeta.react).toEqual({ optional: true });
});
