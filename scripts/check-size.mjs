// Browser bundle budget of the main entry: minified + gzip, @microsoft/signalr excluded (apps that
// use SignalR already pay for it). Prints the figure and fails when over budget.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const BUDGET = 25 * 1024;
const result = await build({
  entryPoints: ['dist/index.js'],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  external: ['@microsoft/signalr'],
  write: false,
  metafile: true,
  logLevel: 'silent',
});
const code = result.outputFiles[0].contents;
const gzipped = gzipSync(code, { level: 9 }).length;
const inputs = Object.entries(result.metafile.inputs)
  .map(([file, info]) => [file.replace(/^.*node_modules\//, ''), info.bytes])
  .filter(([file]) => /emulator|node:|\bws\b/.test(file));
if (inputs.length > 0) {
  console.error(`Node-only code reached the browser bundle: ${inputs.map(([f]) => f).join(', ')}`);
  process.exit(1);
}
console.log(
  `browser bundle: ${(code.length / 1024).toFixed(1)} kB minified, ${(gzipped / 1024).toFixed(1)} kB gzip (budget ${BUDGET / 1024} kB)`,
);
if (gzipped > BUDGET) {
  console.error('over budget');
  process.exit(1);
}
