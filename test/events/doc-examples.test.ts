import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { decodeEvent, decodeMessage, rteEventSchemas, rteHelperSchemas } from '../../src/events/index.ts';
import {
  type CallbackChanged,
  CallbackType,
  camelCaseKeys,
  canonicalEventName,
  documentedEventNames,
  isHostileKey,
  isOpenEnded,
  legacyEventTypes,
  normalizeEventName,
  parseRteTime,
  QueueOpenStatus,
  type QueueStatus,
  toCamelCase,
  type UserWrapUpRequestInitiate,
  WrapUpAllowWithoutCall,
} from '../../src/index.ts';
import examples from './fixtures/rte-examples.json' with { type: 'json' };
import wireMessage from './fixtures/user-status-message.json' with { type: 'json' };

// The claims the TSDoc examples make, checked.
describe('TSDoc examples', () => {
  it('keys: toCamelCase, isHostileKey, camelCaseKeys', () => {
    expect(toCamelCase('CallBackId')).toBe('callBackId');
    expect(isHostileKey('__proto__')).toBe(true);
    expect(camelCaseKeys({ UserId: 'a', Items: [{ IsClosed: false }] })).toEqual({
      userId: 'a',
      items: [{ isClosed: false }],
    });
  });

  it('registry: schemas, names and canonical names', () => {
    expect(z.safeParse(rteEventSchemas.QueueStatus, camelCaseKeys(examples.events.QueueStatus)).success).toBe(
      true,
    );
    expect(
      z.safeParse(rteHelperSchemas.CallbackAttempt, camelCaseKeys(examples.misc.CallbackAttempt)).success,
    ).toBe(true);
    expect(documentedEventNames.length).toBe(36);
    expect(canonicalEventName('userstatus')).toBe('UserStatus');
    expect(canonicalEventName('UserCallIncoming')).toBe('UserCallInComing');
    expect(canonicalEventName('UserTerminalStatusEvent')).toBe('UserTerminalStatus');
    expect(canonicalEventName('QueueCallInArrived')).toBeUndefined();
  });

  it('names: legacy numbers and normalisation', () => {
    expect(legacyEventTypes.get(141)).toBe('UserStatus');
    expect(normalizeEventName('queuecallinarrived')).toBe('QueueCallInArrived');
    expect(normalizeEventName('SomethingNew')).toBe('SomethingNew');
  });

  it('values: the named constants', () => {
    const isOpen = (status: QueueStatus) =>
      status.openStatus === QueueOpenStatus.Open || status.openStatus === QueueOpenStatus.OpenUncertain;
    const isOverflow = (callback: CallbackChanged) => callback.typeId === CallbackType.OverflownCall;
    const startsNow = (request: UserWrapUpRequestInitiate) =>
      request.allowWithoutCall === WrapUpAllowWithoutCall.Yes;
    const queue = decodeEvent('QueueStatus', { ...examples.events.QueueStatus, OpenStatus: 5 }, 'strict');
    const callback = decodeEvent(
      'CallbackChanged',
      { ...examples.events.CallbackChanged, TypeId: 2 },
      'strict',
    );
    const wrapUp = decodeEvent(
      'UserWrapUpRequestInitiate',
      { ...examples.events.UserWrapUpStarted, AllowWithoutCall: 1 },
      'strict',
    );
    expect(queue.known && queue.name === 'QueueStatus' && isOpen(queue.data)).toBe(true);
    expect(callback.known && callback.name === 'CallbackChanged' && isOverflow(callback.data)).toBe(true);
    expect(wrapUp.known && wrapUp.name === 'UserWrapUpRequestInitiate' && startsNow(wrapUp.data)).toBe(true);
  });

  it('decode: decodeEvent with a lower-case name and PascalCase keys', () => {
    const decoded = decodeEvent('userstatus', { UserId: 'aa97…', CanBeAllocatedTo: true }, 'off');
    expect(decoded.name).toBe('UserStatus');
    expect(decoded.data.canBeAllocatedTo).toBe(true);
  });

  it('issues: the printed form of an issue', () => {
    const { issues } = decodeMessage(
      { ...wireMessage, data: { ...wireMessage.data, talking: 'no' } },
      'lenient',
    );
    const lines = issues.map((issue) => `${issue.eventName} ${issue.path.join('.')}: ${issue.message}`);
    expect(lines).toEqual(['UserStatus talking: expected boolean, received string']);
  });

  it('time: parseRteTime and isOpenEnded', () => {
    const describeEnd = (endTime: string) => {
      const end = parseRteTime(endTime);
      if (end === null) return 'no end time';
      if (isOpenEnded(end)) return 'until further notice';
      return `until ${end.toISOString()}`;
    };
    expect(describeEnd('0001-01-01T00:00:00')).toBe('no end time');
    expect(describeEnd('9999-12-31T23:59:59.9999999')).toBe('until further notice');
    expect(describeEnd('2024-05-01T12:00:00')).toBe('until 2024-05-01T12:00:00.000Z');
    expect(isOpenEnded('9999-12-31T23:59:59.9999999')).toBe(true);
    expect(isOpenEnded(new Date('2024-05-01T12:00:00Z'))).toBe(false);
  });
});
