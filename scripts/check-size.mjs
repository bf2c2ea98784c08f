// Browser bundle budget of the main entry: minified + gzip, @microsoft/signalr excluded (apps that
// use SignalR already pay for it). Bundled with code splitting as apps' bundlers do. The initial
// chunk is the entry and every chunk it imports statically: what a page downloads before it runs.
// zod and the event schemas are not in it: they are exported by `enreach-rte/events`, and the
// client loads its decoder with them, the connection and the entity cells of handles when it first
// connects; ky is loaded lazily by the REST token
// source, so apps that use `getToken` never download it. Lazy chunks are printed too, and so are the
// events entry and a whole app (RteClient with getToken, one file, no code splitting) with and
// without SignalR.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const BUDGET = 16 * 1024;
const outdir = mkdtempSync(join(tmpdir(), 'rte-size-'));
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
try {
  const main = await splitBuild('dist/index.js');
  const nodeOnly = main.inputs.filter((file) => /emulator|node:|\/ws\//.test(file));
  if (nodeOnly.length > 0) {
    console.error(`Node-only code reached the browser bundle: ${nodeOnly.join(', ')}`);
    process.exit(1);
  }
  const lazyZod = main.initialInputs.filter((file) =>
    /node_modules\/zod\/|(^|\/)schemas\/(?!values\.js)|\/ky\//.test(file),
  );
  if (lazyZod.length > 0) {
    console.error(`zod, the schemas or ky reached the initial chunk: ${lazyZod.join(', ')}`);
    process.exit(1);
  }
  for (const chunk of main.chunks) {
    console.log(`browser bundle ${chunk.label}: ${kb(chunk.min)} minified, ${kb(chunk.gz)} gzip`);
  }
  console.log(
    `main entry's initial chunk (entry and its static imports): ${kb(main.initial.min)} minified, ${kb(main.initial.gz)} gzip`,
  );
  const events = await splitBuild('dist/events/index.js');
  console.log(
    `enreach-rte/events (schemas and decoders): ${kb(events.initial.min)} minified, ${kb(events.initial.gz)} gzip`,
  );
  for (const withSignalR of [false, true]) {
    const app = await wholeApp(withSignalR);
    console.log(
      `whole app (RteClient with getToken, no code splitting) ${withSignalR ? 'with' : 'without'} @microsoft/signalr: ${kb(app.min)} minified, ${kb(app.gz)} gzip`,
    );
  }
  console.log(`budget for the main entry's initial chunk: ${kb(BUDGET)} gzip`);
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
  const reactFile = react.outputFiles[0].contents;
  console.log(
    `browser bundle of enreach-rte/react: ${kb(reactFile.length)} minified, ${kb(gzipSync(reactFile, { level: 9 }).length)} gzip`,
  );
  if (main.initial.gz > BUDGET) {
    console.error('over budget');
    process.exit(1);
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
}

/** The chunks of one entry bundled with code splitting, and its initial chunk's size. */
async function splitBuild(entry) {
  const result = await build({ ...common(), entryPoints: { index: entry }, splitting: true });
  const outputs = Object.entries(result.metafile.outputs).filter(([key]) => key.endsWith('.js'));
  const fileOf = (key) => result.outputFiles.find((file) => file.path === resolve(key));
  const [entryKey] = outputs.find(([, meta]) => meta.entryPoint === entry);
  const initial = new Set();
  const visit = (key) => {
    if (initial.has(key)) return;
    initial.add(key);
    for (const imported of result.metafile.outputs[key].imports) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
    }
  };
  visit(entryKey);
  const size = (contents) => ({ min: contents.length, gz: gzipSync(contents, { level: 9 }).length });
  const chunks = outputs.map(([key, meta]) => {
    const sources = [
      ...new Set(Object.keys(meta.inputs).map((f) => f.replace(/^.*node_modules\//, '').split('/')[0])),
    ];
    const what = sources.length > 0 ? sources.join(', ') : 'bundler helpers';
    const label =
      key === entryKey ? 'entry chunk' : `${initial.has(key) ? 'shared' : 'lazy'} chunk (${what})`;
    return { label, ...size(fileOf(key).contents) };
  });
  // One file as a page would load it: gzip of the initial chunks together.
  const joined = Buffer.concat([...initial].map((key) => fileOf(key).contents));
  return {
    chunks,
    initial: size(joined),
    inputs: Object.keys(result.metafile.inputs),
    initialInputs: [...initial].flatMap((key) => Object.keys(result.metafile.outputs[key].inputs)),
  };
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
