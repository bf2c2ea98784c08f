import type { EntitySnapshot, UserAvailability, UserStatus } from 'enreach-rte';
import { h } from '../dom.ts';
import { agentPresence } from '../presence.ts';
import type { WallboardAgent } from '../wallboard-config.ts';

/** One agent on the board. */
export interface AgentTile {
  readonly element: HTMLElement;
  /** Shows the agent's `UserStatus` and `UserAvailability` snapshots; stale while either is. */
  show(
    status: EntitySnapshot<UserStatus> | undefined,
    availability: EntitySnapshot<UserAvailability> | undefined,
  ): void;
  /** Keeps call and wrap-up durations running. */
  tick(now: number): void;
}

function initials(name: string): string {
  const parts = name.split(/\s+/).filter(Boolean);
  return `${parts[0]?.[0] ?? ''}${parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : ''}`.toUpperCase();
}

/**
 * An agent tile: name, state (free, on call, wrap-up, away…) and its detail, from the agent's latest
 * `UserStatus` and `UserAvailability`. `data-presence` carries the state's tone.
 *
 * @example
 * ```ts
 * import { RteClient } from 'enreach-rte';
 * import { createAgentTile } from './views/agent-tile.ts';
 *
 * const tile = createAgentTile({ id: userId, name: 'Aino Virtanen' }, (queueId) => names.get(queueId));
 * document.querySelector('#agents')!.append(tile.element);
 * const status = rte.subscription('UserStatus', userId);
 * status.subscribe(() => tile.show(status.getSnapshot(), undefined));
 * ```
 */
export function createAgentTile(
  agent: WallboardAgent,
  queueName: (queueId: string) => string | undefined,
): AgentTile {
  const label = h('p', { class: 'agent-presence', text: 'No data yet' });
  const detail = h('p', { class: 'agent-detail' });
  const element = h(
    'article',
    { class: 'agent', attrs: { 'data-user-id': agent.id, 'data-presence': 'unknown' } },
    h('span', { class: 'agent-avatar', text: initials(agent.name), attrs: { 'aria-hidden': 'true' } }),
    h('div', { class: 'agent-text' }, h('h3', { class: 'agent-name', text: agent.name }), label, detail),
  );
  let latestStatus: UserStatus | undefined;
  let latestAvailability: UserAvailability | undefined;
  let refused = false;

  function render(now: number): void {
    if (refused) return;
    const presence = agentPresence(latestStatus, latestAvailability, now, queueName);
    element.dataset.presence = presence.tone;
    if (label.textContent !== presence.label) label.textContent = presence.label;
    if (detail.textContent !== presence.detail) detail.textContent = presence.detail;
  }

  return {
    element,
    show(status, availability) {
      if (status?.state === 'refused' || availability?.state === 'refused') {
        refused = true;
        element.dataset.presence = 'unknown';
        label.textContent = 'Not available';
        detail.textContent = 'The hub refused this agent.';
        return;
      }
      latestStatus = status?.latest;
      latestAvailability = availability?.latest;
      const stale = status?.freshness === 'stale' || availability?.freshness === 'stale';
      if (stale) element.dataset.stale = '';
      else delete element.dataset.stale;
      render(Date.now());
    },
    tick(now) {
      if (latestStatus?.talking || latestStatus?.wrapUpEnd) render(now);
    },
  };
}
