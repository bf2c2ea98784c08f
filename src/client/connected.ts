/**
 * What a client needs only once it connects, loaded with one `import()` on the first `connect()`:
 * the connection (socket, retry loop, liveness watch), the decoder (zod and the event schemas) and
 * the entity state of subscription handles (cells and the gap accounting), and the reading of
 * Subscribe answers. No frame, Subscribe answer or gap can happen before a connection, so none of
 * it belongs in an app's initial bundle.
 */
export { Connection } from '../connection/connection.ts';
export { createDecoder } from '../events/decoder.ts';
export { EntityCell } from '../state/entity-cell.ts';
export { accountGap, reportGap } from '../state/gap.ts';
export { readSubscribeResults } from '../subscriptions/hub-results.ts';
