import type { StateChange } from 'enreach-rte';
import { type ConnectionSnapshot, describeConnection } from '../connection-status.ts';
import { h } from '../dom.ts';

/** The connection indicator in the top bar. */
export interface ConnectionIndicator {
  /** Shows a `state` event of RteClient. */
  show(change: StateChange, now: number): void;
  /** Moves the reconnect countdown on. */
  tick(now: number): void;
}

/**
 * Renders RteClient's connection state into `host`: live, connecting, or reconnecting with a
 * countdown to the next attempt. `host` carries the state in `data-connection`.
 *
 * @example
 * ```ts
 * import { RteClient } from 'enreach-rte';
 * import { createConnectionIndicator } from './views/connection-indicator.ts';
 *
 * const indicator = createConnectionIndicator(document.querySelector('#connection')!);
 * rte.on('state', (change) => indicator.show(change, Date.now()));
 * setInterval(() => indicator.tick(Date.now()), 200);
 * ```
 */
export function createConnectionIndicator(host: HTMLElement): ConnectionIndicator {
  const label = h('span', { class: 'connection-label' });
  const detail = h('span', { class: 'connection-detail' });
  host.replaceChildren(
    h('span', { class: 'connection-dot', attrs: { 'aria-hidden': 'true' } }),
    label,
    detail,
  );
  let snapshot: ConnectionSnapshot = { state: 'idle', at: 0 };
  let countdownEnd: ReturnType<typeof setTimeout> | undefined;

  function render(now: number): void {
    const status = describeConnection(snapshot, now);
    host.dataset.connection = snapshot.state;
    host.dataset.tone = status.tone;
    if (label.textContent !== status.label) label.textContent = status.label;
    if (detail.textContent !== status.detail) detail.textContent = status.detail;
  }

  return {
    show(change, now) {
      // Later attempts of one outage carry no cause; keep the one that started it.
      const cause =
        change.cause ??
        (change.state === 'reconnecting' && snapshot.state === 'reconnecting' ? snapshot.cause : undefined);
      snapshot = {
        state: change.state,
        attempt: change.attempt,
        delayMs: change.delayMs,
        cause,
        error: change.error,
        at: now,
      };
      render(now);
      // Between ticks the countdown could linger past zero while the attempt already runs.
      clearTimeout(countdownEnd);
      if ((change.delayMs ?? 0) > 0) countdownEnd = setTimeout(() => render(Date.now()), change.delayMs);
    },
    tick(now) {
      if (snapshot.state === 'reconnecting' || snapshot.state === 'connecting') render(now);
    },
  };
}
