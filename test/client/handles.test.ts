import { describe, expect, it } from 'vitest';
import { RteSubscriptionClosedError, RteSubscriptionError } from '../../src/errors/index.ts';
import type { SubscriptionState } from '../../src/subscriptions/handle.ts';
import { client, emulator, next, QUEUE_A, USER_A, USER_B, until, userStatus } from './support.ts';

const settle = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

describe('subscription handles', () => {
  it('goes from pending to live once the hub confirms, and delivers only its own pair', async () => {
    const emu = await emulator();
    const rte = client(emu);
    const sub = rte.subscription('UserStatus', USER_A);
    const other = rte.subscription('UserStatus', USER_B);
    expect(sub).toMatchObject({ eventName: 'UserStatus', entityId: USER_A, state: 'pending' });
    const seen: string[] = [];
    sub.on((status, message) => {
      seen.push(`${status.userId}:${message.name}`);
    });
    await rte.connect();
    await sub.ready();
    expect(sub.state).toBe('live');
    expect(other.state).toBe('live');
    emu.publish('UserStatus', USER_B, userStatus(USER_B));
    emu.publish('UserStatus', USER_A, userStatus(USER_A));
    await until(() => seen.length === 1);
    await settle();
    expect(seen).toEqual([`${USER_A}:UserStatus`]);
  });

  it('is live at once when the pair already is, and shares one hub subscription', async () => {
    const emu = await emulator();
    const rte = client(emu);
    await rte.connect();
    await rte.subscribe('QueueStatus', QUEUE_A);
    const sub = rte.subscription('QueueStatus', QUEUE_A.toUpperCase());
    expect(sub.state).toBe('live');
    expect(rte.subscriptions).toMatchObject([{ refs: 2 }]);
    sub.unsubscribe();
    sub.unsubscribe(); // idempotent: drops one reference only
    expect(rte.subscriptions).toMatchObject([{ refs: 1 }]);
    expect(emu.stats().subscriptions).toBe(1);
  });

  it('says resubscribing while a dropped connection is replayed, then live again', async () => {
    const emu = await emulator();
    const rte = client(emu);
    const sub = rte.subscription('UserStatus', USER_A);
    await rte.connect();
    const states: SubscriptionState[] = [];
    rte.on('state', () => states.push(sub.state));
    const resynced = next(rte, 'resynced');
    emu.dropConnections();
    await resynced;
    expect(states).toEqual(['resubscribing', 'live']);
    expect(sub.state).toBe('live');
  });

  it('is refused with the hub reason, and ready() rejects with a typed subscription error', async () => {
    const emu = await emulator();
    emu.deny([USER_B]);
    const rte = client(emu);
    await rte.connect();
    const sub = rte.subscription('UserStatus', USER_B);
    const error = await sub.ready().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RteSubscriptionError);
    expect(error).toMatchObject({ code: 'SUBSCRIPTION_REFUSED', refused: [{ entityId: USER_B }] });
    expect(sub).toMatchObject({ state: 'refused', reason: 'unauthorized', message: 'Unauthorized' });
    expect(rte.subscriptions).toEqual([]);
    sub.unsubscribe();
    expect(sub.state).toBe('refused');
  });

  it('rejects ready() when closed first, and on its signal', async () => {
    const emu = await emulator();
    const rte = client(emu);
    const sub = rte.subscription('UserStatus', USER_A);
    await expect(sub.ready({ signal: AbortSignal.timeout(10) })).rejects.toMatchObject({ code: 'ABORTED' });
    const ready = sub.ready();
    sub[Symbol.dispose]();
    await expect(ready).rejects.toBeInstanceOf(RteSubscriptionClosedError);
    expect(sub.state).toBe('closed');
    expect(rte.subscriptions).toEqual([]);
  });

  it('closes on unsubscribeAll(), stops its listeners, and the hub drops the pair', async () => {
    const emu = await emulator();
    const rte = client(emu);
    await rte.connect();
    const sub = rte.subscription('UserStatus', USER_A);
    let events = 0;
    sub.on(() => {
      events++;
    });
    await sub.ready();
    await rte.unsubscribeAll();
    expect(sub.state).toBe('closed');
    expect(emu.stats().subscriptions).toBe(0);
    // Subscribed again elsewhere: the closed handle still hears nothing.
    await rte.subscribe('UserStatus', USER_A);
    emu.publish('UserStatus', USER_A, userStatus(USER_A));
    await settle(50);
    expect(events).toBe(0);
    sub.unsubscribe();
    expect(rte.subscriptions).toMatchObject([{ refs: 1 }]);
  });

  it('removes a listener by its off function and by its signal', async () => {
    const emu = await emulator();
    const rte = client(emu);
    const sub = rte.subscription('UserStatus', USER_A);
    let a = 0;
    let b = 0;
    const off = sub.on(() => {
      a++;
    });
    const controller = new AbortController();
    sub.on(
      () => {
        b++;
      },
      { signal: controller.signal },
    );
    await rte.connect();
    emu.publish('UserStatus', USER_A, userStatus(USER_A));
    await until(() => a === 1 && b === 1);
    off();
    controller.abort();
    emu.publish('UserStatus', USER_A, userStatus(USER_A));
    await settle(50);
    expect([a, b]).toEqual([1, 1]);
  });

  it('frees the pair at the end of a using block', async () => {
    const emu = await emulator();
    const rte = client(emu);
    await rte.connect();
    {
      using sub = rte.subscription('UserStatus', USER_A);
      await sub.ready();
      expect(emu.stats().subscriptions).toBe(1);
    }
    await until(() => emu.stats().subscriptions === 0);
    expect(rte.subscriptions).toEqual([]);
  });
});
