// @vitest-environment happy-dom
import { act, cleanup, render, renderHook } from '@testing-library/react';
import { createElement, type ReactNode, StrictMode, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { QueueStatus } from '../../src/events/types.ts';
import {
  RteProvider,
  useRteClient,
  useRteConnectionState,
  useRteEvent,
  useRteStore,
  useRteSubscription,
} from '../../src/react/index.ts';
import { FakeClient } from './fake-client.ts';

const Q1 = 'aa97e2f0-0b6f-4d5c-9c0e-2f7b1e9c1a01';
const Q2 = '5d9c1b7e-3f2a-4e8d-b6c1-0a9f8e7d6c02';
const Q3 = '0c4e8a1f-6b2d-4f9e-8a3c-7d5b9e1f2a03';

const queue = (name: string, waiting: number, seconds = 0): QueueStatus => ({
  rootEntityType: 'Organization',
  rootEntityId: '7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e05',
  entityType: 'Queue',
  entityId: Q1,
  id: `00000000-0000-4000-8000-${String(waiting).padStart(12, '0')}`,
  queueName: name,
  nbrOfQueuingRequesters: waiting,
  timestamp: new Date(Date.UTC(2024, 4, 1, 12, 0, seconds)).toISOString(),
});

afterEach(() => cleanup());

function wrapper(client: FakeClient, strict = true) {
  return ({ children }: { children?: ReactNode }) => {
    const provided = createElement(RteProvider, { client }, children);
    return strict ? createElement(StrictMode, null, provided) : provided;
  };
}

describe('useRteSubscription', () => {
  it('holds one hub subscription through StrictMode’s double mount and releases it on unmount', () => {
    const client = new FakeClient();
    const { unmount } = renderHook(() => useRteSubscription('QueueStatus', Q1), { wrapper: wrapper(client) });
    expect(client.hub()).toEqual({ [`QueueStatus ${Q1}`]: 1 });
    expect(client.retains - client.releases).toBe(1);
    unmount();
    expect(client.hub()).toEqual({});
    expect(client.retains).toBe(client.releases);
  });

  it('shows the last event, its freshness through a drop, and the handle state', () => {
    const client = new FakeClient();
    const { result } = renderHook(() => useRteSubscription('QueueStatus', Q1), { wrapper: wrapper(client) });
    expect(result.current).toEqual({
      data: undefined,
      freshness: 'empty',
      state: 'live',
      updatedAt: undefined,
      error: undefined,
    });
    act(() => client.emit('QueueStatus', Q1, queue('Sales', 2)));
    expect(result.current).toMatchObject({ data: queue('Sales', 2), freshness: 'live', state: 'live' });
    expect(typeof result.current.updatedAt).toBe('number');
    act(() => client.drop());
    expect(result.current).toMatchObject({
      data: queue('Sales', 2),
      freshness: 'stale',
      state: 'resubscribing',
    });
    act(() => client.reconnect());
    expect(result.current).toMatchObject({ freshness: 'stale', state: 'live' });
    act(() => client.emit('QueueStatus', Q1, queue('Sales', 3, 1)));
    expect(result.current).toMatchObject({ data: queue('Sales', 3, 1), freshness: 'live' });
  });

  it('returns the same object while nothing of the pair changed', () => {
    const client = new FakeClient();
    let setTick: (n: number) => void = () => undefined;
    const { result } = renderHook(
      () => {
        const [tick, set] = useState(0);
        setTick = set;
        return { view: useRteSubscription('QueueStatus', Q1), tick };
      },
      { wrapper: wrapper(client) },
    );
    act(() => client.emit('QueueStatus', Q1, queue('Sales', 2)));
    const view = result.current.view;
    act(() => setTick(1));
    expect(result.current.tick).toBe(1);
    expect(result.current.view).toBe(view);
  });

  it('moves to the new pair when the entity id changes, never showing the old entity’s data for it', () => {
    const client = new FakeClient();
    const seen: { id: string; data: unknown }[] = [];
    const { rerender } = renderHook(
      ({ id }: { id: string }) => {
        const view = useRteSubscription('QueueStatus', id);
        seen.push({ id, data: view.data });
        return view;
      },
      { wrapper: wrapper(client), initialProps: { id: Q1 } },
    );
    act(() => client.emit('QueueStatus', Q1, queue('Sales', 2)));
    rerender({ id: Q2 });
    expect(client.hub()).toEqual({ [`QueueStatus ${Q2}`]: 1 });
    expect(seen.filter((s) => s.id === Q2).every((s) => s.data === undefined)).toBe(true);
    act(() => client.emit('QueueStatus', Q2, queue('Support', 5)));
    expect(seen.at(-1)).toEqual({ id: Q2, data: queue('Support', 5) });
    expect(client.retains).toBe(client.releases + 1);
  });

  it('keeps its subscription when the id is respelled (another case, braces)', () => {
    const client = new FakeClient();
    const { rerender } = renderHook(({ id }: { id: string }) => useRteSubscription('QueueStatus', id), {
      wrapper: wrapper(client, false),
      initialProps: { id: Q1 },
    });
    const retains = client.retains;
    rerender({ id: `{${Q1.toUpperCase()}}` });
    expect(client.retains).toBe(retains);
    expect(client.hub()).toEqual({ [`QueueStatus ${Q1}`]: 1 });
  });

  it('subscribes to nothing without an entity id', () => {
    const client = new FakeClient();
    const { result, rerender } = renderHook(
      ({ id }: { id: string | null }) => useRteSubscription('QueueStatus', id),
      {
        wrapper: wrapper(client),
        initialProps: { id: null as string | null },
      },
    );
    expect(client.retains).toBe(0);
    expect(result.current).toMatchObject({ state: 'closed', freshness: 'empty', data: undefined });
    rerender({ id: Q1 });
    expect(client.hub()).toEqual({ [`QueueStatus ${Q1}`]: 1 });
    rerender({ id: null });
    expect(client.hub()).toEqual({});
  });

  it('restores from the snapshot loader, using the latest function without resubscribing', async () => {
    const client = new FakeClient();
    const calls: string[] = [];
    const { result, rerender } = renderHook(
      ({ label }: { label: string }) =>
        useRteSubscription('QueueStatus', Q1, {
          getState: async (id) => {
            calls.push(`${label} ${id}`);
            return queue(label, 1);
          },
        }),
      { wrapper: wrapper(client, false), initialProps: { label: 'first' } },
    );
    await act(async () => undefined);
    expect(result.current).toMatchObject({ data: queue('first', 1), freshness: 'live' });
    rerender({ label: 'second' });
    const retains = client.retains;
    act(() => client.drop());
    expect(result.current.freshness).toBe('stale');
    await act(async () => client.reconnect());
    expect(result.current).toMatchObject({ data: queue('second', 1), freshness: 'live' });
    expect(calls).toEqual([`first ${Q1}`, `second ${Q1}`]);
    expect(client.retains).toBe(retains);
  });

  it('calls the loader of a StrictMode double mount once for the pair that stays, aborting the other', async () => {
    const client = new FakeClient();
    const signals: AbortSignal[] = [];
    const { result } = renderHook(
      () =>
        useRteSubscription('QueueStatus', Q1, {
          getState: (_id, { signal }) => {
            signals.push(signal);
            return new Promise((resolve) => setTimeout(() => resolve(queue('Sales', 4)), 1));
          },
        }),
      { wrapper: wrapper(client) },
    );
    expect(signals.filter((signal) => !signal.aborted)).toHaveLength(1);
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
    expect(result.current).toMatchObject({ data: queue('Sales', 4), freshness: 'live' });
  });

  it('surfaces a failing loader as error, with the pair left as it was', async () => {
    const client = new FakeClient();
    const failure = new Error('queue API down');
    const { result } = renderHook(
      () =>
        useRteSubscription('QueueStatus', Q1, {
          getState: async () => {
            throw failure;
          },
        }),
      { wrapper: wrapper(client, false) },
    );
    await act(async () => undefined);
    expect(result.current).toMatchObject({ error: failure, freshness: 'empty', data: undefined });
    act(() => client.emit('QueueStatus', Q1, queue('Sales', 1)));
    expect(result.current).toMatchObject({ error: undefined, freshness: 'live' });
  });

  it('needs a provider', () => {
    expect(() => renderHook(() => useRteSubscription('QueueStatus', Q1))).toThrow(/RteProvider/);
  });
});

describe('useRteStore', () => {
  it('holds one hub subscription per id through StrictMode and follows the id list', () => {
    const client = new FakeClient();
    const { result, rerender, unmount } = renderHook(
      ({ ids }: { ids: string[] }) => useRteStore('QueueStatus', ids),
      {
        wrapper: wrapper(client),
        initialProps: { ids: [Q1, Q2] },
      },
    );
    expect(client.hub()).toEqual({ [`QueueStatus ${Q1}`]: 1, [`QueueStatus ${Q2}`]: 1 });
    expect(result.current.entries.map(([id]) => id)).toEqual([Q1, Q2]);
    rerender({ ids: [Q2, Q3] });
    expect(client.hub()).toEqual({ [`QueueStatus ${Q2}`]: 1, [`QueueStatus ${Q3}`]: 1 });
    expect(result.current.entries.map(([id]) => id)).toEqual([Q2, Q3]);
    unmount();
    expect(client.hub()).toEqual({});
    expect(client.retains).toBe(client.releases);
  });

  it('changes nothing for a new array with the same ids', () => {
    const client = new FakeClient();
    const { rerender } = renderHook(({ ids }: { ids: string[] }) => useRteStore('QueueStatus', ids), {
      wrapper: wrapper(client),
      initialProps: { ids: [Q1, Q2] },
    });
    const log = client.hubLog.length;
    const retains = client.retains;
    rerender({ ids: [Q1, Q2] });
    expect(client.hubLog.length).toBe(log);
    expect(client.retains).toBe(retains);
  });

  it('shows every entity’s value and freshness, re-rendering on each event', () => {
    const client = new FakeClient();
    let renders = 0;
    const { result } = renderHook(
      () => {
        renders++;
        return useRteStore('QueueStatus', [Q1, Q2]);
      },
      { wrapper: wrapper(client, false) },
    );
    act(() => client.emit('QueueStatus', Q1, queue('Sales', 2)));
    expect(result.current.get(Q1)).toMatchObject({ latest: queue('Sales', 2), freshness: 'live' });
    expect(result.current.get(Q2)).toMatchObject({ freshness: 'empty' });
    expect(result.current.get(Q1.toUpperCase())).toBe(result.current.get(Q1));
    act(() => client.drop());
    expect(result.current.get(Q1)?.freshness).toBe('stale');
    const before = renders;
    const snapshot = result.current;
    act(() => client.emit('QueueStatus', Q3, queue('Other', 9)));
    expect(renders).toBe(before);
    expect(result.current).toBe(snapshot);
  });

  it('is empty without ids', () => {
    const client = new FakeClient();
    const { result } = renderHook(() => useRteStore('QueueStatus', null), { wrapper: wrapper(client) });
    expect(result.current.size).toBe(0);
    expect(client.retains).toBe(0);
  });
});

describe('useRteConnectionState', () => {
  it('re-renders with every connection state', () => {
    const client = new FakeClient();
    const { result, unmount } = renderHook(() => useRteConnectionState(), { wrapper: wrapper(client) });
    expect(result.current).toBe('connected');
    act(() => client.drop());
    expect(result.current).toBe('reconnecting');
    act(() => client.reconnect());
    expect(result.current).toBe('connected');
    unmount();
    expect(client.listenerCount('state')).toBe(0);
  });
});

describe('useRteEvent', () => {
  it('calls the latest listener once per event through StrictMode, and stops on unmount', () => {
    const client = new FakeClient();
    const calls: string[] = [];
    const { rerender, unmount } = renderHook(
      ({ label }: { label: string }) =>
        useRteEvent('QueueStatus', (data) => {
          calls.push(`${label} ${data.queueName}`);
        }),
      { wrapper: wrapper(client), initialProps: { label: 'a' } },
    );
    expect(client.listenerCount('QueueStatus')).toBe(1);
    act(() => client.emit('QueueStatus', Q1, queue('Sales', 1)));
    rerender({ label: 'b' });
    act(() => client.emit('QueueStatus', Q1, queue('Sales', 2)));
    expect(calls).toEqual(['a Sales', 'b Sales']);
    expect(client.listenerCount('QueueStatus')).toBe(1);
    unmount();
    expect(client.listenerCount('QueueStatus')).toBe(0);
  });

  it('hears lifecycle events', () => {
    const client = new FakeClient();
    let resynced = 0;
    renderHook(() => useRteEvent('resynced', () => resynced++), { wrapper: wrapper(client) });
    act(() => {
      client.drop();
      client.reconnect();
    });
    expect(resynced).toBe(1);
  });
});

function Probe({ onClient }: { onClient: (client: unknown) => void }) {
  onClient(useRteClient());
  return null;
}

function Tiles({ ids }: { ids: string[] }) {
  const queues = useRteStore('QueueStatus', ids);
  return createElement(
    'ul',
    null,
    queues.entries.map(([id, q]) =>
      createElement('li', { key: id, 'data-freshness': q.freshness }, q.latest?.queueName ?? id),
    ),
  );
}

describe('RteProvider', () => {
  it('hands its client to the components below it', () => {
    const client = new FakeClient();
    let seen: unknown;
    render(createElement(RteProvider, { client }, createElement(Probe, { onClient: (c) => (seen = c) })));
    expect(seen).toBe(client);
  });

  it('renders a whole tile list that dims stale entities, in StrictMode', () => {
    const client = new FakeClient();
    const view = render(createElement(Tiles, { ids: [Q1, Q2] }), { wrapper: wrapper(client) });
    act(() => client.emit('QueueStatus', Q1, queue('Sales', 2)));
    const items = () =>
      [...view.container.querySelectorAll('li')].map((li) => `${li.textContent}:${li.dataset.freshness}`);
    expect(items()).toEqual(['Sales:live', `${Q2}:empty`]);
    act(() => client.drop());
    expect(items()).toEqual(['Sales:stale', `${Q2}:empty`]);
    expect(client.hub()).toEqual({ [`QueueStatus ${Q1}`]: 1, [`QueueStatus ${Q2}`]: 1 });
  });
});
