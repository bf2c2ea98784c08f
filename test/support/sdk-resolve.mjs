// Registers the hooks that let in-repo programs import `enreach-rte` and `enreach-rte/emulator` the way
// users do, from the TypeScript sources (Node 24 strips the types): `node --import ./test/support/sdk-resolve.mjs app.ts`.
import { register } from 'node:module';

register('./sdk-resolve-hooks.mjs', import.meta.url);
