import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { decodeMessage, rteHelperSchemas } from '../../src/events/index.ts';
import { readerFor } from '../../src/events/reader.ts';
import examples from './fixtures/rte-examples.json' with { type: 'json' };
import wireMessage from './fixtures/user-status-message.json' with { type: 'json' };

// An independent statement of .NET's camelCase rule, so the expectations do not reuse the code under test.
function camel(key: string): string {
  const run = /^[A-Z]+/.exec(key)?.[0] ?? '';
  if (run.length === 0) return key;
  if (run.length === key.length) return key.toLowerCase();
  const lowered = run.length === 1 ? run : run.slice(0, -1);
  return lowered.toLowerCase() + key.slice(lowered.length);
}

function camelDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelDeep);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [camel(key), camelDeep(item)]));
}

const eventExamples = Object.entries(examples.events);
const canonical = (section: string) =>
  section === 'UserTerminalStatusEvent' ? 'UserTerminalStatus' : section;

describe('documented event examples', () => {
  it('cover 35 of the 36 documented events (UserWrapUpRequestInitiate has none)', () => {
    expect(eventExamples).toHaveLength(35);
  });

  it.each(eventExamples)(
    '%s decodes from PascalCase to the camelCase object with no issues',
    (section, payload) => {
      const decoded = decodeMessage({ subscription: {}, data: payload }, 'strict');
      expect(decoded).toMatchObject({ name: canonical(section), known: true, valid: true, issues: [] });
      expect(decoded.data).toStrictEqual(camelDeep(payload));
    },
  );

  it.each(eventExamples)(
    '%s decodes from camelCase (the wire form) to the same object with no issues',
    (section, payload) => {
      const wire = JSON.parse(JSON.stringify(camelDeep(payload)));
      const decoded = decodeMessage({ subscription: {}, data: wire }, 'strict');
      expect(decoded).toMatchObject({ name: canonical(section), known: true, valid: true, issues: [] });
      expect(decoded.data).toStrictEqual(camelDeep(payload));
      expect(decoded.data).not.toBe(wire);
    },
  );
});

describe('documented helper type examples', () => {
  it.each(Object.entries(examples.misc))(
    '%s matches its schema in PascalCase and camelCase',
    (name, payload) => {
      const schema = rteHelperSchemas[name as keyof typeof rteHelperSchemas];
      const read = readerFor(schema);
      expect(read).toBeDefined();
      for (const input of [payload, camelDeep(payload)]) {
        const state = { ok: true };
        const copy = read?.(input, state);
        expect(state.ok).toBe(true);
        expect(copy).toStrictEqual(camelDeep(payload));
        expect(z.safeParse(schema, copy).success).toBe(true);
      }
    },
  );

  it('are decoded inside CallbackChanged lists, in either case', () => {
    const payload = {
      ...examples.events.CallbackChanged,
      CallbackAttempts: [examples.misc.CallbackAttempt],
      CallbackExtras: [examples.misc.CallbackExtra, { ...examples.misc.CallbackExtra, Id: 1 }],
      CallbackRelatedItems: [{ ...examples.misc.CallbackRelatedItem, StatusId: 3 }],
    };
    const decoded = decodeMessage({ subscription: {}, data: payload }, 'strict');
    expect(decoded.issues).toEqual([]);
    expect(decoded.data).toStrictEqual(camelDeep(payload));
    expect(decoded.data).toMatchObject({
      callbackAttempts: [{ id: examples.misc.CallbackAttempt.Id, callbackAttemptTypeId: null }],
      callbackRelatedItems: [{ statusId: 3 }],
    });
  });
});

describe('the reference MessageReceived example', () => {
  it('decodes the camelCase UserStatus wire message to canBeAllocatedTo: true', () => {
    const decoded = decodeMessage(wireMessage, 'strict');
    expect(decoded.known && decoded.name === 'UserStatus').toBe(true);
    expect(decoded).toMatchObject({ valid: true, issues: [] });
    expect(decoded.data).toMatchObject({ canBeAllocatedTo: true, serviceTerminals: 1, activeQueues: 2 });
    expect(decoded.data).toStrictEqual(wireMessage.data);
    expect(decoded.subscription).toStrictEqual(wireMessage.subscription);
    expect(decoded.raw).toBe(wireMessage);
  });

  it('decodes the same message with PascalCase keys everywhere, envelope included', () => {
    const pascal = JSON.parse(JSON.stringify(wireMessage), function (this: unknown, _key, value) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key.charAt(0).toUpperCase() + key.slice(1), item]),
      );
    });
    expect(Object.keys(pascal)).toEqual(['Subscription', 'Data']);
    const decoded = decodeMessage(pascal, 'strict');
    expect(decoded).toMatchObject({ name: 'UserStatus', known: true, valid: true, issues: [] });
    expect(decoded.data).toStrictEqual(wireMessage.data);
    expect(decoded.subscription).toStrictEqual(wireMessage.subscription);
  });
});
