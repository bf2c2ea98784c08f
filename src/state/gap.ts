/**
 * What one gap in the connection cost: the honest part of `resynced`.
 */
import type { EntityCell } from './entity-cell.ts';

/** A pair of the gap and the cell that tracked it. */
export interface GapPair {
  readonly eventName: string;
  readonly entityId: string;
  readonly cell: Pick<EntityCell<unknown>, 'recovery' | 'whenRecoverySettled'>;
}

/**
 * A pair that held a value when the connection dropped, as `resynced` lists it.
 *
 * @example
 * ```ts
 * import type { StalePair } from 'enreach-rte';
 *
 * rte.on('resynced', ({ stale }) => {
 *   const still: StalePair[] = stale.filter((pair) => pair.restoredBy === undefined);
 *   console.log(`${still.length} value(s) not current yet`);
 * });
 * ```
 */
export interface StalePair {
  /** The event name. */
  readonly eventName: string;
  /** The entity id. */
  readonly entityId: string;
  /**
   * How long its value was not known to be current, in ms: from the last frame received before the
   * drop to the event or snapshot that restored it, or to the report when it is still stale.
   */
  readonly staleForMs: number;
  /** What restored it by the time of the report, or `undefined` when it is still stale. */
  readonly restoredBy: 'event' | 'snapshot' | undefined;
}

/**
 * A pair identified by event name and entity id.
 *
 * @example
 * ```ts
 * import type { PairRef } from 'enreach-rte';
 *
 * rte.on('resynced', ({ missed }) => {
 *   for (const pair of missed as readonly PairRef[]) console.log('may have missed', pair.eventName, pair.entityId);
 * });
 * ```
 */
export interface PairRef {
  /** The event name. */
  readonly eventName: string;
  /** The entity id. */
  readonly entityId: string;
}

/** The accounting of one gap. */
export interface GapReport {
  /** From the last frame received before the drop to the reconnect, in ms. */
  readonly downtimeMs: number;
  /** Pairs that held a value when the connection dropped, i.e. went stale. */
  readonly stale: readonly StalePair[];
  /** How many pairs their snapshot loader restored. */
  readonly restoredBySnapshot: number;
  /**
   * Pairs that may have missed events: those without a loader, and those whose loader failed or had
   * not answered by the report (unless a retry restored them).
   */
  readonly missed: readonly PairRef[];
  /** True only when {@link GapReport.missed} is not empty. */
  readonly mayHaveMissedEvents: boolean;
}

/** What {@link reportGap} needs to know about the gap. */
export interface GapTimes {
  /** When the last frame before the drop arrived (ms, same clock as the cells). */
  readonly lastFrameAt: number;
  /** When the connection was back. */
  readonly reconnectedAt: number;
  readonly now?: (() => number) | undefined;
  /** Stops waiting for loaders that have not answered yet; the report says what is known then. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Waits until every pair's outcome is known (a loader answered, an event arrived, or the pair has
 * no loader) and accounts for the gap. Call it after the pairs were resubscribed (their cells got
 * `setState('live')`).
 */
export async function reportGap(pairs: Iterable<GapPair>, times: GapTimes): Promise<GapReport> {
  const list = [...pairs];
  const now = times.now ?? Date.now;
  const settled = Promise.all(list.map((pair) => pair.cell.whenRecoverySettled()));
  const signal = times.signal;
  if (signal === undefined) await settled;
  else if (!signal.aborted) {
    await new Promise<void>((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      signal.addEventListener('abort', done, { once: true });
      void settled.then(done);
    });
  }
  return accountGap(list, times, now());
}

/** The accounting of the gap as the pairs stand at `reportedAt`, without waiting for anything. */
export function accountGap(
  pairs: readonly GapPair[],
  times: Pick<GapTimes, 'lastFrameAt' | 'reconnectedAt'>,
  reportedAt: number,
): GapReport {
  const stale: StalePair[] = [];
  const missed: PairRef[] = [];
  let restoredBySnapshot = 0;
  for (const { eventName, entityId, cell } of pairs) {
    const recovery = cell.recovery;
    if (recovery === undefined) continue;
    if (recovery.wentStale) {
      const until = recovery.restoredAt ?? reportedAt;
      stale.push({
        eventName,
        entityId,
        staleForMs: Math.max(0, until - times.lastFrameAt),
        restoredBy: recovery.restoredBy,
      });
    }
    if (recovery.restoredBy === 'snapshot') restoredBySnapshot++;
    // A failed loader that a retry made good before the report restored the state after all; one
    // that has not answered when the report is cut short has not.
    const loaderFailedForGood =
      (recovery.loaderFailed || !recovery.settled) && recovery.restoredBy !== 'snapshot';
    if (!recovery.hadLoader || loaderFailedForGood) missed.push({ eventName, entityId });
  }
  return {
    downtimeMs: Math.max(0, times.reconnectedAt - times.lastFrameAt),
    stale,
    restoredBySnapshot,
    missed,
    mayHaveMissedEvents: missed.length > 0,
  };
}
