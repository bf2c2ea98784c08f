import type { CentreState } from './centre-state.ts';
import { createCentreState } from './centre-state.ts';
import type { SimulatorDirectory } from './directory.ts';
import {
  AVAILABILITY_RATE,
  abandon,
  answer,
  arrive,
  attemptCallback,
  type Centre,
  changeAvailability,
  directCall,
  dueTimer,
  endWrapUp,
  hangUp,
  hold,
  open,
  outAnswer,
  outEnd,
  overflow,
  RATE,
  requestCallback,
  ringOut,
} from './happenings.ts';
import type { Payload } from './payloads.ts';
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
  const c: Centre = {
    state,
    random,
    emit,
    emitUser: (agent, name, data) => emit(name, agent.userId, data),
    stamp: () => ({ organizationId: state.organizationId, id: random.guid(), ms: state.nowMs }),
    callerNumber: () => `+3584${random.digits(8)}`,
  };
  const { ringingIn, talkingIn, held, dialling, talkingOut, wrapping, openCallbacks, callLists, agents } =
    state;

  const split = (a: number, b: number): boolean => random.next() < a / (a + b);
  const happenings: readonly { readonly rate: () => number; readonly run: () => void }[] = [
    { rate: () => state.arrivalRate, run: () => arrive(c) },
    {
      rate: () => ringingIn.length * (RATE.answer + RATE.ringOut),
      run: () => {
        const call = random.pick(ringingIn);
        if (split(RATE.answer, RATE.ringOut)) answer(c, call);
        else ringOut(c, call);
      },
    },
    {
      rate: () => talkingIn.length * (RATE.hangUp + RATE.holdStart),
      run: () => {
        const call = random.pick(talkingIn);
        if (split(RATE.hangUp, RATE.holdStart)) hangUp(c, call);
        else hold(c, call, true);
      },
    },
    { rate: () => held.length * RATE.holdEnd, run: () => hold(c, random.pick(held), false) },
    { rate: () => state.waitingCount * RATE.abandon, run: () => abandon(c) },
    { rate: () => wrapping.length * RATE.wrapUpManual, run: () => endWrapUp(c, random.pick(wrapping), true) },
    { rate: () => agents.length * AVAILABILITY_RATE, run: () => changeAvailability(c) },
    { rate: () => agents.length * RATE.directCall, run: () => directCall(c) },
    { rate: () => openCallbacks.length * RATE.callbackAttempt, run: () => attemptCallback(c) },
    {
      rate: () => dialling.length * (RATE.outAnswer + RATE.outNoAnswer),
      run: () => {
        const call = random.pick(dialling);
        if (split(RATE.outAnswer, RATE.outNoAnswer)) outAnswer(c, call);
        else outEnd(c, call, false);
      },
    },
    { rate: () => talkingOut.length * RATE.outHangUp, run: () => outEnd(c, random.pick(talkingOut), true) },
    {
      rate: () => callLists.length * RATE.callbackRequest,
      // Rounding can land here with no call lists at all.
      run: () => {
        if (callLists.length > 0) requestCallback(c);
      },
    },
  ];
  const weights = new Float64Array(happenings.length);

  function advance(): void {
    state.nowMs = clock();
    if (!state.opened) {
      state.opened = true;
      open(c);
      return;
    }
    let total = 0;
    for (let i = 0; i < happenings.length; i++) {
      weights[i] = (happenings[i] as (typeof happenings)[number]).rate();
      total += weights[i] as number;
    }
    const next = state.now - Math.log(1 - random.next()) / total;
    const timer = dueTimer(c, next);
    if (timer !== null) {
      state.now = Math.max(state.now, timer.at);
      if (timer.call !== null) overflow(c, timer.call);
      else if (timer.agent !== null) endWrapUp(c, timer.agent, false);
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
