import { parseArgs } from 'node:util';
import { availableEventNames } from '../emulator/event-names.ts';
import { type Emulator, startEmulator } from '../emulator/index.ts';
import { type RecordedFrame, RecordingFormatError, readRecording } from '../emulator/recording.ts';
import { type Replay, replayRecording } from '../emulator/replay.ts';
import { createSimulator, type Simulator } from '../emulator/simulator.ts';
import { checkTokenResponseForm, type TokenResponseForm } from '../emulator/token-response.ts';
import { EXIT, untilSignal } from './exit-codes.ts';

export const EMULATOR_USAGE = `enreach-rte emulator [--port N] [--host H] [--simulate] [--seed S] [--agents N] [--queues N] [--rate N]
                     [--replay FILE [--speed N]] [--token-endpoint ws|wss|schemeless] [--token-key KEY]

Runs a local Enreach RTE (token endpoint, SignalR hub, control API, discovery) until interrupted, and
prints one JSON line with its URLs and demo credentials. --simulate drives it with a simulated contact
centre. --replay serves the frames of a session recorded with \`enreach-rte tail --record FILE\` to
whoever subscribes to them, at the recorded pace or --speed N times faster, starting with the first
subscription. --token-endpoint and --token-key choose how the token response writes the hub URL
(WSSEndpoint, WssEndpoint or wssEndpoint), as different live deployments do.
Exit codes: 2 usage, 130 interrupted (Ctrl-C), 143 stopped by SIGTERM.`;

/** A running emulator, optionally with the simulator publishing into it. */
export interface LocalRte {
  readonly emulator: Emulator;
  readonly simulator: Simulator | undefined;
  /** The replay of a recorded session, when one was asked for. */
  readonly replay: Replay | undefined;
  close(): Promise<void>;
}

/** Starts the emulator (and the simulator when asked); shared by `emulator`, `tail --emulator` and `demo`. */
export async function startLocalRte(options: {
  port?: number;
  host?: string;
  simulate?: boolean;
  seed?: number;
  agents?: number;
  queues?: number;
  eventsPerSecond?: number;
  replay?: { frames: readonly RecordedFrame[]; speed: number };
  tokenResponse?: TokenResponseForm;
}): Promise<LocalRte> {
  const recordedNames = (options.replay?.frames ?? []).map((frame) => frame.eventName);
  const emulator = await startEmulator({
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.tokenResponse !== undefined ? { tokenResponse: options.tokenResponse } : {}),
    // A recording may hold names this catalog lacks; the hub must accept them to replay them.
    ...(recordedNames.some(
      (name) => !availableEventNames.some((known) => known.toLowerCase() === name.toLowerCase()),
    )
      ? { availableEvents: [...new Set([...availableEventNames, ...recordedNames])] }
      : {}),
  });
  const simulator = options.simulate
    ? createSimulator({
        seed: options.seed,
        agents: options.agents,
        queues: options.queues,
        eventsPerSecond: options.eventsPerSecond,
        organizationId: emulator.credentials.organizationId,
        publish: (eventName, entityId, data) => emulator.publish(eventName, entityId, data),
      })
    : undefined;
  simulator?.start();
  const replay = options.replay
    ? replayRecording(emulator, options.replay.frames, { speed: options.replay.speed })
    : undefined;
  return {
    emulator,
    simulator,
    replay,
    async close() {
      simulator?.stop();
      replay?.stop();
      await emulator.close();
    },
  };
}

/** The (event, entity) pairs a recording holds frames for: what a subscriber must subscribe to. */
export function replayedPairs(frames: readonly RecordedFrame[]): { eventName: string; entityId: string }[] {
  const pairs = new Map<string, { eventName: string; entityId: string }>();
  for (const { eventName, entityId } of frames) {
    pairs.set(`${eventName.toLowerCase()}|${entityId.toLowerCase()}`, { eventName, entityId });
  }
  return [...pairs.values()];
}

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new TypeError(`--${name} must be a whole number`);
  return parsed;
}

export async function runEmulatorCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      simulate: { type: 'boolean', default: false },
      seed: { type: 'string' },
      agents: { type: 'string' },
      queues: { type: 'string' },
      rate: { type: 'string' },
      replay: { type: 'string' },
      speed: { type: 'string' },
      'token-endpoint': { type: 'string' },
      'token-key': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${EMULATOR_USAGE}\n`);
    return EXIT.ok;
  }
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  if (!Number.isFinite(speed) || speed <= 0) throw new TypeError('--speed must be a positive number');
  if (values.speed !== undefined && values.replay === undefined)
    throw new TypeError('--speed needs --replay FILE');
  const tokenResponse = checkTokenResponseForm({
    ...(values['token-endpoint'] !== undefined ? { endpoint: values['token-endpoint'] } : {}),
    ...(values['token-key'] !== undefined ? { key: values['token-key'] } : {}),
  });
  let recorded: RecordedFrame[] | undefined;
  if (values.replay !== undefined) {
    try {
      recorded = (await readRecording(values.replay)).frames;
    } catch (error) {
      const reason = error instanceof RecordingFormatError ? error.message : (error as Error).message;
      throw new TypeError(`--replay ${values.replay}: ${reason}`);
    }
  }
  const local = await startLocalRte({
    tokenResponse,
    ...(recorded !== undefined ? { replay: { frames: recorded, speed } } : {}),
    ...(values.port !== undefined ? { port: integer('port', values.port)! } : {}),
    ...(values.host !== undefined ? { host: values.host } : {}),
    simulate: values.simulate,
    ...(values.seed !== undefined ? { seed: integer('seed', values.seed)! } : {}),
    ...(values.agents !== undefined ? { agents: integer('agents', values.agents)! } : {}),
    ...(values.queues !== undefined ? { queues: integer('queues', values.queues)! } : {}),
    ...(values.rate !== undefined ? { eventsPerSecond: integer('rate', values.rate)! } : {}),
  });
  const { emulator, simulator } = local;
  process.stdout.write(
    `${JSON.stringify({
      apiUrl: emulator.apiUrl,
      hubUrl: emulator.hubUrl,
      controlUrl: emulator.controlUrl,
      credentials: emulator.credentials,
      ...(simulator ? { directory: simulator.directory } : {}),
      ...(recorded !== undefined ? { replaying: replayedPairs(recorded) } : {}),
    })}\n`,
  );
  void local.replay?.finished.then(({ served, delivered }) =>
    process.stderr.write(`[replay] served ${served} frame(s), ${delivered} push(es)\n`),
  );
  const code = await untilSignal().code;
  await local.close();
  return code;
}
