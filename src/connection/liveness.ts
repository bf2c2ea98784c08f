import type { DisconnectCause } from './connection.ts';

/**
 * What {@link watchLiveness} needs from the connection it looks after. Kept narrow so that any
 * connection core can provide it: its state, the time of the last frame from the hub, a round trip,
 * and the two ways to act.
 */
export interface LivenessTarget {
  /** Whether a hub connection is open and believed live right now. */
  isConnected(): boolean;
  /** When the last frame (message, ping, completion) arrived from the hub; 0 before the first. */
  lastFrameAt(): number;
  /** A hub round trip on the current connection; resolves when the hub answered. */
  probe(): Promise<unknown>;
  /** Drops the current connection as dead and reconnects (its downtime counts from the last frame). */
  reconnect(cause: DisconnectCause): void;
  /** Not connected: cut the wait before the next attempt short. */
  retryNow(): void;
}

/** Tuning of {@link watchLiveness}; the defaults suit browsers and servers alike. */
export interface LivenessOptions {
  /** How long a verifying round trip may take before the connection counts as dead. @default 1500 */
  readonly probeDeadlineMs?: number;
  /** The drift timer period. @default 5000 */
  readonly tickMs?: number;
  /** Lateness of the drift timer beyond which the page was suspended (sleep, throttling). @default 10000 */
  readonly driftMs?: number;
  /** The clock. @default Date.now */
  readonly now?: () => number;
  /** Where `online`, `pagehide`, `pageshow` are listened to. @default window, when there is one */
  readonly window?: EventTarget | undefined;
  /** Where `visibilitychange` and `resume` are listened to. @default document, when there is one */
  readonly document?: (EventTarget & { readonly visibilityState?: string }) | undefined;
}

/** Why liveness looked at the connection; the cause a failed check reconnects with. */
type Trigger = 'network-online' | 'wake-from-sleep';

/** A check is skipped when a frame arrived this recently: the socket is demonstrably alive. */
const FRESH_MS = 1_000;

/** What a running watcher offers the connection. */
export interface LivenessWatch {
  /** Stops listening and clears the timer. */
  stop(): void;
}

/**
 * Decides when the connection must be verified and when it must be replaced, from everything a
 * page can observe: `online`, `visibilitychange`, `resume` (after a freeze), `pageshow` after the
 * back/forward cache, and timer drift, read together with the time of the last frame received.
 *
 * - `online` while connected: the socket may have died silently during the outage, so one round
 *   trip verifies it under a short deadline; no answer → reconnect with cause `network-online`,
 *   the downtime counted from the last frame. While reconnecting, the next attempt starts at once.
 * - Timer drift (the drift timer fired far too late): frames that arrived during the gap prove the
 *   socket alive (a hidden tab under Chrome's timer throttling keeps receiving); without any, the
 *   connection is verified, and replaced with cause `wake-from-sleep` when it does not answer.
 *   Drift alone never drops a connection.
 * - `resume` (after a freeze), `visible` again, `pageshow` from the back/forward cache: verified
 *   the same way unless a frame just arrived.
 *
 * Outside a browser only the drift timer runs, and it does not keep Node alive.
 */
export function watchLiveness(target: LivenessTarget, options: LivenessOptions = {}): LivenessWatch {
  const now = options.now ?? Date.now;
  const probeDeadlineMs = options.probeDeadlineMs ?? 1_500;
  const tickMs = options.tickMs ?? 5_000;
  const driftMs = options.driftMs ?? 10_000;
  const win =
    options.window ??
    (typeof window !== 'undefined' && typeof window.addEventListener === 'function' ? window : undefined);
  const doc =
    options.document ??
    (typeof document !== 'undefined' && typeof document.addEventListener === 'function'
      ? document
      : undefined);

  let checking: Promise<void> | undefined;
  let stopped = false;

  /** Verifies the connection unless a frame arrived since `since`; replaces it when it does not answer. */
  const check = (cause: Trigger, since: number): void => {
    if (stopped) return;
    if (!target.isConnected()) {
      target.retryNow();
      return;
    }
    if (target.lastFrameAt() > since || checking) return;
    checking = (async () => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), probeDeadlineMs);
      });
      const answered = await Promise.race([
        target.probe().then(
          () => true,
          () => false,
        ),
        deadline,
      ]);
      clearTimeout(timer);
      if (stopped || answered || !target.isConnected()) return;
      // A frame that arrived while waiting (a ping, an event) also proves the socket alive.
      if (target.lastFrameAt() > since) return;
      target.reconnect(cause);
    })().finally(() => {
      checking = undefined;
    });
  };

  const onOnline = () => check('network-online', now() - FRESH_MS);
  const onResume = () => check('wake-from-sleep', now() - FRESH_MS);
  const onVisibility = () => {
    if (doc?.visibilityState === 'visible') check('wake-from-sleep', now() - FRESH_MS);
  };
  const onPageShow = (event: Event) => {
    if ((event as { persisted?: boolean }).persisted) onResume();
  };

  win?.addEventListener('online', onOnline);
  win?.addEventListener('pageshow', onPageShow);
  doc?.addEventListener('visibilitychange', onVisibility);
  doc?.addEventListener('resume', onResume);

  let last = now();
  const timer = setInterval(() => {
    const current = now();
    const slept = current - last - tickMs;
    const before = last;
    last = current;
    if (slept > driftMs) {
      // Frames that arrived after the tick was due show the socket worked during the gap.
      check('wake-from-sleep', before + tickMs);
    }
  }, tickMs);
  (timer as { unref?: () => void }).unref?.();

  return {
    stop() {
      stopped = true;
      clearInterval(timer);
      win?.removeEventListener('online', onOnline);
      win?.removeEventListener('pageshow', onPageShow);
      doc?.removeEventListener('visibilitychange', onVisibility);
      doc?.removeEventListener('resume', onResume);
    },
  };
}
