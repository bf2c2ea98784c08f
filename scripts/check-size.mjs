// Browser bundle budget of the main entry: minified + gzip, @microsoft/signalr excluded (apps that
// use SignalR already pay for it). Bundled with code splitting as apps' bundlers do: ky is loaded
// lazily by the REST token source, so apps that use `getToken` never download it. The initial
// chunk is what the budget covers; lazy chunks are printed too, and so is a whole app (RteClient
// with getToken, one file, no code splitting) with and without SignalR, and the share of the
// initial chunk that is zod and the event schemas (what loading them lazily would save).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

// The main entry exports the zod schemas and the synchronous decodeMessage/decodeEvent, so zod and
// the schemas (8 kB gzip) sit in its initial chunk; the target of 16 kB needs them in an entry of
// their own, with the client loading its decoder at connect time. Until then the budget only stops
// growth: 22.3 kB now, with room for the client's subscription handles and state machine.
const BUDGET = 24 * 1024;
const TARGET = 16 * 1024;
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
  const split = await initialChunkWithout(/^zod|(^|\/)schemas\//);
  console.log(`  of which not zod or the event schemas: ${kb(split)} gzip`);
  for (const withSignalR of [false, true]) {
    const app = await wholeApp(withSignalR);
    console.log(
      `whole app (RteClient with getToken, no code splitting) ${withSignalR ? 'with' : 'without'} @microsoft/signalr: ${kb(app.min)} minified, ${kb(app.gz)} gzip`,
    );
  }
  console.log(`budget for the initial chunk: ${kb(BUDGET)} gzip (target ${kb(TARGET)})`);
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

/** Gzip size of the initial chunk with the modules matching `pattern` left out. */
async function initialChunkWithout(pattern) {
  const leaveOut = {
    name: 'leave-out',
    setup(plugin) {
      plugin.onResolve({ filter: pattern }, (args) => ({ path: args.path, external: true }));
    },
  };
  const result = await build({
    ...common(),
    entryPoints: { index: 'dist/index.js' },
    splitting: true,
    plugins: [leaveOut],
  });
  const entryFile = result.outputFiles.find((file) => file.path.endsWith(`${join('/', 'index.js')}`));
  return gzipSync(entryFile.contents, { level: 9 }).length;
}

/** Sizes of a small app using RteClient with getToken, bundled into one file. */
async function wholeApp(withSignalR) {
  const result = await build({
    ...common(),
    external: withSignalR ? [] : ['@microsoft/signalr'],
    stdin: {
      contents: `import { RteClient } from './dist/index.js';
const rte = new RteClient({ getToken: async () => (await fetch('/rte-token')).json() });
rte.on('UserStatus', (status) => console.log(status.talking));
await rte.subscribe('UserStatus', 'aa9730c4-ce86-e611-80c9-00505689257e');
await rte.connect();`,
      resolveDir: process.cwd(),
      sourcefile: 'app.js',
    },
    splitting: false,
  });
  const file = result.outputFiles[0];
  return { min: file.contents.length, gz: gzipSync(file.contents, { level: 9 }).length };
}

function common() {
  return {
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external: ['@microsoft/signalr'],
    outdir,
    write: false,
    metafile: true,
    logLevel: 'silent',
  };
}
