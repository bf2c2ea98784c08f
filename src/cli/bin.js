#!/usr/bin/env node
// The `enreach-rte` command. In a checkout of the repository it runs the TypeScript sources, so the
// CLI is always current and needs no build step; an installed package (inside node_modules, where
// Node does not strip types) runs the compiled dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = new URL('./main.ts', import.meta.url);
const compiled = new URL('../../dist/cli/main.js', import.meta.url);
const installed = fileURLToPath(import.meta.url)
  .split(/[\\/]/)
  .includes('node_modules');

if (!installed && process.features.typescript && existsSync(source)) {
  await import(source.href);
} else if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  process.stderr.write(
    `enreach-rte: ${fileURLToPath(compiled)} is missing and Node ${process.version} cannot run the TypeScript sources.\n` +
      'Run "npm run build" in the repository, or use Node 22.18 or later.\n',
  );
  process.exitCode = 1;
}
