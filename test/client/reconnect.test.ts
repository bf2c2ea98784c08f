import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { StateChange } from '../../src/connection/connection.ts';
import { isRteError } from '../../src/errors/index.ts';
import { client, emulator, next, QUEUE_A, USER_A, until, userStatus } from './support.ts';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function eventFlows(emu: Awaited<ReturnType<typeof emulator>>, rte: ReturnType<typeof client>) {
  const received = next(rte, 'UserStatus');
  emu.publish('UserStatus', USER_A, userStatus(USER_A));
  const [status] = await received;
  expect(status.userId).toBe(USER_A);
}

describe('reconnecting', () => {
  it('replays every subscription after an abrupt drop and events flow again', async () => {
    const emu = await emulator();
    const rte = client(emu);
    await rte.subscribe('UserStatus', [USER_A]);
    await rte.subscribe('QueueStatus', [QUEUE_A]);
    await rte.connect();
    const states: string[] = [];
    rte.on('state', (change) => states.push(change.state));
    const resynced = next(rte, 'resynced');
    expect(emu.dropConnections()).toBe(1);
    const [info] = await resynced;
    expect(info).toMatchObject({
      restored: 2,
      refused: [],
      pending: 0,
      mayHaveMissedEvents: true,
      cause: 'connection-lost',
    });
    expect(info.downtimeMs).toBeGreaterThanOrEqual(0);
    expect(states).toEqual(['reconnecting', 'connected']);
    expect(emu.stats().subscriptions).toBe(2);
    await eventFlows(emu, rte);
  });

  it('recovers from a hub restart that forgot everything', async () => {
    const emu = await emulator();
    const rte = client(emu);
    await rte.subscribe('UserStatus', [USER_A]);
    await rte.connect();
    const resynced = next(rte, 'resynced');
    emu.restart();
    await resynced;
    expect(emu.stats().subscriptions).toBe(1);
    await eventFlows(emu, rte);
  });

  it.each([true, false])(
    'reconnects after a graceful server close (allowReconnect: %s)',
    async (allowReconnect) => {
      const emu = await emulator();
      const rte = client(emu);
      await rte.subscribe('UserStatus', [USER_A]);
      await rte.connect();
      const resynced = next(rte, 'resynced');
      emu.closeConnections({ allowReconnect, error: 'Server is restarting' });
      const [info] = await resynced;
      expect(info.cause).toBe('server-closed');
      await eventFlows(emu, rte);
    },
  );

  it('fetches a fresh token when the hub refuses a revoked one', async () => {
    const emu = await emulator();
    const rte = client(emu);
    await rte.subscribe('UserStatus', [USER_A]);
    await rte.connect();
    const issued = emu.stats().tokensIssued;
    emu.revokeTokens();
    const resynced = next(rte, 'resynced');
    emu.dropConnections();
    await resynced;
    expect(emu.stats().tokensIssued).toBeGreaterThan(issued);
    await eventFlows(emu, rte);
  });

  it('never reconnects with an expired token', async () => {
    const emu = await emulator({ tokenLifetimeSeconds: 2 });
    const rte = client(emu);
    await rte.subscribe('UserStatus', [USER_A]);
    await rte.connect();
    expect(emu.stats().tokensIssued).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const resynced = next(rte, 'resynced');
    emu.dropConnections();
    await resynced;
    expect(emu.stats().tokensIssued).toBe(2);
    await eventFlows(emu, rte);
  });

  it('keeps trying through token endpoint server errors and connects when it recovers', async () => {
    const emu = await emulator();
    emu.failTokenRequests({ status: 503, count: 5 });
    const rte = client(emu, { requestRetries: 1 });
    const errors: string[] = [];
    rte.on('error', (error) => errors.push(error.code));
    await rte.connect();
    expect(rte.state).toBe('connected');
    expect(errors).toContain('TOKEN_REQUEST_FAILED');
  });

  it('stops at once with RteAuthError when the API refuses the credentials', async () => {
    const emu = await emulator();
    let requests = 0;
    const countingFetch: typeof fetch = (input, init) => {
      requests++;
      return fetch(input, init);
    };
    const rte = client(emu, {
      auth: { email: emu.credentials.email, secretKey: 'wrong' },
      fetch: countingFetch,
    });
    const states: StateChange[] = [];
    rte.on('state', (change) => states.push(change));
    const error = await rte.connect().catch((e: unknown) => e);
    expect(isRteError(error, 'AUTH_REJECTED')).toBe(true);
    expect(rte.state).toBe('disconnected');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(requests).toBe(1);
    expect(states.at(-1)?.error?.code).toBe('AUTH_REJECTED');
  });

  it('waits for a hub that is down at the first connect', async () => {
    const port = await freePort();
    const apiUrl = `http://127.0.0.1:${port}/`;
    const first = await emulator();
    const rte = client(first, { apiUrl, requestRetries: 0 });
    await rte.subscribe('UserStatus', [USER_A]);
    const errors: string[] = [];
    rte.on('error', (error) => errors.push(error.code));
    const connected = rte.connect();
    await until(() => errors.length >= 2);
    const emu = await emulator({ port });
    await connected;
    expect(emu.stats().subscriptions).toBe(1);
    await eventFlows(emu, rte);
  });

  it('keeps events flowing through a negotiate refusal', async () => {
    const emu = await emulator();
    const rte = client(emu);
    await rte.subscribe('UserStatus', [USER_A]);
    await rte.connect();
    emu.failNegotiate({ status: 503, count: 2 });
    const resynced = next(rte, 'resynced');
    emu.dropConnections();
    await resynced;
    await eventFlows(emu, rte);
  });
});

describe('state changes', () => {
  it('announce connected only once the subscriptions are back, and carry attempt, delay and cause', async () => {
    const emu = await emulator();
    const rte = client(emu);
    await rte.subscribe('UserStatus', [USER_A]);
    const seen: {
      state: string;
      subscriptions: number;
      attempt?: number;
      delayMs?: number;
      cause?: string;
    }[] = [];
    rte.on('state', (change) =>
      seen.push({
        state: change.state,
        subscriptions: emu.stats().subscriptions,
        ...(change.attempt === undefined ? {} : { attempt: change.attempt }),
        ...(change.delayMs === undefined ? {} : { delayMs: change.delayMs }),
        ...(change.cause === undefined ? {} : { cause: change.cause }),
      }),
    );
    await rte.connect();
    const resynced = next(rte, 'resynced');
    emu.dropConnections();
    await resynced;
    expect(seen).toEqual([
      { state: 'connecting', subscriptions: 0, attempt: 1, delayMs: 0 },
      { state: 'connected', subscriptions: 1 },
      { state: 'reconnecting', subscriptions: 0, attempt: 1, delayMs: 0, cause: 'connection-lost' },
      { state: 'connected', subscriptions: 1 },
    ]);
  });
});
