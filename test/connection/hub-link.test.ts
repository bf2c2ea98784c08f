import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../src/connection/connection.ts';
import { DeferredLink, type HubLink } from '../../src/connection/hub-link.ts';

/** A link that connects at once and records the calls it gets. */
function fakeLink(calls: string[]): HubLink {
  let status: ConnectionStatus = { state: 'idle' };
  return {
    get state() {
      return status.state;
    },
    get status() {
      return status;
    },
    get isOpen() {
      return status.state === 'connected';
    },
    lastFrameAt: 1_000,
    connectionId: 'c1',
    async connect() {
      calls.push('connect');
      status = { state: 'connected' };
    },
    async stop() {
      calls.push('stop');
      status = { state: 'disconnected', reason: 'disconnect' };
    },
    async invoke<T>(method: string) {
      calls.push(method);
      return [] as T;
    },
  };
}

describe('a link loaded on the first connect()', () => {
  it('loads nothing before connect(), and hands every call to the loaded link after', async () => {
    const calls: string[] = [];
    let loads = 0;
    const link = new DeferredLink(async () => {
      loads++;
      return fakeLink(calls);
    });
    expect(loads).toBe(0);
    expect([link.state, link.status, link.isOpen, link.connectionId, link.lastFrameAt]).toEqual([
      'idle',
      { state: 'idle' },
      false,
      undefined,
      undefined,
    ]);
    await expect(link.invoke('ActiveSubscriptions')).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
    await link.stop();
    expect(loads).toBe(0);
    await link.connect();
    await link.connect();
    expect(loads).toBe(1);
    expect([link.state, link.isOpen, link.connectionId, link.lastFrameAt]).toEqual([
      'connected',
      true,
      'c1',
      1_000,
    ]);
    await link.invoke('Subscribe', []);
    await link.stop();
    expect(link.status).toEqual({ state: 'disconnected', reason: 'disconnect' });
    expect(calls).toEqual(['connect', 'connect', 'Subscribe', 'stop']);
  });

  it('reports a failed load as a transport error and loads again on the next connect()', async () => {
    const calls: string[] = [];
    let loads = 0;
    const link = new DeferredLink(async () => {
      loads++;
      if (loads === 1) throw new Error('chunk failed to load');
      return fakeLink(calls);
    });
    await expect(link.connect()).rejects.toMatchObject({
      code: 'TRANSPORT',
      message: expect.stringContaining('chunk failed to load'),
    });
    expect(link.state).toBe('idle');
    await link.connect();
    expect([loads, link.state]).toEqual([2, 'connected']);
  });

  it('does not connect when stop() or the signal comes while loading', async () => {
    const calls: string[] = [];
    const link = new DeferredLink(async () => fakeLink(calls));
    const stopped = link.connect();
    await link.stop();
    await expect(stopped).rejects.toMatchObject({ code: 'ABORTED' });
    const other = new DeferredLink(async () => fakeLink(calls));
    const controller = new AbortController();
    const aborted = other.connect(controller.signal);
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ code: 'ABORTED' });
    expect(calls).toEqual([]);
    expect([link.state, other.state]).toEqual(['idle', 'idle']);
  });
});
