/**
 * What can happen in the simulated contact centre, one function per happening (and the helpers
 * they share), each reading and changing the centre's state and publishing the events it causes.
 */
import type { CentreState } from './centre-state.ts';
import { utcTimestamp } from './dates.ts';
import type {
  AgentCategory,
  AgentState,
  Availability,
  CallbackState,
  CallListState,
  CallState,
  QueueState,
} from './model.ts';
import { canBeAllocatedTo, FREE, LONG_AWAY, OFFLINE, SHORT_AWAY } from './model.ts';
import type { AvailabilityChange, Payload, Stamp } from './payloads.ts';
import { payloads } from './payloads.ts';
import type { Random } from './random.ts';

// Rates per simulated second, for one call, agent, callback or call list as the name says. Together
// they keep a handful of agents busy most of the time, so queues form now and then and some calls
// overflow into callbacks.
export const RATE = {
  answer: 1 / 6,
  ringOut: 1 / 60,
  hangUp: 1 / 150,
  holdStart: 1 / 700,
  holdEnd: 1 / 25,
  abandon: 1 / 240,
  wrapUpManual: 1 / 30,
  leave: 1 / 900,
  comeBack: 1 / 300,
  directCall: 1 / 1200,
  callbackAttempt: 1 / 90,
  outAnswer: 1 / 12,
  outNoAnswer: 1 / 30,
  outHangUp: 1 / 90,
  callbackRequest: 1 / 900,
} as const;
/** How long a call queues with nobody free before it overflows into a callback. */
const OVERFLOW_AFTER = 90;
const CALLBACK_MAX_ATTEMPTS = 3;
export const AVAILABILITY_RATE = Math.max(RATE.leave, RATE.comeBack);
const HOUR = 3600 * 1000;
const VOICEMAIL = '+358100100';

interface Absence {
  readonly availability: Exclude<Availability, 'Available'>;
  readonly weight: number;
  readonly notes: readonly string[];
  /** Planned length in minutes; 0 for open-ended. */
  readonly minutes: number;
  readonly eventSource: string;
}

const ABSENCES: readonly Absence[] = [
  { availability: 'BRB', weight: 30, notes: ['Coffee', '', 'Back in 10'], minutes: 15, eventSource: 'User' },
  { availability: 'Away', weight: 15, notes: ['Lunch', ''], minutes: 45, eventSource: 'User' },
  { availability: 'Busy', weight: 20, notes: ['Meeting', 'Training'], minutes: 60, eventSource: 'Calendar' },
  { availability: 'DoNotDisturb', weight: 15, notes: ['', 'Focus time'], minutes: 0, eventSource: 'User' },
  { availability: 'OffWork', weight: 20, notes: [''], minutes: 0, eventSource: 'Schedule' },
];
const ABSENCE_WEIGHT = ABSENCES.reduce((sum, absence) => sum + absence.weight, 0);
const CONTACT_NAMES = ['Matti Meikäläinen', 'Anna Andersson', 'Erik Nilsson', 'Liisa Lahtinen', ''];
const CONTACT_MESSAGES = ['Please call me back about my order', 'Question about an invoice', ''];

function remove<T>(list: T[], item: T): void {
  const index = list.indexOf(item);
  if (index >= 0) list.splice(index, 1);
}

/** What the happenings work with: the state, the randomness, and where events go. */
export interface Centre {
  readonly state: CentreState;
  readonly random: Random;
  /** Publishes one event. */
  emit(eventName: string, entityId: string, data: Payload): void;
  /** Publishes one event about an agent. */
  emitUser(agent: AgentState, name: string, data: Payload): void;
  /** The event part of a payload, for an event happening now. */
  stamp(): Stamp;
  /** A random caller's number. */
  callerNumber(): string;
}

export function categorise(_c: Centre, agent: AgentState): AgentCategory {
  if (agent.availability === 'OffWork') return OFFLINE;
  if (canBeAllocatedTo(agent)) return FREE;
  if (agent.call === null && agent.wrapUp === null && agent.availability !== 'BRB') return LONG_AWAY;
  return SHORT_AWAY;
}

export function markDirty(c: Centre, queue: QueueState): void {
  if (queue.dirty) return;
  queue.dirty = true;
  c.state.dirtyQueues.push(queue);
}

/** Re-counts the agent in their queues and publishes `UserStatus` if anything visible changed. */
export function refresh(c: Centre, agent: AgentState): void {
  const category = categorise(c, agent);
  const onWrapUp = agent.wrapUp !== null;
  if (category !== agent.category || onWrapUp !== agent.onWrapUp) {
    if (category === FREE) agent.idleSince = c.state.now;
    for (const queue of agent.queues) {
      queue.counts[agent.category]--;
      queue.counts[category]++;
      queue.onWrapUp += (onWrapUp ? 1 : 0) - (agent.onWrapUp ? 1 : 0);
      markDirty(c, queue);
    }
    agent.category = category;
    agent.onWrapUp = onWrapUp;
  }
  const call = agent.call;
  const key = `${call?.callId}|${agent.availability}|${agent.availabilityNote}|${agent.wrapUp?.wrapUpId}`;
  if (key === agent.statusKey) return;
  agent.statusKey = key;
  c.emitUser(agent, 'UserStatus', payloads.userStatus(c.stamp(), agent));
}

/** Publishes `QueueStatus` for every queue whose counters changed since it was last published. */
export function flush(c: Centre): void {
  for (const queue of c.state.dirtyQueues) {
    queue.dirty = false;
    const key = `${queue.counts.join(',')}|${queue.onWrapUp}|${queue.waiting.length}|${queue.allocated}|${queue.connected}`;
    if (key === queue.statusKey) continue;
    queue.statusKey = key;
    let oldest = c.state.now;
    for (const call of queue.waiting) if (call.arrivedAt < oldest) oldest = call.arrivedAt;
    c.emit(
      'QueueStatus',
      queue.queueId,
      payloads.queueStatus(c.stamp(), queue, Math.floor(c.state.now - oldest)),
    );
  }
  c.state.dirtyQueues.length = 0;
}

export function enqueue(c: Centre, call: CallState, queue: QueueState, front: boolean): void {
  call.phase = 'queuing';
  if (front) queue.waiting.unshift(call);
  else queue.waiting.push(call);
  c.state.waitingCount++;
  markDirty(c, queue);
}

export function dequeue(c: Centre, call: CallState, queue: QueueState): void {
  remove(queue.waiting, call);
  c.state.waitingCount--;
  markDirty(c, queue);
}

export function newCall(
  c: Centre,
  kind: CallState['kind'],
  queue: QueueState | null,
  caller: string,
  target: string,
): CallState {
  return {
    callId: c.random.guid(),
    legId: c.random.guid().replaceAll('-', ''),
    kind,
    queue,
    callerNumber: caller,
    targetNumber: target,
    arrivedAt: c.state.now,
    callback: null,
    phase: 'ringing',
    agent: null,
    agentLegId: '',
    declinedBy: null,
    wrapUpId: null,
  };
}

export function allocate(c: Centre, call: CallState, agent: AgentState): void {
  call.agent = agent;
  call.phase = 'ringing';
  agent.call = call;
  agent.talkingChangedMs = c.state.nowMs;
  c.state.ringingIn.push(call);
  if (call.queue !== null) {
    call.queue.allocated++;
    markDirty(c, call.queue);
  }
  c.emitUser(agent, 'UserCallInUserAllocated', payloads.callInUserAllocated(c.stamp(), agent, call));
  refresh(c, agent);
}

export function release(c: Centre, agent: AgentState): void {
  agent.call = null;
  agent.talkingChangedMs = c.state.nowMs;
}

/** Gives a newly free agent the longest-waiting call of their queues, if any is waiting. */
export function offer(c: Centre, agent: AgentState): void {
  if (!canBeAllocatedTo(agent)) return;
  let best: CallState | null = null;
  for (const queue of agent.queues) {
    for (const call of queue.waiting) {
      if (call.declinedBy === agent) continue;
      if (best === null || call.arrivedAt < best.arrivedAt) best = call;
      break;
    }
  }
  if (best === null || best.queue === null) return;
  dequeue(c, best, best.queue);
  allocate(c, best, agent);
}

/** Hands waiting calls of a queue to its free agents, longest-idle agent first. */
export function dispatch(c: Centre, queue: QueueState): void {
  let i = 0;
  while (i < queue.waiting.length && queue.counts[FREE] > 0) {
    const call = queue.waiting[i] as CallState;
    let agent: AgentState | null = null;
    for (const member of queue.members) {
      if (member === call.declinedBy || !canBeAllocatedTo(member)) continue;
      if (agent === null || member.idleSince < agent.idleSince) agent = member;
    }
    if (agent === null) {
      i++;
      continue;
    }
    dequeue(c, call, queue);
    allocate(c, call, agent);
  }
}

export function createCallback(
  c: Centre,
  callList: CallListState,
  fields: Pick<CallbackState, 'queueId' | 'callId' | 'typeId' | 'contactNumber' | 'channelIn'> &
    Partial<Pick<CallbackState, 'contactName' | 'contactMessage' | 'assignedUserId' | 'extras'>>,
): CallbackState {
  const recorded = fields.typeId === 2 && c.random.chance(0.4);
  const callback: CallbackState = {
    callBackId: c.random.guid(),
    callList,
    queueId: fields.queueId,
    callId: fields.callId,
    typeId: fields.typeId,
    contactName: fields.contactName ?? '',
    contactNumber: fields.contactNumber,
    contactMessage: fields.contactMessage ?? '',
    channelIn: fields.channelIn,
    recordingId: recorded ? c.random.guid() : null,
    transcriptId: recorded && c.random.chance(0.5) ? c.random.guid() : null,
    createdMs: c.state.nowMs,
    dueMs: fields.typeId === 2 ? c.state.nowMs + 4 * HOUR : null,
    extras: fields.extras ?? [],
    attempts: [],
    assignedUserId: fields.assignedUserId ?? null,
    lastModifiedUserId: null,
    modifiedMs: c.state.nowMs,
    lastAttemptMs: null,
    closed: false,
  };
  c.state.openCallbacks.push(callback);
  return callback;
}

export function publishCallback(c: Centre, callback: CallbackState, created: boolean): void {
  c.emit(
    'CallbackChanged',
    callback.callList.callListId,
    payloads.callbackChanged(c.stamp(), callback, created),
  );
}

export function open(c: Centre): void {
  for (const queue of c.state.queues) markDirty(c, queue);
  for (const agent of c.state.agents) {
    if (c.random.chance(0.3)) {
      const absence = pickAbsence(c);
      agent.availability = absence.availability;
      agent.availabilityNote = c.random.pick(absence.notes);
    }
    c.emitUser(
      agent,
      'UserAvailability',
      payloads.userAvailability(c.stamp(), agent, availabilityChange(c, agent)),
    );
    refresh(c, agent);
  }
  flush(c);
}

export function pickAbsence(c: Centre): Absence {
  let roll = c.random.int(ABSENCE_WEIGHT);
  for (const absence of ABSENCES) {
    roll -= absence.weight;
    if (roll < 0) return absence;
  }
  return ABSENCES[0] as Absence;
}

export function availabilityChange(c: Centre, agent: AgentState): AvailabilityChange {
  const absence = ABSENCES.find((candidate) => candidate.availability === agent.availability);
  const offline = agent.availability === 'OffWork' || agent.availability === 'DoNotDisturb';
  return {
    profileId: c.random.guid(),
    availability: agent.availability,
    endMs: absence === undefined || absence.minutes === 0 ? null : c.state.nowMs + absence.minutes * 60_000,
    note: agent.availabilityNote,
    eventSource: absence?.eventSource ?? 'User',
    transferNumber: offline ? VOICEMAIL : '',
  };
}

// Happenings.

export function arrive(c: Centre): void {
  let roll = c.random.next() * c.state.totalArrivalWeight;
  let queue = c.state.queues[0] as QueueState;
  for (const candidate of c.state.queues) {
    queue = candidate;
    roll -= candidate.arrivalWeight;
    if (roll < 0) break;
  }
  const call = newCall(c, 'queue', queue, c.callerNumber(), queue.number);
  c.emit('QueueCallInComing', queue.queueId, payloads.queueCall('QueueCallInComing', c.stamp(), call, null));
  enqueue(c, call, queue, false);
  flush(c);
  dispatch(c, queue);
  flush(c);
}

export function answer(c: Centre, call: CallState): void {
  const agent = call.agent as AgentState;
  remove(c.state.ringingIn, call);
  c.state.talkingIn.push(call);
  call.phase = 'connected';
  call.agentLegId = c.random.guid().replaceAll('-', '');
  if (call.queue !== null) {
    call.queue.allocated--;
    call.queue.connected++;
    markDirty(c, call.queue);
  }
  c.emitUser(agent, 'UserCallInUserConnected', payloads.callInUserConnected(c.stamp(), agent, call));
  if (call.queue !== null) {
    c.emit(
      'QueueCallInUserConnected',
      call.queue.queueId,
      payloads.queueCall('QueueCallInUserConnected', c.stamp(), call, agent),
    );
  }
  if (call.queue !== null && call.queue.wrapUpSeconds > 0) {
    call.wrapUpId = c.random.guid();
    const wrapUp = {
      wrapUpId: call.wrapUpId,
      callId: call.callId,
      legId: call.legId,
      queueId: call.queue.queueId,
      maxSeconds: call.queue.wrapUpSeconds,
      startedAt: c.state.now,
      startedMs: c.state.nowMs,
    };
    c.emitUser(agent, 'UserWrapUpEnabled', payloads.wrapUp(c.stamp(), agent, wrapUp, false));
  }
  flush(c);
}

export function ringOut(c: Centre, call: CallState): void {
  const agent = call.agent as AgentState;
  remove(c.state.ringingIn, call);
  call.agent = null;
  if (call.queue === null) {
    const details = { reason: 'NoAnswer', target: VOICEMAIL };
    c.emitUser(agent, 'UserCallInUserOverflow', payloads.callInUserOverflow(c.stamp(), agent, call, details));
    release(c, agent);
    refresh(c, agent);
    offer(c, agent);
    flush(c);
    return;
  }
  const queue = call.queue;
  c.emitUser(agent, 'UserCallInUserCancelled', payloads.callInUserCancelled(c.stamp(), agent, call));
  queue.allocated--;
  call.declinedBy = agent;
  enqueue(c, call, queue, true);
  release(c, agent);
  refresh(c, agent);
  flush(c);
  dispatch(c, queue);
  offer(c, agent);
  flush(c);
}

export function hangUp(c: Centre, call: CallState): void {
  const agent = call.agent as AgentState;
  remove(c.state.talkingIn, call);
  const reason = c.random.chance(0.65) ? 'remote' : 'local';
  c.emitUser(agent, 'UserCallInDisconnected', payloads.callInDisconnected(c.stamp(), agent, call, reason));
  if (call.queue !== null) {
    call.queue.connected--;
    markDirty(c, call.queue);
  }
  release(c, agent);
  if (call.wrapUpId !== null && call.queue !== null) {
    agent.wrapUp = {
      wrapUpId: call.wrapUpId,
      callId: call.callId,
      legId: call.legId,
      queueId: call.queue.queueId,
      maxSeconds: call.queue.wrapUpSeconds,
      startedAt: c.state.now,
      startedMs: c.state.nowMs,
    };
    c.state.wrapping.push(agent);
    c.emitUser(agent, 'UserWrapUpStarted', payloads.wrapUp(c.stamp(), agent, agent.wrapUp, true));
  }
  refresh(c, agent);
  offer(c, agent);
  flush(c);
}

export function hold(c: Centre, call: CallState, start: boolean): void {
  const agent = call.agent as AgentState;
  remove(start ? c.state.talkingIn : c.state.held, call);
  (start ? c.state.held : c.state.talkingIn).push(call);
  call.phase = start ? 'held' : 'connected';
  c.emitUser(
    agent,
    start ? 'UserCallInHoldStart' : 'UserCallInHoldEnd',
    payloads.callInHold(c.stamp(), agent, call, start),
  );
}

export function endWrapUp(c: Centre, agent: AgentState, manual: boolean): void {
  const wrapUp = agent.wrapUp;
  if (wrapUp === null) return;
  remove(c.state.wrapping, agent);
  if (manual) {
    c.emitUser(
      agent,
      'UserWrapUpRequestTerminate',
      payloads.wrapUpRequestTerminate(c.stamp(), agent, wrapUp),
    );
  }
  const elapsed = Math.min(wrapUp.maxSeconds, Math.round(c.state.now - wrapUp.startedAt));
  const reason = manual ? 'manual' : 'timer';
  c.emitUser(
    agent,
    'UserWrapUpTerminated',
    payloads.wrapUpTerminated(c.stamp(), agent, wrapUp, reason, elapsed),
  );
  agent.wrapUp = null;
  refresh(c, agent);
  offer(c, agent);
  flush(c);
}

export function abandon(c: Centre): void {
  let index = c.random.int(c.state.waitingCount);
  for (const queue of c.state.queues) {
    if (index < queue.waiting.length) {
      dequeue(c, queue.waiting[index] as CallState, queue);
      flush(c);
      return;
    }
    index -= queue.waiting.length;
  }
}

export function overflow(c: Centre, call: CallState): void {
  const queue = call.queue as QueueState;
  dequeue(c, call, queue);
  if (queue.callList !== null) {
    const callback = createCallback(c, queue.callList, {
      queueId: queue.queueId,
      callId: call.callId,
      typeId: 2,
      contactNumber: call.callerNumber,
      channelIn: queue.name,
    });
    publishCallback(c, callback, true);
  }
  flush(c);
}

export function changeAvailability(c: Centre): void {
  const agent = c.random.pick(c.state.agents);
  const roll = c.random.next();
  if (agent.call !== null || agent.wrapUp !== null) return;
  if (agent.availability === 'Available') {
    if (roll >= RATE.leave / AVAILABILITY_RATE) return;
    const absence = pickAbsence(c);
    agent.availability = absence.availability;
    agent.availabilityNote = c.random.pick(absence.notes);
  } else {
    if (roll >= RATE.comeBack / AVAILABILITY_RATE) return;
    agent.availability = 'Available';
    agent.availabilityNote = '';
  }
  c.emitUser(
    agent,
    'UserAvailability',
    payloads.userAvailability(c.stamp(), agent, availabilityChange(c, agent)),
  );
  refresh(c, agent);
  offer(c, agent);
  flush(c);
}

export function directCall(c: Centre): void {
  const agent = c.random.pick(c.state.agents);
  const call = newCall(c, 'direct', null, c.callerNumber(), agent.number);
  c.emitUser(agent, 'UserCallInComing', payloads.callInComing(c.stamp(), agent, call));
  c.emitUser(agent, 'UserCallInArrived', payloads.callInArrived(c.stamp(), agent, call));
  if (canBeAllocatedTo(agent)) {
    allocate(c, call, agent);
  } else if (agent.availability === 'DoNotDisturb' || agent.availability === 'OffWork') {
    const details = { reason: agent.availability === 'OffWork' ? 'OffWork' : 'DND', target: VOICEMAIL };
    c.emitUser(agent, 'UserCallInUserOverflow', payloads.callInUserOverflow(c.stamp(), agent, call, details));
  } else {
    const callList = c.state.callLists.length === 0 ? null : c.random.pick(c.state.callLists);
    c.emitUser(
      agent,
      'UserCallInOverflow',
      payloads.callInOverflow(c.stamp(), agent, call, callList === null ? VOICEMAIL : callList.name),
    );
    if (callList !== null) {
      const callback = createCallback(c, callList, {
        queueId: null,
        callId: call.callId,
        typeId: 2,
        contactNumber: call.callerNumber,
        channelIn: agent.name,
        assignedUserId: agent.userId,
      });
      c.emitUser(
        agent,
        'UserCallInCallbackCreated',
        payloads.callInCallbackCreated(c.stamp(), agent, call, callback),
      );
      publishCallback(c, callback, true);
    }
  }
  flush(c);
}

export function requestCallback(c: Centre): void {
  const callList = c.random.pick(c.state.callLists);
  const callback = createCallback(c, callList, {
    queueId: null,
    callId: null,
    typeId: 1,
    contactNumber: c.callerNumber(),
    channelIn: 'Web',
    contactName: c.random.pick(CONTACT_NAMES),
    contactMessage: c.random.pick(CONTACT_MESSAGES),
    extras: [{ Id: 1, Name: 'Source', Value: 'Contact form' }],
  });
  publishCallback(c, callback, true);
}

export function attemptCallback(c: Centre): void {
  const callback = c.random.pick(c.state.openCallbacks);
  const start = c.random.int(c.state.agents.length);
  let agent: AgentState | null = null;
  for (let i = 0; i < c.state.agents.length && agent === null; i++) {
    const candidate = c.state.agents[(start + i) % c.state.agents.length] as AgentState;
    if (candidate.servesCallbacks && canBeAllocatedTo(candidate)) agent = candidate;
  }
  if (agent === null) return;
  remove(c.state.openCallbacks, callback);
  const queue = callback.queueId === null ? undefined : c.state.queueById.get(callback.queueId);
  const call: CallState = { ...newCall(c, 'callback', null, agent.number, callback.contactNumber), callback };
  call.agent = agent;
  agent.call = call;
  agent.talkingChangedMs = c.state.nowMs;
  c.state.dialling.push(call);
  c.emitUser(
    agent,
    'UserCallOutGoing',
    payloads.callOutGoing(c.stamp(), agent, call, queue?.number ?? agent.number),
  );
  refresh(c, agent);
  flush(c);
}

export function outAnswer(c: Centre, call: CallState): void {
  const agent = call.agent as AgentState;
  remove(c.state.dialling, call);
  c.state.talkingOut.push(call);
  call.phase = 'connected';
  c.emitUser(agent, 'UserCallOutConnected', payloads.callOutConnected(c.stamp(), agent, call));
}

export function outEnd(c: Centre, call: CallState, reached: boolean): void {
  const agent = call.agent as AgentState;
  const callback = call.callback as CallbackState;
  remove(reached ? c.state.talkingOut : c.state.dialling, call);
  const reason = reached && c.random.chance(0.5) ? 'remote' : 'local';
  const techReason = reached ? 'NormalClearing' : 'NoAnswer';
  c.emitUser(
    agent,
    'UserCallOutDisconnected',
    payloads.callOutDisconnected(c.stamp(), agent, call, reason, techReason),
  );
  callback.attempts.push({
    Id: c.random.guid(),
    UserId: agent.userId,
    Timestamp: utcTimestamp(c.state.nowMs),
    CallbackAttemptTypeId: reached ? 1 : 2,
    Note: reached ? 'Customer reached' : 'No answer',
    RecordingId: reached && c.random.chance(0.3) ? c.random.guid() : null,
    CallId: call.callId,
  });
  callback.lastAttemptMs = c.state.nowMs;
  callback.modifiedMs = c.state.nowMs;
  callback.lastModifiedUserId = agent.userId;
  callback.assignedUserId ??= agent.userId;
  callback.closed = reached || callback.attempts.length >= CALLBACK_MAX_ATTEMPTS;
  if (!callback.closed) c.state.openCallbacks.push(callback);
  publishCallback(c, callback, false);
  release(c, agent);
  refresh(c, agent);
  offer(c, agent);
  flush(c);
}

/** The earliest overflow or wrap-up timer due, if it falls before `limit`. */
export function dueTimer(
  c: Centre,
  limit: number,
): { at: number; call: CallState | null; agent: AgentState | null } | null {
  let at = limit;
  let call: CallState | null = null;
  let agent: AgentState | null = null;
  for (const queue of c.state.queues) {
    if (queue.callList === null) continue;
    for (const waiting of queue.waiting) {
      if (waiting.arrivedAt + OVERFLOW_AFTER <= at) {
        at = waiting.arrivedAt + OVERFLOW_AFTER;
        call = waiting;
        agent = null;
      }
    }
  }
  for (const candidate of c.state.wrapping) {
    const wrapUp = candidate.wrapUp;
    if (wrapUp !== null && wrapUp.startedAt + wrapUp.maxSeconds <= at) {
      at = wrapUp.startedAt + wrapUp.maxSeconds;
      agent = candidate;
      call = null;
    }
  }
  return call === null && agent === null ? null : { at, call, agent };
}

/**
 * Everything that can happen next, each with its rate given the current state (a continuous-time
 * Markov chain: the next happening is drawn in proportion to the rates). Two-way happenings pick
 * their outcome in proportion to the two outcomes' rates.
 */
