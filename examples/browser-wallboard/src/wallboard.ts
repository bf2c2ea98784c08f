import type { RteClient, SnapshotLoader } from 'enreach-rte';
import { decodeEvent } from 'enreach-rte/events';
import { h } from './dom.ts';
import { formatClock } from './format.ts';
import { isBoardProblem } from './problems.ts';
import { createAgentTile } from './views/agent-tile.ts';
import { createConnectionIndicator } from './views/connection-indicator.ts';
import { createQueueCard } from './views/queue-card.ts';
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

/**
 * A snapshot loader over a REST endpoint answering an event's data at `${base}${eventName}/${id}`
 * (the emulator's `_control/state/` does; point it at whatever your backend offers).
 */
export function restSnapshotLoader<T>(base: string, eventName: string): SnapshotLoader<T> {
  return async (entityId, { signal }) => {
    const response = await fetch(`${base}${eventName}/${encodeURIComponent(entityId)}`, { signal });
    if (response.status === 204 || response.status === 404) return undefined;
    if (!response.ok) throw new Error(`${eventName} snapshot: HTTP ${response.status}`);
    return decodeEvent(eventName, await response.json(), 'lenient').data as T;
  };
}

/**
 * Wires an RteClient to the board: one entity store of `QueueStatus` for the queues and two of
 * `UserStatus` and `UserAvailability` for the agents, each tile drawn from its entity's snapshot
 * (stale tiles are dimmed by its `freshness`), the connection state and the resync banner, then
 * connects. With `config.snapshotUrl` a queue's state is loaded after every gap. Returns the
 * function that stops the board and releases its subscriptions.
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

  // One store per event name: each entity is a subscription handle with its last value and freshness.
  const snapshot = <T>(eventName: string) =>
    config.snapshotUrl === undefined
      ? {}
      : { getState: restSnapshotLoader<T>(config.snapshotUrl, eventName) };
  const queueStore = rte.store(
    'QueueStatus',
    config.queues.map((queue) => queue.id),
    snapshot('QueueStatus'),
  );
  const agentIds = config.agents.map((agent) => agent.id);
  const statusStore = rte.store('UserStatus', agentIds);
  const availabilityStore = rte.store('UserAvailability', agentIds);
  // The store compares ids as the hub does: the queue named in an agent's status, in any spelling.
  const queueName = (queueId: string): string | undefined => {
    const queue = queueStore.get(queueId);
    if (queue === undefined) return undefined;
    return queue.latest?.queueName ?? config.queues.find((known) => queueStore.get(known.id) === queue)?.name;
  };

  const cards = config.queues.map((queue) => ({ id: queue.id, card: createQueueCard(queue) }));
  const tiles = config.agents.map((agent) => ({ id: agent.id, tile: createAgentTile(agent, queueName) }));
  elements.queues.replaceChildren(...cards.map(({ card }) => card.element));
  elements.agents.replaceChildren(...tiles.map(({ tile }) => tile.element));
  const drawQueues = () => {
    const queues = queueStore.getSnapshot();
    for (const { id, card } of cards) card.show(queues.get(id));
  };
  const drawAgents = () => {
    const statuses = statusStore.getSnapshot();
    const availabilities = availabilityStore.getSnapshot();
    for (const { id, tile } of tiles) tile.show(statuses.get(id), availabilities.get(id));
  };
  const stops = [
    queueStore.subscribe(drawQueues),
    statusStore.subscribe(drawAgents),
    availabilityStore.subscribe(drawAgents),
  ];
  drawQueues();
  drawAgents();

  let received = 0;
  const count = h('span', { class: 'footer-count', text: '0 events' });
  const problem = h('span', { class: 'footer-problem' });
  elements.footer.replaceChildren(count, problem);

  rte.on('*', () => {
    received++;
    count.textContent = `${received} events`;
  });
  rte.on('state', (change) => {
    connection.show(change, Date.now());
    // A new outage makes the last "Resynced" old news; the next resync shows its own banner.
    if (change.state === 'reconnecting' || change.state === 'disconnected') banner.hide();
  });
  rte.on('resynced', (event) => banner.show(event, Date.now()));
  rte.on('error', (error) => {
    if (isBoardProblem(error))
      problem.textContent = `Last problem at ${formatClock(new Date())}: ${error.message}`;
  });

  // A refused login also arrives as a `disconnected` state with the error, which the indicator shows.
  rte.connect().catch(() => undefined);

  const tick = (): void => {
    const now = Date.now();
    elements.clock.textContent = formatClock(new Date(now));
    connection.tick(now);
    for (const { card } of cards) card.tick(now);
    for (const { tile } of tiles) tile.tick(now);
  };
  tick();
  const timer = setInterval(tick, TICK_MS);
  return () => {
    clearInterval(timer);
    for (const stop of stops) stop();
    queueStore.dispose();
    statusStore.dispose();
    availabilityStore.dispose();
  };
}
