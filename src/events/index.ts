// The public API of enreach-rte/events: the event schemas (zod) and the synchronous decoders. An
// entry of its own so that apps which only use RteClient never bundle zod or the schemas up front
// (the client loads its decoder when it connects). Their types stay in the main entry, where they
// cost nothing. Everything not named here is internal on purpose.

export { decodeEvent, decodeMessage } from './decode.ts';
export { rteEventSchemas, rteHelperSchemas } from './registry.ts';
