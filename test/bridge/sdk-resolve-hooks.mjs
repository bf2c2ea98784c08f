// Resolve hooks for programs that import the package as users do, `enreach-rte/bridge` included:
// the public entry points map to this repository's TypeScript sources (Node 24 strips the types).
const sources = {
  'enreach-rte': new URL('../../src/index.ts', import.meta.url).href,
  'enreach-rte/emulator': new URL('../../src/emulator/index.ts', import.meta.url).href,
  'enreach-rte/bridge': new URL('../../src/bridge/index.ts', import.meta.url).href,
};

export async function resolve(specifier, context, nextResolve) {
  const url = sources[specifier];
  if (url) return { url, format: 'module-typescript', shortCircuit: true };
  return nextResolve(specifier, context);
}
