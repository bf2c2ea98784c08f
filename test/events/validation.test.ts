import { describe, expect, it } from 'vitest';
import { decodeMessage } from '../../src/events/index.ts';
import examples from './fixtures/rte-examples.json' with { type: 'json' };
import wireMessage from './fixtures/user-status-message.json' with { type: 'json' };

const userStatus = (changes: Record<string, unknown>) => ({
  subscription: wireMessage.subscription,
  data: { ...wireMessage.data, ...changes },
});

describe('validation issues', () => {
  it('report a field of the wrong type with its camelCase path, message and value', () => {
    const decoded = decodeMessage(userStatus({ talking: 'yes' }), 'lenient');
    expect(decoded.issues).toEqual([
      {
        eventName: 'UserStatus',
        path: ['talking'],
        message: 'expected boolean, received string',
        raw: 'yes',
      },
    ]);
  });

  it('use the camelCase path when the payload arrived in PascalCase', () => {
    const decoded = decodeMessage({ data: { ...examples.events.UserStatus, ParkedCalls: '2' } }, 'lenient');
    expect(decoded.issues).toMatchObject([
      { path: ['parkedCalls'], message: 'expected number, received string' },
    ]);
  });

  it('point into lists of nested types', () => {
    const payload = {
      ...examples.events.CallbackChanged,
      CallbackAttempts: [examples.misc.CallbackAttempt, { ...examples.misc.CallbackAttempt, Note: 42 }],
    };
    const decoded = decodeMessage({ data: payload }, 'lenient');
    expect(decoded.issues).toEqual([
      {
        eventName: 'CallbackChanged',
        path: ['callbackAttempts', 1, 'note'],
        message: 'expected string, received number',
        raw: 42,
      },
    ]);
  });

  it('name every alternative of a union', () => {
    const decoded = decodeMessage(userStatus({ eventType: true }), 'lenient');
    expect(decoded.issues).toMatchObject([
      { path: ['eventType'], message: 'expected string or number, received boolean' },
    ]);
  });

  it('report a missing required field', () => {
    const { canBeAllocatedTo: _, ...data } = wireMessage.data;
    const decoded = decodeMessage({ subscription: wireMessage.subscription, data }, 'lenient');
    expect(decoded.issues).toEqual([
      {
        eventName: 'UserStatus',
        path: ['canBeAllocatedTo'],
        message: 'expected boolean, field is missing',
        raw: undefined,
      },
    ]);
  });

  it('report a required field present with the value undefined', () => {
    const decoded = decodeMessage(userStatus({ serviceTerminals: undefined }), 'lenient');
    expect(decoded.issues).toMatchObject([
      { path: ['serviceTerminals'], message: 'expected number, received undefined' },
    ]);
  });

  it('reject NaN and infinite numbers as zod does', () => {
    const decoded = decodeMessage(userStatus({ activeQueues: Number.NaN, parkedCalls: Infinity }), 'lenient');
    expect(decoded.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [['activeQueues'], 'expected number, received NaN'],
      [['parkedCalls'], 'expected number, received Infinity'],
    ]);
  });
});

describe('optional and nullable fields', () => {
  it('accept a payload with only the envelope for an event whose fields are all optional', () => {
    const {
      EventType,
      RootEntityType,
      RootEntityId,
      EntityType,
      EntityId,
      Id,
      Timestamp,
      MessageTTLSeconds,
    } = examples.events.QueueStatus;
    const envelope = {
      EventType,
      RootEntityType,
      RootEntityId,
      EntityType,
      EntityId,
      Id,
      Timestamp,
      MessageTTLSeconds,
    };
    const decoded = decodeMessage({ data: envelope }, 'strict');
    expect(decoded).toMatchObject({ name: 'QueueStatus', known: true, valid: true, issues: [] });
  });

  it('accept the UserStatus fields the wire sample lacks being absent', () => {
    expect('availabilityStatus' in wireMessage.data).toBe(false);
    expect(decodeMessage(wireMessage, 'strict').issues).toEqual([]);
  });

  it('accept null for C# strings and lists, which are reference types', () => {
    const payload = { ...examples.events.UserCallInDisconnected, Reason: null, TechReason: null };
    expect(decodeMessage({ data: payload }, 'strict').issues).toEqual([]);
  });

  it('reject null for C# value types not marked nullable', () => {
    const payload = { ...examples.events.QueueStatus, NbrOfProviders: null, QueueId: null };
    const decoded = decodeMessage({ data: payload }, 'lenient');
    expect(decoded.issues.map((issue) => issue.path)).toEqual([['queueId'], ['nbrOfProviders']]);
  });

  it('accept values an open list of values does not name', () => {
    const payload = { ...examples.events.UserStatus, AvailabilityStatus: 'OnHoliday' };
    expect(decodeMessage({ data: payload }, 'strict').issues).toEqual([]);
    const queue = { ...examples.events.QueueStatus, OpenStatus: 42 };
    expect(decodeMessage({ data: queue }, 'strict').issues).toEqual([]);
  });

  it('accept a numeric eventType from older servers', () => {
    const decoded = decodeMessage(userStatus({ eventType: 141 }), 'strict');
    expect(decoded).toMatchObject({ name: 'UserStatus', known: true, valid: true, issues: [] });
    expect(decoded.data.eventType).toBe(141);
  });
});

describe('unknown fields', () => {
  it('are kept, in camelCase, nested values included', () => {
    const decoded = decodeMessage(
      userStatus({ NewCounter: 3, Details: { InnerName: 'x', List: [{ DeepKey: 1 }] } }),
      'strict',
    );
    expect(decoded.issues).toEqual([]);
    expect(decoded.data).toMatchObject({
      newCounter: 3,
      details: { innerName: 'x', list: [{ deepKey: 1 }] },
    });
  });

  it('are copied, not shared with the raw message', () => {
    const details = { innerName: 'x' };
    const message = userStatus({ details });
    const decoded = decodeMessage(message, 'lenient');
    expect(decoded.data.details).toEqual(details);
    expect(decoded.data.details).not.toBe(details);
  });
});

describe('dictionary fields', () => {
  it('keep their keys as received, since the keys are data', () => {
    const payload = {
      ...examples.events.UserSetting,
      Values: { DefaultQueue: 'Sales', 'x-Id': '1' },
      AllowedValues: null,
    };
    const decoded = decodeMessage({ data: payload }, 'strict');
    expect(decoded.issues).toEqual([]);
    expect(decoded.data).toMatchObject({
      values: { DefaultQueue: 'Sales', 'x-Id': '1' },
      allowedValues: null,
    });
  });

  it('keep their keys in every validation mode', () => {
    const payload = { ...examples.events.UserSetting, Values: { DefaultQueue: 'Sales' } };
    for (const mode of ['strict', 'lenient', 'off'] as const) {
      expect(decodeMessage({ data: payload }, mode).data).toMatchObject({
        values: { DefaultQueue: 'Sales' },
      });
    }
  });

  it('report a value of the wrong type under its key', () => {
    const payload = { ...examples.events.UserSetting, Values: { DefaultQueue: 7 } };
    const decoded = decodeMessage({ data: payload }, 'lenient');
    expect(decoded.issues).toMatchObject([
      { path: ['values', 'DefaultQueue'], message: 'expected string, received number' },
    ]);
  });
});

describe('validation modes', () => {
  const invalid = userStatus({ talking: 'yes', parkedCalls: '0' });

  it('lenient: reports issues and still marks the event deliverable, data as received', () => {
    const decoded = decodeMessage(invalid, 'lenient');
    expect(decoded).toMatchObject({ name: 'UserStatus', known: true, valid: true });
    expect(decoded.issues).toHaveLength(2);
    expect(decoded.data).toMatchObject({ talking: 'yes', parkedCalls: '0', canBeAllocatedTo: true });
  });

  it('strict: same result, marked not valid so the client withholds it', () => {
    const lenient = decodeMessage(invalid, 'lenient');
    const strict = decodeMessage(invalid, 'strict');
    expect(strict.valid).toBe(false);
    expect(strict.issues).toEqual(lenient.issues);
    expect(strict.data).toEqual(lenient.data);
  });

  it('strict: a valid event stays valid', () => {
    expect(decodeMessage(wireMessage, 'strict').valid).toBe(true);
  });

  it('off: runs no schema, still normalises keys', () => {
    const decoded = decodeMessage({ data: { ...examples.events.UserStatus, Talking: 'yes' } }, 'off');
    expect(decoded).toMatchObject({ name: 'UserStatus', known: true, valid: true, issues: [] });
    expect(decoded.data).toMatchObject({ talking: 'yes', canBeAllocatedTo: false, messageTTLSeconds: 60 });
  });

  it('off: a malformed message is still reported', () => {
    const decoded = decodeMessage({ subscription: wireMessage.subscription }, 'off');
    expect(decoded).toMatchObject({ valid: false, issues: [{ message: 'message has no data object' }] });
  });
});
