import { describe, expect, it } from 'vitest';
import { camelCaseKeys, isHostileKey, toCamelCase } from '../../src/events/index.ts';

describe('toCamelCase', () => {
  it.each([
    ['UserId', 'userId'],
    ['MessageTTLSeconds', 'messageTTLSeconds'],
    ['WSSEndpoint', 'wssEndpoint'],
    ['ID', 'id'],
    ['CallBackId', 'callBackId'],
    ['NbrOfAgentsOnWrapUp', 'nbrOfAgentsOnWrapUp'],
    ['userId', 'userId'],
    ['_private', '_private'],
    ['', ''],
  ])('%s -> %s', (key, expected) => {
    expect(toCamelCase(key)).toBe(expected);
  });

  it('answers the same for a key it has seen before', () => {
    expect([toCamelCase('QueueId'), toCamelCase('QueueId')]).toEqual(['queueId', 'queueId']);
  });

  it('stays correct after more distinct keys than it remembers', () => {
    for (let i = 0; i < 10_000; i++) expect(toCamelCase(`Key${i}Name`)).toBe(`key${i}Name`);
    expect(toCamelCase('XMLHttpRequest')).toBe('xmlHttpRequest');
  });
});

describe('isHostileKey', () => {
  it('is true for the keys that reach prototypes, false for look-alikes', () => {
    expect(['__proto__', 'constructor', 'prototype'].map(isHostileKey)).toEqual([true, true, true]);
    expect(['proto', 'Constructor', 'constructors', 'callId'].map(isHostileKey)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('camelCaseKeys', () => {
  it('renames keys at every depth, arrays included', () => {
    expect(
      camelCaseKeys({ UserId: 'a', Items: [{ IsClosed: false }, 3], Nested: { DeepKey: null } }),
    ).toStrictEqual({
      userId: 'a',
      items: [{ isClosed: false }, 3],
      nested: { deepKey: null },
    });
  });

  it('returns a fresh deep copy of an object that is already camelCase', () => {
    const input = { userId: 'a', nested: { list: [{ value: 1 }] } };
    const copy = camelCaseKeys(input) as typeof input;
    expect(copy).toStrictEqual(input);
    expect(copy).not.toBe(input);
    expect(copy.nested).not.toBe(input.nested);
    expect(copy.nested.list).not.toBe(input.nested.list);
  });

  it('returns primitives as they are', () => {
    expect([null, undefined, 1, 'x', true].map(camelCaseKeys)).toEqual([null, undefined, 1, 'x', true]);
  });

  it('drops hostile keys, including ones that become hostile when camelCased', () => {
    expect(camelCaseKeys({ Constructor: 1, Prototype: 2, keep: 3 })).toStrictEqual({ keep: 3 });
  });
});
