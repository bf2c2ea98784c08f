import { describe, expect, it } from 'vitest';
import {
  bench,
  collect,
  HubConnectionState,
  OTHER_USER_ID,
  QUEUE_ID,
  waitForState,
  waitUntil,
} from './support.ts';

describe('MessageReceived', () => {
  it('reaches only connections holding a matching subscription', async () => {
    const { emu, connect } = await bench();
    const subscribed = await connect();
    const bystander = await connect();
    const received = collect(subscribed);
    const missed = collect(bystander);
    await subscribed.invoke('Subscribe', [{ EntityId: QUEUE_ID, EventName: 'QueueStatus' }]);
    await bystander.invoke('Subscribe', [{ EntityId: OTHER_USER_ID, EventName: 'QueueStatus' }]);

    expect(emu.publish('UserStatus', QUEUE_ID, {})).toBe(0);
    expect(emu.publish('QueueStatus', QUEUE_ID, { QueueName: 'Sales' })).toBe(1);
    await waitUntil(() => received.length === 1);
    await bystander.invoke('ActiveSubscriptions');
    expect(missed).toEqual([]);
  });

  it('carries one argument: the subscription and the data with camelCase keys and envelope defaults', async () => {
    const { emu, connect } = await bench({ partialPayloads: true });
    const hub = await connect();
    const received = collect(hub);
    await hub.invoke('Subscribe', [{ EntityId: QUEUE_ID, EventName: 'QueueStatus' }]);
    const [subscription] = await hub.invoke('ActiveSubscriptions');
    emu.publish('QueueStatus', QUEUE_ID, {
      QueueName: 'Sales',
      MessageTTLSeconds: 60,
      ID: 'kept',
      Agents: [{ UserId: OTHER_USER_ID, Nested: { IsFree: true } }],
    });
    await waitUntil(() => received.length === 1);
    const org = emu.credentials.organizationId;
    expect(received[0]).toEqual({
      subscription,
      data: {
        rootEntityType: 'Organization',
        rootEntityId: org,
        eventType: 'QueueStatus',
        entityType: 'Queue',
        entityId: QUEUE_ID,
        queueName: 'Sales',
        messageTTLSeconds: 60,
        id: 'kept',
        agents: [{ userId: OTHER_USER_ID, nested: { isFree: true } }],
        organizationId: org,
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
      },
    });
  });

  it('keeps envelope values the publisher set and fills a new id otherwise', async () => {
    const { emu, connect } = await bench();
    const hub = await connect();
    const received = collect(hub) as { data: Record<string, unknown> }[];
    await hub.invoke('Subscribe', [{ EntityId: OTHER_USER_ID, EventName: 'UserStatus' }]);
    emu.publish('UserStatus', OTHER_USER_ID, { Timestamp: '2023-10-19T14:21:19.7009158Z', EventType: 141 });
    emu.publish('UserStatus', OTHER_USER_ID);
    await waitUntil(() => received.length === 2);
    expect(received[0]?.data).toMatchObject({ timestamp: '2023-10-19T14:21:19.7009158Z', eventType: 141 });
    expect(received[1]?.data.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(received[1]?.data.id).not.toBe(received[0]?.data.id);
  });

  it('matches event names and entity ids case-insensitively', async () => {
    const { emu, connect } = await bench();
    const hub = await connect();
    const received = collect(hub);
    await hub.invoke('Subscribe', [{ EntityId: QUEUE_ID.toUpperCase(), EventName: 'queuestatus' }]);
    expect(emu.publish('QUEUESTATUS', QUEUE_ID)).toBe(1);
    await waitUntil(() => received.length === 1);
  });

  it('reaches every subscribed connection and counts deliveries', async () => {
    const { emu, connect } = await bench();
    const hubs = await Promise.all([connect(), connect(), connect()]);
    const inboxes = hubs.map(collect);
    for (const hub of hubs) await hub.invoke('Subscribe', [{ EntityId: QUEUE_ID, EventName: 'QueueStatus' }]);
    expect(emu.publish('QueueStatus', QUEUE_ID, { n: 1 })).toBe(3);
    expect(emu.publish('QueueStatus', QUEUE_ID, { n: 2 })).toBe(3);
    await waitUntil(() => inboxes.every((inbox) => inbox.length === 2));
    expect(emu.stats()).toMatchObject({ published: 2, delivered: 6 });
  });

  it('rejects a malformed publish with a TypeError', async () => {
    const { emu } = await bench();
    expect(() => emu.publish('', QUEUE_ID)).toThrow(TypeError);
    expect(() => emu.publish('QueueStatus', QUEUE_ID, [] as never)).toThrow(TypeError);
  });
});

describe('reconnect', () => {
  it('starts with no subscriptions after the connection was lost', async () => {
    const { emu, connect } = await bench();
    const hub = await connect({ reconnect: true });
    await hub.invoke('Subscribe', [{ EntityId: QUEUE_ID, EventName: 'QueueStatus' }]);
    const reconnected = new Promise<void>((resolve) => hub.onreconnected(() => resolve()));
    expect(emu.dropConnections()).toBe(1);
    await reconnected;
    await waitForState(hub, HubConnectionState.Connected);
    expect(await hub.invoke('ActiveSubscriptions')).toEqual([]);
    expect(emu.publish('QueueStatus', QUEUE_ID)).toBe(0);
    expect(emu.stats()).toMatchObject({ connections: 1, subscriptions: 0 });
  });
});
