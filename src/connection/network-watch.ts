/** What a {@link watchNetwork} watcher reports. */
export interface NetworkSignals {
  /** The browser says the network is back. */
  onOnline(): void;
  /** Timers fired far later than scheduled: the machine was asleep, sockets are probably dead. */
  onWake(sleptMs: number): void;
}

const TICK_MS = 5_000;
const DRIFT_MS = 10_000;

/**
 * Watches for the browser coming back online and for sleep/wake (by timer drift). Returns the
 * function that stops watching. Outside a browser it only watches drift, and its timer does not
 * keep Node alive.
 */
export function watchNetwork(signals: NetworkSignals, now: () => number = Date.now): () => void {
  const target =
    typeof window !== 'undefined' && typeof window.addEventListener === 'function' ? window : undefined;
  const onOnline = () => signals.onOnline();
  target?.addEventListener('online', onOnline);
  let last = now();
  const timer = setInterval(() => {
    const current = now();
    const slept = current - last - TICK_MS;
    last = current;
    if (slept > DRIFT_MS) signals.onWake(slept);
  }, TICK_MS);
  (timer as { unref?: () => void }).unref?.();
  return () => {
    clearInterval(timer);
    target?.removeEventListener('online', onOnline);
  };
}
