import { describe, expect, it } from 'vitest';
import { rteEventSchemas } from '../../src/events/index.ts';
import {
  canonicalEventName,
  documentedEventNames,
  legacyEventTypes,
  liveOnlyEventNames,
  normalizeEventName,
} from '../../src/index.ts';
import examples from './fixtures/rte-examples.json' with { type: 'json' };

describe('documentedEventNames', () => {
  it('lists the 36 documented events, each once', () => {
    expect(documentedEventNames).toHaveLength(36);
    expect(new Set(documentedEventNames).size).toBe(36);
  });

  it('matches the EventType of every documented example', () => {
    const fromExamples = Object.values(examples.events).map((payload) => payload.EventType);
    expect(documentedEventNames.filter((name) => name !== 'UserWrapUpRequestInitiate')).toEqual(fromExamples);
  });

  it('lists exactly the registry keys', () => {
    expect([...documentedEventNames].sort()).toEqual(Object.keys(rteEventSchemas).sort());
  });

  it('lists them in the registry’s order, which is the reference’s', () => {
    expect(documentedEventNames).toEqual(Object.keys(rteEventSchemas));
    expect(Object.isFrozen(documentedEventNames)).toBe(true);
  });

  it('shares no name with the live-only list', () => {
    const documented = new Set(documentedEventNames.map((name) => name.toLowerCase()));
    expect(liveOnlyEventNames.filter((name) => documented.has(name.toLowerCase()))).toEqual([]);
  });
});

describe('canonicalEventName', () => {
  it.each([
    ['UserStatus', 'UserStatus'],
    ['userstatus', 'UserStatus'],
    ['QUEUESTATUS', 'QueueStatus'],
    ['UserCallIncoming', 'UserCallInComing'],
    ['usercallincoming', 'UserCallInComing'],
    ['UserTerminalStatusEvent', 'UserTerminalStatus'],
    ['userterminalstatusevent', 'UserTerminalStatus'],
    ['callbackchanged', 'CallbackChanged'],
  ])('%s -> %s', (name, canonical) => {
    expect(canonicalEventName(name)).toBe(canonical);
  });

  it.each(['QueueCallInArrived', 'Nonsense', '', '__proto__', 'toString', 'constructor'])(
    'is undefined for %j',
    (name) => {
      expect(canonicalEventName(name)).toBeUndefined();
    },
  );

  it('finds every documented name from its lower-case form', () => {
    for (const name of documentedEventNames) expect(canonicalEventName(name.toLowerCase())).toBe(name);
  });
});

describe('normalizeEventName', () => {
  it('canonicalises documented and live-only names, and keeps others unchanged', () => {
    expect(normalizeEventName('userstatus')).toBe('UserStatus');
    expect(normalizeEventName('QUEUECALLINARRIVED')).toBe('QueueCallInArrived');
    expect(normalizeEventName('SomethingNew')).toBe('SomethingNew');
  });
});

describe('legacyEventTypes', () => {
  it('maps the numbers older servers sent to event names', () => {
    expect(Object.fromEntries(legacyEventTypes)).toEqual({
      1: 'UserAvailability',
      10: 'UserCallInComing',
      102: 'QueueCallInUserAllocated',
      140: 'QueueStatus',
      141: 'UserStatus',
    });
  });
});
