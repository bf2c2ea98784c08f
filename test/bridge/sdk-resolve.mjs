// `node --import ./test/bridge/sdk-resolve.mjs program.ts`: see sdk-resolve-hooks.mjs.
import { register } from 'node:module';

register('./sdk-resolve-hooks.mjs', import.meta.url);
