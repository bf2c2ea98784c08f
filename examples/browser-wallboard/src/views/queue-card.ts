import type { EntitySnapshot, QueueStatus } from 'enreach-rte';
import { h } from '../dom.ts';
import { formatClock, formatDuration } from '../format.ts';
import { openStatusLabel } from '../open-status.ts';
import type { WallboardQueue } from '../wallboard-config.ts';

/** One queue on the board. */
export interface QueueCard {
  readonly element: HTMLElement;
  /**
   * Shows the queue's snapshot: its latest `QueueStatus` (an event or a snapshot loader's answer),
   * dimmed while `freshness` is `'stale'`, "Not available" once the hub refused it.
   */
  show(snapshot: EntitySnapshot<QueueStatus> | undefined): void;
  /** Keeps the longest wait running between events. */
  tick(now: number): void;
}

// Longest-wait thresholds, in seconds, for the amber and red colouring.
const WAIT_WARN = 60;
const WAIT_ALERT = 180;

function figure(kind: string, caption: string): { element: HTMLElement; value: HTMLElement } {
  const value = h('span', { class: 'figure-value', text: '–' });
  return {
    element: h(
      'div',
      { class: `figure figure-${kind}` },
      value,
      h('span', { class: 'figure-caption', text: caption }),
    ),
    value,
  };
}

function detail(caption: string): { element: HTMLElement; value: HTMLElement } {
  const value = h('dd', { text: '–' });
  return { element: h('div', {}, h('dt', { text: caption }), value), value };
}

/**
 * A queue card: waiting calls, longest wait and free agents in large figures, the open status by
 * name, and the agents serving it. `data-updates` counts the events shown.
 *
 * @example
 * ```ts
 * import { RteClient } from 'enreach-rte';
 * import { createQueueCard } from './views/queue-card.ts';
 *
 * const card = createQueueCard({ id: queueId, name: 'Support' });
 * document.querySelector('#queues')!.append(card.element);
 * const queue = rte.subscription('QueueStatus', queueId);
 * queue.subscribe(() => card.show(queue.getSnapshot()));
 * ```
 */
export function createQueueCard(queue: WallboardQueue): QueueCard {
  const name = h('h3', { class: 'queue-name', text: queue.name });
  const badge = h('span', { class: 'badge', attrs: { 'data-tone': 'unknown' }, text: 'No data yet' });
  const waiting = figure('waiting', 'Waiting');
  const longest = figure('longest', 'Longest wait');
  const free = figure('free', 'Free agents');
  const connected = detail('In service');
  const checkedIn = detail('Agents in queue');
  const away = detail('Away');
  const wrapUp = detail('Wrap-up');
  const footnote = h('p', { class: 'queue-footnote', text: 'Waiting for the first update…' });
  const element = h(
    'article',
    { class: 'queue', attrs: { 'data-queue-id': queue.id, 'data-updates': '0' } },
    h('header', { class: 'queue-header' }, name, badge),
    h('div', { class: 'figures' }, waiting.element, longest.element, free.element),
    h('dl', { class: 'queue-details' }, connected.element, checkedIn.element, away.element, wrapUp.element),
    footnote,
  );
  let updates = 0;
  let maxWait: { seconds: number; at: number } | undefined;
  let shown: QueueStatus | undefined;

  function showWait(now: number): void {
    if (!maxWait) return;
    const seconds = maxWait.seconds + (now - maxWait.at) / 1000;
    longest.value.textContent = formatDuration(seconds);
    longest.element.dataset.level = seconds >= WAIT_ALERT ? 'alert' : seconds >= WAIT_WARN ? 'warn' : 'ok';
  }

  function update(status: QueueStatus, now: number): void {
    updates++;
    element.dataset.updates = String(updates);
    if (status.queueName) name.textContent = status.queueName;
    const open = openStatusLabel(status.openStatus);
    badge.textContent = open.label;
    badge.dataset.tone = open.tone;
    const queuing = status.nbrOfQueuingRequesters ?? 0;
    const freeAgents = status.nbrOfAgentsImmediatelyFree ?? 0;
    waiting.value.textContent = String(queuing);
    waiting.element.dataset.level = queuing === 0 ? 'ok' : freeAgents === 0 ? 'alert' : 'warn';
    free.value.textContent = String(freeAgents);
    // The hub reports the wait only when counters change; it keeps growing while calls wait.
    maxWait = queuing > 0 ? { seconds: status.maxWaitTime ?? 0, at: now } : undefined;
    if (maxWait) showWait(now);
    else {
      longest.value.textContent = '0:00';
      longest.element.dataset.level = 'ok';
    }
    connected.value.textContent = String(status.nbrOfConnected ?? 0);
    checkedIn.value.textContent = String(status.nbrOfAgentsCheckedInQueue ?? 0);
    away.value.textContent = String(
      (status.nbrOfAgentsShortTermAway ?? 0) + (status.nbrOfAgentsLongTermAway ?? 0),
    );
    wrapUp.value.textContent = String(status.nbrOfAgentsOnWrapUp ?? 0);
  }

  return {
    element,
    show(snapshot) {
      if (snapshot === undefined) return;
      element.dataset.freshness = snapshot.freshness;
      if (snapshot.state === 'refused') {
        badge.textContent = 'Not available';
        badge.dataset.tone = 'closed';
        footnote.textContent = 'The hub refused this queue.';
        return;
      }
      const { latest, updatedAt } = snapshot;
      if (latest !== undefined && latest !== shown) {
        shown = latest;
        update(latest, updatedAt ?? Date.now());
      }
      if (snapshot.freshness === 'stale') element.dataset.stale = '';
      else delete element.dataset.stale;
      if (updatedAt === undefined) return;
      const stale = snapshot.freshness === 'stale' ? ' · may be out of date since the reconnect' : '';
      footnote.textContent = `Updated ${formatClock(new Date(updatedAt))}${stale}`;
    },
    tick(now) {
      showWait(now);
    },
  };
}
