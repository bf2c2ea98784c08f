import { afterEach, describe, expect, it } from 'vitest';
import { createDecoder } from '../../src/events/decoder.ts';
import { decodeMessage } from '../../src/events/index.ts';
import { camelCaseKeys, type Validation } from '../../src/index.ts';
import examples from './fixtures/rte-examples.json' with { type: 'json' };
import wireMessage from './fixtures/user-status-message.json' with { type: 'json' };

const modes: Validation[] = ['strict', 'lenient', 'off'];
const replacements: unknown[] = [
  null,
  'text',
  '',
  0,
  -1.5,
  true,
  [],
  [{}],
  {},
  { Nested: 1 },
  { __proto__: 1 },
];

function subscriptionFor(eventType: string, entityType: string): Record<string, unknown> {
  return { ...wireMessage.subscription, id: `sub-${eventType}`, eventType, entityType };
}

/** The example, and every one-field change of it (removed, or replaced by each replacement). */
function variants(payload: Record<string, unknown>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [payload];
  for (const key of Object.keys(payload)) {
    const { [key]: _removed, ...without } = payload;
    out.push(without);
    for (const value of replacements) out.push({ ...payload, [key]: value });
  }
  return out;
}

// Frames as they come off the socket: fresh JSON.parse output.
const frame = (message: unknown): unknown => JSON.parse(JSON.stringify(message));

const allExamples = Object.values(examples.events).flatMap((data) => {
  const subscription = subscriptionFor(data.EventType, data.EntityType);
  return variants(data).flatMap((variant) => [
    { subscription, data: variant },
    { subscription, data: camelCaseKeys(variant) },
  ]);
});

describe('the per-client decoder', () => {
  it.each(modes)(
    'answers what decodeMessage answers for every one-field change of every example (%s)',
    (mode) => {
      const decoder = createDecoder(mode);
      for (const message of allExamples) {
        const expected = decodeMessage(frame(message), mode);
        // Twice: the second answer comes from the caches.
        for (let i = 0; i < 2; i++) {
          const actual = decoder.decode(frame(message));
          expect({ message, ...actual, raw: undefined }).toStrictEqual({
            message,
            ...expected,
            raw: undefined,
          });
        }
      }
    },
  );

  it.each(modes)('hands a valid camelCase payload out as it arrived, without a copy (%s)', (mode) => {
    const message = frame(wireMessage) as typeof wireMessage;
    const decoded = createDecoder(mode).decode(message);
    expect(decoded).toMatchObject({ name: 'UserStatus', known: true, valid: true, issues: [] });
    expect(decoded.data).toBe(message.data);
    expect(decoded.raw).toBe(message);
  });

  it.each(modes)('still copies and camelCases a PascalCase payload (%s)', (mode) => {
    const message = { subscription: wireMessage.subscription, data: frame(examples.events.UserStatus) };
    const decoded = createDecoder(mode).decode(message);
    expect(decoded.data).not.toBe(message.data);
    expect(decoded.data).toStrictEqual(camelCaseKeys(examples.events.UserStatus));
    expect(decoded.valid).toBe(true);
  });

  it('copies a payload that fails its schema, and reports the issue', () => {
    const message = frame({
      ...wireMessage,
      data: { ...wireMessage.data, talking: 'no' },
    }) as typeof wireMessage;
    const decoded = createDecoder('strict').decode(message);
    expect(decoded).toMatchObject({ valid: false, issues: [{ path: ['talking'] }] });
    expect(decoded.data).not.toBe(message.data);
  });

  it('keeps a dictionary key case-sensitive with validation off, as decodeMessage does', () => {
    const data = { eventType: 'UserSetting', userId: 'u', values: { SomeKey: 'v' } };
    const decoded = createDecoder('off').decode(frame({ data }));
    expect(decoded.data).toMatchObject({ values: { SomeKey: 'v' } });
  });

  it('routes an unknown event untouched, and copies it only to camelCase its keys', () => {
    const decoder = createDecoder('strict');
    const camel = frame({ data: { eventType: 'QueueCallInArrived', callId: 'c' } }) as { data: object };
    expect(decoder.decode(camel)).toMatchObject({ name: 'QueueCallInArrived', known: false, valid: true });
    expect(decoder.decode(camel).data).toBe(camel.data);
    const pascal = frame({ data: { EventType: 'queuecallinarrived', CallId: 'c' } });
    expect(decoder.decode(pascal).data).toStrictEqual({ eventType: 'queuecallinarrived', callId: 'c' });
    expect(decoder.decode(pascal).name).toBe('QueueCallInArrived');
  });

  it('normalises every spelling of a name, however many distinct spellings arrive', () => {
    const decoder = createDecoder('lenient');
    for (let i = 0; i < 3000; i++) {
      const spelling = [...'userstatus'].map((c, j) => ((i >> j) & 1 ? c.toUpperCase() : c)).join('');
      const decoded = decoder.decode(frame({ data: { ...wireMessage.data, eventType: spelling } }));
      expect(decoded.name).toBe('UserStatus');
    }
    expect(decoder.decode(frame({ data: { eventType: `X${'y'.repeat(500)}` } })).name).toBe(
      `X${'y'.repeat(500)}`,
    );
  });
});

describe('the per-client decoder’s subscriptions', () => {
  const pascal = { Id: 's1', EntityId: 'e', EventType: 'UserStatus', AllEntities: false };
  const pascalFrame = (subscription: Record<string, unknown> = pascal) =>
    frame({ subscription, data: wireMessage.data });

  it('in camelCase are handed out as they arrived', () => {
    const message = frame(wireMessage) as typeof wireMessage;
    const decoded = createDecoder('lenient').decode(message);
    expect(decoded.subscription).toBe(message.subscription);
  });

  it('in PascalCase are camelCased once per subscription id, frozen, and shared by its events', () => {
    const decoder = createDecoder('lenient');
    const first = decoder.decode(pascalFrame()).subscription;
    const second = decoder.decode(pascalFrame()).subscription;
    expect(first).toStrictEqual({ id: 's1', entityId: 'e', eventType: 'UserStatus', allEntities: false });
    expect(second).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('are decoded again when the hub sends other fields under the same id', () => {
    const decoder = createDecoder('lenient');
    const first = decoder.decode(pascalFrame()).subscription;
    const changed = { ...pascal, EntityId: 'other' };
    expect(decoder.decode(pascalFrame(changed)).subscription).toMatchObject({ entityId: 'other' });
    const extra = { ...pascal, More: 1 };
    expect(decoder.decode(pascalFrame(extra)).subscription).toMatchObject({ more: 1 });
    const { AllEntities: _dropped, ...fewer } = pascal;
    expect(decoder.decode(pascalFrame(fewer)).subscription).not.toHaveProperty('allEntities');
    expect(decoder.decode(pascalFrame()).subscription).toStrictEqual(first);
  });

  it('with nested values are not shared', () => {
    const decoder = createDecoder('lenient');
    const subscription = { ...pascal, Extra: { a: 1 } };
    const first = decoder.decode(pascalFrame(subscription)).subscription;
    const second = decoder.decode(pascalFrame(subscription)).subscription;
    expect(second).not.toBe(first);
    expect(second).toStrictEqual(first);
  });

  it('are forgotten by clear(), and bounded in number', () => {
    const decoder = createDecoder('lenient');
    const first = decoder.decode(pascalFrame()).subscription;
    decoder.clear();
    expect(decoder.decode(pascalFrame()).subscription).not.toBe(first);
    for (let i = 0; i < 10_000; i++) {
      const decoded = decoder.decode(pascalFrame({ ...pascal, Id: `s${i}` }));
      expect(decoded.subscription.id).toBe(`s${i}`);
    }
  });
});

describe('the per-client decoder on hostile input', () => {
  afterEach(() => {
    for (const key of ['polluted', 'isAdmin']) delete (Object.prototype as Record<string, unknown>)[key];
  });

  const hostile = `{
    "subscription": { "id": "s", "eventType": "UserStatus", "__proto__": { "polluted": true } },
    "data": {
      ${JSON.stringify(wireMessage.data).slice(1, -1)},
      "__proto__": { "polluted": true },
      "constructor": { "prototype": { "polluted": true } },
      "Constructor": { "prototype": { "isAdmin": true } },
      "prototype": { "polluted": true },
      "details": { "__proto__": { "polluted": true }, "list": [{ "__proto__": { "isAdmin": true } }] }
    }
  }`;

  it.each(modes)('drops hostile keys at every depth and leaves Object.prototype alone (%s)', (mode) => {
    const decoder = createDecoder(mode);
    for (let i = 0; i < 2; i++) {
      const decoded = decoder.decode(JSON.parse(hostile));
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      expect(Object.getPrototypeOf(decoded.data)).toBe(Object.prototype);
      expect(Object.getPrototypeOf(decoded.subscription)).toBe(Object.prototype);
      for (const key of ['__proto__', 'constructor', 'prototype']) {
        expect(Object.hasOwn(decoded.data, key)).toBe(false);
        expect(Object.hasOwn(decoded.subscription, key)).toBe(false);
      }
      expect(decoded.data).toMatchObject({ canBeAllocatedTo: true, details: { list: [{}] } });
      expect(Object.hasOwn((decoded.data as { details: object }).details, '__proto__')).toBe(false);
      expect(decoded.valid).toBe(true);
    }
  });

  it('copies a payload whose objects are not plain, so no foreign prototype is handed out', () => {
    class Sneaky {
      userId = 'x';
    }
    const data = { ...wireMessage.data, extra: new Sneaky() };
    const decoded = createDecoder('strict').decode({ data });
    expect(decoded.data).not.toBe(data);
    expect(Object.getPrototypeOf((decoded.data as { extra: object }).extra)).toBe(Object.prototype);
  });

  function nested(depth: number): unknown {
    let value: unknown = { leaf: true };
    for (let i = 0; i < depth; i++) value = { child: value };
    return value;
  }

  const cyclic: Record<string, unknown> = { ...wireMessage.data };
  cyclic.self = cyclic;
  const garbage: [string, unknown][] = [
    ['undefined', undefined],
    ['null', null],
    ['a string', 'UserStatus'],
    ['an array', [wireMessage]],
    ['data null', { subscription: wireMessage.subscription, data: null }],
    ['subscription a string', { subscription: 'x', data: wireMessage.data }],
    ['eventType an object', { data: { eventType: { name: 'UserStatus' } } }],
    ['deep nesting', { data: { ...wireMessage.data, extra: nested(100_000) } }],
    ['a cycle', { data: cyclic }],
    [
      'a throwing getter',
      {
        data: {
          ...wireMessage.data,
          get secret(): never {
            throw new TypeError('boom');
          },
        },
      },
    ],
  ];

  it.each(garbage)('never throws on %s, and answers as decodeMessage does', (_label, message) => {
    for (const mode of modes) {
      const decoded = createDecoder(mode).decode(message);
      const expected = decodeMessage(message, mode);
      expect({ ...decoded, raw: undefined }).toStrictEqual({ ...expected, raw: undefined });
    }
  });
});
