import { describe, expect, it } from 'vitest';
import { client, emulator, next, QUEUE_A, USER_A, USER_B, until, userStatus } from './support.ts';

describe('subscribing', () => {
  it('takes subscriptions before connect, confirms them during connect, and delivers typed events', async () => {
    const emu = await emulator();
    const rte = client(emu);
    const results = await rte.subscribe('UserStatus', [USER_A]);
    expect(results).toEqual([{ eventName: 'UserStatus', entityId: USER_A, status: 'pending' }]);
    await rte.connect();
    expect(rte.state).toBe('connected');
    expect(emu.stats().subscriptions).toBe(1);
    expect(rte.subscriptions).toEqual([
      { eventName: 'UserStatus', entityId: USER_A, status: 'subscribed', refs: 1 },
    ]);

    const received = next(rte, 'UserStatus');
    emu.publish('UserStatus', USER_A, userStatus(USER_A, true));
    const [status, message] = await received;
    expect(status.userId).toBe(USER_A);
    expect(status.canBeAllocatedTo).toBe(true);
    expect(message.subscription.entityId).toBe(USER_A);
    expect(message.issues).toEqual([]);
  });

  it('resolves to one verdict per item once connected, refusals included, without throwing', async () => {
    const emu = await emulator();
    emu.deny([USER_B]);
    const rte = client(emu);
    await rte.connect();
    const results = await rte.subscribe([
      { eventName: 'UserStatus', entityId: USER_A },
      { eventName: 'UserStatus', entityId: 'not-a-guid' },
      { eventName: 'NoSuchEvent', entityId: USER_A },
      { eventName: 'UserStatus', entityId: USER_B },
    ]);
    expect(results.map((r) => [r.status, r.message, r.reason])).toEqual([
      ['subscribed', undefined, undefined],
      ['refused', 'Invalid EntityId', 'invalid-entity-id'],
      ['refused', 'Invalid event name', 'invalid-event-name'],
      ['refused', 'Unauthorized', 'unauthorized'],
    ]);
    expect(rte.subscriptions.map((s) => s.entityId)).toEqual([USER_A]);
  });

  it('reports refusals of subscriptions made before connect on the error event', async () => {
    const emu = await emulator();
    emu.deny([USER_B]);
    const rte = client(emu);
    await rte.subscribe('UserStatus', [USER_A, USER_B]);
    const refused = next(rte, 'error', (error) => error.code === 'SUBSCRIPTION_REFUSED');
    await rte.connect();
    const [error] = await refused;
    expect(error).toMatchObject({
      refused: [{ entityId: USER_B, message: 'Unauthorized', reason: 'unauthorized' }],
    });
    expect(emu.stats().subscriptions).toBe(1);
  });

  it('counts references: one hub subscription for two callers, dropped when the last leaves', async () => {
    const emu = await emulator();
    const rte = client(emu);
    await rte.connect();
    await Promise.all([
      rte.subscribe('QueueStatus', QUEUE_A),
      rte.subscribe('queuestatus', QUEUE_A.toUpperCase()),
    ]);
    expect(emu.stats().calls.Subscribe).toBe(1);
    expect(emu.stats().subscriptions).toBe(1);
    expect(await rte.unsubscribe('QueueStatus', QUEUE_A)).toEqual([
      { eventName: 'QueueStatus', entityId: QUEUE_A, status: 'retained' },
    ]);
    expect(emu.stats().subscriptions).toBe(1);
    expect((await rte.unsubscribe('QueueStatus', QUEUE_A))[0]?.status).toBe('unsubscribed');
    expect(emu.stats().subscriptions).toBe(0);
    expect((await rte.unsubscribe('QueueStatus', QUEUE_A))[0]?.status).toBe('not-subscribed');
  });

  it('sends many subscriptions in chunks, one round trip each', async () => {
    const emu = await emulator();
    const rte = client(emu, { subscribeChunkSize: 100 });
    await rte.connect();
    const ids = Array.from(
      { length: 250 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    const results = await rte.subscribe('UserStatus', ids);
    expect(results.every((r) => r.status === 'subscribed')).toBe(true);
    expect(emu.stats().calls.Subscribe).toBe(3);
    expect(emu.stats().subscriptions).toBe(250);
  });

  it('exposes the hub methods: available, active and unsubscribe all', async () => {
    const emu = await emulator();
    const rte = client(emu);
    await rte.connect();
    await rte.subscribe('UserStatus', [USER_A]);
    expect(await rte.availableSubscriptions()).toEqual(
      expect.arrayContaining(['UserStatus', 'QueueStatus', 'QueueCallInComing']),
    );
    const active = await rte.activeSubscriptions();
    expect(active).toEqual([
      expect.objectContaining({ entityId: USER_A, eventType: 'UserStatus', entityType: 'User' }),
    ]);
    await rte.unsubscribeAll();
    expect(emu.stats().subscriptions).toBe(0);
    expect(rte.subscriptions).toEqual([]);
  });

  it('throws a TypeError synchronously for malformed subscribe arguments, a blank entity id included', async () => {
    const emu = await emulator();
    const rte = client(emu);
    expect(() => rte.subscribe('UserStatus', [''])).toThrow(TypeError);
    expect(() => rte.subscribe('UserStatus', ['   '])).toThrow(TypeError);
    expect(() => rte.subscribe('', [USER_A])).toThrow(TypeError);
    expect(() => rte.subscribe('UserStatus', undefined as never)).toThrow(TypeError);
    expect(() => rte.unsubscribe('UserStatus', [''])).toThrow(TypeError);
    expect(() => rte.subscription('UserStatus', '')).toThrow(TypeError);
    expect(rte.subscriptions).toEqual([]);
  });

  it('unsubscribes so that no more events arrive for the pair', async () => {
    const emu = await emulator();
    const rte = client(emu);
    await rte.subscribe('UserStatus', [USER_A, USER_B]);
    await rte.connect();
    await rte.unsubscribe('UserStatus', USER_A);
    const seen: string[] = [];
    rte.on('UserStatus', (status) => seen.push(String(status.userId)));
    emu.publish('UserStatus', USER_A, userStatus(USER_A));
    emu.publish('UserStatus', USER_B, userStatus(USER_B));
    await until(() => seen.length >= 1);
    expect(seen).toEqual([USER_B]);
  });
});
