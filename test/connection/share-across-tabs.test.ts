import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ResyncedEvent } from '../../src/client/event-map.ts';
import { type Emulator, startEmulator } from '../../src/emulator/index.ts';
import { RteAuthError, RteClient } from '../../src/index.ts';
import { canShareAcrossTabs } from '../../src/tabs/shared-connection.ts';

// Node 24 has Web Locks and BroadcastChannel too: clients of one process share a connection the
// way tabs of one origin do, which makes the protocol testable without a browser.

const QUEUE_A = 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3';
const QUEUE_B = 'd1eeb030-ff4b-ea11-ac9c-00155d4fdcf3';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator?.close();
});

beforeEach(() => {
  emulator.restart();
});

let refuse = false;

function client(): RteClient {
  return new RteClient({
    getToken: async () => {
      if (refuse) throw new RteAuthError('refused');
      return { endpoint: emulator.hubUrl, token: emulator.issueToken() };
    },
    shareAcrossTabs: true,
    reconnect: { baseDelayMs: 20, maxDelayMs: 100 },
  });
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('shareAcrossTabs', () => {
  it('is refused unless true or false', () => {
    expect(
      () =>
        new RteClient({
          getToken: async () => ({ endpoint: 'x', token: 'y' }),
          shareAcrossTabs: 'yes' as never,
        }),
    ).toThrow(/shareAcrossTabs/);
  });

  it('needs both Web Locks and BroadcastChannel', () => {
    expect(canShareAcrossTabs()).toBe(true);
    vi.stubGlobal('BroadcastChannel', undefined);
    expect(canShareAcrossTabs()).toBe(false);
    vi.unstubAllGlobals();
    vi.stubGlobal('navigator', {});
    expect(canShareAcrossTabs()).toBe(false);
    vi.unstubAllGlobals();
  });

  it('opens one hub connection for two clients, delivers each only its own events, and survives the holder leaving', async () => {
    const first = client();
    const second = client();
    const firstEvents: string[] = [];
    const secondEvents: string[] = [];
    const resynced: ResyncedEvent[] = [];
    first.on('QueueStatus', (_queue, message) => firstEvents.push(message.subscription.entityId ?? ''));
    second.on('QueueStatus', (_queue, message) => secondEvents.push(message.subscription.entityId ?? ''));
    second.on('resynced', (info) => resynced.push(info));
    try {
      await first.subscribe('QueueStatus', QUEUE_A);
      await first.connect();
      await second.subscribe('QueueStatus', [QUEUE_A, QUEUE_B]);
      await second.connect();
      expect(emulator.stats()).toMatchObject({ connections: 1, subscriptions: 2 });
      expect(second.subscriptions.map((s) => s.status)).toEqual(['subscribed', 'subscribed']);

      expect(emulator.publish('QueueStatus', QUEUE_B, { NbrOfQueuingRequesters: 1 })).toBe(1);
      expect(emulator.publish('QueueStatus', QUEUE_A, { NbrOfQueuingRequesters: 2 })).toBe(1);
      await until(() => secondEvents.length === 2 && firstEvents.length === 1);
      expect(firstEvents).toEqual([QUEUE_A]);

      // The first client's unsubscribe leaves the pair the second still holds.
      expect(await first.unsubscribe('QueueStatus', QUEUE_A)).toMatchObject([{ status: 'unsubscribed' }]);
      expect(emulator.stats().subscriptions).toBe(2);

      await first.disconnect();
      await until(() => resynced.length === 1);
      expect(second.state).toBe('connected');
      await until(() => emulator.stats().connections === 1);
      expect(emulator.stats().subscriptions).toBe(2);
      expect(emulator.publish('QueueStatus', QUEUE_A, { NbrOfQueuingRequesters: 3 })).toBe(1);
      await until(() => secondEvents.length === 3);
      expect(firstEvents).toEqual([QUEUE_A]);
    } finally {
      await first.disconnect();
      await second.disconnect();
    }
    await until(() => emulator.stats().connections === 0);
  });

  it('gives up in every client when the holder is refused, and starts over on the next connect()', async () => {
    const first = client();
    const second = client();
    first.on('error', () => undefined);
    second.on('error', () => undefined);
    try {
      refuse = true;
      const both = Promise.allSettled([first.connect(), second.connect()]);
      const [a, b] = await both;
      expect(a).toMatchObject({ status: 'rejected', reason: expect.any(RteAuthError) });
      expect(b).toMatchObject({ status: 'rejected', reason: expect.any(RteAuthError) });
      expect([first.state, second.state]).toEqual(['disconnected', 'disconnected']);
      expect(first.status).toMatchObject({ state: 'disconnected', reason: 'auth-rejected' });
      expect(second.status).toMatchObject({ state: 'disconnected', reason: 'auth-rejected' });
      refuse = false;
      await second.connect();
      await first.connect();
      expect(emulator.stats().connections).toBe(1);
    } finally {
      refuse = false;
      await first.disconnect();
      await second.disconnect();
    }
  });

  it('replays every client through the shared connection after the hub drops it, each announcing resynced', async () => {
    const first = client();
    const second = client();
    const resynced: string[] = [];
    const events: string[] = [];
    first.on('resynced', (info) => resynced.push(`first ${info.restored}`));
    second.on('resynced', (info) => resynced.push(`second ${info.restored}`));
    second.on('QueueStatus', (_queue, message) => events.push(message.subscription.entityId ?? ''));
    try {
      await first.subscribe('QueueStatus', QUEUE_A);
      await second.subscribe('QueueStatus', [QUEUE_A, QUEUE_B]);
      await first.connect();
      await second.connect();
      expect(emulator.dropConnections()).toBe(1);
      await until(() => resynced.length === 2);
      expect(resynced.sort()).toEqual(['first 1', 'second 2']);
      expect(emulator.stats()).toMatchObject({ connections: 1, subscriptions: 2 });
      expect(emulator.publish('QueueStatus', QUEUE_B, { NbrOfQueuingRequesters: 1 })).toBe(1);
      await until(() => events.length === 1);
    } finally {
      await first.disconnect();
      await second.disconnect();
    }
  });

  it('is idle and refuses hub calls until its first connect(); a disconnect() while the sharing code loads leaves the hub untouched', async () => {
    const rte = client();
    expect(rte.status).toEqual({ state: 'idle' });
    await expect(rte.activeSubscriptions()).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
    const connecting = rte.connect();
    await rte.disconnect();
    await expect(connecting).rejects.toMatchObject({ code: 'ABORTED' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(emulator.stats().connections).toBe(0);
    expect(rte.state).toBe('idle');
    try {
      await rte.connect();
      expect(rte.state).toBe('connected');
      expect(emulator.stats().connections).toBe(1);
    } finally {
      await rte.disconnect();
    }
  });

  it('announces connected only once its own subscriptions are back, with the status of each state', async () => {
    const first = client();
    const second = client();
    const seen: { state: string; subscribed: boolean; attempt?: number; cause?: string; reason?: string }[] =
      [];
    second.on('state', (change) =>
      seen.push({
        state: change.state,
        subscribed: second.subscriptions.every((s) => s.status === 'subscribed'),
        ...(change.attempt === undefined ? {} : { attempt: change.attempt }),
        ...(change.cause === undefined ? {} : { cause: change.cause }),
        ...(change.reason === undefined ? {} : { reason: change.reason }),
      }),
    );
    try {
      await first.connect();
      await second.subscribe('QueueStatus', [QUEUE_A, QUEUE_B]);
      await second.connect();
      expect(emulator.dropConnections()).toBe(1);
      await second.whenState('reconnecting');
      await second.whenState('connected');
      await second.disconnect();
      expect(seen).toEqual([
        { state: 'connecting', subscribed: false, attempt: 1 },
        { state: 'connected', subscribed: true },
        expect.objectContaining({ state: 'reconnecting', attempt: 1, cause: expect.any(String) }),
        { state: 'connected', subscribed: true },
        { state: 'disconnected', subscribed: expect.any(Boolean), reason: 'disconnect' },
      ]);
    } finally {
      await first.disconnect();
      await second.disconnect();
    }
  });

  it('joins again cleanly right after leaving', async () => {
    const first = client();
    const second = client();
    const events: string[] = [];
    first.on('QueueStatus', (_queue, message) => events.push(message.subscription.entityId ?? ''));
    try {
      await first.subscribe('QueueStatus', QUEUE_A);
      await first.connect();
      await second.connect();
      await first.disconnect();
      await first.connect();
      expect(first.state).toBe('connected');
      await until(() => emulator.stats().connections === 1 && emulator.stats().subscriptions === 1);
      expect(emulator.publish('QueueStatus', QUEUE_A, { NbrOfQueuingRequesters: 1 })).toBe(1);
      await until(() => events.length === 1);
    } finally {
      await first.disconnect();
      await second.disconnect();
    }
  });

  it('lets go of the signal given to connect() once connected, so aborting it later while reconnecting changes nothing', async () => {
    const rte = client();
    const states: string[] = [];
    rte.on('state', (change) => states.push(change.state));
    const controller = new AbortController();
    try {
      await rte.subscribe('QueueStatus', QUEUE_A);
      await rte.connect({ signal: controller.signal });
      states.length = 0;
      rte.once('state', () => controller.abort());
      expect(emulator.dropConnections()).toBe(1);
      await until(() => states.at(-1) === 'connected');
      expect(states).toEqual(['reconnecting', 'connected']);
      expect(emulator.stats()).toMatchObject({ connections: 1, subscriptions: 1 });
    } finally {
      await rte.disconnect();
    }
  });
});
