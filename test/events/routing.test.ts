import { describe, expect, it } from 'vitest';
import { decodeMessage } from '../../src/events/index.ts';
import examples from './fixtures/rte-examples.json' with { type: 'json' };
import wireMessage from './fixtures/user-status-message.json' with { type: 'json' };

const withoutEventType = (data: Record<string, unknown>) => {
  const { eventType: _camel, EventType: _pascal, ...rest } = data;
  return rest;
};

describe('event name routing', () => {
  it('uses data.eventType when it is a string, even if the subscription says otherwise', () => {
    const decoded = decodeMessage(
      { subscription: { eventType: 'QueueStatus' }, data: wireMessage.data },
      'strict',
    );
    expect(decoded.name).toBe('UserStatus');
  });

  it.each([
    ['userstatus', 'UserStatus'],
    ['USERSTATUS', 'UserStatus'],
    ['UserCallIncoming', 'UserCallInComing'],
    ['UserTerminalStatusEvent', 'UserTerminalStatus'],
  ])('canonicalises %s to %s', (received, name) => {
    const decoded = decodeMessage({ data: { ...wireMessage.data, eventType: received } }, 'off');
    expect(decoded).toMatchObject({ name, known: true });
  });

  it('routes the documented UserTerminalStatusEvent example by its EventType', () => {
    const decoded = decodeMessage({ data: examples.events.UserTerminalStatusEvent }, 'strict');
    expect(decoded).toMatchObject({ name: 'UserTerminalStatus', known: true, issues: [] });
  });

  it("routes a numeric eventType by the subscription's eventType", () => {
    const decoded = decodeMessage(
      {
        subscription: { eventType: 'queuestatus' },
        data: { ...examples.events.QueueStatus, EventType: 999 },
      },
      'strict',
    );
    expect(decoded).toMatchObject({ name: 'QueueStatus', known: true, valid: true, issues: [] });
    expect(decoded.data.eventType).toBe(999);
  });

  it("routes by the subscription's eventName (the C# client model) when it has no eventType", () => {
    const decoded = decodeMessage(
      {
        Subscription: { EntityId: 'x', EventName: 'UserAvailability' },
        Data: withoutEventType(examples.events.UserAvailability),
      },
      'strict',
    );
    expect(decoded).toMatchObject({ name: 'UserAvailability', known: true, valid: true, issues: [] });
  });

  it.each([
    [1, 'UserAvailability'],
    [10, 'UserCallInComing'],
    [140, 'QueueStatus'],
    [141, 'UserStatus'],
  ])('maps the legacy number %i to %s when nothing else names the event', (eventType, name) => {
    const decoded = decodeMessage({ data: { ...wireMessage.data, eventType } }, 'off');
    expect(decoded).toMatchObject({ name, known: true });
  });

  it('maps the legacy number 102 to the undocumented QueueCallInUserAllocated, untyped', () => {
    const decoded = decodeMessage({ data: { eventType: 102, callId: 'c' } }, 'strict');
    expect(decoded).toMatchObject({
      name: 'QueueCallInUserAllocated',
      known: false,
      valid: true,
      data: { callId: 'c' },
    });
  });

  it("prefers the subscription's name over the legacy number", () => {
    const decoded = decodeMessage(
      { subscription: { eventType: 'UserStatus' }, data: { ...wireMessage.data, eventType: 1 } },
      'off',
    );
    expect(decoded.name).toBe('UserStatus');
  });

  it("uses '' when neither the payload, the subscription nor a legacy number names the event", () => {
    const decoded = decodeMessage({ subscription: {}, data: { eventType: 999, value: 1 } }, 'strict');
    expect(decoded).toMatchObject({
      name: '',
      known: false,
      valid: true,
      issues: [],
      data: { eventType: 999, value: 1 },
    });
  });
});

describe('events without a schema', () => {
  it('pass through with their data camelCased, never dropped, without issues', () => {
    const message = {
      subscription: { eventType: 'QueueCallInArrived', entityId: 'q1' },
      data: { EventType: 'QueueCallInArrived', CallId: 'c1', Queue: { QueueName: 'Sales' } },
    };
    for (const mode of ['strict', 'lenient', 'off'] as const) {
      const decoded = decodeMessage(message, mode);
      expect(decoded).toMatchObject({
        name: 'QueueCallInArrived',
        known: false,
        valid: true,
        issues: [],
        data: { eventType: 'QueueCallInArrived', callId: 'c1', queue: { queueName: 'Sales' } },
        subscription: { eventType: 'QueueCallInArrived', entityId: 'q1' },
      });
      expect(decoded.raw).toBe(message);
    }
  });

  it('get the canonical spelling of live-only names', () => {
    const decoded = decodeMessage({ data: { eventType: 'queuecallinarrived' } }, 'strict');
    expect(decoded.name).toBe('QueueCallInArrived');
  });

  it('keep a name nobody knows as received', () => {
    const decoded = decodeMessage({ data: { eventType: 'SomethingNew', x: 1 } }, 'strict');
    expect(decoded).toMatchObject({ name: 'SomethingNew', known: false, data: { x: 1 } });
  });
});
