import { type RteClient, RteSubscriptionError, type SubscriptionItem } from 'enreach-rte';
import { h } from './dom.ts';
import { formatClock } from './format.ts';
import { isBoardProblem } from './problems.ts';
import { type AgentTile, createAgentTile } from './views/agent-tile.ts';
import { createConnectionIndicator } from './views/connection-indicator.ts';
import { createQueueCard, type QueueCard } from './views/queue-card.ts';
import { createResyncBanner } from './views/resync-banner.ts';
import type { WallboardConfig } from './wallboard-config.ts';

/** The page elements the board renders into. */
export interface WallboardElements {
  readonly title: HTMLElement;
  readonly connection: HTMLElement;
  readonly banner: HTMLElement;
  readonly queues: HTMLElement;
  readonly agents: HTMLElement;
  readonly clock: HTMLElement;
  readonly footer: HTMLElement;
}

// Fast enough for a smooth reconnect countdown, slow enough to cost nothing.
const TICK_MS = 200;

/** Entity ids as map keys: the hub reports GUIDs lower-cased, a config may not. */
const key = (id: string): string => id.toLowerCase();

/**
 * Wires an RteClient to the board: subscribes to `QueueStatus` for every queue and `UserStatus` and
 * `UserAvailability` for every agent, renders what arrives, the connection state and the resync
 * banner, then connects. Returns the function that stops the board's timer.
 *
 * @example
 * ```ts
 * import { RteClient } from 'enreach-rte';
 * import { startWallboard } from './wallboard.ts';
 *
 * const rte = new RteClient({ getToken: myTokenSource });
 * const stop = startWallboard(rte, config, elements);
 * ```
 */
export function startWallboard(
  rte: RteClient,
  config: WallboardConfig,
  elements: WallboardElements,
): () => void {
  document.title = config.title;
  elements.title.textContent = config.title;
  const connection = createConnectionIndicator(elements.connection);
  const banner = createResyncBanner(elements.banner);

  const queueNames = new Map(config.queues.map((queue) => [key(queue.id), queue.name]));
  const queueName = (queueId: string): string | undefined => queueNames.get(key(queueId));
  const cards = new Map<string, QueueCard>();
  for (const queue of config.queues) cards.set(key(queue.id), createQueueCard(queue));
  const tiles = new Map<string, AgentTile>();
  for (const agent of config.agents) tiles.set(key(agent.id), createAgentTile(agent, queueName));
  elements.queues.replaceChildren(...[...cards.values()].map((card) => card.element));
  elements.agents.replaceChildren(...[...tiles.values()].map((tile) => tile.element));

  let received = 0;
  const count = h('span', { class: 'footer-count', text: '0 events' });
  const problem = h('span', { class: 'footer-problem' });
  elements.footer.replaceChildren(count, problem);

  rte.on('QueueStatus', (status, message) => {
    const id = status.queueId ?? message.subscription.entityId;
    if (id) cards.get(key(id))?.update(status, Date.now());
  });
  rte.on('UserStatus', (status) => tiles.get(key(status.userId))?.status(status, Date.now()));
  rte.on('UserAvailability', (availability, message) => {
    const id = availability.userId ?? message.subscription.entityId;
    if (id) tiles.get(key(id))?.availability(availability, Date.now());
  });
  rte.on('*', () => {
    received++;
    count.textContent = `${received} events`;
  });
  rte.on('state', (change) => {
    connection.show(change, Date.now());
    // A new outage makes the last "Resynced" old news; the next resync shows its own banner.
    if (change.state === 'reconnecting' || change.state === 'disconnected') banner.hide();
  });
  rte.on('resynced', (event) => {
    banner.show(event, Date.now());
    for (const card of cards.values()) card.markStale();
    for (const tile of tiles.values()) tile.markStale();
  });
  rte.on('error', (error) => {
    if (isBoardProblem(error))
      problem.textContent = `Last problem at ${formatClock(new Date())}: ${error.message}`;
    if (error instanceof RteSubscriptionError) {
      for (const refused of error.refused) {
        const target = cards.get(key(refused.entityId)) ?? tiles.get(key(refused.entityId));
        target?.refuse(refused.message);
      }
    }
  });

  const items: SubscriptionItem[] = [
    ...config.queues.map((queue) => ({ eventName: 'QueueStatus', entityId: queue.id })),
    ...config.agents.flatMap((agent) => [
      { eventName: 'UserStatus', entityId: agent.id },
      { eventName: 'UserAvailability', entityId: agent.id },
    ]),
  ];
  // Before connect() the pairs are only remembered; refusals arrive later on the `error` event.
  rte.subscribe(items).catch((error: Error) => {
    problem.textContent = `Could not subscribe: ${error.message}`;
  });
  // A refused login also arrives as a `disconnected` state with the error, which the indicator shows.
  rte.connect().catch(() => undefined);

  const tick = (): void => {
    const now = Date.now();
    elements.clock.textContent = formatClock(new Date(now));
    connection.tick(now);
    for (const card of cards.values()) card.tick(now);
    for (const tile of tiles.values()) tile.tick(now);
  };
  tick();
  const timer = setInterval(tick, TICK_MS);
  return () => clearInterval(timer);
}
