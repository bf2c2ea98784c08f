import type { ReconnectPolicy } from '../options.ts';

/**
 * Delay before retry number `retry` (0-based): the first retry is immediate, later ones use
 * exponential backoff with full jitter (a uniformly random delay up to the exponential ceiling),
 * capped at `maxDelayMs`. Full jitter spreads a crowd of clients that all lost the same hub.
 */
export function backoffDelay(retry: number, policy: ReconnectPolicy, random: () => number): number {
  if (retry <= 0) return 0;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(retry - 1, 30));
  return Math.floor(random() * ceiling);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. Leaves no timer behind. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
