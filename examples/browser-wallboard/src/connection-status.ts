/**
 * The latest `state` event of RteClient (any `StateChange` fits) and when it arrived. Kept
 * structural so this module needs nothing but the data.
 */
export interface ConnectionSnapshot {
  readonly state: 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected';
  /** Attempt number while retrying; absent for the immediate first retry. */
  readonly attempt?: number | undefined;
  /** Wait before that attempt, in ms. */
  readonly delayMs?: number | undefined;
  /** Why the connection went away. */
  readonly cause?: string | undefined;
  /** The failure that ended the last attempt, when there was one. */
  readonly error?: { readonly message: string } | undefined;
  /** `Date.now()` when the state event arrived. */
  readonly at: number;
}

/** What the connection indicator shows. */
export interface ConnectionStatus {
  readonly tone: 'live' | 'pending' | 'down';
  readonly label: string;
  readonly detail: string;
}

const CAUSES: Readonly<Record<string, string>> = {
  'connection-lost': 'connection lost',
  'server-closed': 'closed by the server',
  'server-timeout': 'server stopped answering',
  'network-online': 'network came back',
  'wake-from-sleep': 'woke from sleep',
};

/** Seconds left, rounded up to a tenth below 10 s and to whole seconds above. */
function countdown(ms: number): string {
  const seconds = ms / 1000;
  return seconds < 10 ? `${(Math.ceil(seconds * 10) / 10).toFixed(1)} s` : `${Math.ceil(seconds)} s`;
}

function retrying(snapshot: ConnectionSnapshot, now: number): string {
  const attempt = `attempt ${snapshot.attempt ?? 1}`;
  const remaining = (snapshot.delayMs ?? 0) - (now - snapshot.at);
  return remaining > 0 ? `${attempt} in ${countdown(remaining)}` : `${attempt} in progress`;
}

/**
 * The indicator's text at `now`: connected, connecting, or reconnecting with a countdown to the next
 * attempt taken from the state event's `delayMs`.
 *
 * @example
 * ```ts
 * import { describeConnection } from './connection-status.ts';
 *
 * const status = describeConnection({ state: 'reconnecting', attempt: 3, delayMs: 4000, at: 0 }, 1500);
 * console.log(status.label, status.detail); // 'Reconnecting' 'attempt 3 in 2.5 s'
 * ```
 */
export function describeConnection(snapshot: ConnectionSnapshot, now: number): ConnectionStatus {
  switch (snapshot.state) {
    case 'connected':
      return { tone: 'live', label: 'Live', detail: '' };
    case 'idle':
      return { tone: 'pending', label: 'Starting', detail: '' };
    case 'connecting':
      return {
        tone: 'pending',
        label: 'Connecting',
        detail: snapshot.attempt === undefined ? '' : retrying(snapshot, now),
      };
    case 'reconnecting': {
      const cause = snapshot.cause === undefined ? undefined : (CAUSES[snapshot.cause] ?? snapshot.cause);
      const detail = retrying(snapshot, now);
      return { tone: 'pending', label: 'Reconnecting', detail: cause ? `${cause} · ${detail}` : detail };
    }
    case 'disconnected':
      return { tone: 'down', label: 'Disconnected', detail: snapshot.error?.message ?? '' };
  }
}
