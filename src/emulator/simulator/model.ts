/**
 * The simulated contact centre's live state: who is doing what, which calls are where, which
 * callbacks are open. Times in `…At` fields are simulated seconds; `…Ms` fields are clock
 * milliseconds, used only to stamp payloads.
 */

/** Availability states a user can be in, as `UserAvailability.Availability` spells them. */
export type Availability = 'Available' | 'Busy' | 'DoNotDisturb' | 'OffWork' | 'BRB' | 'Away';

/** Index of an agent category in {@link QueueState.counts}. */
export type AgentCategory = 0 | 1 | 2 | 3;
/** Not serving at all (off work): not a provider. */
export const OFFLINE: AgentCategory = 0;
/** Can be allocated a call right now. */
export const FREE: AgentCategory = 1;
/** Serving but briefly unavailable: talking, in wrap-up, or be-right-back. */
export const SHORT_AWAY: AgentCategory = 2;
/** Serving but unavailable for a while: busy, away or do-not-disturb. */
export const LONG_AWAY: AgentCategory = 3;

/** An agent and what they are doing. */
export interface AgentState {
  readonly userId: string;
  readonly name: string;
  readonly userName: string;
  readonly number: string;
  /** The agent's personal technical queue, which direct calls pass through. */
  readonly techQueueId: string;
  readonly queues: QueueState[];
  readonly servesCallbacks: boolean;
  availability: Availability;
  availabilityNote: string;
  call: CallState | null;
  wrapUp: WrapUpState | null;
  talkingChangedMs: number | null;
  idleSince: number;
  category: AgentCategory;
  onWrapUp: boolean;
  /** The last `UserStatus` published, as a comparable string. */
  statusKey: string;
}

/** A service queue and its counters. */
export interface QueueState {
  readonly queueId: string;
  readonly name: string;
  readonly number: string;
  readonly callList: CallListState | null;
  readonly members: AgentState[];
  /** Share of arriving calls this queue gets, relative to the other queues. */
  readonly arrivalWeight: number;
  /** Wrap-up granted after each call, in seconds; 0 when the queue has none. */
  readonly wrapUpSeconds: number;
  /** Calls waiting for an agent, oldest first. */
  readonly waiting: CallState[];
  allocated: number;
  connected: number;
  /** Members per {@link AgentCategory}. */
  readonly counts: [number, number, number, number];
  onWrapUp: number;
  dirty: boolean;
  /** The last `QueueStatus` counters published, as a comparable string. */
  statusKey: string;
}

/** A call list. */
export interface CallListState {
  readonly callListId: string;
  readonly name: string;
}

/** Where a call is in its life. */
export type CallPhase = 'queuing' | 'ringing' | 'connected' | 'held';

/** A call: in through a queue, in directly to an agent, or out to a callback contact. */
export interface CallState {
  readonly callId: string;
  readonly legId: string;
  readonly kind: 'queue' | 'direct' | 'callback';
  readonly queue: QueueState | null;
  readonly callerNumber: string;
  readonly targetNumber: string;
  readonly arrivedAt: number;
  readonly callback: CallbackState | null;
  phase: CallPhase;
  agent: AgentState | null;
  agentLegId: string;
  /** The last agent who let this call ring out; it is offered to someone else first. */
  declinedBy: AgentState | null;
  /** Set when the queue grants wrap-up for this call. */
  wrapUpId: string | null;
}

/** An agent's wrap-up after a call. */
export interface WrapUpState {
  readonly wrapUpId: string;
  readonly callId: string;
  readonly legId: string;
  readonly queueId: string | null;
  readonly maxSeconds: number;
  readonly startedAt: number;
  readonly startedMs: number;
}

/** One handling attempt of a callback, in `CallbackAttempt` form. */
export interface CallbackAttemptRecord {
  readonly Id: string;
  readonly UserId: string | null;
  readonly Timestamp: string;
  readonly CallbackAttemptTypeId: number | null;
  readonly Note: string;
  readonly RecordingId: string | null;
  readonly CallId: string | null;
}

/** A callback request on a call list. */
export interface CallbackState {
  readonly callBackId: string;
  readonly callList: CallListState;
  readonly queueId: string | null;
  readonly callId: string | null;
  readonly typeId: number;
  readonly contactName: string;
  readonly contactNumber: string;
  readonly contactMessage: string;
  readonly channelIn: string;
  readonly recordingId: string | null;
  readonly transcriptId: string | null;
  readonly createdMs: number;
  readonly dueMs: number | null;
  readonly extras: readonly { readonly Id: number; readonly Name: string; readonly Value: string }[];
  readonly attempts: CallbackAttemptRecord[];
  assignedUserId: string | null;
  lastModifiedUserId: string | null;
  modifiedMs: number;
  lastAttemptMs: number | null;
  closed: boolean;
}

/**
 * Whether the agent could be handed a call right now: available, not on a call, not in wrap-up.
 *
 * @example
 * ```ts
 * import { canBeAllocatedTo } from './model.ts';
 *
 * if (canBeAllocatedTo(agent)) allocate(call, agent);
 * ```
 */
export function canBeAllocatedTo(agent: AgentState): boolean {
  return agent.availability === 'Available' && agent.call === null && agent.wrapUp === null;
}
