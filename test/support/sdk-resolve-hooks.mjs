// Resolve hooks (see sdk-resolve.mjs): the package's public entry points map to its sources.
const sources = {
  'enreach-rte': new URL('../../src/index.ts', import.meta.url).href,
  'enreach-rte/events': new URL('../../src/events/index.ts', import.meta.url).href,
  'enreach-rte/emulator': new URL('../../src/emulator/index.ts', import.meta.url).href,
  'enreach-rte/bridge': new URL('../../src/bridge/index.ts', import.meta.url).href,
  'enreach-rte/react': new URL('../../src/react/index.ts', import.meta.url).href,
};

export async function resolve(specifier, context, nextResolve) {
  const url = sources[specifier];
  if (url) return { url, format: 'module-typescript', shortCircuit: true };
  return nextResolve(specifier, context);
}
