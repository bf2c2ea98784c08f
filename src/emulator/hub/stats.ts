/**
 * Counters of everything the emulator has served since it started.
 *
 * @example
 * ```ts
 * import { startEmulator, type EmulatorStats } from 'enreach-rte/emulator';
 *
 * const emu = await startEmulator();
 * const stats: EmulatorStats = emu.stats();
 * console.log(stats.connections, stats.calls.Subscribe);
 * ```
 */
export interface EmulatorStats {
  /** Hub connections open now (handshake completed). */
  readonly connections: number;
  /** Subscriptions held now, over all connections. */
  readonly subscriptions: number;
  /** Hub method invocations served, by method. */
  readonly calls: {
    /** `Subscribe` calls. */
    readonly Subscribe: number;
    /** `Unsubscribe` calls. */
    readonly Unsubscribe: number;
    /** `UnsubscribeAll` calls. */
    readonly UnsubscribeAll: number;
    /** `AvailableSubscriptions` calls. */
    readonly AvailableSubscriptions: number;
    /** `ActiveSubscriptions` calls. */
    readonly ActiveSubscriptions: number;
  };
  /** Tokens signed (token endpoint and `issueToken`). */
  readonly tokensIssued: number;
  /** Successful negotiate requests. */
  readonly negotiations: number;
  /** `publish` calls. */
  readonly published: number;
  /** Pushes sent (one per receiving connection). */
  readonly delivered: number;
}

/** A hub method's name as the hub declares it. */
export type MethodName = keyof EmulatorStats['calls'];

/** The hub's running counters; the gauges (connections, subscriptions) are read from the hub itself. */
export class HubCounters {
  readonly calls: Record<MethodName, number> = {
    Subscribe: 0,
    Unsubscribe: 0,
    UnsubscribeAll: 0,
    AvailableSubscriptions: 0,
    ActiveSubscriptions: 0,
  };
  negotiations = 0;
  published = 0;
  delivered = 0;

  snapshot(gauges: { connections: number; subscriptions: number; tokensIssued: number }): EmulatorStats {
    return {
      connections: gauges.connections,
      subscriptions: gauges.subscriptions,
      calls: { ...this.calls },
      tokensIssued: gauges.tokensIssued,
      negotiations: this.negotiations,
      published: this.published,
      delivered: this.delivered,
    };
  }
}
