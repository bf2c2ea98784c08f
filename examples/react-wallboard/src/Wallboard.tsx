import type { EntitySnapshot, QueueStatus, ResyncedEvent } from 'enreach-rte';
import { useRteConnectionState, useRteEvent, useRteStore, useRteSubscription } from 'enreach-rte/react';
import { useState } from 'react';
import type { BoardConfig, BoardEntity } from './config.ts';

function QueueCard({
  queue,
  snapshot,
}: {
  queue: BoardEntity;
  snapshot: EntitySnapshot<QueueStatus> | undefined;
}) {
  const latest = snapshot?.latest;
  return (
    <article className="queue" data-queue-id={queue.id} data-freshness={snapshot?.freshness ?? 'empty'}>
      <h3 className="queue-name">{latest?.queueName ?? queue.name}</h3>
      <p className="figure-waiting">{latest === undefined ? '–' : latest.nbrOfQueuingRequesters}</p>
      <p className="queue-footnote">
        {snapshot?.state === 'refused'
          ? 'The hub refused this queue.'
          : snapshot?.updatedAt === undefined
            ? 'Waiting for the first update…'
            : `Updated ${new Date(snapshot.updatedAt).toLocaleTimeString()}${snapshot.freshness === 'stale' ? ' · may be out of date' : ''}`}
      </p>
    </article>
  );
}

/** One agent: a subscription of its own, released when the tile unmounts. */
function AgentTile({ agent }: { agent: BoardEntity }) {
  const { data, freshness, state } = useRteSubscription('UserStatus', agent.id);
  const presence =
    state === 'refused'
      ? 'Not available'
      : data === undefined
        ? 'No data yet'
        : data.talking
          ? 'On a call'
          : data.canBeAllocatedTo
            ? 'Free'
            : 'Busy';
  return (
    <article className="agent" data-user-id={agent.id} data-freshness={freshness}>
      <h3 className="agent-name">{agent.name}</h3>
      <p className="agent-presence">{presence}</p>
    </article>
  );
}

function ResyncNote() {
  const [last, setLast] = useState<ResyncedEvent | undefined>(undefined);
  useRteEvent('resynced', setLast);
  if (last === undefined) return null;
  return (
    <p className="banner" role="status">
      Back after {Math.round(last.downtimeMs)} ms: {last.restoredBySnapshot} restored by snapshot,{' '}
      {last.missed.length} may have missed events.
    </p>
  );
}

/** The board: the queues from one store, an agent per subscription, the connection state. */
export function Wallboard({ config }: { config: BoardConfig }) {
  const connection = useRteConnectionState();
  const queues = useRteStore(
    'QueueStatus',
    config.queues.map((queue) => queue.id),
  );
  return (
    <>
      <header className="topbar">
        <h1>{config.title}</h1>
        <span id="connection" data-connection={connection}>
          {connection}
        </span>
      </header>
      <ResyncNote />
      <main>
        <section className="queues">
          {config.queues.map((queue) => (
            <QueueCard key={queue.id} queue={queue} snapshot={queues.get(queue.id)} />
          ))}
        </section>
        <section className="agents">
          {config.agents.map((agent) => (
            <AgentTile key={agent.id} agent={agent} />
          ))}
        </section>
      </main>
    </>
  );
}
