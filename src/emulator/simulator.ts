import { createContactCentre } from './simulator/contact-centre.ts';
import type { SimulatorDirectory } from './simulator/directory.ts';
import { createDirectory } from './simulator/directory.ts';
import { createRandom } from './simulator/random.ts';

export type {
  SimulatedAgent,
  SimulatedCallList,
  SimulatedQueue,
  SimulatorDirectory,
} from './simulator/directory.ts';
export { simulatedEventNames } from './simulator/event-names.ts';

/**
 * Receives each simulated event: its name (`UserStatus`, `QueueStatus`, ...), the id of the entity
 * it is about (a user, queue or call list id) and its data with PascalCase keys as the reference
 * documents them. Called synchronously; it should not throw.
 *
 * @example
 * ```ts
 * import { createSimulator, type SimulatorPublish, startEmulator } from 'enreach-rte/emulator';
 *
 * const emu = await startEmulator();
 * const publish: SimulatorPublish = (eventName, entityId, data) => void emu.publish(eventName, entityId, data);
 * const simulator = createSimulator({ publish });
 * ```
 */
export type SimulatorPublish = (eventName: string, entityId: string, data: Record<string, unknown>) => void;

/**
 * The interval timers the simulator runs on; defaults to the global ones.
 *
 * @example
 * ```ts
 * import { createSimulator, type SimulatorTimers } from 'enreach-rte/emulator';
 *
 * const timers: SimulatorTimers = { setInterval, clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout) };
 * const simulator = createSimulator({ publish: () => {}, timers });
 * ```
 */
export interface SimulatorTimers {
  /** Calls `callback` every `ms` milliseconds; returns a handle for `clearInterval`. */
  setInterval(callback: () => void, ms: number): unknown;
  /** Stops the interval the handle stands for. */
  clearInterval(handle: unknown): void;
}

/**
 * Options for {@link createSimulator}.
 *
 * @example
 * ```ts
 * import { createSimulator, type SimulatorOptions } from 'enreach-rte/emulator';
 *
 * const options: SimulatorOptions = { seed: 42, agents: 20, queues: 4, eventsPerSecond: 50, publish: () => {} };
 * const simulator = createSimulator(options);
 * ```
 */
export interface SimulatorOptions {
  /**
   * Seed of the simulation: the same seed (and clock) produces the same events, ids included.
   * @default 1
   */
  seed?: number | undefined;
  /**
   * Number of agents.
   * @default 8
   */
  agents?: number | undefined;
  /**
   * Number of service queues.
   * @default 3
   */
  queues?: number | undefined;
  /**
   * Number of call lists that overflowing calls and callback requests go to; 0 for none.
   * @default 1
   */
  callLists?: number | undefined;
  /**
   * How many events {@link Simulator.start} publishes per second.
   * @default 20
   */
  eventsPerSecond?: number | undefined;
  /** Where events go; typically the emulator's publish function. */
  publish: SimulatorPublish;
  /**
   * Organisation id of every entity, a GUID.
   * @default a GUID derived from the seed
   */
  organizationId?: string | undefined;
  /**
   * Milliseconds since the epoch; stamps every payload.
   * @default Date.now
   */
  clock?: (() => number) | undefined;
  /**
   * Timers {@link Simulator.start} schedules with.
   * @default globalThis.setInterval / clearInterval
   */
  timers?: SimulatorTimers | undefined;
}

/**
 * A seeded simulated contact centre publishing RTE events.
 *
 * @example
 * ```ts
 * import { createSimulator, type Simulator, startEmulator } from 'enreach-rte/emulator';
 *
 * const emu = await startEmulator();
 * const simulator: Simulator = createSimulator({ publish: (name, id, data) => void emu.publish(name, id, data) });
 * simulator.step(100); // the opening state and the first events, at once
 * simulator.start(); // then 20 events per second until stop()
 * ```
 */
export interface Simulator {
  /** The generated agents, queues and call lists, to subscribe to. */
  readonly directory: SimulatorDirectory;
  /** Whether {@link Simulator.start} is publishing on a timer. */
  readonly running: boolean;
  /** Publishes events on a timer at `eventsPerSecond` until {@link Simulator.stop}. Idempotent. */
  start(): void;
  /** Clears every timer the simulator holds. Idempotent. */
  stop(): void;
  /**
   * Publishes the next `count` events synchronously. The first events are the opening state:
   * `UserAvailability` and `UserStatus` for every agent, `QueueStatus` for every queue.
   */
  step(count?: number): void;
}

const SIMULATOR_DEFAULTS = {
  seed: 1,
  agents: 8,
  queues: 3,
  callLists: 1,
  eventsPerSecond: 20,
} as const;
// Below this period, batching a few events per tick is cheaper than more timer callbacks.
const MIN_TICK_MS = 10;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function count(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  const resolved = value ?? fallback;
  if (!Number.isInteger(resolved) || resolved < min || resolved > max) {
    throw new TypeError(`createSimulator: options.${name} must be an integer from ${min} to ${max}`);
  }
  return resolved;
}

/**
 * Creates a seeded simulated contact centre that publishes plausible RTE traffic: agents changing
 * availability, calls queuing, ringing, connecting, holding and ending, wrap-ups, queue counters,
 * overflows into callbacks and callback attempts. Deterministic for a given seed and clock.
 *
 * @throws TypeError when an option is malformed.
 *
 * @example
 * ```ts
 * import { createSimulator } from 'enreach-rte/emulator';
 *
 * const simulator = createSimulator({
 *   seed: 7,
 *   publish: (eventName, entityId, data) => console.log(eventName, entityId, data.Timestamp),
 * });
 * for (const queue of simulator.directory.queues) console.log(queue.name, queue.queueId);
 * simulator.step(100); // a hundred events right now
 * simulator.start(); // then 20 per second
 * setTimeout(() => simulator.stop(), 5_000);
 * ```
 */
export function createSimulator(options: SimulatorOptions): Simulator {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('createSimulator: options must be an object');
  }
  const { publish, organizationId, clock = Date.now } = options;
  if (typeof publish !== 'function')
    throw new TypeError('createSimulator: options.publish must be a function');
  if (typeof clock !== 'function') throw new TypeError('createSimulator: options.clock must be a function');
  if (organizationId !== undefined && (typeof organizationId !== 'string' || !GUID.test(organizationId))) {
    throw new TypeError('createSimulator: options.organizationId must be a GUID');
  }
  const seed = options.seed ?? SIMULATOR_DEFAULTS.seed;
  if (!Number.isSafeInteger(seed)) throw new TypeError('createSimulator: options.seed must be an integer');
  const agents = count('agents', options.agents, SIMULATOR_DEFAULTS.agents, 1, 100_000);
  const queues = count('queues', options.queues, SIMULATOR_DEFAULTS.queues, 1, 10_000);
  const callLists = count('callLists', options.callLists, SIMULATOR_DEFAULTS.callLists, 0, 10_000);
  const eventsPerSecond = options.eventsPerSecond ?? SIMULATOR_DEFAULTS.eventsPerSecond;
  if (!Number.isFinite(eventsPerSecond) || eventsPerSecond <= 0 || eventsPerSecond > 1_000_000) {
    throw new TypeError(
      'createSimulator: options.eventsPerSecond must be a number above 0 and at most 1000000',
    );
  }
  const timers = options.timers ?? {
    setInterval: (callback: () => void, ms: number): unknown => setInterval(callback, ms),
    clearInterval: (handle: unknown): void => clearInterval(handle as ReturnType<typeof setInterval>),
  };
  if (typeof timers.setInterval !== 'function' || typeof timers.clearInterval !== 'function') {
    throw new TypeError('createSimulator: options.timers must have setInterval and clearInterval');
  }

  const random = createRandom(seed);
  const directory = createDirectory(random, { agents, queues, callLists, organizationId });
  const names: string[] = [];
  const ids: string[] = [];
  const data: Record<string, unknown>[] = [];
  let head = 0;
  const centre = createContactCentre(directory, random, clock, (eventName, entityId, payload) => {
    names.push(eventName);
    ids.push(entityId);
    data.push(payload);
  });

  const tickMs = Math.max(MIN_TICK_MS, 1000 / eventsPerSecond);
  const perTick = (eventsPerSecond * tickMs) / 1000;
  let handle: unknown;
  let running = false;
  let owed = 0;

  function step(count = 1): void {
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new TypeError('Simulator.step: count must be a non-negative integer');
    }
    for (let i = 0; i < count; i++) {
      while (head === names.length) {
        names.length = 0;
        ids.length = 0;
        data.length = 0;
        head = 0;
        centre.advance();
      }
      const index = head++;
      publish(names[index] as string, ids[index] as string, data[index] as Record<string, unknown>);
    }
  }

  function tick(): void {
    owed += perTick;
    const due = Math.floor(owed + 1e-9);
    owed -= due;
    step(due);
  }

  return {
    directory,
    get running() {
      return running;
    },
    start() {
      if (running) return;
      running = true;
      owed = 0;
      handle = timers.setInterval(tick, tickMs);
    },
    stop() {
      if (!running) return;
      running = false;
      timers.clearInterval(handle);
      handle = undefined;
    },
    step,
  };
}
