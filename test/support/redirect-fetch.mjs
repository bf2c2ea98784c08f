// Preloaded into doc programs (`node --import`): sends their requests for services the emulator does
// not play (Enreach's discovery service, the password exchange, a fixed-port emulator) to stand-ins.
// RTE_TEST_FETCH_REDIRECTS holds a JSON object of URL prefixes and their replacements.
const redirects = Object.entries(JSON.parse(process.env.RTE_TEST_FETCH_REDIRECTS ?? '{}'));
const realFetch = globalThis.fetch;

globalThis.fetch = (input, init) => {
  const request = new Request(input, init);
  for (const [from, to] of redirects) {
    if (request.url.startsWith(from)) {
      return realFetch(new Request(to + request.url.slice(from.length), request));
    }
  }
  return realFetch(request);
};
