import { afterEach, describe, expect, it } from 'vitest';
import { decodeEvent, decodeMessage } from '../../src/events/index.ts';
import { camelCaseKeys } from '../../src/index.ts';
import wireMessage from './fixtures/user-status-message.json' with { type: 'json' };

const polluted = () => ({}) as Record<string, unknown>;

afterEach(() => {
  // A failing test must not leave a polluted prototype behind for the next one.
  for (const key of ['polluted', 'isAdmin']) delete (Object.prototype as Record<string, unknown>)[key];
});

describe('hostile keys', () => {
  // Written as JSON text: in an object literal `__proto__` would set the prototype, not a key.
  const hostile = `{
    "subscription": { "eventType": "UserStatus", "__proto__": { "polluted": true } },
    "data": {
      ${JSON.stringify(wireMessage.data).slice(1, -1)},
      "__proto__": { "polluted": true },
      "constructor": { "prototype": { "polluted": true } },
      "Constructor": { "prototype": { "isAdmin": true } },
      "prototype": { "polluted": true },
      "details": { "__proto__": { "polluted": true }, "list": [{ "__proto__": { "isAdmin": true } }] }
    }
  }`;

  it.each(['strict', 'lenient', 'off'] as const)(
    'in any position leave Object.prototype untouched (%s)',
    (mode) => {
      const message = JSON.parse(hostile);
      expect(Object.hasOwn(message.data, '__proto__')).toBe(true);
      const decoded = decodeMessage(message, mode);
      expect(polluted().polluted).toBeUndefined();
      expect(polluted().isAdmin).toBeUndefined();
      expect(Object.getPrototypeOf(decoded.data)).toBe(Object.prototype);
      expect(Object.getPrototypeOf(decoded.subscription)).toBe(Object.prototype);
      expect(Object.hasOwn(decoded.data, '__proto__')).toBe(false);
      expect(Object.hasOwn(decoded.data, 'constructor')).toBe(false);
      expect(Object.hasOwn(decoded.data, 'prototype')).toBe(false);
      expect((decoded.data as { polluted?: unknown }).polluted).toBeUndefined();
      expect(decoded.data).toMatchObject({ canBeAllocatedTo: true, details: { list: [{}] } });
    },
  );

  it('do not stop the rest of the payload from validating', () => {
    const decoded = decodeMessage(JSON.parse(hostile), 'strict');
    expect(decoded).toMatchObject({ name: 'UserStatus', valid: true, issues: [] });
  });

  it('are dropped inside dictionaries too', () => {
    const data = JSON.parse('{"EventType":"UserSetting","Values":{"__proto__":{"polluted":true},"Key":"v"}}');
    const decoded = decodeEvent('UserSetting', data, 'lenient');
    expect(polluted().polluted).toBeUndefined();
    expect(decoded.data).toMatchObject({ values: { Key: 'v' } });
    expect(Object.hasOwn(decoded.data.values as object, '__proto__')).toBe(false);
  });

  it('are dropped by camelCaseKeys', () => {
    const copy = camelCaseKeys(
      JSON.parse('{"a":{"__proto__":{"polluted":true},"B":[{"__proto__":{"isAdmin":true}}]}}'),
    );
    expect(copy).toStrictEqual({ a: { b: [{}] } });
    expect(polluted().polluted).toBeUndefined();
    expect(polluted().isAdmin).toBeUndefined();
  });
});
