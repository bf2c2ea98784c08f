import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const repoPackage = new URL('../../package.json', import.meta.url);
// Inside the enreach-rte repository the page uses the SDK's TypeScript source, no build needed.
// An installed copy of this example resolves `enreach-rte` from node_modules and needs no alias.
const inRepo =
  existsSync(repoPackage) && JSON.parse(readFileSync(repoPackage, 'utf8')).name === 'enreach-rte';

export default defineConfig({
  // Relative asset URLs: the built board can be served from any path.
  base: './',
  resolve: inRepo
    ? {
        // Exactly `enreach-rte`: `enreach-rte/emulator` is Node-only and must never reach the page.
        alias: [
          {
            find: /^enreach-rte$/,
            replacement: fileURLToPath(new URL('../../src/index.ts', import.meta.url)),
          },
          {
            find: /^enreach-rte\/events$/,
            replacement: fileURLToPath(new URL('../../src/events/index.ts', import.meta.url)),
          },
        ],
      }
    : {},
  // The dev server may serve the SDK source from outside this folder.
  server: inRepo ? { fs: { allow: [repoRoot] } } : {},
  build: { target: 'es2022' },
});
