import { parseArgs } from 'node:util';
import { type Emulator, startEmulator } from '../emulator/index.ts';
import { createSimulator, type Simulator } from '../emulator/simulator.ts';
import { EXIT, untilSignal } from './exit-codes.ts';

export const EMULATOR_USAGE = `enreach-rte emulator [--port N] [--host H] [--simulate] [--seed S] [--agents N] [--queues N] [--rate N]

Runs a local Enreach RTE (token endpoint, SignalR hub, control API) until interrupted, and prints
one JSON line with its URLs and demo credentials. --simulate drives it with a simulated contact centre.
Exit codes: 2 usage, 130 interrupted (Ctrl-C), 143 stopped by SIGTERM.`;

/** A running emulator, optionally with the simulator publishing into it. */
export interface LocalRte {
  readonly emulator: Emulator;
  readonly simulator: Simulator | undefined;
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
}): Promise<LocalRte> {
  const emulator = await startEmulator({
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
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
  return {
    emulator,
    simulator,
    async close() {
      simulator?.stop();
      await emulator.close();
    },
  };
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
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${EMULATOR_USAGE}\n`);
    return EXIT.ok;
  }
  const local = await startLocalRte({
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
    })}\n`,
  );
  const code = await untilSignal().code;
  await local.close();
  return code;
}
