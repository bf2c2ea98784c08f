import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { rteEventSchemas, rteHelperSchemas } from '../../src/events/index.ts';
import { checkerFor, isPlainDeep, readerFor } from '../../src/events/reader.ts';
import { camelCaseKeys } from '../../src/index.ts';
import examples from './fixtures/rte-examples.json' with { type: 'json' };

const replacements: unknown[] = [null, 'text', '', 0, -1.5, Number.NaN, true, [], [{}], {}, { Nested: 1 }];

const listItems = {
  CallbackAttempts: [examples.misc.CallbackAttempt],
  CallbackExtras: [examples.misc.CallbackExtra],
  CallbackRelatedItems: [examples.misc.CallbackRelatedItem],
};

function variants(payload: Record<string, unknown>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [payload];
  for (const key of Object.keys(payload)) {
    const { [key]: _removed, ...without } = payload;
    out.push(without);
    for (const value of replacements) out.push({ ...payload, [key]: value });
  }
  return out;
}

/**
 * The in-place checker's verdict: on camelCase input exactly zod's; on any input, "yes" only when
 * zod accepts it and key normalisation would leave it unchanged (so handing it out is safe).
 */
function checkerAgrees(schema: z.ZodMiniType, input: unknown, camelCase: boolean): void {
  const check = checkerFor(schema);
  if (!check) throw new Error('no checker');
  const verdict = check(input);
  const zodSays = z.safeParse(schema, input).success;
  if (camelCase) expect({ input, verdict }).toEqual({ input, verdict: zodSays });
  else if (verdict) expect({ input, safe: zodSays && isPlainDeep(input) }).toEqual({ input, safe: true });
}

function agree(schema: z.ZodMiniType, input: unknown): void {
  const read = readerFor(schema);
  if (!read) throw new Error('no reader');
  const state = { ok: true };
  const copy = read(input, state);
  const judged = z.safeParse(schema, copy).success;
  expect({ input, ok: state.ok }).toEqual({ input, ok: judged });
}

describe('readers', () => {
  const events = Object.entries(examples.events).map(([section, payload]) => [
    section,
    section === 'UserTerminalStatusEvent' ? 'UserTerminalStatus' : section,
    payload,
  ]) as [string, keyof typeof rteEventSchemas, Record<string, unknown>][];

  it.each(events)('agree with zod on every one-field change of %s', (_section, name, payload) => {
    const schema = rteEventSchemas[name];
    const base = name === 'CallbackChanged' ? { ...payload, ...listItems } : payload;
    for (const variant of variants(base)) {
      agree(schema, variant);
      agree(schema, camelCaseKeys(variant));
      checkerAgrees(schema, variant, false);
      checkerAgrees(schema, camelCaseKeys(variant), true);
    }
  });

  it('agree with zod on changes inside lists of nested types', () => {
    const schema = rteEventSchemas.CallbackChanged;
    for (const [list, [item]] of Object.entries(listItems)) {
      for (const variant of variants(item as Record<string, unknown>)) {
        agree(schema, { ...examples.events.CallbackChanged, [list]: [item, variant] });
        const camel = camelCaseKeys({ ...examples.events.CallbackChanged, [list]: [item, variant] });
        checkerAgrees(schema, camel, true);
      }
    }
  });

  it.each(Object.entries(rteHelperSchemas))(
    'agree with zod on every one-field change of %s',
    (name, schema) => {
      const example = examples.misc[name as keyof typeof examples.misc] as Record<string, unknown>;
      for (const variant of variants(example)) {
        agree(schema, variant);
        checkerAgrees(schema, variant, false);
        checkerAgrees(schema, camelCaseKeys(variant), true);
      }
    },
  );

  it('exist for every registered schema', () => {
    for (const schema of [...Object.values(rteEventSchemas), ...Object.values(rteHelperSchemas)]) {
      expect(readerFor(schema)).toBeTypeOf('function');
      expect(checkerFor(schema)).toBeTypeOf('function');
    }
  });

  it('are not built for schemas using what they do not model, so decoding falls back to zod', () => {
    expect(readerFor(z.string().check(z.minLength(1)))).toBeUndefined();
    expect(readerFor(z.strictObject({ a: z.string() }))).toBeUndefined();
    expect(readerFor(z.looseObject({ a: z.literal('x') }))).toBeUndefined();
    expect(readerFor(z.looseObject({ UserId: z.string() }))).toBeUndefined();
    expect(readerFor(z.looseObject({ a: z.array(z.pipe(z.string(), z.transform(Number))) }))).toBeUndefined();
    expect(checkerFor(z.string().check(z.minLength(1)))).toBeUndefined();
    expect(checkerFor(z.strictObject({ a: z.string() }))).toBeUndefined();
    expect(checkerFor(z.looseObject({ a: z.literal('x') }))).toBeUndefined();
    expect(checkerFor(z.looseObject({ UserId: z.string() }))).toBeUndefined();
    expect(
      checkerFor(z.looseObject({ a: z.array(z.pipe(z.string(), z.transform(Number))) })),
    ).toBeUndefined();
  });

  it('check in place: PascalCase, hostile or non-plain objects anywhere send the payload to the copying path', () => {
    const check = checkerFor(rteEventSchemas.UserSetting);
    const base = camelCaseKeys(examples.events.UserSetting) as Record<string, unknown>;
    expect(check?.(base)).toBe(true);
    expect(check?.({ ...base, Extra: 1 })).toBe(false);
    expect(check?.({ ...base, extra: { Deep: [1] } })).toBe(false);
    expect(check?.({ ...base, extra: [{ ok: { Deep: 1 } }] })).toBe(false);
    expect(check?.(JSON.parse(`{"extra":{"__proto__":{}},${JSON.stringify(base).slice(1)}`))).toBe(false);
    expect(check?.({ ...base, values: JSON.parse('{"__proto__":"x"}') })).toBe(false);
    expect(check?.({ ...base, values: { SomeKey: 'dictionary keys keep their case' } })).toBe(true);
    expect(check?.({ ...base, extra: new Map() })).toBe(false);
    expect(check?.(Object.assign(Object.create(null), base))).toBe(false);
  });

  it('judge each payload on its own, whatever key orders came before', () => {
    const schema = rteEventSchemas.UserStatus;
    const check = checkerFor(schema);
    const read = readerFor(schema);
    const camel = camelCaseKeys(examples.events.UserStatus) as Record<string, unknown>;
    const reversed = Object.fromEntries(Object.entries(camel).reverse());
    const hostileInPlace = JSON.parse(JSON.stringify(camel).replace('"talking"', '"__proto__"'));
    const wrongType = { ...camel, talking: 'no' };
    const { userId: _missing, ...withoutUserId } = camel;
    const pascal = examples.events.UserStatus as Record<string, unknown>;
    const reversedPascal = Object.fromEntries(Object.entries(pascal).reverse());
    const sequence = [camel, reversed, camel, hostileInPlace, camel, wrongType, withoutUserId, camel];
    for (const input of [...sequence, pascal, reversedPascal, pascal, ...sequence]) {
      agree(schema, input);
      checkerAgrees(schema, input, input === camel || input === reversed || input === wrongType);
      const state = { ok: true };
      expect(Object.hasOwn(read?.(input, state) as object, '__proto__')).toBe(false);
    }
    expect(check?.(hostileInPlace)).toBe(false);
    expect(check?.(withoutUserId)).toBe(false);
  });

  it('copy values in camelCase whether or not they match', () => {
    const read = readerFor(rteEventSchemas.UserStatus);
    const state = { ok: true };
    expect(read?.({ UserId: 5, Extra: { InnerKey: [{ DeepKey: 1 }] } }, state)).toStrictEqual({
      userId: 5,
      extra: { innerKey: [{ deepKey: 1 }] },
    });
    expect(state.ok).toBe(false);
  });

  it('copy a PascalCase payload exactly as key by key, whatever sequence of key orders came before', () => {
    const schema = rteEventSchemas.UserStatus;
    const pascal = examples.events.UserStatus as Record<string, unknown>;
    const entries = Object.entries(pascal);
    const { UserId: _userId, ...withoutUserId } = pascal;
    const shapes: (() => unknown)[] = [
      () => JSON.parse(JSON.stringify(pascal)),
      () => Object.fromEntries(entries.slice(0, -2)),
      () => ({ ...pascal, Extra: { InnerKey: 1 } }),
      () => Object.fromEntries([...entries].reverse()),
      () => withoutUserId,
      () => ({ ...pascal, Talking: 'no' }),
      () => ({ ...pascal, userId: 'the later of two spellings wins' }),
      () => JSON.parse(JSON.stringify(pascal).replace('"Talking"', '"__proto__"')),
      () => ({ ...pascal, Inherited: 2 }),
      () => Object.assign(Object.create({ Inherited: 1 }), pascal),
      () => Object.assign(Object.create(null), pascal),
    ];
    const read = readerFor(schema);
    fc.assert(
      fc.property(fc.array(fc.nat(shapes.length - 1), { minLength: 1, maxLength: 40 }), (picks) => {
        for (const pick of picks) {
          const input = (shapes[pick] as () => unknown)();
          const state = { ok: true };
          const copy = read?.(input, state);
          const expected = camelCaseKeys(input);
          expect(copy).toStrictEqual(expected);
          expect(Object.keys(copy as object)).toEqual(Object.keys(expected as object));
          expect(state.ok).toBe(z.safeParse(schema, copy).success);
        }
      }),
      { numRuns: 300 },
    );
  });
});
