import { getEventListeners } from 'node:events';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StateChange } from '../../src/connection/connection.ts';
import { availableEventNames } from '../../src/emulator/index.ts';
import type { RteClientError } from '../../src/errors/union.ts';
import { socketFaults } from './socket-faults.ts';
import { client, emulator, next, QUEUE_A, USER_A, USER_B, until, userStatus } from './support.ts';

const settle = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

function errors(rte: ReturnType<typeof client>): RteClientError[] {
  const seen: RteClientError[] = [];
  rte.on('error', (error) => {
    seen.push(error);
  });
  return seen;
}

function counter(rte: ReturnType<typeof client>, name: 'UserStatus' | 'QueueStatus' = 'UserStatus') {
  const seen = { count: 0 };
  rte.on(name, () => {
    seen.count++;
  });
  return seen;
}

describe('the hub holds what the app asked for', () => {
  it('keeps a pair subscribed, unsubscribed and subscribed again in the same tick', async () => {
    const emu = await emulator();
    const rte = client(emu);
    await rte.connect();
    const events = counter(rte);
    const first = rte.subscribe('UserStatus', USER_A);
    const off = rte.unsubscribe('UserStatus', USER_A);
    const again = rte.subscribe('UserStatus', USER_A);
    await Promise.all([first, off, again]);
    expect((await again)[0]?.status).toBe('subscribed');
    await until(() => emu.stats().subscriptions === 1);
    emu.publish('UserStatus', USER_A, userStatus(USER_A));
    await until(() => events.count === 1);
  });

  it('keeps a pair subscribed, unsubscribed and subscribed again after the first Subscribe was sent', async () => {
    const emu = await emulator();
    emu.setLatency(50);
    const rte = client(emu);
    await rte.connect();
    const events = counter(rte);
    const first = rte.subscribe('UserStatus', USER_A);
    await settle(5); // the Subscribe is on the wire, unanswered
    const off = rte.unsubscribe('UserStatus', USER_A);
    await settle(5);
    const again = rte.subscribe('UserStatus', USER_A);
    const results = await Promise.all([first, off, again]);
    expect(results[2][0]?.status).toBe('subscribed');
    await settle(100);
    expect(emu.stats().subscriptions).toBe(1);
    emu.setLatency(0);
    emu.publish('UserStatus', USER_A, userStatus(USER_A));
    await until(() => events.count === 1);
  });

  it('retries a failed Unsubscribe until the hub drops the pair, resolving only then, and its events stop', async () => {
    const emu = await emulator();
    const faults = socketFaults();
    const rte = client(emu, { WebSocket: faults.WebSocket });
    const seen = errors(rte);
    await rte.connect();
    const events = counter(rte);
    await rte.subscribe('UserStatus', USER_A);
    faults.failNext('Unsubscribe');
    const [result] = await rte.unsubscribe('UserStatus', USER_A);
    expect(result?.status).toBe('unsubscribed');
    expect(seen.some((error) => error.code === 'SUBSCRIPTION_FAILED')).toBe(true);
    // unsubscribe() resolved once the retry went through: the hub holds nothing any more.
    expect(emu.stats().subscriptions).toBe(0);
    expect(faults.sent.filter((target) => target === 'Unsubscribe')).toHaveLength(2);
    emu.publish('UserStatus', USER_A, userStatus(USER_A));
    await settle(50);
    expect(events.count).toBe(0);
  });

  it('retries a failed Subscribe while connected, and the pair goes live', async () => {
    const emu = await emulator();
    const faults = socketFaults();
    const rte = client(emu, { WebSocket: faults.WebSocket });
    await rte.connect();
    faults.failNext('Subscribe');
    const sub = rte.subscription('UserStatus', USER_A);
    await sub.ready();
    expect(emu.stats().subscriptions).toBe(1);
    expect(faults.sent.filter((target) => target === 'Subscribe')).toHaveLength(2);
  });

  it('does not let unsubscribeAll() overtake a Subscribe asked for in the same tick', async () => {
    const emu = await emulator();
    const faults = socketFaults();
    const rte = client(emu, { WebSocket: faults.WebSocket });
    await rte.connect();
    const events = counter(rte);
    void rte.subscribe('UserStatus', USER_A);
    await rte.unsubscribeAll();
    await settle(50);
    expect(rte.subscriptions).toEqual([]);
    expect(emu.stats().subscriptions).toBe(0);
    emu.publish('UserStatus', USER_A, userStatus(USER_A));
    await settle(50);
    expect(events.count).toBe(0);
  });

  it('subscribes what is asked for right after unsubscribeAll(), in that order on the wire', async () => {
    const emu = await emulator();
    const faults = socketFaults();
    const rte = client(emu, { WebSocket: faults.WebSocket });
    await rte.connect();
    await rte.subscribe('UserStatus', USER_B);
    const all = rte.unsubscribeAll();
    const results = await rte.subscribe('UserStatus', USER_A);
    await all;
    expect(results[0]?.status).toBe('subscribed');
    expect(faults.sent.slice(-2)).toEqual(['UnsubscribeAll', 'Subscribe']);
    expect(emu.stats().subscriptions).toBe(1);
    expect(rte.subscriptions.map((s) => s.entityId)).toEqual([USER_A]);
  });

  it('converges to the desired set over real sockets after random calls, drops and hub failures', async () => {
    const emu = await emulator();
    const faults = socketFaults();
    const rte = client(emu, { WebSocket: faults.WebSocket });
    await rte.connect();
    const ids = [
      USER_A,
      USER_B,
      'cc9730c4-ce86-e611-80c9-00505689257e',
      'dd9730c4-ce86-e611-80c9-00505689257e',
    ];
    const op = fc.oneof(
      fc.record({ kind: fc.constantFrom('subscribe', 'unsubscribe', 'handle'), id: fc.constantFrom(...ids) }),
      fc.record({
        kind: fc.constantFrom('close', 'unsubscribeAll', 'failSubscribe', 'failUnsubscribe', 'drop'),
      }),
      fc.record({ kind: fc.constant('wait'), ms: fc.integer({ min: 0, max: 15 }) }),
    );
    /** What the hub says it holds; undefined while a drop is being noticed. */
    const held = async () => {
      if (rte.state !== 'connected') return undefined;
      const active = await rte.activeSubscriptions().catch(() => undefined);
      return active?.map((s) => String(s.entityId).toLowerCase()).sort();
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 5, maxLength: 25 }),
        fc.integer({ min: 0, max: 3 }),
        async (ops, latency) => {
          // Every run starts from nothing, whatever an earlier (failed) run left behind.
          emu.setLatency(0);
          await rte.whenState('connected');
          await rte.unsubscribeAll();
          await until(async () => (await held())?.length === 0);
          emu.setLatency(latency);
          const wanted = new Map<string, number>();
          const handles: ReturnType<typeof rte.subscription>[] = [];
          const add = (id: string, delta: number) => wanted.set(id, (wanted.get(id) ?? 0) + delta);
          const open = (id: string) =>
            handles.filter((h) => h.entityId === id && h.state !== 'closed').length;
          for (const step of ops) {
            if (step.kind === 'subscribe') {
              void rte.subscribe('UserStatus', step.id!);
              add(step.id!, 1);
            } else if (step.kind === 'unsubscribe' && (wanted.get(step.id!) ?? 0) > open(step.id!)) {
              void rte.unsubscribe('UserStatus', step.id!);
              add(step.id!, -1);
            } else if (step.kind === 'handle') {
              handles.push(rte.subscription('UserStatus', step.id!));
              add(step.id!, 1);
            } else if (step.kind === 'close') {
              const handle = handles.find((h) => h.state !== 'closed');
              handle?.unsubscribe();
              if (handle) add(handle.entityId, -1);
            } else if (step.kind === 'unsubscribeAll') {
              void rte.unsubscribeAll();
              wanted.clear();
            } else if (step.kind === 'failSubscribe') {
              faults.failNext('Subscribe');
            } else if (step.kind === 'failUnsubscribe') {
              faults.failNext('Unsubscribe');
            } else if (step.kind === 'drop') {
              emu.dropConnections();
            } else if (step.kind === 'wait') {
              await settle(step.ms!);
            }
          }
          // Quiet: let the reconnect and the retries run, then compare what the hub says it holds.
          await rte.whenState('connected');
          const expected = [...wanted]
            .filter(([, refs]) => refs > 0)
            .map(([id]) => id)
            .sort();
          const deadline = Date.now() + 5_000;
          let last: string[] = [];
          await until(async () => {
            last = (await held()) ?? last;
            return JSON.stringify(last) === JSON.stringify(expected) || Date.now() > deadline;
          }, 20);
          const context = `${JSON.stringify(ops)} ${JSON.stringify(rte.subscriptions)} ${faults.sent.slice(-12)}`;
          expect(last, context).toEqual(expected);
          expect(rte.subscriptions.map((s) => s.entityId).sort()).toEqual(expected);
          await until(() => rte.subscriptions.every((s) => s.status === 'subscribed'));
          for (const handle of handles) handle.unsubscribe();
          await rte.unsubscribeAll();
        },
      ),
      { numRuns: 25 },
    );
  }, 90_000);
});

describe('the connection', () => {
  it('keeps reconnecting when the signal of a connect() that already resolved fires', async () => {
    const emu = await emulator();
    const rte = client(emu);
    await rte.subscribe('UserStatus', USER_A);
    const controller = new AbortController();
    await rte.connect({ signal: controller.signal });
    const states: string[] = [];
    rte.on('state', (change) => states.push(change.state));
    emu.failNegotiate({ status: 503, count: 3 });
    const resynced = next(rte, 'resynced');
    emu.dropConnections();
    await until(() => rte.state === 'reconnecting');
    controller.abort();
    await resynced;
    expect(rte.state).toBe('connected');
    expect(states).not.toContain('disconnected');
  });

  it('leaves no abort listener on the signal of a connect() that settled', async () => {
    const emu = await emulator();
    const rte = client(emu);
    const controller = new AbortController();
    for (let i = 0; i < 25; i++) await rte.connect({ signal: controller.signal });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('honours Retry-After from the token API after the HTTP client used up its own retries', async () => {
    const emu = await emulator();
    const requests: number[] = [];
    const rte = client(emu, {
      requestRetries: 0,
      fetch: (input, init) => {
        requests.push(performance.now());
        return fetch(input, init);
      },
    });
    emu.failTokenRequests({ status: 429, count: 1, retryAfterSeconds: 1 });
    await rte.connect();
    expect(requests).toHaveLength(2);
    expect(requests[1]! - requests[0]!).toBeGreaterThanOrEqual(950);
  });

  it('does not reuse a token request that disconnect() interrupted when connect() follows', async () => {
    const emu = await emulator();
    const requests: number[] = [];
    const rte = client(emu, {
      fetch: (input, init) => {
        requests.push(performance.now());
        return fetch(input, init);
      },
    });
    const seen = errors(rte);
    emu.failTokenRequests({ status: 200, count: 1, delayMs: 300 });
    const first = rte.connect().catch((error: unknown) => error);
    await until(() => requests.length === 1);
    await rte.disconnect();
    expect((await first) as Error).toMatchObject({ code: 'ABORTED' });
    const states: StateChange[] = [];
    rte.on('state', (change) => states.push(change));
    await rte.connect();
    expect(seen.filter((error) => error.code === 'ABORTED')).toEqual([]);
    expect(states.map((change) => [change.state, change.attempt])).toEqual([
      ['connecting', 1],
      ['connected', undefined],
    ]);
  });

  it('never reads connected before listeners were told, even while a slow replay runs', async () => {
    const emu = await emulator();
    const rte = client(emu);
    await rte.subscribe('UserStatus', [USER_A, USER_B]);
    let announced = rte.state;
    const mismatches: string[] = [];
    rte.on('state', (change) => {
      announced = change.state;
    });
    const poll = setInterval(() => {
      if (rte.state !== announced) mismatches.push(`${rte.state} while ${announced}`);
    }, 5);
    try {
      await rte.connect();
      emu.setLatency(300);
      const resynced = next(rte, 'resynced');
      emu.dropConnections();
      await resynced;
    } finally {
      clearInterval(poll);
    }
    expect(mismatches).toEqual([]);
    expect(rte.state).toBe('connected');
  });

  it('resolves whenState() when the state is reached, and rejects it on its signal', async () => {
    const emu = await emulator();
    const rte = client(emu);
    const connected = rte.whenState('connected');
    void rte.connect();
    await connected;
    expect(rte.state).toBe('connected');
    await rte.whenState('connected');
    await expect(rte.whenState('reconnecting', { signal: AbortSignal.timeout(20) })).rejects.toMatchObject({
      code: 'ABORTED',
    });
  });

  it('counts downtime from the last frame received, not from when a half-open connection was noticed', async () => {
    const emu = await emulator();
    const faults = socketFaults();
    const rte = client(emu, { WebSocket: faults.WebSocket });
    await rte.subscribe('UserStatus', USER_A);
    await rte.connect();
    const resynced = next(rte, 'resynced');
    faults.blackhole(true);
    await settle(600);
    faults.blackhole(false);
    faults.cut();
    const [info] = await resynced;
    expect(info.downtimeMs).toBeGreaterThanOrEqual(550);
  });
});

describe('dispatch', () => {
  it('never hands a hub event named error, state, resynced or * to a lifecycle listener', async () => {
    const names = ['error', 'state', 'resynced', '*'];
    const emu = await emulator({ availableEvents: [...availableEventNames, ...names] });
    const rte = client(emu);
    const lifecycle: unknown[] = [];
    for (const name of ['error', 'state', 'resynced'] as const)
      rte.on(name, (value: unknown) => lifecycle.push(value));
    const all: string[] = [];
    rte.on('*', (message) => all.push(message.name));
    await rte.subscribe(names.map((eventName) => ({ eventName, entityId: USER_A })));
    await rte.connect();
    lifecycle.length = 0;
    for (const name of names) emu.publish(name, USER_A, { hostile: true });
    await until(() => all.length === names.length);
    expect(lifecycle).toEqual([]);
    expect(all.sort()).toEqual([...names].sort());
  });

  it.each([
    ['withholds and reports', 'strict', false],
    ['delivers and reports', 'lenient', true],
    ['delivers without a report', 'off', true],
  ] as const)('%s a frame that names no event, under %s validation', async (_what, validation, delivered) => {
    const emu = await emulator();
    const faults = socketFaults();
    const rte = client(emu, { WebSocket: faults.WebSocket, validation });
    const seen = errors(rte);
    const all: string[] = [];
    rte.on('*', (message) => all.push(message.name));
    await rte.subscribe('UserStatus', USER_A);
    await rte.connect();
    const unnamed = (record: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(record).filter(([key]) => !/^event(type|name)$/i.test(key)));
    faults.rewriteIncoming((frame) => {
      if (frame.target !== 'MessageReceived') return undefined;
      const [message] = frame.arguments as [
        { subscription: Record<string, unknown>; data: Record<string, unknown> },
      ];
      return {
        ...frame,
        arguments: [{ subscription: unnamed(message.subscription), data: unnamed(message.data) }],
      };
    });
    emu.publish('UserStatus', USER_A, userStatus(USER_A));
    if (validation === 'off') await until(() => all.length === 1);
    else await until(() => seen.some((error) => error.code === 'VALIDATION'));
    await settle(30);
    expect(all).toEqual(delivered ? [''] : []);
    const reported = seen.filter((error) => error.code === 'VALIDATION');
    if (validation === 'off') expect(reported).toEqual([]);
    else expect(reported).toMatchObject([{ delivered }]);
  });

  it('removes the right registration when a listener added with a signal and without one is removed with off()', async () => {
    const emu = await emulator();
    const rte = client(emu);
    let calls = 0;
    const listener = () => {
      calls++;
    };
    const controller = new AbortController();
    rte.on('UserStatus', listener, { signal: controller.signal });
    rte.on('UserStatus', listener);
    rte.off('UserStatus', listener); // the first registration
    controller.abort(); // its signal: nothing left to remove
    await rte.subscribe('UserStatus', USER_A);
    await rte.connect();
    emu.publish('UserStatus', USER_A, userStatus(USER_A));
    await until(() => calls === 1);
    rte.off('UserStatus', listener); // the second registration
    emu.publish('UserStatus', USER_A, userStatus(USER_A));
    await settle(50);
    expect(calls).toBe(1);
  });

  it('keeps delivering to other listeners when one throws, and reports it', async () => {
    const emu = await emulator();
    const rte = client(emu);
    const seen = errors(rte);
    let delivered = 0;
    rte.on('QueueStatus', () => {
      throw new Error('boom');
    });
    rte.on('QueueStatus', () => {
      delivered++;
    });
    await rte.subscribe('QueueStatus', QUEUE_A);
    await rte.connect();
    emu.publish('QueueStatus', QUEUE_A, { QueueName: 'Sales', NbrOfQueuingRequesters: 1 });
    await until(() => delivered === 1);
    expect(seen.map((error) => error.code)).toContain('HANDLER');
  });
});
