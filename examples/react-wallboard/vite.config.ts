import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const repoPackage = new URL('../../package.json', import.meta.url);
// Inside the enreach-rte repository the page uses the SDK's TypeScript source, no build needed.
// An installed copy of this example resolves `enreach-rte` from node_modules and needs no alias.
const inRepo =
  existsSync(repoPackage) && JSON.parse(readFileSync(repoPackage, 'utf8')).name === 'enreach-rte';
const source = (path: string) => fileURLToPath(new URL(`../../src/${path}`, import.meta.url));

export default defineConfig({
  // Relative asset URLs: the built board can be served from any path.
  base: './',
  resolve: inRepo
    ? {
        // Exactly these: `enreach-rte/emulator` is Node-only and must never reach the page.
        alias: [
          { find: /^enreach-rte$/, replacement: source('index.ts') },
          { find: /^enreach-rte\/events$/, replacement: source('events/index.ts') },
          { find: /^enreach-rte\/react$/, replacement: source('react/index.ts') },
          { find: /^enreach-rte\/events$/, replacement: source('events/index.ts') },
        ],
      }
    : {},
  // The dev server may serve the SDK source from outside this folder.
  server: inRepo ? { fs: { allow: [repoRoot] } } : {},
  build: { target: 'es2022' },
});
