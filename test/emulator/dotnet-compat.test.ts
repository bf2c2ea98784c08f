import { describe, expect, it } from 'vitest';
import { parseGuid } from '../../src/emulator/guid.ts';
import { camelCaseKeys, dotnetCamelCase } from '../../src/emulator/payload.ts';

describe('property names on the wire', () => {
  it.each([
    ['MessageTTLSeconds', 'messageTTLSeconds'],
    ['ID', 'id'],
    ['URLValue', 'urlValue'],
    ['WSSEndpoint', 'wssEndpoint'],
    ['UserId', 'userId'],
    ['queueName', 'queueName'],
    ['A', 'a'],
    ['', ''],
    ['_Private', '_Private'],
  ])('camelCases %s as .NET does: %s', (name, expected) => {
    expect(dotnetCamelCase(name)).toBe(expected);
  });

  it('camelCases nested objects and arrays and drops prototype keys', () => {
    const input = JSON.parse('{"Outer":{"Inner":[{"Deep":1}]},"__proto__":{"Polluted":true}}');
    expect(camelCaseKeys(input)).toEqual({ outer: { inner: [{ deep: 1 }] } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('GUIDs', () => {
  const id = '6f1d2c3b-0a4e-4d8f-9b7a-1c2d3e4f5a6b';
  it.each([
    [id, id],
    [id.toUpperCase(), id],
    [` ${id} `, id],
    [`{${id}}`, id],
    [`(${id})`, id],
    [id.replaceAll('-', ''), id],
  ])('reads %s as %s', (input, expected) => {
    expect(parseGuid(input)).toBe(expected);
  });

  it.each([['x'], [''], [`${id}0`], [`{${id}`], [42], [null]])('refuses %j', (input) => {
    expect(parseGuid(input)).toBeUndefined();
  });
});
