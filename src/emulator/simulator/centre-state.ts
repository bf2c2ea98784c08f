import type { SimulatorDirectory } from './directory.ts';
import type { AgentState, CallbackState, CallListState, CallState, QueueState } from './model.ts';
import { OFFLINE } from './model.ts';
import type { Random } from './random.ts';

/** Queue calls arriving per agent per simulated second. */
export const ARRIVALS_PER_AGENT = 0.75 / 190;
/** Wrap-up each queue grants, in turn. */
export const WRAP_UP_SECONDS = [60, 30, 0] as const;

/**
 * Everything the simulated contact centre knows at one moment: its agents, queues and call lists,
 * the calls in each phase, the open callbacks and the simulated clock. The happenings of
 * `contact-centre.ts` read and change it; nothing else does.
 */
export interface CentreState {
  readonly organizationId: string;
  readonly callLists: CallListState[];
  readonly callListById: ReadonlyMap<string, CallListState>;
  readonly queues: QueueState[];
  readonly queueById: ReadonlyMap<string, QueueState>;
  readonly agents: AgentState[];
  readonly totalArrivalWeight: number;
  /** Queue calls arriving per simulated second, over all queues. */
  readonly arrivalRate: number;
  readonly ringingIn: CallState[];
  readonly talkingIn: CallState[];
  readonly held: CallState[];
  readonly dialling: CallState[];
  readonly talkingOut: CallState[];
  readonly wrapping: AgentState[];
  readonly openCallbacks: CallbackState[];
  /** Queues whose status changed since the last QueueStatus was published. */
  readonly dirtyQueues: QueueState[];
  /** Calls waiting in any queue. */
  waitingCount: number;
  /** Simulated seconds since the start. */
  now: number;
  /** Clock milliseconds of the happening being played. */
  nowMs: number;
  /** Whether the opening state has been published. */
  opened: boolean;
}

/** The state of a contact centre that has not opened yet. */
export function createCentreState(directory: SimulatorDirectory, random: Random): CentreState {
  const organizationId = directory.organizationId;
  const callLists: CallListState[] = directory.callLists.map((list) => ({ ...list }));
  const callListById = new Map(callLists.map((list) => [list.callListId, list]));
  const queues: QueueState[] = directory.queues.map((queue, i) => ({
    queueId: queue.queueId,
    name: queue.name,
    number: queue.number,
    callList: queue.callListId === null ? null : (callListById.get(queue.callListId) ?? null),
    members: [],
    arrivalWeight: 1 + random.int(3),
    wrapUpSeconds: WRAP_UP_SECONDS[i % WRAP_UP_SECONDS.length] as number,
    waiting: [],
    allocated: 0,
    connected: 0,
    counts: [queue.userIds.length, 0, 0, 0],
    onWrapUp: 0,
    dirty: false,
    statusKey: '',
  }));
  const queueById = new Map(queues.map((queue) => [queue.queueId, queue]));
  const agents: AgentState[] = directory.agents.map((agent, i) => {
    const state: AgentState = {
      userId: agent.userId,
      name: agent.name,
      userName: agent.userName,
      number: agent.number,
      techQueueId: random.guid(),
      queues: agent.queueIds.map((id) => queueById.get(id) as QueueState),
      // Someone has to work the callbacks, so the first agent always does.
      servesCallbacks: callLists.length > 0 && (i === 0 || random.chance(0.5)),
      availability: 'Available',
      availabilityNote: '',
      call: null,
      wrapUp: null,
      talkingChangedMs: null,
      idleSince: 0,
      category: OFFLINE,
      onWrapUp: false,
      statusKey: '',
    };
    for (const queue of state.queues) queue.members.push(state);
    return state;
  });
  const totalArrivalWeight = queues.reduce((sum, queue) => sum + queue.arrivalWeight, 0);
  const arrivalRate = Math.max(agents.length * ARRIVALS_PER_AGENT, 1 / 600);

  const ringingIn: CallState[] = [];
  const talkingIn: CallState[] = [];
  const held: CallState[] = [];
  const dialling: CallState[] = [];
  const talkingOut: CallState[] = [];
  const wrapping: AgentState[] = [];
  const openCallbacks: CallbackState[] = [];
  const dirtyQueues: QueueState[] = [];

  return {
    organizationId,
    callLists,
    callListById,
    queues,
    queueById,
    agents,
    totalArrivalWeight,
    arrivalRate,
    ringingIn,
    talkingIn,
    held,
    dialling,
    talkingOut,
    wrapping,
    openCallbacks,
    dirtyQueues,
    waitingCount: 0,
    now: 0,
    nowMs: 0,
    opened: false,
  };
}
