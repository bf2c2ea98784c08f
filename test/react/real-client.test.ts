// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { createElement, StrictMode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { RteClient } from '../../src/client/rte-client.ts';
import { startEmulator } from '../../src/emulator/index.ts';
import {
  RteProvider,
  useRteConnectionState,
  useRteEvent,
  useRteStore,
  useRteSubscription,
} from '../../src/react/index.ts';

const Q1 = 'aa97e2f0-0b6f-4d5c-9c0e-2f7b1e9c1a01';
const Q2 = '5d9c1b7e-3f2a-4e8d-b6c1-0a9f8e7d6c02';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  cleanup();
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function setup() {
  const emu = await startEmulator();
  cleanups.push(() => emu.close());
  const rte = new RteClient({
    getToken: async () => ({ endpoint: emu.hubUrl, token: emu.issueToken() }),
    WebSocket,
    reconnect: { baseDelayMs: 20, maxDelayMs: 100 },
  });
  cleanups.push(() => rte.disconnect());
  await rte.connect();
  return { emu, rte };
}

const until = async (check: () => boolean | Promise<boolean>) => {
  while (!(await check())) await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
};

/** What the hub holds for the client's connection, as `EventName entityId`. */
async function hubHolds(rte: RteClient): Promise<string[]> {
  return (await rte.activeSubscriptions())
    .map((s) => `${s.eventType} ${String(s.entityId).toLowerCase()}`)
    .sort();
}

function queue(waiting: number, seconds: number): Record<string, unknown> {
  return {
    QueueName: `Queue ${waiting}`,
    NbrOfQueuingRequesters: waiting,
    Timestamp: new Date(Date.UTC(2026, 0, 1, 12, 0, seconds)).toISOString(),
  };
}

function Tile({ queueId }: { queueId: string }) {
  const { data, freshness, state } = useRteSubscription('QueueStatus', queueId);
  return createElement(
    'div',
    { 'data-testid': `tile-${queueId}` },
    `${state}/${freshness}/${data?.nbrOfQueuingRequesters ?? '-'}`,
  );
}

function Board({ queueIds }: { queueIds: string[] }) {
  const queues = useRteStore('QueueStatus', queueIds);
  const connection = useRteConnectionState();
  return createElement(
    'ul',
    { 'data-testid': 'board', 'data-connection': connection },
    queues.entries.map(([id, q]) =>
      createElement('li', { key: id }, `${q.freshness}:${q.latest?.nbrOfQueuingRequesters ?? '-'}`),
    ),
  );
}

function Loaded({
  load,
  onResynced,
}: {
  load: (id: string) => Promise<unknown>;
  onResynced: (mayHaveMissedEvents: boolean) => void;
}) {
  useRteEvent('resynced', (info) => onResynced(info.mayHaveMissedEvents));
  const { data, freshness } = useRteSubscription('QueueStatus', Q1, { getState: load as never });
  return createElement(
    'p',
    { 'data-testid': 'loaded' },
    `${freshness}/${data?.nbrOfQueuingRequesters ?? '-'}`,
  );
}

const strict = (rte: RteClient, child: ReturnType<typeof createElement>) =>
  createElement(StrictMode, null, createElement(RteProvider, { client: rte }, child));

describe('the hooks with a real client and the emulator, under StrictMode', () => {
  it('holds exactly one hub subscription through the double mount of useRteSubscription, and none after unmount', async () => {
    const { emu, rte } = await setup();
    const view = render(strict(rte, createElement(Tile, { queueId: Q1 })));
    await until(() => screen.getByTestId(`tile-${Q1}`).textContent === 'live/empty/-');
    await until(async () => (await hubHolds(rte)).length === 1);
    expect(await hubHolds(rte)).toEqual([`QueueStatus ${Q1}`]);
    expect(emu.stats().subscriptions).toBe(1);
    expect(rte.subscriptions).toMatchObject([{ entityId: Q1, refs: 1 }]);

    act(() => void emu.publish('QueueStatus', Q1, queue(3, 1)));
    await until(() => screen.getByTestId(`tile-${Q1}`).textContent === 'live/live/3');

    emu.dropConnections();
    await until(() => screen.getByTestId(`tile-${Q1}`).textContent === 'live/stale/3');
    expect(await hubHolds(rte)).toEqual([`QueueStatus ${Q1}`]);
    act(() => void emu.publish('QueueStatus', Q1, queue(4, 2)));
    await until(() => screen.getByTestId(`tile-${Q1}`).textContent === 'live/live/4');

    view.unmount();
    await until(() => emu.stats().subscriptions === 0);
    expect(rte.subscriptions).toEqual([]);
    expect(await hubHolds(rte)).toEqual([]);
  });

  it('holds one hub subscription per entity of useRteStore, follows the id list and releases on unmount', async () => {
    const { emu, rte } = await setup();
    const view = render(strict(rte, createElement(Board, { queueIds: [Q1, Q2] })));
    await until(async () => (await hubHolds(rte)).length === 2);
    expect(await hubHolds(rte)).toEqual([`QueueStatus ${Q1}`, `QueueStatus ${Q2}`].sort());
    expect(rte.subscriptions.map((s) => s.refs)).toEqual([1, 1]);
    expect(screen.getByTestId('board').dataset.connection).toBe('connected');

    act(() => void emu.publish('QueueStatus', Q2, queue(5, 1)));
    await until(() => screen.getByTestId('board').textContent === 'empty:-live:5');

    view.rerender(strict(rte, createElement(Board, { queueIds: [Q2.toUpperCase()] })));
    await until(async () => (await hubHolds(rte)).length === 1);
    expect(await hubHolds(rte)).toEqual([`QueueStatus ${Q2}`]);
    expect(screen.getByTestId('board').textContent).toBe('live:5');

    view.unmount();
    await until(() => emu.stats().subscriptions === 0);
    expect(rte.subscriptions).toEqual([]);
  });

  it('restores a tile from the snapshot loader with no event, and re-renders on resynced', async () => {
    const { emu, rte } = await setup();
    emu.publish('QueueStatus', Q1, queue(9, 1));
    const load = async (id: string) => {
      const data = emu.lastPublished('QueueStatus', id);
      return data === undefined
        ? undefined
        : { nbrOfQueuingRequesters: data.nbrOfQueuingRequesters as number };
    };
    const resynced: boolean[] = [];
    render(strict(rte, createElement(Loaded, { load, onResynced: (missed) => resynced.push(missed) })));
    await until(() => screen.getByTestId('loaded').textContent === 'live/9');
    emu.dropConnections();
    act(() => void emu.publish('QueueStatus', Q1, queue(10, 2)));
    await until(() => screen.getByTestId('loaded').textContent === 'live/10');
    await until(() => resynced.length === 1);
    expect(resynced).toEqual([false]);
    expect(emu.stats().subscriptions).toBe(1);
  });
});
