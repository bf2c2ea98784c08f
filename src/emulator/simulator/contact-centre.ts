import { type CentreState, createCentreState } from './centre-state.ts';
import { utcTimestamp } from './dates.ts';
import type { SimulatorDirectory } from './directory.ts';
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

/** Receives each event the contact centre produces, in order. */
export type Emit = (eventName: string, entityId: string, data: Payload) => void;

/** A running simulated contact centre. */
export interface ContactCentre {
  /**
   * Lets one thing happen (a call arrives, an agent answers, a wrap-up ends...) and emits the events
   * it causes. The first call emits the opening state of every agent and queue instead. Some
   * happenings change nothing visible and emit no event.
   */
  advance(): void;
  /** What the centre knows now: agents, queues, calls by phase, callbacks and the simulated clock. */
  readonly state: Readonly<CentreState>;
}

// Rates per simulated second, for one call, agent, callback or call list as the name says. Together
// they keep a handful of agents busy most of the time, so queues form now and then and some calls
// overflow into callbacks.
const RATE = {
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
const AVAILABILITY_RATE = Math.max(RATE.leave, RATE.comeBack);
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

/**
 * Builds the simulated contact centre for a directory: agents with availability, queues with
 * counters, calls that queue, ring, connect, hold and end, wrap-ups, callbacks and their attempts.
 * Time inside is simulated (a continuous-time Markov chain stepped one happening at a time);
 * payload timestamps come from `clock`.
 *
 * @example
 * ```ts
 * import { createContactCentre } from './contact-centre.ts';
 * import { createDirectory } from './directory.ts';
 * import { createRandom } from './random.ts';
 *
 * const random = createRandom(1);
 * const directory = createDirectory(random, { agents: 8, queues: 3, callLists: 1, organizationId: undefined });
 * const centre = createContactCentre(directory, random, Date.now, (name, id, data) => console.log(name, id, data));
 * centre.advance();
 * ```
 */
export function createContactCentre(
  directory: SimulatorDirectory,
  random: Random,
  clock: () => number,
  emit: Emit,
): ContactCentre {
  const state = createCentreState(directory, random);
  const {
    organizationId,
    callLists,
    queues,
    agents,
    queueById,
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
  } = state;

  const stamp = (): Stamp => ({ organizationId, id: random.guid(), ms: state.nowMs });
  const emitUser = (agent: AgentState, name: string, data: Payload): void => emit(name, agent.userId, data);

  function categorise(agent: AgentState): AgentCategory {
    if (agent.availability === 'OffWork') return OFFLINE;
    if (canBeAllocatedTo(agent)) return FREE;
    if (agent.call === null && agent.wrapUp === null && agent.availability !== 'BRB') return LONG_AWAY;
    return SHORT_AWAY;
  }

  function markDirty(queue: QueueState): void {
    if (queue.dirty) return;
    queue.dirty = true;
    dirtyQueues.push(queue);
  }

  /** Re-counts the agent in their queues and publishes `UserStatus` if anything visible changed. */
  function refresh(agent: AgentState): void {
    const category = categorise(agent);
    const onWrapUp = agent.wrapUp !== null;
    if (category !== agent.category || onWrapUp !== agent.onWrapUp) {
      if (category === FREE) agent.idleSince = state.now;
      for (const queue of agent.queues) {
        queue.counts[agent.category]--;
        queue.counts[category]++;
        queue.onWrapUp += (onWrapUp ? 1 : 0) - (agent.onWrapUp ? 1 : 0);
        markDirty(queue);
      }
      agent.category = category;
      agent.onWrapUp = onWrapUp;
    }
    const call = agent.call;
    const key = `${call?.callId}|${agent.availability}|${agent.availabilityNote}|${agent.wrapUp?.wrapUpId}`;
    if (key === agent.statusKey) return;
    agent.statusKey = key;
    emitUser(agent, 'UserStatus', payloads.userStatus(stamp(), agent));
  }

  /** Publishes `QueueStatus` for every queue whose counters changed since it was last published. */
  function flush(): void {
    for (const queue of dirtyQueues) {
      queue.dirty = false;
      const key = `${queue.counts.join(',')}|${queue.onWrapUp}|${queue.waiting.length}|${queue.allocated}|${queue.connected}`;
      if (key === queue.statusKey) continue;
      queue.statusKey = key;
      let oldest = state.now;
      for (const call of queue.waiting) if (call.arrivedAt < oldest) oldest = call.arrivedAt;
      emit(
        'QueueStatus',
        queue.queueId,
        payloads.queueStatus(stamp(), queue, Math.floor(state.now - oldest)),
      );
    }
    dirtyQueues.length = 0;
  }

  function enqueue(call: CallState, queue: QueueState, front: boolean): void {
    call.phase = 'queuing';
    if (front) queue.waiting.unshift(call);
    else queue.waiting.push(call);
    state.waitingCount++;
    markDirty(queue);
  }

  function dequeue(call: CallState, queue: QueueState): void {
    remove(queue.waiting, call);
    state.waitingCount--;
    markDirty(queue);
  }

  function newCall(
    kind: CallState['kind'],
    queue: QueueState | null,
    caller: string,
    target: string,
  ): CallState {
    return {
      callId: random.guid(),
      legId: random.guid().replaceAll('-', ''),
      kind,
      queue,
      callerNumber: caller,
      targetNumber: target,
      arrivedAt: state.now,
      callback: null,
      phase: 'ringing',
      agent: null,
      agentLegId: '',
      declinedBy: null,
      wrapUpId: null,
    };
  }

  const callerNumber = (): string => `+3584${random.digits(8)}`;

  function allocate(call: CallState, agent: AgentState): void {
    call.agent = agent;
    call.phase = 'ringing';
    agent.call = call;
    agent.talkingChangedMs = state.nowMs;
    ringingIn.push(call);
    if (call.queue !== null) {
      call.queue.allocated++;
      markDirty(call.queue);
    }
    emitUser(agent, 'UserCallInUserAllocated', payloads.callInUserAllocated(stamp(), agent, call));
    refresh(agent);
  }

  function release(agent: AgentState): void {
    agent.call = null;
    agent.talkingChangedMs = state.nowMs;
  }

  /** Gives a newly free agent the longest-waiting call of their queues, if any is waiting. */
  function offer(agent: AgentState): void {
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
    dequeue(best, best.queue);
    allocate(best, agent);
  }

  /** Hands waiting calls of a queue to its free agents, longest-idle agent first. */
  function dispatch(queue: QueueState): void {
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
      dequeue(call, queue);
      allocate(call, agent);
    }
  }

  function createCallback(
    callList: CallListState,
    fields: Pick<CallbackState, 'queueId' | 'callId' | 'typeId' | 'contactNumber' | 'channelIn'> &
      Partial<Pick<CallbackState, 'contactName' | 'contactMessage' | 'assignedUserId' | 'extras'>>,
  ): CallbackState {
    const recorded = fields.typeId === 2 && random.chance(0.4);
    const callback: CallbackState = {
      callBackId: random.guid(),
      callList,
      queueId: fields.queueId,
      callId: fields.callId,
      typeId: fields.typeId,
      contactName: fields.contactName ?? '',
      contactNumber: fields.contactNumber,
      contactMessage: fields.contactMessage ?? '',
      channelIn: fields.channelIn,
      recordingId: recorded ? random.guid() : null,
      transcriptId: recorded && random.chance(0.5) ? random.guid() : null,
      createdMs: state.nowMs,
      dueMs: fields.typeId === 2 ? state.nowMs + 4 * HOUR : null,
      extras: fields.extras ?? [],
      attempts: [],
      assignedUserId: fields.assignedUserId ?? null,
      lastModifiedUserId: null,
      modifiedMs: state.nowMs,
      lastAttemptMs: null,
      closed: false,
    };
    openCallbacks.push(callback);
    return callback;
  }

  function publishCallback(callback: CallbackState, created: boolean): void {
    emit(
      'CallbackChanged',
      callback.callList.callListId,
      payloads.callbackChanged(stamp(), callback, created),
    );
  }

  function open(): void {
    for (const queue of queues) markDirty(queue);
    for (const agent of agents) {
      if (random.chance(0.3)) {
        const absence = pickAbsence();
        agent.availability = absence.availability;
        agent.availabilityNote = random.pick(absence.notes);
      }
      emitUser(
        agent,
        'UserAvailability',
        payloads.userAvailability(stamp(), agent, availabilityChange(agent)),
      );
      refresh(agent);
    }
    flush();
  }

  function pickAbsence(): Absence {
    let roll = random.int(ABSENCE_WEIGHT);
    for (const absence of ABSENCES) {
      roll -= absence.weight;
      if (roll < 0) return absence;
    }
    return ABSENCES[0] as Absence;
  }

  function availabilityChange(agent: AgentState): AvailabilityChange {
    const absence = ABSENCES.find((candidate) => candidate.availability === agent.availability);
    const offline = agent.availability === 'OffWork' || agent.availability === 'DoNotDisturb';
    return {
      profileId: random.guid(),
      availability: agent.availability,
      endMs: absence === undefined || absence.minutes === 0 ? null : state.nowMs + absence.minutes * 60_000,
      note: agent.availabilityNote,
      eventSource: absence?.eventSource ?? 'User',
      transferNumber: offline ? VOICEMAIL : '',
    };
  }

  // Happenings.

  function arrive(): void {
    let roll = random.next() * totalArrivalWeight;
    let queue = queues[0] as QueueState;
    for (const candidate of queues) {
      queue = candidate;
      roll -= candidate.arrivalWeight;
      if (roll < 0) break;
    }
    const call = newCall('queue', queue, callerNumber(), queue.number);
    emit('QueueCallInComing', queue.queueId, payloads.queueCall('QueueCallInComing', stamp(), call, null));
    enqueue(call, queue, false);
    flush();
    dispatch(queue);
    flush();
  }

  function answer(call: CallState): void {
    const agent = call.agent as AgentState;
    remove(ringingIn, call);
    talkingIn.push(call);
    call.phase = 'connected';
    call.agentLegId = random.guid().replaceAll('-', '');
    if (call.queue !== null) {
      call.queue.allocated--;
      call.queue.connected++;
      markDirty(call.queue);
    }
    emitUser(agent, 'UserCallInUserConnected', payloads.callInUserConnected(stamp(), agent, call));
    if (call.queue !== null) {
      emit(
        'QueueCallInUserConnected',
        call.queue.queueId,
        payloads.queueCall('QueueCallInUserConnected', stamp(), call, agent),
      );
    }
    if (call.queue !== null && call.queue.wrapUpSeconds > 0) {
      call.wrapUpId = random.guid();
      const wrapUp = {
        wrapUpId: call.wrapUpId,
        callId: call.callId,
        legId: call.legId,
        queueId: call.queue.queueId,
        maxSeconds: call.queue.wrapUpSeconds,
        startedAt: state.now,
        startedMs: state.nowMs,
      };
      emitUser(agent, 'UserWrapUpEnabled', payloads.wrapUp(stamp(), agent, wrapUp, false));
    }
    flush();
  }

  function ringOut(call: CallState): void {
    const agent = call.agent as AgentState;
    remove(ringingIn, call);
    call.agent = null;
    if (call.queue === null) {
      const details = { reason: 'NoAnswer', target: VOICEMAIL };
      emitUser(agent, 'UserCallInUserOverflow', payloads.callInUserOverflow(stamp(), agent, call, details));
      release(agent);
      refresh(agent);
      offer(agent);
      flush();
      return;
    }
    const queue = call.queue;
    emitUser(agent, 'UserCallInUserCancelled', payloads.callInUserCancelled(stamp(), agent, call));
    queue.allocated--;
    call.declinedBy = agent;
    enqueue(call, queue, true);
    release(agent);
    refresh(agent);
    flush();
    dispatch(queue);
    offer(agent);
    flush();
  }

  function hangUp(call: CallState): void {
    const agent = call.agent as AgentState;
    remove(talkingIn, call);
    const reason = random.chance(0.65) ? 'remote' : 'local';
    emitUser(agent, 'UserCallInDisconnected', payloads.callInDisconnected(stamp(), agent, call, reason));
    if (call.queue !== null) {
      call.queue.connected--;
      markDirty(call.queue);
    }
    release(agent);
    if (call.wrapUpId !== null && call.queue !== null) {
      agent.wrapUp = {
        wrapUpId: call.wrapUpId,
        callId: call.callId,
        legId: call.legId,
        queueId: call.queue.queueId,
        maxSeconds: call.queue.wrapUpSeconds,
        startedAt: state.now,
        startedMs: state.nowMs,
      };
      wrapping.push(agent);
      emitUser(agent, 'UserWrapUpStarted', payloads.wrapUp(stamp(), agent, agent.wrapUp, true));
    }
    refresh(agent);
    offer(agent);
    flush();
  }

  function hold(call: CallState, start: boolean): void {
    const agent = call.agent as AgentState;
    remove(start ? talkingIn : held, call);
    (start ? held : talkingIn).push(call);
    call.phase = start ? 'held' : 'connected';
    emitUser(
      agent,
      start ? 'UserCallInHoldStart' : 'UserCallInHoldEnd',
      payloads.callInHold(stamp(), agent, call, start),
    );
  }

  function endWrapUp(agent: AgentState, manual: boolean): void {
    const wrapUp = agent.wrapUp;
    if (wrapUp === null) return;
    remove(wrapping, agent);
    if (manual) {
      emitUser(agent, 'UserWrapUpRequestTerminate', payloads.wrapUpRequestTerminate(stamp(), agent, wrapUp));
    }
    const elapsed = Math.min(wrapUp.maxSeconds, Math.round(state.now - wrapUp.startedAt));
    const reason = manual ? 'manual' : 'timer';
    emitUser(
      agent,
      'UserWrapUpTerminated',
      payloads.wrapUpTerminated(stamp(), agent, wrapUp, reason, elapsed),
    );
    agent.wrapUp = null;
    refresh(agent);
    offer(agent);
    flush();
  }

  function abandon(): void {
    let index = random.int(state.waitingCount);
    for (const queue of queues) {
      if (index < queue.waiting.length) {
        dequeue(queue.waiting[index] as CallState, queue);
        flush();
        return;
      }
      index -= queue.waiting.length;
    }
  }

  function overflow(call: CallState): void {
    const queue = call.queue as QueueState;
    dequeue(call, queue);
    if (queue.callList !== null) {
      const callback = createCallback(queue.callList, {
        queueId: queue.queueId,
        callId: call.callId,
        typeId: 2,
        contactNumber: call.callerNumber,
        channelIn: queue.name,
      });
      publishCallback(callback, true);
    }
    flush();
  }

  function changeAvailability(): void {
    const agent = random.pick(agents);
    const roll = random.next();
    if (agent.call !== null || agent.wrapUp !== null) return;
    if (agent.availability === 'Available') {
      if (roll >= RATE.leave / AVAILABILITY_RATE) return;
      const absence = pickAbsence();
      agent.availability = absence.availability;
      agent.availabilityNote = random.pick(absence.notes);
    } else {
      if (roll >= RATE.comeBack / AVAILABILITY_RATE) return;
      agent.availability = 'Available';
      agent.availabilityNote = '';
    }
    emitUser(agent, 'UserAvailability', payloads.userAvailability(stamp(), agent, availabilityChange(agent)));
    refresh(agent);
    offer(agent);
    flush();
  }

  function directCall(): void {
    const agent = random.pick(agents);
    const call = newCall('direct', null, callerNumber(), agent.number);
    emitUser(agent, 'UserCallInComing', payloads.callInComing(stamp(), agent, call));
    emitUser(agent, 'UserCallInArrived', payloads.callInArrived(stamp(), agent, call));
    if (canBeAllocatedTo(agent)) {
      allocate(call, agent);
    } else if (agent.availability === 'DoNotDisturb' || agent.availability === 'OffWork') {
      const details = { reason: agent.availability === 'OffWork' ? 'OffWork' : 'DND', target: VOICEMAIL };
      emitUser(agent, 'UserCallInUserOverflow', payloads.callInUserOverflow(stamp(), agent, call, details));
    } else {
      const callList = callLists.length === 0 ? null : random.pick(callLists);
      emitUser(
        agent,
        'UserCallInOverflow',
        payloads.callInOverflow(stamp(), agent, call, callList === null ? VOICEMAIL : callList.name),
      );
      if (callList !== null) {
        const callback = createCallback(callList, {
          queueId: null,
          callId: call.callId,
          typeId: 2,
          contactNumber: call.callerNumber,
          channelIn: agent.name,
          assignedUserId: agent.userId,
        });
        emitUser(
          agent,
          'UserCallInCallbackCreated',
          payloads.callInCallbackCreated(stamp(), agent, call, callback),
        );
        publishCallback(callback, true);
      }
    }
    flush();
  }

  function requestCallback(): void {
    const callList = random.pick(callLists);
    const callback = createCallback(callList, {
      queueId: null,
      callId: null,
      typeId: 1,
      contactNumber: callerNumber(),
      channelIn: 'Web',
      contactName: random.pick(CONTACT_NAMES),
      contactMessage: random.pick(CONTACT_MESSAGES),
      extras: [{ Id: 1, Name: 'Source', Value: 'Contact form' }],
    });
    publishCallback(callback, true);
  }

  function attemptCallback(): void {
    const callback = random.pick(openCallbacks);
    const start = random.int(agents.length);
    let agent: AgentState | null = null;
    for (let i = 0; i < agents.length && agent === null; i++) {
      const candidate = agents[(start + i) % agents.length] as AgentState;
      if (candidate.servesCallbacks && canBeAllocatedTo(candidate)) agent = candidate;
    }
    if (agent === null) return;
    remove(openCallbacks, callback);
    const queue = callback.queueId === null ? undefined : queueById.get(callback.queueId);
    const call: CallState = { ...newCall('callback', null, agent.number, callback.contactNumber), callback };
    call.agent = agent;
    agent.call = call;
    agent.talkingChangedMs = state.nowMs;
    dialling.push(call);
    emitUser(
      agent,
      'UserCallOutGoing',
      payloads.callOutGoing(stamp(), agent, call, queue?.number ?? agent.number),
    );
    refresh(agent);
    flush();
  }

  function outAnswer(call: CallState): void {
    const agent = call.agent as AgentState;
    remove(dialling, call);
    talkingOut.push(call);
    call.phase = 'connected';
    emitUser(agent, 'UserCallOutConnected', payloads.callOutConnected(stamp(), agent, call));
  }

  function outEnd(call: CallState, reached: boolean): void {
    const agent = call.agent as AgentState;
    const callback = call.callback as CallbackState;
    remove(reached ? talkingOut : dialling, call);
    const reason = reached && random.chance(0.5) ? 'remote' : 'local';
    const techReason = reached ? 'NormalClearing' : 'NoAnswer';
    emitUser(
      agent,
      'UserCallOutDisconnected',
      payloads.callOutDisconnected(stamp(), agent, call, reason, techReason),
    );
    callback.attempts.push({
      Id: random.guid(),
      UserId: agent.userId,
      Timestamp: utcTimestamp(state.nowMs),
      CallbackAttemptTypeId: reached ? 1 : 2,
      Note: reached ? 'Customer reached' : 'No answer',
      RecordingId: reached && random.chance(0.3) ? random.guid() : null,
      CallId: call.callId,
    });
    callback.lastAttemptMs = state.nowMs;
    callback.modifiedMs = state.nowMs;
    callback.lastModifiedUserId = agent.userId;
    callback.assignedUserId ??= agent.userId;
    callback.closed = reached || callback.attempts.length >= CALLBACK_MAX_ATTEMPTS;
    if (!callback.closed) openCallbacks.push(callback);
    publishCallback(callback, false);
    release(agent);
    refresh(agent);
    offer(agent);
    flush();
  }

  /** The earliest overflow or wrap-up timer due, if it falls before `limit`. */
  function dueTimer(limit: number): { at: number; call: CallState | null; agent: AgentState | null } | null {
    let at = limit;
    let call: CallState | null = null;
    let agent: AgentState | null = null;
    for (const queue of queues) {
      if (queue.callList === null) continue;
      for (const waiting of queue.waiting) {
        if (waiting.arrivedAt + OVERFLOW_AFTER <= at) {
          at = waiting.arrivedAt + OVERFLOW_AFTER;
          call = waiting;
          agent = null;
        }
      }
    }
    for (const candidate of wrapping) {
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
  const split = (a: number, b: number): boolean => random.next() < a / (a + b);
  const happenings: readonly { readonly rate: () => number; readonly run: () => void }[] = [
    { rate: () => arrivalRate, run: arrive },
    {
      rate: () => ringingIn.length * (RATE.answer + RATE.ringOut),
      run: () => {
        const call = random.pick(ringingIn);
        if (split(RATE.answer, RATE.ringOut)) answer(call);
        else ringOut(call);
      },
    },
    {
      rate: () => talkingIn.length * (RATE.hangUp + RATE.holdStart),
      run: () => {
        const call = random.pick(talkingIn);
        if (split(RATE.hangUp, RATE.holdStart)) hangUp(call);
        else hold(call, true);
      },
    },
    { rate: () => held.length * RATE.holdEnd, run: () => hold(random.pick(held), false) },
    { rate: () => state.waitingCount * RATE.abandon, run: abandon },
    { rate: () => wrapping.length * RATE.wrapUpManual, run: () => endWrapUp(random.pick(wrapping), true) },
    { rate: () => agents.length * AVAILABILITY_RATE, run: changeAvailability },
    { rate: () => agents.length * RATE.directCall, run: directCall },
    { rate: () => openCallbacks.length * RATE.callbackAttempt, run: attemptCallback },
    {
      rate: () => dialling.length * (RATE.outAnswer + RATE.outNoAnswer),
      run: () => {
        const call = random.pick(dialling);
        if (split(RATE.outAnswer, RATE.outNoAnswer)) outAnswer(call);
        else outEnd(call, false);
      },
    },
    { rate: () => talkingOut.length * RATE.outHangUp, run: () => outEnd(random.pick(talkingOut), true) },
    {
      rate: () => callLists.length * RATE.callbackRequest,
      // Rounding can land here with no call lists at all.
      run: () => {
        if (callLists.length > 0) requestCallback();
      },
    },
  ];
  const weights = new Float64Array(happenings.length);

  function advance(): void {
    state.nowMs = clock();
    if (!state.opened) {
      state.opened = true;
      open();
      return;
    }
    let total = 0;
    for (let i = 0; i < happenings.length; i++) {
      weights[i] = (happenings[i] as (typeof happenings)[number]).rate();
      total += weights[i] as number;
    }
    const next = state.now - Math.log(1 - random.next()) / total;
    const timer = dueTimer(next);
    if (timer !== null) {
      state.now = Math.max(state.now, timer.at);
      if (timer.call !== null) overflow(timer.call);
      else if (timer.agent !== null) endWrapUp(timer.agent, false);
      return;
    }
    state.now = next;
    let roll = random.next() * total;
    let kind = 0;
    while (kind < weights.length - 1 && roll >= (weights[kind] as number)) {
      roll -= weights[kind] as number;
      kind++;
    }
    (happenings[kind] as (typeof happenings)[number]).run();
  }

  return { state, advance };
}
