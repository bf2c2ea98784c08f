import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRecord, JsonReaderError, readJson } from '../../src/emulator/hub/json-reader.ts';
import { dotnetStringify } from '../../src/emulator/hub/json-writer.ts';
import { eventData } from '../../src/emulator/payload.ts';
import { ProtocolViolation, parseClientMessage, parseHandshake } from '../../src/emulator/protocol.ts';
import { decodeEvent } from '../../src/events/decode.ts';
import { documentedEventNames } from '../../src/events/registry.ts';
import {
  EMPTY_GUID,
  entityTypeOf,
  hubCatalog,
  parseGuid,
  subscriptionKey,
  subscriptionResult,
  wireEventName,
} from '../../src/wire/index.ts';

const ID = 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3';
const ORG = '29f6e823-b484-e611-80c9-00505689257e';
const hex = fc.stringMatching(/^[0-9a-f]{32}$/);
const dashed = (h: string) =>
  `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
const xFormat = (h: string) =>
  `{0x${h.slice(0, 8)},0x${h.slice(8, 12)},0x${h.slice(12, 16)},{${[...h.slice(16).matchAll(/../g)].map((m) => `0x${m[0]}`).join(',')}}}`;

describe('GUIDs as .NET parses them', () => {
  it('reads every format of the same GUID as the same lower-case D form', () => {
    fc.assert(
      fc.property(hex, fc.boolean(), (h, upper) => {
        const d = dashed(h);
        const spell = (text: string) => (upper ? text.toUpperCase().replaceAll('0X', '0x') : text);
        for (const text of [h, d, `{${d}}`, `(${d})`, xFormat(h), ` ${d}\n`]) {
          expect(parseGuid(spell(text))).toBe(d);
        }
      }),
    );
  });

  it('refuses what .NET refuses', () => {
    for (const text of [
      '',
      `${ID}0`,
      ID.slice(1),
      `{${ID})`,
      `{${ID}`,
      ID.replace('-', ''),
      `${ID.slice(0, 35)}g`,
      '{0xc9eeb030,0xff4b,0xea11,{0xac,0x9c,0x00,0x15,0x5d,0x4f,0xdc}}',
      '{0x1c9eeb030,0xff4b,0xea11,{0xac,0x9c,0x00,0x15,0x5d,0x4f,0xdc,0xf3}}',
      '{c9eeb030,0xff4b,0xea11,{0xac,0x9c,0x00,0x15,0x5d,0x4f,0xdc,0xf3}}',
      `\ufeff${ID}`,
      `${ID.slice(0, -1)}g`,
      `${ID.slice(0, 8)}x${ID.slice(9)}`,
      `${ID.slice(0, 7)}-${ID.slice(7, 8)}${ID.slice(9)}`,
    ]) {
      expect(parseGuid(text), text).toBeUndefined();
    }
    expect(parseGuid(42)).toBeUndefined();
  });

  it('keys subscriptions by GUID value and case-insensitive event name', () => {
    expect(subscriptionKey('QueueStatus', `{${ID.toUpperCase()}}`)).toBe(
      subscriptionKey('queuestatus', xFormat(ID.replaceAll('-', ''))),
    );
    expect(subscriptionKey('QueueStatus', 'Not-A-Guid')).toBe(subscriptionKey('QUEUESTATUS', 'not-a-guid'));
    expect(subscriptionKey('QueueStatus', ID)).not.toBe(subscriptionKey('UserStatus', ID));
  });
});

describe('event names as the hub sees them', () => {
  it('matches the catalog case-insensitively, with no aliases, and translates the reference spellings for clients', () => {
    expect(hubCatalog.canonical('userstatus')).toBe('UserStatus');
    expect(hubCatalog.canonical('QUEUECALLINCOMING')).toBe('QueueCallInComing');
    expect(hubCatalog.canonical('UserTerminalStatusEvent')).toBeUndefined();
    expect(wireEventName('UserTerminalStatusEvent')).toBe('UserTerminalStatus');
    expect(wireEventName('usercallincoming')).toBe('UserCallInComing');
    expect(wireEventName('SomethingNew')).toBe('SomethingNew');
    expect(entityTypeOf('CallbackChanged')).toBe('CallList');
    expect(entityTypeOf('QueueStatus')).toBe('Queue');
    expect(entityTypeOf('UserStatus')).toBe('User');
  });

  it('builds SubscriptionResult in wire property order with the event name lower-cased', () => {
    expect(JSON.stringify(subscriptionResult(true, null, ID, 'QueueStatus'))).toBe(
      `{"subscribed":true,"message":null,"entityId":"${ID}","eventName":"queuestatus"}`,
    );
    expect(subscriptionResult(false, 'Invalid event name', ID, null).eventName).toBeNull();
  });
});

describe('payloads as a real server serialises them', () => {
  it.each(documentedEventNames)(
    'completes %s published empty so that strict validation accepts it',
    (name) => {
      const data = eventData(
        {},
        { eventType: name, entityType: entityTypeOf(name), entityId: ID, organizationId: ORG },
      );
      const decoded = decodeEvent(name, data, 'strict');

      expect(decoded.issues).toEqual([]);
      expect(data).toMatchObject({
        rootEntityType: 'Organization',
        rootEntityId: ORG,
        eventType: name,
        entityId: ID,
      });
    },
  );

  it('keeps published values in declaration order, matching names case-insensitively, extra fields last', () => {
    const data = eventData(
      { talking: true, USERID: ID, Unknown: 1 },
      { eventType: 'UserStatus', entityType: 'User', entityId: ID, organizationId: ORG },
    );
    const keys = Object.keys(data);

    expect(data).toMatchObject({
      talking: true,
      userId: ID,
      unknown: 1,
      activeQueueId: null,
      parkedCalls: 0,
    });
    expect(keys.slice(0, 7)).toEqual([
      'rootEntityType',
      'rootEntityId',
      'eventType',
      'entityType',
      'entityId',
      'messageTTLSeconds',
      'userId',
    ]);
    expect(keys.at(-1)).toBe('unknown');
    expect(keys.slice(-3, -1)).toEqual(['id', 'timestamp']);
  });

  it('writes .NET defaults: empty GUID, 0, false, null and 0001-01-01T00:00:00', () => {
    const availability = eventData(
      {},
      { eventType: 'UserAvailability', entityType: 'User', entityId: ID, organizationId: ORG },
    );
    const status = eventData(
      {},
      { eventType: 'UserStatus', entityType: 'User', entityId: ID, organizationId: ORG },
    );

    expect(availability).toMatchObject({ startTime: '0001-01-01T00:00:00', userName: null });
    expect(status).toMatchObject({
      userId: EMPTY_GUID,
      talking: false,
      serviceTerminals: 0,
      wrapUpStart: null,
    });
  });

  it('passes the published fields only when partial', () => {
    const data = eventData(
      { Talking: true },
      { eventType: 'UserStatus', entityType: 'User', entityId: ID, organizationId: ORG },
      { partial: true },
    );
    expect(Object.keys(data)).toEqual([
      'rootEntityType',
      'rootEntityId',
      'eventType',
      'entityType',
      'entityId',
      'talking',
      'organizationId',
      'id',
      'timestamp',
    ]);
  });
});

describe('JSON as System.Text.Json reads and writes it', () => {
  it('refuses nesting deeper than 64 and keeps number literals as written', () => {
    expect(() => readJson(`${'['.repeat(64)}${']'.repeat(64)}`)).not.toThrow();
    expect(() => readJson(`${'['.repeat(65)}${']'.repeat(65)}`)).toThrow(JsonReaderError);
    const value = readJson('{"type":1.0,"other":4294967297}') as Record<
      string,
      { text: string; isInt32: boolean }
    >;
    expect(value.type?.text).toBe('1.0');
    expect(value.type?.isInt32).toBe(false);
    expect(value.other?.isInt32).toBe(false);
  });

  it('agrees with JSON.parse on every JSON text it accepts', () => {
    fc.assert(
      fc.property(fc.json({ depthSize: 'small' }), (text) => {
        const value = readJson(text);
        expect(JSON.stringify(plainOf(value))).toBe(JSON.stringify(JSON.parse(text)));
      }),
    );
  });

  it('answers any text or bytes with a value or a reader error, never another exception', () => {
    const reads = (text: string) => {
      try {
        readJson(text);
        parseClientMessage(text);
        parseHandshake(text);
      } catch (error) {
        if (!(error instanceof JsonReaderError) && !(error instanceof ProtocolViolation)) throw error;
      }
    };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json().map((json) => json.slice(0, Math.max(0, json.length - 1))),
          fc.uint8Array().map((bytes) => decodeRecord(bytes)),
          fc.json().map((json) => `{"type":1,"invocationId":"1","target":"Subscribe","arguments":[${json}]}`),
        ),
        reads,
      ),
      { numRuns: 2000 },
    );
  });

  it('turns bytes that are not UTF-8 into lone surrogates, and leaves valid UTF-8 alone', () => {
    expect(decodeRecord(Buffer.from('Försäljning 😀'))).toBe('Försäljning 😀');
    expect(decodeRecord(Buffer.from([0x61, 0xff, 0xc3]))).toBe('a\udcff\udcc3');
  });

  it('escapes what .NET escapes, in upper-case hex', () => {
    expect(dotnetStringify("😀<>&'+é\u0001\u2028\\u00e9")).toBe(
      '"\\uD83D\\uDE00<>&\'+é\\u0001\\u2028\\\\u00e9"',
    );
  });
});

function plainOf(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && 'text' in value && 'value' in value)
    return (value as { value: number }).value;
  if (Array.isArray(value)) return value.map(plainOf);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plainOf(item)]));
  }
  return value;
}
