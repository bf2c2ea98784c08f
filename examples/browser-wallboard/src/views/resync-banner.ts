import type { ResyncedEvent } from 'enreach-rte';
import { h } from '../dom.ts';
import { formatClock } from '../format.ts';

/** The banner shown after a reconnect. */
export interface ResyncBanner {
  /** Shows a `resynced` event of RteClient. */
  show(event: ResyncedEvent, now: number): void;
  hide(): void;
}

/**
 * How long the connection was down, as people say it: milliseconds below a second (a drop the
 * client healed at once is not "0.0 s"), tenths below ten seconds, whole seconds above.
 *
 * @example
 * ```ts
 * import { formatDowntime } from './views/resync-banner.ts';
 *
 * console.log(formatDowntime(13), formatDowntime(2_340), formatDowntime(75_000)); // 13 ms 2.3 s 75 s
 * ```
 */
export function formatDowntime(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/**
 * Renders the "resynced - data may have gaps" banner into `host` (hidden until the first
 * `resynced`). RTE keeps no events for a dropped connection, so figures stay as they were until the
 * next event about each queue or agent.
 *
 * @example
 * ```ts
 * import { RteClient } from 'enreach-rte';
 * import { createResyncBanner } from './views/resync-banner.ts';
 *
 * const banner = createResyncBanner(document.querySelector('#banner')!);
 * rte.on('resynced', (event) => banner.show(event, Date.now()));
 * ```
 */
export function createResyncBanner(host: HTMLElement): ResyncBanner {
  const title = h('strong', { class: 'banner-title' });
  const body = h('span', { class: 'banner-body' });
  const dismiss = h('button', { class: 'banner-dismiss', text: 'Dismiss', attrs: { type: 'button' } });
  host.replaceChildren(title, body, dismiss);
  host.hidden = true;
  dismiss.addEventListener('click', () => {
    host.hidden = true;
  });

  return {
    show(event, now) {
      title.textContent = `Resynced at ${formatClock(new Date(now))} – data may have gaps.`;
      const refused =
        event.refused.length > 0 ? ` ${event.refused.length} subscription(s) were refused.` : '';
      body.textContent =
        `The connection was down for ${formatDowntime(event.downtimeMs)}; events in that time were not delivered. ` +
        `${event.restored} subscription(s) restored; marked tiles refresh with their next event.${refused}`;
      host.hidden = false;
    },
    hide() {
      host.hidden = true;
    },
  };
}
