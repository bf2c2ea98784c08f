import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SimulatorOptions, SimulatorTimers } from '../../src/emulator/simulator.ts';
import { createSimulator, simulatedEventNames } from '../../src/emulator/simulator.ts';
import { decodeMessage, rteEventSchemas } from '../../src/events/index.ts';
import { camelCaseKeys } from '../../src/events/keys.ts';

interface Published {
  readonly eventName: string;
  readonly entityId: string;
  readonly data: Record<string, unknown>;
}

const START = Date.UTC(2025, 0, 6, 8, 0, 0);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UTC_STAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/;
const UNZONED = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/;
const STEPS = 5_000;

type Config = Omit<SimulatorOptions, 'publish'>;

function record(config: Config, steps: number) {
  const events: Published[] = [];
  let ticks = 0;
  const simulator = createSimulator({
    clock: () => START + ticks++ * 37,
    ...config,
    publish: (eventName, entityId, data) => events.push({ eventName, entityId, data }),
  });
  simulator.step(steps);
  return { events, directory: simulator.directory };
}

const runs = new Map<string, ReturnType<typeof record>>();
function run(config: Config) {
  const key = JSON.stringify(config);
  let found = runs.get(key);
  if (found === undefined) {
    found = record(config, STEPS);
    runs.set(key, found);
  }
  return found;
}

const num = (data: Record<string, unknown>, key: string): number => data[key] as number;
const str = (data: Record<string, unknown>, key: string): string => data[key] as string;

afterEach(() => {
  vi.useRealTimers();
});

describe('createSimulator', () => {
  it('replays the identical event sequence for the same seed', () => {
    const first = record({ seed: 42 }, 2_000);
    const second = record({ seed: 42 }, 2_000);
    expect(second.directory).toEqual(first.directory);
    expect(second.events).toEqual(first.events);
  });

  it('produces a different sequence for a different seed', () => {
    const first = record({ seed: 1 }, 500);
    const second = record({ seed: 2 }, 500);
    expect(second.directory.organizationId).not.toBe(first.directory.organizationId);
    expect(second.events).not.toEqual(first.events);
  });

  it('lists the agents, queues and call lists it generates', () => {
    const { directory } = record({ seed: 3, agents: 12, queues: 4, callLists: 2 }, 0);
    expect(directory.agents).toHaveLength(12);
    expect(directory.queues).toHaveLength(4);
    expect(directory.callLists).toHaveLength(2);
    const ids = [
      directory.organizationId,
      ...directory.agents.map((agent) => agent.userId),
      ...directory.queues.map((queue) => queue.queueId),
      ...directory.callLists.map((list) => list.callListId),
    ];
    for (const id of ids) expect(id).toMatch(GUID);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(directory.agents.map((agent) => agent.userName)).size).toBe(12);
    for (const queue of directory.queues) {
      expect(queue.name).not.toBe('');
      expect(queue.userIds.length).toBeGreaterThan(0);
      expect(directory.callLists.map((list) => list.callListId)).toContain(queue.callListId);
      for (const userId of queue.userIds) {
        expect(directory.agents.find((agent) => agent.userId === userId)?.queueIds).toContain(queue.queueId);
      }
    }
    for (const agent of directory.agents) {
      expect(agent.name).toMatch(/^\S+ \S+$/);
      expect(agent.userName).toMatch(/^[a-z.]+\d*@example\.com$/);
      expect(agent.queueIds.length).toBeGreaterThan(0);
    }
  });

  it('opens with the availability and status of every agent and the status of every queue', () => {
    const { events, directory } = record({ seed: 5 }, 2 * 8 + 3);
    for (const agent of directory.agents) {
      const names = events.filter((event) => event.entityId === agent.userId).map((event) => event.eventName);
      expect(names).toEqual(['UserAvailability', 'UserStatus']);
    }
    expect(
      events.filter((event) => event.eventName === 'QueueStatus').map((event) => event.entityId),
    ).toEqual(directory.queues.map((queue) => queue.queueId));
  });

  it('publishes exactly as many events as steps asked for', () => {
    const events: Published[] = [];
    const simulator = createSimulator({
      publish: (eventName, entityId, data) => events.push({ eventName, entityId, data }),
    });
    simulator.step(0);
    expect(events).toHaveLength(0);
    simulator.step();
    expect(events).toHaveLength(1);
    simulator.step(99);
    expect(events).toHaveLength(100);
  });

  it('uses the given organisation id for every event', () => {
    const organizationId = '29f6e823-b484-e611-80c9-00505689257e';
    const { events, directory } = record({ organizationId }, 300);
    expect(directory.organizationId).toBe(organizationId);
    for (const { data } of events) {
      expect(data.RootEntityId).toBe(organizationId);
      expect(data.OrganizationId).toBe(organizationId);
    }
  });

  it('runs without call lists, overflowing no call into a callback', () => {
    const { events, directory } = record({ seed: 8, callLists: 0 }, 3_000);
    expect(directory.queues.every((queue) => queue.callListId === null)).toBe(true);
    const names = new Set(events.map((event) => event.eventName));
    expect(names.has('CallbackChanged')).toBe(false);
    expect(names.has('UserCallInCallbackCreated')).toBe(false);
    expect(names.has('UserCallInUserConnected')).toBe(true);
  });

  it('rejects malformed options with a TypeError', () => {
    const publish = () => {};
    const bad: unknown[] = [
      undefined,
      {},
      { publish: 'nope' },
      { publish, agents: 0 },
      { publish, agents: 1.5 },
      { publish, queues: 0 },
      { publish, callLists: -1 },
      { publish, eventsPerSecond: 0 },
      { publish, eventsPerSecond: Number.NaN },
      { publish, seed: 0.5 },
      { publish, organizationId: 'not-a-guid' },
      { publish, clock: 5 },
      { publish, timers: {} },
    ];
    for (const options of bad) {
      expect(() => createSimulator(options as SimulatorOptions)).toThrow(TypeError);
    }
    const simulator = createSimulator({ publish });
    expect(() => simulator.step(-1)).toThrow(TypeError);
    expect(() => simulator.step(1.5)).toThrow(TypeError);
  });

  it('keeps the defaults when options are explicitly undefined', () => {
    const { directory } = record(
      { agents: undefined, queues: undefined, callLists: undefined, seed: undefined },
      0,
    );
    expect(directory).toEqual(record({}, 0).directory);
    expect(directory.agents).toHaveLength(8);
    expect(directory.queues).toHaveLength(3);
    expect(directory.callLists).toHaveLength(1);
  });
});

describe.each([
  { name: 'default size', config: { seed: 1 } },
  { name: 'larger centre', config: { seed: 9, agents: 25, queues: 6, callLists: 2 } },
])('over $name', ({ config }) => {
  it('publishes every event for the entity it is about', () => {
    const { events, directory } = run(config);
    const users = new Set(directory.agents.map((agent) => agent.userId));
    const queues = new Set(directory.queues.map((queue) => queue.queueId));
    const lists = new Set(directory.callLists.map((list) => list.callListId));
    for (const { eventName, entityId, data } of events) {
      expect(data.EventType).toBe(eventName);
      expect(data.EntityId).toBe(entityId);
      expect(data.RootEntityType).toBe('Organization');
      expect(data.RootEntityId).toBe(directory.organizationId);
      if (simulatedEventNames.queue.includes(eventName as 'QueueStatus')) {
        expect(data.EntityType).toBe('Queue');
        expect(queues.has(entityId)).toBe(true);
        expect(data.QueueId).toBe(entityId);
      } else if (simulatedEventNames.callList.includes(eventName as 'CallbackChanged')) {
        expect(data.EntityType).toBe('CallList');
        expect(lists.has(entityId)).toBe(true);
        expect(data.CallListId).toBe(entityId);
      } else {
        expect(simulatedEventNames.user).toContain(eventName);
        expect(data.EntityType).toBe('User');
        expect(users.has(entityId)).toBe(true);
        expect(data.UserId).toBe(entityId);
      }
    }
  });

  it('produces every event name it advertises', () => {
    const { events } = run(config);
    const seen = new Set(events.map((event) => event.eventName));
    const advertised = [
      ...simulatedEventNames.user,
      ...simulatedEventNames.queue,
      ...simulatedEventNames.callList,
    ];
    expect([...seen].sort()).toEqual([...advertised].sort());
  });

  it('writes PascalCase keys, GUID ids and timestamps the way the live service does', () => {
    const { events } = run(config);
    const keys = (value: unknown): string[] => {
      if (Array.isArray(value)) return value.flatMap(keys);
      if (value === null || typeof value !== 'object') return [];
      return Object.entries(value).flatMap(([key, item]) => [key, ...keys(item)]);
    };
    let openEnded = 0;
    let bounded = 0;
    for (const { eventName, data } of events) {
      for (const key of keys(data)) expect(key).toMatch(/^[A-Z][A-Za-z]*$/);
      expect(data.Id).toMatch(GUID);
      expect(data.Timestamp).toMatch(UTC_STAMP);
      expect(Date.parse(str(data, 'Timestamp'))).toBeGreaterThanOrEqual(START);
      if (eventName === 'UserAvailability') {
        expect(data.StartTime).toMatch(UNZONED);
        if (data.EndTime === '9999-12-31T23:59:59') openEnded++;
        else {
          expect(data.EndTime).toMatch(UNZONED);
          expect(str(data, 'EndTime') > str(data, 'StartTime')).toBe(true);
          bounded++;
        }
        expect(['Available', 'Busy', 'DoNotDisturb', 'OffWork', 'BRB', 'Away']).toContain(data.Availability);
      }
    }
    expect(openEnded).toBeGreaterThan(0);
    expect(bounded).toBeGreaterThan(0);
  });

  it('keeps every QueueStatus non-negative, adding up and matching the calls agents report', () => {
    const { events, directory } = run(config);
    const queueByNumber = new Map(directory.queues.map((queue) => [queue.number, queue.queueId]));
    const ringing = new Map<string, number>();
    const talking = new Map<string, number>();
    const bump = (counter: Map<string, number>, queueId: string, by: number) =>
      counter.set(queueId, (counter.get(queueId) ?? 0) + by);
    let statuses = 0;
    let queued = 0;
    for (const { eventName, data: status } of events) {
      const queueId = queueByNumber.get(status.TargetNumber as string);
      if (queueId !== undefined) {
        if (eventName === 'UserCallInUserAllocated') bump(ringing, queueId, 1);
        if (eventName === 'UserCallInUserCancelled') bump(ringing, queueId, -1);
        if (eventName === 'UserCallInUserConnected') {
          bump(ringing, queueId, -1);
          bump(talking, queueId, 1);
        }
        if (eventName === 'UserCallInDisconnected') bump(talking, queueId, -1);
      }
      if (eventName !== 'QueueStatus') continue;
      statuses++;
      expect(status.NbrOfAllocated).toBe(ringing.get(status.QueueId as string) ?? 0);
      expect(status.NbrOfConnected).toBe(talking.get(status.QueueId as string) ?? 0);
      for (const [key, value] of Object.entries(status)) {
        if (key.startsWith('Nbr') || key === 'MaxWaitTime') {
          expect(Number.isInteger(value), key).toBe(true);
          expect(value as number, key).toBeGreaterThanOrEqual(0);
        }
      }
      const queuing = num(status, 'NbrOfQueuingRequesters');
      expect(num(status, 'NbrOfRequesters')).toBe(
        queuing + num(status, 'NbrOfAllocated') + num(status, 'NbrOfConnected'),
      );
      expect(num(status, 'NbrOfNotServedRequesters')).toBe(queuing + num(status, 'NbrOfAllocated'));
      expect(num(status, 'NbrOfAgentsImmediatelyFree')).toBeLessThanOrEqual(num(status, 'NbrOfProviders'));
      expect(
        num(status, 'NbrOfAgentsImmediatelyFree') +
          num(status, 'NbrOfAgentsShortTermAway') +
          num(status, 'NbrOfAgentsLongTermAway'),
      ).toBe(num(status, 'NbrOfAgentsCheckedInQueue'));
      expect(num(status, 'NbrOfAgentsOnWrapUp')).toBeLessThanOrEqual(num(status, 'NbrOfAgentsShortTermAway'));
      if (queuing === 0) expect(status.MaxWaitTime).toBe(0);
      queued = Math.max(queued, queuing);
    }
    expect(statuses).toBeGreaterThan(100);
    expect(queued).toBeGreaterThan(0);
  });

  it('moves every call through a legal lifecycle and never gives a busy agent a second call', () => {
    const { events } = run(config);
    const allowedAfter: Record<string, readonly string[]> = {
      UserCallInComing: [''],
      UserCallInArrived: ['UserCallInComing'],
      UserCallInUserAllocated: ['', 'UserCallInArrived', 'UserCallInUserCancelled'],
      UserCallInUserCancelled: ['UserCallInUserAllocated'],
      UserCallInUserConnected: ['UserCallInUserAllocated'],
      UserCallInHoldStart: ['UserCallInUserConnected', 'UserCallInHoldEnd'],
      UserCallInHoldEnd: ['UserCallInHoldStart'],
      UserCallInDisconnected: ['UserCallInUserConnected', 'UserCallInHoldEnd'],
      UserCallInUserOverflow: ['UserCallInArrived', 'UserCallInUserAllocated'],
      UserCallInOverflow: ['UserCallInArrived'],
      UserCallInCallbackCreated: ['UserCallInOverflow'],
      UserCallOutGoing: [''],
      UserCallOutConnected: ['UserCallOutGoing'],
      UserCallOutDisconnected: ['UserCallOutGoing', 'UserCallOutConnected'],
    };
    const takesAgent = new Set(['UserCallInUserAllocated', 'UserCallOutGoing']);
    const freesAgent = new Set([
      'UserCallInUserCancelled',
      'UserCallInDisconnected',
      'UserCallInUserOverflow',
      'UserCallOutDisconnected',
    ]);
    const last = new Map<string, string>();
    const holder = new Map<string, string>(); // callId -> userId
    const busy = new Map<string, string>(); // userId -> callId
    const wrapping = new Set<string>();
    let completed = 0;
    for (const { eventName, entityId, data } of events) {
      if (eventName === 'UserWrapUpStarted') wrapping.add(entityId);
      if (eventName === 'UserWrapUpTerminated') wrapping.delete(entityId);
      const allowed = allowedAfter[eventName];
      if (allowed === undefined) continue;
      const callId = str(data, 'CallId');
      expect(callId).toMatch(GUID);
      const previous = last.get(callId) ?? '';
      expect(allowed, `${eventName} after ${previous || 'nothing'}`).toContain(previous);
      last.set(callId, eventName);
      if (takesAgent.has(eventName)) {
        expect(busy.has(entityId), `${entityId} already has ${busy.get(entityId)}`).toBe(false);
        expect(wrapping.has(entityId), `${entityId} is in wrap-up`).toBe(false);
        busy.set(entityId, callId);
        holder.set(callId, entityId);
      } else if (holder.has(callId)) {
        expect(entityId).toBe(holder.get(callId));
      }
      if (freesAgent.has(eventName) && holder.has(callId)) {
        busy.delete(entityId);
        holder.delete(callId);
      }
      if (eventName === 'UserCallInDisconnected') completed++;
    }
    expect(completed).toBeGreaterThan(50);
  });

  it('reports agent status consistent with their calls and wrap-ups', () => {
    const { events } = run(config);
    const onCall = new Set<string>();
    const wrapping = new Set<string>();
    const wrapUps = new Map<string, string>(); // wrapUpId -> last wrap-up event
    for (const { eventName, entityId, data } of events) {
      if (eventName === 'UserCallInUserAllocated' || eventName === 'UserCallOutGoing') onCall.add(entityId);
      if (
        eventName === 'UserCallInUserCancelled' ||
        eventName === 'UserCallInDisconnected' ||
        eventName === 'UserCallOutDisconnected' ||
        (eventName === 'UserCallInUserOverflow' && onCall.has(entityId) && data.Reason === 'NoAnswer')
      ) {
        onCall.delete(entityId);
      }
      if (eventName.startsWith('UserWrapUp')) {
        const id = str(data, 'WrapUpId');
        const previous = wrapUps.get(id) ?? '';
        const order: Record<string, string[]> = {
          UserWrapUpEnabled: [''],
          UserWrapUpStarted: ['UserWrapUpEnabled'],
          UserWrapUpRequestTerminate: ['UserWrapUpStarted'],
          UserWrapUpTerminated: ['UserWrapUpStarted', 'UserWrapUpRequestTerminate'],
        };
        expect(order[eventName], `${eventName} after ${previous}`).toContain(previous);
        wrapUps.set(id, eventName);
        if (eventName === 'UserWrapUpStarted') wrapping.add(entityId);
        if (eventName === 'UserWrapUpTerminated') {
          wrapping.delete(entityId);
          expect(num(data, 'ElapsedTimeSec')).toBeGreaterThanOrEqual(0);
          expect(data.Reason === 'manual' || data.Reason === 'timer').toBe(true);
        }
      }
      if (eventName !== 'UserStatus') continue;
      expect(data.Talking).toBe(onCall.has(entityId));
      expect(data.WrapUpStart !== null).toBe(wrapping.has(entityId));
      expect(data.WrapUpEnd !== null).toBe(wrapping.has(entityId));
      expect(data.CanBeAllocatedTo).toBe(
        !onCall.has(entityId) && !wrapping.has(entityId) && data.AvailabilityStatus === 'Available',
      );
      if (data.Talking === false) {
        expect(data.ActiveQueueId).toBeNull();
        expect(data.ActiveCallListId).toBeNull();
      }
    }
  });

  it('creates, updates and closes callbacks consistently, never touching a closed one', () => {
    const { events } = run(config);
    const attempts = new Map<string, number>();
    const closed = new Set<string>();
    let closes = 0;
    for (const { eventName, entityId, data } of events) {
      if (eventName !== 'CallbackChanged') continue;
      const id = str(data, 'CallBackId');
      expect(closed.has(id), `callback ${id} changed after closing`).toBe(false);
      const list = data.CallbackAttempts as unknown[];
      expect(data.CallListId).toBe(entityId);
      if (!attempts.has(id)) {
        expect(data.Created).toBe(true);
        expect(data.IsClosed).toBe(false);
        expect(list).toHaveLength(0);
        expect(data.LastAttemptTimestamp).toBeNull();
      } else {
        expect(data.Created).toBe(false);
        expect(list).toHaveLength((attempts.get(id) as number) + 1);
        const lastAttempt = list[list.length - 1] as Record<string, unknown>;
        expect(data.LastAttemptUserId).toBe(lastAttempt.UserId);
        expect(data.LastAttemptTypeId).toBe(lastAttempt.CallbackAttemptTypeId);
      }
      attempts.set(id, list.length);
      if (data.IsClosed === true) {
        closed.add(id);
        closes++;
      }
    }
    expect(closes).toBeGreaterThan(0);
  });

  it('publishes only events the SDK catalog accepts in strict mode, with every documented field', () => {
    const { events, directory } = run(config);
    const schemas = rteEventSchemas as unknown as Record<string, { def: { shape: Record<string, unknown> } }>;
    const undocumented = events.filter(({ eventName }) => !(eventName in schemas));
    // The live-only names the simulator also produces, so that untyped delivery shows up.
    expect(new Set(undocumented.map(({ eventName }) => eventName))).toEqual(
      new Set(['QueueCallInComing', 'QueueCallInUserConnected']),
    );
    for (const { eventName, entityId, data } of events.filter(({ eventName }) => eventName in schemas)) {
      const entityType = data.EntityType as string;
      const message = {
        subscription: {
          id: '81352549-c0be-4d58-bc76-79a29ac92e1d',
          allRootEntities: false,
          rootEntityId: directory.organizationId,
          rootEntityType: 'Organization',
          organizationId: directory.organizationId,
          eventType: eventName,
          entityType,
          entityId,
          allEntities: false,
        },
        data: camelCaseKeys(data),
      };
      const decoded = decodeMessage(message, 'strict');
      expect(decoded.known, eventName).toBe(true);
      expect(decoded.issues, `${eventName} ${JSON.stringify(data)}`).toEqual([]);
      expect(decoded.valid, eventName).toBe(true);
      const documented = Object.keys(schemas[eventName]?.def.shape ?? {}).sort();
      expect(Object.keys(message.data as object).sort(), eventName).toEqual(documented);
    }
  });
});

describe('start and stop', () => {
  it('runs the documented example: step a hundred events, then publish on a timer until stopped', () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const simulator = createSimulator({
      seed: 7,
      publish: (eventName, entityId, data) => lines.push(`${eventName} ${entityId} ${data.Timestamp}`),
    });
    expect(simulator.directory.queues.map((queue) => queue.name)).toEqual(['Support', 'Sales', 'Billing']);
    simulator.step(100);
    expect(lines).toHaveLength(100);
    simulator.start();
    setTimeout(() => simulator.stop(), 5_000);
    vi.advanceTimersByTime(10_000);
    // Five seconds at 20 per second; the stop and the last tick fall due on the same millisecond.
    expect(lines.length).toBeGreaterThanOrEqual(199);
    expect(lines.length).toBeLessThanOrEqual(200);
    expect(simulator.running).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('publishes at the configured rate on timers and leaves no timer after stop', () => {
    vi.useFakeTimers();
    let published = 0;
    const simulator = createSimulator({ eventsPerSecond: 20, publish: () => published++ });
    simulator.start();
    simulator.start();
    expect(simulator.running).toBe(true);
    vi.advanceTimersByTime(1_000);
    expect(published).toBe(20);
    vi.advanceTimersByTime(2_000);
    expect(published).toBe(60);
    simulator.stop();
    expect(simulator.running).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(5_000);
    expect(published).toBe(60);
  });

  it('batches high rates into fewer ticks without losing events', () => {
    vi.useFakeTimers();
    let published = 0;
    const simulator = createSimulator({ eventsPerSecond: 2_500, publish: () => published++ });
    simulator.start();
    vi.advanceTimersByTime(1_000);
    expect(Math.abs(published - 2_500)).toBeLessThanOrEqual(1);
    simulator.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('runs on injected timers and clears exactly the timer it set', () => {
    const set: { callback: () => void; ms: number; handle: number }[] = [];
    const cleared: unknown[] = [];
    const timers: SimulatorTimers = {
      setInterval(callback, ms) {
        set.push({ callback, ms, handle: set.length + 1 });
        return set.length;
      },
      clearInterval(handle) {
        cleared.push(handle);
      },
    };
    let published = 0;
    const simulator = createSimulator({ eventsPerSecond: 4, timers, publish: () => published++ });
    simulator.start();
    expect(set).toHaveLength(1);
    expect(set[0]?.ms).toBe(250);
    set[0]?.callback();
    set[0]?.callback();
    expect(published).toBe(2);
    simulator.stop();
    simulator.stop();
    expect(cleared).toEqual([1]);
  });
});
