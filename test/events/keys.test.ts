import { describe, expect, it } from 'vitest';
import { renamedKeyCacheFootprint } from '../../src/events/keys.ts';
import { camelCaseKeys, isHostileKey, toCamelCase } from '../../src/index.ts';

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

  it('keeps no huge keys alive: 48 distinct 512 kB keys leave the cache under 1 MB', () => {
    const before = renamedKeyCacheFootprint().chars;
    const huge = 'K'.padEnd(512 * 1024, 'x');
    for (let i = 0; i < 48; i++) {
      const key = `${huge}${i}`;
      expect(toCamelCase(key)).toBe(`k${key.slice(1)}`);
    }
    expect(renamedKeyCacheFootprint().chars - before).toBe(0);
    expect(renamedKeyCacheFootprint().chars).toBeLessThan(1024 * 1024);
  });

  it('bounds the total size it remembers, however many mid-sized keys arrive', () => {
    for (let i = 0; i < 20_000; i++) toCamelCase(`Key${i}`.padEnd(60, 'y'));
    const { entries, chars } = renamedKeyCacheFootprint();
    expect(entries).toBeLessThanOrEqual(4096);
    expect(chars).toBeLessThanOrEqual(256 * 1024 + 128);
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
