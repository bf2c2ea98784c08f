/** The timings ASP.NET Core's heartbeat enforces. */
export interface HeartbeatTimings {
  readonly keepAliveIntervalMs: number;
  readonly clientTimeoutMs: number;
  readonly handshakeTimeoutMs: number;
}

/** What the heartbeat asks of each connection on every tick. */
export interface HeartbeatTarget {
  readonly handshaken: boolean;
  readonly openedAt: number;
  readonly lastReceivedAt: number;
  lastPingAt: number;
  readonly clientTimeoutActive: boolean;
}

/** What happens to a connection on a tick. */
export type HeartbeatVerdict = 'handshake-timeout' | 'client-timeout' | 'ping' | 'none';

/** Decides a connection's fate at `now`; a `ping` verdict also records the ping time. */
export function beat(conn: HeartbeatTarget, now: number, timings: HeartbeatTimings): HeartbeatVerdict {
  if (!conn.handshaken)
    return now - conn.openedAt >= timings.handshakeTimeoutMs ? 'handshake-timeout' : 'none';
  if (conn.clientTimeoutActive && now - conn.lastReceivedAt >= timings.clientTimeoutMs)
    return 'client-timeout';
  if (now - conn.lastPingAt >= timings.keepAliveIntervalMs) {
    conn.lastPingAt = now;
    return 'ping';
  }
  return 'none';
}

/** A timer that runs `tick` often enough for the shortest of the timings, while started. */
export class Heartbeat {
  readonly #timings: HeartbeatTimings;
  readonly #tick: () => void;
  #timer: NodeJS.Timeout | undefined;

  constructor(timings: HeartbeatTimings, tick: () => void) {
    this.#timings = timings;
    this.#tick = tick;
  }

  start(): void {
    if (this.#timer !== undefined) return;
    const { keepAliveIntervalMs, clientTimeoutMs, handshakeTimeoutMs } = this.#timings;
    const shortest = Math.min(keepAliveIntervalMs, clientTimeoutMs, handshakeTimeoutMs);
    const period = Math.max(5, Math.min(1000, Math.floor(shortest / 4)));
    this.#timer = setInterval(this.#tick, period);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer === undefined) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
