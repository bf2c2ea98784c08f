import { describe, expect, it } from 'vitest';
import { decodeEvent, decodeMessage } from '../../src/events/index.ts';
import wireMessage from './fixtures/user-status-message.json' with { type: 'json' };

function nested(depth: number): unknown {
  let value: unknown = { leaf: true };
  for (let i = 0; i < depth; i++) value = { child: value };
  return value;
}

const garbage: [string, unknown][] = [
  ['undefined', undefined],
  ['null', null],
  ['a string', 'UserStatus'],
  ['a number', 141],
  ['a boolean', true],
  ['an array', [wireMessage]],
  ['a function', () => wireMessage],
  ['an empty object', {}],
  ['data null', { subscription: wireMessage.subscription, data: null }],
  ['data a string', { subscription: wireMessage.subscription, data: '{"eventType":"UserStatus"}' }],
  ['data an array', { data: [wireMessage.data] }],
  ['subscription a string', { subscription: 'x', data: wireMessage.data }],
  ['eventType an object', { data: { eventType: { name: 'UserStatus' } } }],
  ['deep nesting', { data: { ...wireMessage.data, extra: nested(100_000) } }],
  ['deep nesting in JSON', JSON.parse(`{"data":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`)],
];

describe('decodeMessage on garbage', () => {
  it.each(garbage)('never throws on %s', (_label, message) => {
    for (const mode of ['strict', 'lenient', 'off'] as const) {
      expect(() => decodeMessage(message, mode)).not.toThrow();
    }
  });

  it.each([
    ['null', null],
    ['a string', 'x'],
    ['an array', []],
  ])('answers %s with an issue and valid: false', (_label, message) => {
    const decoded = decodeMessage(message, 'lenient');
    expect(decoded).toMatchObject({
      name: '',
      known: false,
      valid: false,
      data: {},
      issues: [{ eventName: '', path: [], message: 'message is not an object', raw: message }],
    });
    expect(decoded.raw).toBe(message);
  });

  it('answers a message without a data object with an issue, keeping the routed name', () => {
    const decoded = decodeMessage({ subscription: wireMessage.subscription, data: 'oops' }, 'lenient');
    expect(decoded).toMatchObject({
      name: 'UserStatus',
      known: false,
      valid: false,
      data: {},
      subscription: wireMessage.subscription,
      issues: [{ eventName: 'UserStatus', path: [], message: 'message has no data object', raw: 'oops' }],
    });
  });

  it('answers nesting deeper than the stack with an issue', () => {
    const decoded = decodeMessage({ data: { ...wireMessage.data, extra: nested(100_000) } }, 'lenient');
    expect(decoded.valid).toBe(false);
    expect(decoded.issues[0]?.message).toBe('message could not be read (RangeError)');
  });

  it('answers a cyclic payload with an issue', () => {
    const data: Record<string, unknown> = { ...wireMessage.data };
    data.self = data;
    const decoded = decodeMessage({ data }, 'strict');
    expect(decoded).toMatchObject({ known: false, valid: false });
  });

  it('answers a payload whose getter throws with an issue', () => {
    const data = {
      ...wireMessage.data,
      get secret(): never {
        throw new TypeError('boom');
      },
    };
    const decoded = decodeMessage({ data }, 'strict');
    expect(decoded).toMatchObject({
      valid: false,
      issues: [{ message: 'message could not be read (TypeError)' }],
    });
  });

  it('decodes a deeply nested unknown field that still fits the stack', () => {
    const decoded = decodeMessage({ data: { ...wireMessage.data, extra: nested(1_000) } }, 'strict');
    expect(decoded).toMatchObject({ valid: true, issues: [] });
  });
});

describe('decodeEvent on garbage', () => {
  it.each(garbage)('never throws on %s', (_label, data) => {
    for (const mode of ['strict', 'lenient', 'off'] as const) {
      expect(() => decodeEvent('UserStatus', data, mode)).not.toThrow();
    }
  });

  it('answers data that is not an object with an issue', () => {
    expect(decodeEvent('UserStatus', 42, 'off')).toMatchObject({
      name: 'UserStatus',
      known: false,
      valid: false,
      issues: [{ message: 'data is not an object', raw: 42 }],
    });
  });
});
