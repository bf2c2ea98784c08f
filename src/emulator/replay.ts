import type { Emulator } from './emulator.ts';
import type { RecordedFrame } from './recording.ts';

/**
 * Options of {@link replayRecording}.
 *
 * @example
 * ```ts
 * import { readRecording, replayRecording, startEmulator, type ReplayOptions } from 'enreach-rte/emulator';
 *
 * const emu = await startEmulator();
 * const { frames } = await readRecording('session.jsonl');
 * const options: ReplayOptions = { speed: 10 };
 * const replay = replayRecording(emu, frames, options);
 * ```
 */
export interface ReplayOptions {
  /** How many times faster than recorded the frames are served; 1 keeps the recorded pace. @default 1 */
  readonly speed?: number;
  /** Holds the first frame until some connection holds a subscription, so nothing is served into the void. @default true */
  readonly waitForSubscriber?: boolean;
}

/**
 * How a replay went.
 *
 * @example
 * ```ts
 * import { readRecording, replayRecording, startEmulator, type ReplayOutcome } from 'enreach-rte/emulator';
 *
 * const emu = await startEmulator();
 * const outcome: ReplayOutcome = await replayRecording(emu, (await readRecording('session.jsonl')).frames).finished;
 * ```
 */
export interface ReplayOutcome {
  /** Frames served. */
  readonly served: number;
  /** Pushes they made (one per subscribed connection). */
  readonly delivered: number;
}

/**
 * A replay under way.
 *
 * @example
 * ```ts
 * import { readRecording, replayRecording, startEmulator, type Replay } from 'enreach-rte/emulator';
 *
 * const emu = await startEmulator();
 * const replay: Replay = replayRecording(emu, (await readRecording('session.jsonl')).frames);
 * const { served, delivered } = await replay.finished;
 * ```
 */
export interface Replay {
  /** Settles once every frame was served (or the replay was stopped): how many frames, and how many pushes they made. */
  readonly finished: Promise<ReplayOutcome>;
  /** Stops serving; frames not served yet are dropped. */
  stop(): void;
}

const SUBSCRIBER_POLL_MS = 20;

/**
 * Serves recorded frames to whoever is subscribed to their (event, entity), at the recorded pace or
 * `speed` times faster. Each push carries the recorded `data` as recorded and the replaying hub's
 * own subscription, so subscribers see what the recorded session saw.
 *
 * @example
 * ```ts
 * import { readRecording, replayRecording, startEmulator } from 'enreach-rte/emulator';
 *
 * const emu = await startEmulator();
 * const { frames } = await readRecording('session.jsonl');
 * const replay = replayRecording(emu, frames, { speed: 4 });
 * console.log(await replay.finished); // { served: 120, delivered: 120 }
 * await emu.close();
 * ```
 */
export function replayRecording(
  emulator: Emulator,
  frames: readonly RecordedFrame[],
  options: ReplayOptions = {},
): Replay {
  const speed = options.speed ?? 1;
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed <= 0) {
    throw new TypeError('speed must be a positive number');
  }
  const ordered = [...frames].sort((a, b) => a.offsetMs - b.offsetMs);
  const serialised = ordered.map((frame) => JSON.stringify(frame.data ?? null));
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let served = 0;
  let delivered = 0;
  let finish: (result: { served: number; delivered: number }) => void = () => {};
  const finished = new Promise<{ served: number; delivered: number }>((resolve) => {
    finish = resolve;
  });
  const done = () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    finish({ served, delivered });
  };

  const start = () => {
    const origin = performance.now();
    const first = ordered[0]?.offsetMs ?? 0;
    const step = () => {
      while (!stopped && served < ordered.length) {
        const frame = ordered[served] as RecordedFrame;
        const due = origin + (frame.offsetMs - first) / speed;
        const wait = due - performance.now();
        if (wait > 1) {
          timer = setTimeout(step, wait);
          return;
        }
        delivered += emulator.publishSerialised(
          frame.eventName,
          frame.entityId,
          serialised[served] as string,
        );
        served++;
      }
      if (!stopped) done();
    };
    step();
  };

  if (options.waitForSubscriber === false || ordered.length === 0) {
    start();
  } else {
    const poll = () => {
      if (stopped) return;
      if (emulator.stats().subscriptions > 0) start();
      else timer = setTimeout(poll, SUBSCRIBER_POLL_MS);
    };
    poll();
  }
  return { finished, stop: done };
}
