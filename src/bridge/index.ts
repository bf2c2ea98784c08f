/**
 * The JetStream bridge (Node only): streams RTE events into NATS JetStream, exactly once per event
 * id within the stream's duplicate window, with redundant bridges and shards. Needs the optional
 * peer dependencies `@nats-io/transport-node` and `@nats-io/jetstream`.
 *
 * @packageDocumentation
 */

export { type Bridge, startBridge } from './bridge.ts';
export { isRteBridgeError, RteBridgeError, type RteBridgeErrorCode } from './errors.ts';
export { type BridgeEvent, parseWhere, type WherePredicate } from './filter.ts';
export {
  BRIDGE_DEFAULTS,
  type BridgeAck,
  type BridgeBufferOptions,
  type BridgeFilterOptions,
  type BridgeMetricsOptions,
  type BridgeNatsOptions,
  type BridgeOverflowPolicy,
  type BridgePublishOptions,
  type BridgeStreamOptions,
  type StartBridgeOptions,
} from './options.ts';
export { type BridgeShard, parseShard, shardOf } from './shard.ts';
export type { BridgeDropReason, BridgeStats } from './stats.ts';
