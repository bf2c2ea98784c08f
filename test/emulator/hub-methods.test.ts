import { describe, expect, it } from 'vitest';
import { availableEventNames } from '../../src/emulator/index.ts';
import { documentedEventNames } from '../../src/events/registry.ts';
import { bench, CALL_LIST_ID, OTHER_USER_ID, QUEUE_ID } from './support.ts';

describe('Subscribe', () => {
  it('answers one result per item, in order, with the documented messages', async () => {
    const { emu, connect } = await bench({ authorize: ({ entityId }) => entityId !== OTHER_USER_ID });
    const hub = await connect();
    const results = await hub.invoke('Subscribe', [
      { EntityId: QUEUE_ID, EventName: 'QueueStatus' },
      { EntityId: 'not-a-guid', EventName: 'QueueStatus' },
      { EntityId: QUEUE_ID, EventName: 'NoSuchEvent' },
      { EntityId: OTHER_USER_ID, EventName: 'UserStatus' },
      { EntityId: emu.credentials.userId.toUpperCase(), EventName: 'USERSTATUS' },
    ]);
    expect(results).toEqual([
      { subscribed: true, message: null, entityId: QUEUE_ID, eventName: 'queuestatus' },
      { subscribed: false, message: 'Invalid EntityId', entityId: 'not-a-guid', eventName: 'queuestatus' },
      { subscribed: false, message: 'Invalid event name', entityId: QUEUE_ID, eventName: 'nosuchevent' },
      { subscribed: false, message: 'Unauthorized', entityId: OTHER_USER_ID, eventName: 'userstatus' },
      {
        subscribed: true,
        message: null,
        entityId: emu.credentials.userId.toUpperCase(),
        eventName: 'userstatus',
      },
    ]);
  });

  it('checks the entity id before the event name', async () => {
    const { connect } = await bench();
    const hub = await connect();
    const [result] = await hub.invoke('Subscribe', [{ EntityId: '', EventName: 'Nope' }]);
    expect(result).toMatchObject({ subscribed: false, message: 'Invalid EntityId' });
  });

  it('accepts camelCase item keys', async () => {
    const { connect } = await bench();
    const hub = await connect();
    expect(await hub.invoke('Subscribe', [{ entityId: QUEUE_ID, eventName: 'queueStatus' }])).toEqual([
      { subscribed: true, message: null, entityId: QUEUE_ID, eventName: 'queuestatus' },
    ]);
  });

  it('is idempotent', async () => {
    const { emu, connect } = await bench();
    const hub = await connect();
    const item = { EntityId: QUEUE_ID, EventName: 'QueueStatus' };
    await hub.invoke('Subscribe', [item]);
    expect(await hub.invoke('Subscribe', [item, item])).toEqual([
      { subscribed: true, message: null, entityId: QUEUE_ID, eventName: 'queuestatus' },
      { subscribed: true, message: null, entityId: QUEUE_ID, eventName: 'queuestatus' },
    ]);
    expect(emu.stats().subscriptions).toBe(1);
    expect(await hub.invoke('ActiveSubscriptions')).toHaveLength(1);
  });

  it('asks the permission rule with the user, the canonical event name and the id as sent', async () => {
    const asked: unknown[] = [];
    const { emu, connect } = await bench({
      authorize: (ctx) => {
        asked.push(ctx);
        return true;
      },
    });
    const hub = await connect();
    await hub.invoke('Subscribe', [{ EntityId: QUEUE_ID.toUpperCase(), EventName: 'queuestatus' }]);
    expect(asked).toEqual([
      { userId: emu.credentials.userId, eventName: 'QueueStatus', entityId: QUEUE_ID.toUpperCase() },
    ]);
  });

  it('answers a failing permission rule with a generic error', async () => {
    const { connect } = await bench({
      authorize: () => {
        throw new Error('boom');
      },
    });
    const hub = await connect();
    await expect(hub.invoke('Subscribe', [{ EntityId: QUEUE_ID, EventName: 'QueueStatus' }])).rejects.toThrow(
      "An unexpected error occurred invoking 'Subscribe' on the server.",
    );
  });

  it('refuses arguments it cannot bind', async () => {
    const { connect } = await bench();
    const hub = await connect();
    const failure = "Failed to invoke 'Subscribe' due to an error on the server.";
    await expect(hub.invoke('Subscribe')).rejects.toThrow(failure);
    await expect(hub.invoke('Subscribe', { EntityId: QUEUE_ID })).rejects.toThrow(failure);
    await expect(hub.invoke('Subscribe', [{ EntityId: 42, EventName: 'QueueStatus' }])).rejects.toThrow(
      failure,
    );
  });
});

describe('Unsubscribe', () => {
  it('answers subscribed false for valid items whether or not they were subscribed', async () => {
    const { emu, connect } = await bench();
    const hub = await connect();
    await hub.invoke('Subscribe', [{ EntityId: QUEUE_ID, EventName: 'QueueStatus' }]);
    expect(
      await hub.invoke('Unsubscribe', [
        { EntityId: QUEUE_ID, EventName: 'QueueStatus' },
        { EntityId: OTHER_USER_ID, EventName: 'UserStatus' },
        { EntityId: 'x', EventName: 'UserStatus' },
        { EntityId: QUEUE_ID, EventName: 'Bogus' },
      ]),
    ).toEqual([
      { subscribed: false, message: null, entityId: QUEUE_ID, eventName: 'queuestatus' },
      { subscribed: false, message: null, entityId: OTHER_USER_ID, eventName: 'userstatus' },
      { subscribed: false, message: 'Invalid EntityId', entityId: 'x', eventName: 'userstatus' },
      { subscribed: false, message: 'Invalid event name', entityId: QUEUE_ID, eventName: 'bogus' },
    ]);
    expect(await hub.invoke('ActiveSubscriptions')).toEqual([]);
    expect(emu.publish('QueueStatus', QUEUE_ID)).toBe(0);
  });

  it('UnsubscribeAll drops every subscription of the connection and returns true', async () => {
    const { emu, connect } = await bench();
    const hub = await connect();
    const other = await connect();
    const item = { EntityId: QUEUE_ID, EventName: 'QueueStatus' };
    await hub.invoke('Subscribe', [item, { EntityId: OTHER_USER_ID, EventName: 'UserStatus' }]);
    await other.invoke('Subscribe', [item]);
    expect(await hub.invoke('UnsubscribeAll')).toBe(true);
    expect(await hub.invoke('ActiveSubscriptions')).toEqual([]);
    expect(emu.publish('QueueStatus', QUEUE_ID)).toBe(1);
    expect(emu.stats().subscriptions).toBe(1);
  });
});

describe('AvailableSubscriptions', () => {
  it('returns the documented names and the live-only names', async () => {
    const { connect } = await bench();
    const hub = await connect();
    const names = (await hub.invoke('AvailableSubscriptions')) as string[];
    expect(names).toEqual([...availableEventNames]);
    expect(names).toHaveLength(documentedEventNames.length + 19);
    expect(names).toEqual(
      expect.arrayContaining([...documentedEventNames, 'QueueCallInComing', 'CallbackClosed']),
    );
  });

  it('returns the configured list, which is also what Subscribe accepts', async () => {
    const { connect } = await bench({ availableEvents: ['QueueStatus'] });
    const hub = await connect();
    expect(await hub.invoke('AvailableSubscriptions')).toEqual(['QueueStatus']);
    const [result] = await hub.invoke('Subscribe', [{ EntityId: OTHER_USER_ID, EventName: 'UserStatus' }]);
    expect(result.message).toBe('Invalid event name');
  });
});

describe('ActiveSubscriptions', () => {
  it('returns the subscriptions of this connection as Subscription objects', async () => {
    const { emu, connect } = await bench();
    const hub = await connect();
    const other = await connect();
    await other.invoke('Subscribe', [{ EntityId: OTHER_USER_ID, EventName: 'UserAlert' }]);
    await hub.invoke('Subscribe', [
      { EntityId: QUEUE_ID, EventName: 'queuestatus' },
      { EntityId: CALL_LIST_ID.toUpperCase(), EventName: 'CallbackChanged' },
      { EntityId: OTHER_USER_ID, EventName: 'UserStatus' },
    ]);
    const org = emu.credentials.organizationId;
    const common = {
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      allRootEntities: false,
      rootEntityId: org,
      rootEntityType: 'Organization',
      organizationId: org,
      allEntities: false,
    };
    expect(await hub.invoke('ActiveSubscriptions')).toEqual([
      { ...common, eventType: 'QueueStatus', entityType: 'Queue', entityId: QUEUE_ID },
      { ...common, eventType: 'CallbackChanged', entityType: 'CallList', entityId: CALL_LIST_ID },
      { ...common, eventType: 'UserStatus', entityType: 'User', entityId: OTHER_USER_ID },
    ]);
  });
});

describe('invocations', () => {
  it('matches hub method names case-insensitively', async () => {
    const { connect } = await bench();
    const hub = await connect();
    await hub.invoke('subscribe', [{ EntityId: QUEUE_ID, EventName: 'QueueStatus' }]);
    expect(await hub.invoke('ACTIVESUBSCRIPTIONS')).toHaveLength(1);
  });

  it('answers an unknown method with the ASP.NET Core error', async () => {
    const { connect } = await bench();
    const hub = await connect();
    await expect(hub.invoke('Nope')).rejects.toThrow(
      "Failed to invoke 'Nope' due to an error on the server. HubException: Method does not exist.",
    );
  });

  it('refuses arguments to a method without parameters', async () => {
    const { connect } = await bench();
    const hub = await connect();
    await expect(hub.invoke('AvailableSubscriptions', [])).rejects.toThrow(
      "Failed to invoke 'AvailableSubscriptions' due to an error on the server.",
    );
  });

  it('answers a streaming invocation with a completion error', async () => {
    const { connect } = await bench();
    const hub = await connect();
    const error = await new Promise<Error>((resolve) => {
      hub.stream('ActiveSubscriptions').subscribe({ next: () => {}, complete: () => {}, error: resolve });
    });
    expect(error.message).toContain(
      "The client attempted to invoke the non-streaming 'ActiveSubscriptions' method with a streaming invocation.",
    );
  });

  it('sends no completion for an invocation without invocationId', async () => {
    const { emu, raw } = await bench();
    const client = await raw();
    client.send({
      type: 1,
      target: 'Subscribe',
      arguments: [[{ EntityId: QUEUE_ID, EventName: 'QueueStatus' }]],
    });
    client.send({ type: 1, target: 'Nope', arguments: [] });
    client.send({ type: 1, invocationId: '7', target: 'ActiveSubscriptions', arguments: [] });
    const completion = await client.completion('7');
    expect(completion.result).toHaveLength(1);
    expect(client.records.filter((record) => record.type === 3)).toEqual([completion]);
    expect(emu.stats().calls.Subscribe).toBe(1);
  });

  it('counts every served call by method', async () => {
    const { emu, connect } = await bench();
    const hub = await connect();
    await hub.invoke('Subscribe', []);
    await hub.invoke('Unsubscribe', []);
    await hub.invoke('UnsubscribeAll');
    await hub.invoke('AvailableSubscriptions');
    await hub.invoke('ActiveSubscriptions');
    await hub.invoke('ActiveSubscriptions');
    expect(emu.stats().calls).toEqual({
      Subscribe: 1,
      Unsubscribe: 1,
      UnsubscribeAll: 1,
      AvailableSubscriptions: 1,
      ActiveSubscriptions: 2,
    });
  });
});
