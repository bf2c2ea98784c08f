/**
 * Why events did not reach the stream, counted in `stats().dropped`.
 *
 * @example
 * ```ts
 * import type { BridgeDropReason } from 'enreach-rte/bridge';
 *
 * const filtered: BridgeDropReason[] = ['event', 'entity', 'where', 'filter'];
 * ```
 */
export type BridgeDropReason =
  /** Excluded (or not included) by event name. */
  | 'event'
  /** Excluded (or not included) by entity, or outside this bridge's shard. */
  | 'entity'
  /** A `where` predicate did not hold. */
  | 'where'
  /** The `filter` function returned false. */
  | 'filter'
  /** The `filter` function threw. */
  | 'filterError'
  /** The buffer was full (see the overflow policy). */
  | 'overflow'
  /** JetStream refused the message for good (too large, stream limits). */
  | 'rejected'
  /** Still unacknowledged when `close()`'s drain timeout ran out. */
  | 'shutdown';

/** Every drop reason, in a fixed order (for metrics). */
export const DROP_REASONS: readonly BridgeDropReason[] = [
  'event',
  'entity',
  'where',
  'filter',
  'filterError',
  'overflow',
  'rejected',
  'shutdown',
];

/**
 * The bridge's counters since start, as `stats()` returns them.
 *
 * @example
 * ```ts
 * import type { BridgeStats } from 'enreach-rte/bridge';
 *
 * const lossy = (s: BridgeStats) => s.dropped.overflow + s.dropped.rejected + s.dropped.shutdown > 0;
 * ```
 */
export interface BridgeStats {
  /** This bridge's id. */
  readonly bridgeId: string;
  /** RTE events received from the hub. */
  readonly received: number;
  /** Events JetStream stored for this bridge's publish. */
  readonly published: number;
  /** Events JetStream reported as duplicates (another bridge, or a retry, stored them first). */
  readonly duplicates: number;
  /** Gap markers acknowledged (resyncs and overflows). */
  readonly gaps: number;
  /** Messages waiting to be sent (not counting those in flight). */
  readonly buffered: number;
  /** Bytes of the waiting messages. */
  readonly bufferedBytes: number;
  /** Messages sent and awaiting their ack. */
  readonly inFlight: number;
  /** Events not published, by reason. */
  readonly dropped: Readonly<Record<BridgeDropReason, number>>;
  /** Failures that did not drop anything: publish attempts to be retried, throwing enrichers, RTE errors. */
  readonly errors: {
    /** Publish attempts that failed or timed out (the message is sent again). */
    readonly publish: number;
    /** `enrich` calls that threw (the event went out without enrichment). */
    readonly enrich: number;
    /** Errors the RTE client reported (validation, transport, refused subscriptions). */
    readonly rte: number;
  };
  /** Reconnections after the first connection. */
  readonly reconnects: {
    /** Reconnections to the RTE hub. */
    readonly rte: number;
    /** Reconnections to NATS. */
    readonly nats: number;
  };
  /** Whether NATS is connected right now. */
  readonly natsConnected: boolean;
  /** The RTE connection state right now. */
  readonly rteState: string;
}

function line(name: string, type: 'counter' | 'gauge', help: string, samples: [string, number][]): string {
  const body = samples.map(([labels, value]) => `${name}${labels} ${value}`).join('\n');
  return `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${body}\n`;
}

/** The counters in the Prometheus text exposition format (version 0.0.4). */
export function prometheusText(stats: BridgeStats): string {
  const bridge = `bridge="${stats.bridgeId.replace(/["\\\n]/g, '_')}"`;
  const l = (extra = '') => `{${bridge}${extra ? `,${extra}` : ''}}`;
  return [
    line('enreach_rte_bridge_received_total', 'counter', 'RTE events received from the hub.', [
      [l(), stats.received],
    ]),
    line('enreach_rte_bridge_published_total', 'counter', 'Events stored in JetStream by this bridge.', [
      [l(), stats.published],
    ]),
    line('enreach_rte_bridge_duplicates_total', 'counter', 'Publishes JetStream reported as duplicates.', [
      [l(), stats.duplicates],
    ]),
    line('enreach_rte_bridge_gaps_total', 'counter', 'Gap markers published.', [[l(), stats.gaps]]),
    line(
      'enreach_rte_bridge_dropped_total',
      'counter',
      'Events not published, by reason.',
      DROP_REASONS.map((reason) => [l(`reason="${reason}"`), stats.dropped[reason]]),
    ),
    line('enreach_rte_bridge_errors_total', 'counter', 'Failures that dropped nothing, by kind.', [
      [l('kind="publish"'), stats.errors.publish],
      [l('kind="enrich"'), stats.errors.enrich],
      [l('kind="rte"'), stats.errors.rte],
    ]),
    line('enreach_rte_bridge_reconnects_total', 'counter', 'Reconnections, by side.', [
      [l('side="rte"'), stats.reconnects.rte],
      [l('side="nats"'), stats.reconnects.nats],
    ]),
    line('enreach_rte_bridge_buffered', 'gauge', 'Messages waiting to be sent.', [[l(), stats.buffered]]),
    line('enreach_rte_bridge_buffered_bytes', 'gauge', 'Bytes of the waiting messages.', [
      [l(), stats.bufferedBytes],
    ]),
    line('enreach_rte_bridge_in_flight', 'gauge', 'Publishes awaiting their ack.', [[l(), stats.inFlight]]),
    line('enreach_rte_bridge_nats_connected', 'gauge', '1 while NATS is connected.', [
      [l(), stats.natsConnected ? 1 : 0],
    ]),
    line('enreach_rte_bridge_rte_connected', 'gauge', '1 while the RTE hub is connected.', [
      [l(), stats.rteState === 'connected' ? 1 : 0],
    ]),
  ].join('');
}
