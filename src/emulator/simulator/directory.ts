import type { Random } from './random.ts';

/**
 * An agent of the simulated contact centre.
 *
 * @example
 * ```ts
 * import { createSimulator, type SimulatedAgent } from 'enreach-rte/emulator';
 *
 * const simulator = createSimulator({ publish: () => {} });
 * const first: SimulatedAgent | undefined = simulator.directory.agents[0];
 * console.log(first?.name, first?.userId);
 * ```
 */
export interface SimulatedAgent {
  /** The agent's user id: the entity id of every `User…` event about them. */
  readonly userId: string;
  /** Display name, e.g. `Aino Virtanen`. */
  readonly name: string;
  /** Login name, an e-mail address, as `UserName`/`Username` fields carry it. */
  readonly userName: string;
  /** The agent's own phone number. */
  readonly number: string;
  /** The queues the agent serves. */
  readonly queueIds: readonly string[];
}

/**
 * A service queue of the simulated contact centre.
 *
 * @example
 * ```ts
 * import { createSimulator, type SimulatedQueue } from 'enreach-rte/emulator';
 *
 * const simulator = createSimulator({ publish: () => {} });
 * const queues: readonly SimulatedQueue[] = simulator.directory.queues;
 * console.log(queues.map((queue) => `${queue.name}: ${queue.userIds.length} agents`));
 * ```
 */
export interface SimulatedQueue {
  /** The queue id: the entity id of its `QueueStatus` events. */
  readonly queueId: string;
  /** Display name, e.g. `Support`. */
  readonly name: string;
  /** The service number callers dial. */
  readonly number: string;
  /** The agents serving the queue. */
  readonly userIds: readonly string[];
  /** The call list that receives the queue's overflowing calls as callbacks, if there is one. */
  readonly callListId: string | null;
}

/**
 * A call list (callback list) of the simulated contact centre.
 *
 * @example
 * ```ts
 * import { createSimulator, type SimulatedCallList } from 'enreach-rte/emulator';
 *
 * const simulator = createSimulator({ publish: () => {} });
 * const lists: readonly SimulatedCallList[] = simulator.directory.callLists;
 * ```
 */
export interface SimulatedCallList {
  /** The call list id: the entity id of its `CallbackChanged` events. */
  readonly callListId: string;
  /** Display name, e.g. `Callbacks`. */
  readonly name: string;
}

/**
 * Everything the simulator invented, so a client knows what to subscribe to.
 *
 * @example
 * ```ts
 * import { createSimulator, type SimulatorDirectory } from 'enreach-rte/emulator';
 *
 * const { agents, queues }: SimulatorDirectory = createSimulator({ publish: () => {} }).directory;
 * console.log(`${agents.length} agents in ${queues.length} queues`);
 * ```
 */
export interface SimulatorDirectory {
  /** The organisation every entity belongs to (`RootEntityId`/`OrganizationId`). */
  readonly organizationId: string;
  /** The agents, in a stable order. */
  readonly agents: readonly SimulatedAgent[];
  /** The service queues, in a stable order. */
  readonly queues: readonly SimulatedQueue[];
  /** The call lists, in a stable order. */
  readonly callLists: readonly SimulatedCallList[];
}

/** What the directory is generated from. */
export interface DirectorySize {
  readonly agents: number;
  readonly queues: number;
  readonly callLists: number;
  readonly organizationId: string | undefined;
}

const FIRST_NAMES = [
  'Aino',
  'Eero',
  'Helmi',
  'Juho',
  'Kaisa',
  'Lauri',
  'Maija',
  'Niko',
  'Oona',
  'Pekka',
  'Riikka',
  'Sami',
  'Tiina',
  'Ville',
  'Emma',
  'Oskar',
  'Sofia',
  'Mikael',
  'Ella',
  'Anton',
  'Linnea',
  'Henrik',
  'Ida',
  'Jonas',
];
const LAST_NAMES = [
  'Virtanen',
  'Korhonen',
  'Nieminen',
  'Mäkinen',
  'Hämäläinen',
  'Laine',
  'Heikkinen',
  'Koskinen',
  'Järvinen',
  'Lehtonen',
  'Lindqvist',
  'Berg',
  'Andersson',
  'Johansson',
  'Nyström',
  'Salonen',
  'Åberg',
  'Lindholm',
];
const QUEUE_NAMES = [
  'Support',
  'Sales',
  'Billing',
  'Reception',
  'Technical Support',
  'Orders',
  'Returns',
  'Claims',
  'Renewals',
  'Partners',
];
const CALL_LIST_NAMES = ['Callbacks', 'Sales callbacks', 'Support callbacks', 'Billing callbacks'];
const MAX_QUEUES_PER_AGENT = 3;

function numbered(names: readonly string[], index: number): string {
  const base = names[index % names.length] as string;
  const round = Math.floor(index / names.length);
  return round === 0 ? base : `${base} ${round + 1}`;
}

function mailbox(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z]+/g, '.');
}

/**
 * Generates the simulated organisation: agents with names and numbers, the queues they serve (every
 * queue has at least one agent) and the call lists overflowing calls go to. Deterministic for a
 * given {@link Random} state.
 *
 * @example
 * ```ts
 * import { createDirectory } from './directory.ts';
 * import { createRandom } from './random.ts';
 *
 * const directory = createDirectory(createRandom(1), { agents: 8, queues: 3, callLists: 1, organizationId: undefined });
 * console.log(directory.queues[0]?.name); // 'Support'
 * ```
 */
export function createDirectory(random: Random, size: DirectorySize): SimulatorDirectory {
  const organizationId = size.organizationId ?? random.guid();
  const callLists: SimulatedCallList[] = [];
  for (let i = 0; i < size.callLists; i++) {
    callLists.push(Object.freeze({ callListId: random.guid(), name: numbered(CALL_LIST_NAMES, i) }));
  }
  const queueIds: string[] = [];
  const members: string[][] = [];
  for (let i = 0; i < size.queues; i++) {
    queueIds.push(random.guid());
    members.push([]);
  }
  const taken = new Set<string>();
  const agents: SimulatedAgent[] = [];
  for (let i = 0; i < size.agents; i++) {
    const userId = random.guid();
    const name = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
    let userName = `${mailbox(name)}@example.com`;
    for (let n = 2; taken.has(userName); n++) userName = `${mailbox(name)}${n}@example.com`;
    taken.add(userName);
    // Every queue gets a first agent in turn; the rest join one to three queues at random.
    const mine = new Set<number>([i % size.queues]);
    const extra = random.int(Math.min(MAX_QUEUES_PER_AGENT, size.queues));
    for (let k = 0; k < extra; k++) mine.add(random.int(size.queues));
    const indexes = [...mine].sort((a, b) => a - b);
    for (const q of indexes) members[q]?.push(userId);
    agents.push(
      Object.freeze({
        userId,
        name,
        userName,
        number: `+35850${random.digits(7)}`,
        queueIds: Object.freeze(indexes.map((q) => queueIds[q] as string)),
      }),
    );
  }
  const queues = queueIds.map((queueId, i) =>
    Object.freeze({
      queueId,
      name: numbered(QUEUE_NAMES, i),
      number: `+35810${random.digits(6)}`,
      userIds: Object.freeze(members[i] as string[]),
      callListId:
        callLists.length === 0 ? null : (callLists[i % callLists.length] as SimulatedCallList).callListId,
    }),
  );
  return Object.freeze({
    organizationId,
    agents: Object.freeze(agents),
    queues: Object.freeze(queues),
    callLists: Object.freeze(callLists),
  });
}
