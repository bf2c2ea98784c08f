// Browser bundle budget of the main entry: minified + gzip, @microsoft/signalr excluded (apps that
// use SignalR already pay for it). Bundled with code splitting as apps' bundlers do: ky is loaded
// lazily by the REST token source, so apps that use `getToken` never download it. The initial
// chunk is what the budget covers; lazy chunks are printed too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const BUDGET = 25 * 1024;
const outdir = mkdtempSync(join(tmpdir(), 'rte-size-'));
try {
  const result = await build({
    entryPoints: { index: 'dist/index.js' },
    bundle: true,
    splitting: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external: ['@microsoft/signalr'],
    outdir,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const nodeOnly = Object.keys(result.metafile.inputs).filter((file) => /emulator|node:|\/ws\//.test(file));
  if (nodeOnly.length > 0) {
    console.error(`Node-only code reached the browser bundle: ${nodeOnly.join(', ')}`);
    process.exit(1);
  }
  const size = (file) => ({ min: file.contents.length, gz: gzipSync(file.contents, { level: 9 }).length });
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
  let entry;
  for (const file of result.outputFiles) {
    const meta =
      result.metafile.outputs[Object.keys(result.metafile.outputs).find((key) => resolve(key) === file.path)];
    const { min, gz } = size(file);
    const isEntry = meta?.entryPoint === 'dist/index.js';
    if (isEntry) entry = gz;
    const sources = [
      ...new Set(
        Object.keys(meta?.inputs ?? {}).map((f) => f.replace(/^.*node_modules\//, '').split('/')[0]),
      ),
    ];
    // A chunk with no modules of its own holds only what the others share (esbuild's helpers).
    const label = isEntry
      ? 'initial chunk'
      : sources.length > 0
        ? `lazy chunk (${sources.join(', ')})`
        : 'shared chunk (bundler helpers)';
    console.log(`browser bundle ${label}: ${kb(min)} minified, ${kb(gz)} gzip`);
  }
  console.log(`budget for the initial chunk: ${kb(BUDGET)} gzip`);
  // The React entry on its own (react and the main entry's SignalR excluded), printed, not budgeted.
  const react = await build({
    entryPoints: ['dist/react/index.js'],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external: ['react', '@microsoft/signalr'],
    write: false,
    logLevel: 'silent',
  });
  const reactSize = size(react.outputFiles[0]);
  console.log(`browser bundle of enreach-rte/react: ${kb(reactSize.min)} minified, ${kb(reactSize.gz)} gzip`);
  if (entry === undefined || entry > BUDGET) {
    console.error('over budget');
    process.exit(1);
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
