import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  type Bridge,
  type BridgeEvent,
  type BridgeFilterOptions,
  isRteBridgeError,
  parseShard,
  RteBridgeError,
  type StartBridgeOptions,
  startBridge,
} from '../bridge/index.ts';
import { isRteError } from '../errors/rte-error.ts';
import type { RteLogger, RteLogLevel } from '../logging/logger.ts';
import { type LocalRte, startLocalRte } from './emulator-command.ts';
import { EXIT } from './exit-codes.ts';
import { credentialsFromEnv } from './flags.ts';

/** Exit codes of `enreach-rte bridge`, stable for scripts and supervisors. */
export const BRIDGE_EXIT = {
  /** Stopped (SIGTERM or SIGINT) with every event acknowledged: a clean stop for a supervisor. */
  ok: EXIT.ok,
  /** An unexpected failure. */
  failure: EXIT.failure,
  /** Bad flags or a bad config file. */
  usage: EXIT.usage,
  /** The API refused the credentials. */
  authRejected: EXIT.authRejected,
  /** The API or the hub could not be reached, or a drop was not restored within --max-attempts. */
  unreachable: EXIT.unreachable,
  /** NATS could not be reached at start, or JetStream is not enabled on it. */
  natsUnreachable: 5,
  /** The stream exists with an incompatible configuration (subjects, storage, retention, duplicate window). */
  streamIncompatible: 6,
  /** Stopped, but some buffered events were not acknowledged before the drain timeout. */
  undrained: 7,
} as const;

export const BRIDGE_USAGE = `enreach-rte bridge --api-url URL --nats URL --event NAME --entity ID [--entity ID ...] [options]
enreach-rte bridge --emulator --nats URL [options]

Streams RTE events into NATS JetStream: one message per event on
<prefix>.<organizationId>.<EventName>.<entityId>, Nats-Msg-Id = the event's id, so any number of
bridges with the same configuration store each event once. Prints one JSON line when running and
one with the final counters after SIGINT/SIGTERM, which drain the buffer first.
Credentials come from the environment, as for tail:
  ENREACH_EMAIL + ENREACH_SECRET_KEY, or ENREACH_BEARER_TOKEN
Options:
  --api-url URL            REST API of your silo
  --emulator               start a local emulator with simulated traffic and bridge all of it
  --nats URL               NATS server (repeatable; default nats://127.0.0.1:4222)
  --stream NAME            JetStream stream (default RTE; created if absent)
  --subject-prefix P       first subject token(s) (default rte)
  --retention R            limits | interest | workqueue, for a created stream (default limits)
  --duplicate-window-ms N  de-duplication window, >= 120000 (default 120000)
  --max-age-ms N           age limit of a created stream
  --event NAME             event to subscribe to (repeatable; pairs with every entity)
  --entity ID              user, queue or call list id (repeatable)
  --entities-file PATH     more entity ids, one per line (# comments allowed)
  --shard i/n              only the entities of shard i (from 0; n/n = 0/n) of n, by a stable hash
  --organization-id ID     organization for subjects when events carry none
  --bridge-id ID           name of this bridge in envelopes and metrics
  --include-event NAME     publish only these events (repeatable)
  --exclude-event NAME     never publish these events (repeatable)
  --include-entity ID      publish only these entities (repeatable)
  --exclude-entity ID      never publish these entities (repeatable)
  --where EXPR             field predicate, e.g. 'QueueStatus.nbrOfQueuingRequesters>=5' (repeatable)
  --config FILE            JS/TS module exporting filter(event) and/or enrich(event)
  --buffer-events N        most events held while NATS is unreachable (default 100000)
  --buffer-bytes N         most bytes held (default 67108864)
  --overflow POLICY        drop-oldest | drop-newest (default drop-oldest)
  --max-in-flight N        publishes awaiting an ack at once (default 512)
  --ack-timeout-ms N       wait for one ack before resending (default 5000)
  --drain-timeout-ms N     how long SIGINT/SIGTERM wait for acks (default 10000)
  --metrics-port N         serve Prometheus text on http://127.0.0.1:N/metrics (0: any free port)
  --metrics-host HOST      interface for metrics (default 127.0.0.1)
  --max-attempts N         give up connecting to RTE after N attempts (default 10; 0 = never)
  --log-level LEVEL        debug | info | warn | error | silent: JSON lines on stderr (default warn)
Exit codes: 0 stopped and drained, 2 usage, 3 credentials refused, 4 API or hub unreachable
(also when the connection is lost for good while running, after draining),
5 NATS unreachable or JetStream disabled, 6 stream exists with an incompatible configuration,
7 stopped with unacknowledged events.`;

const LEVELS: readonly RteLogLevel[] = ['debug', 'info', 'warn', 'error'];

/** A logger writing one JSON object per line to stderr, from `level` up. */
function jsonLogger(level: string): RteLogger {
  const from = level === 'silent' ? LEVELS.length : LEVELS.indexOf(level as RteLogLevel);
  const logger: RteLogger = {};
  LEVELS.forEach((name, index) => {
    if (index < from) return;
    logger[name] = (message: string, ...meta: unknown[]) => {
      const fields = meta[0] !== null && typeof meta[0] === 'object' ? (meta[0] as object) : {};
      process.stderr.write(
        `${JSON.stringify({ level: name, time: new Date().toISOString(), msg: message, ...fields })}\n`,
      );
    };
  });
  return logger;
}

function integer(name: string, text: string | undefined, min = 0): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min)
    throw new TypeError(`--${name} must be a whole number >= ${min}`);
  return value;
}

async function entitiesFrom(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);
}

/** Loads `filter` / `enrich` from a module: named exports, or a default export holding them. */
export async function loadBridgeConfig(
  file: string,
): Promise<Pick<BridgeFilterOptions, 'filter' | 'enrich'>> {
  let module: Record<string, unknown>;
  try {
    module = await import(pathToFileURL(resolve(file)).href);
  } catch (error) {
    throw new RteBridgeError(
      'CONFIG',
      `Could not load the config file ${file}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  const source = (
    module.default !== null && typeof module.default === 'object' ? module.default : module
  ) as Record<string, unknown>;
  const out: {
    filter?: (event: BridgeEvent) => boolean;
    enrich?: (event: BridgeEvent) => Record<string, unknown>;
  } = {};
  for (const key of ['filter', 'enrich'] as const) {
    const value = source[key];
    if (value === undefined) continue;
    if (typeof value !== 'function')
      throw new RteBridgeError('CONFIG', `The config file ${file} exports ${key}, but it is not a function`);
    out[key] = value as never;
  }
  if (!out.filter && !out.enrich)
    throw new RteBridgeError(
      'CONFIG',
      `The config file ${file} exports neither filter(event) nor enrich(event)`,
    );
  return out;
}

export async function runBridge(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'api-url': { type: 'string' },
      emulator: { type: 'boolean', default: false },
      nats: { type: 'string', multiple: true },
      stream: { type: 'string' },
      'subject-prefix': { type: 'string' },
      retention: { type: 'string' },
      'duplicate-window-ms': { type: 'string' },
      'max-age-ms': { type: 'string' },
      event: { type: 'string', multiple: true },
      entity: { type: 'string', multiple: true },
      'entities-file': { type: 'string', multiple: true },
      shard: { type: 'string' },
      'organization-id': { type: 'string' },
      'bridge-id': { type: 'string' },
      'include-event': { type: 'string', multiple: true },
      'exclude-event': { type: 'string', multiple: true },
      'include-entity': { type: 'string', multiple: true },
      'exclude-entity': { type: 'string', multiple: true },
      where: { type: 'string', multiple: true },
      config: { type: 'string' },
      'buffer-events': { type: 'string' },
      'buffer-bytes': { type: 'string' },
      overflow: { type: 'string' },
      'max-in-flight': { type: 'string' },
      'ack-timeout-ms': { type: 'string' },
      'drain-timeout-ms': { type: 'string' },
      'metrics-port': { type: 'string' },
      'metrics-host': { type: 'string' },
      'max-attempts': { type: 'string' },
      'log-level': { type: 'string', default: 'warn' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${BRIDGE_USAGE}\n`);
    return BRIDGE_EXIT.ok;
  }
  const usage = (problems: string[]) => {
    process.stderr.write(`${problems.join('\n')}\n\n${BRIDGE_USAGE}\n`);
    return BRIDGE_EXIT.usage;
  };
  const level = values['log-level'];
  if (level !== 'silent' && !LEVELS.includes(level as RteLogLevel))
    return usage(['--log-level must be debug, info, warn, error or silent']);
  const maxAttempts = integer('max-attempts', values['max-attempts']) ?? 10;

  let events = values.event ?? [];
  let entities = [...(values.entity ?? [])];
  try {
    for (const file of values['entities-file'] ?? []) entities.push(...(await entitiesFrom(file)));
  } catch (error) {
    return usage([`could not read --entities-file: ${(error as Error).message}`]);
  }
  let apiUrl = values['api-url'];
  let auth = credentialsFromEnv(env);
  let local: LocalRte | undefined;
  if (values.emulator) {
    local = await startLocalRte({ simulate: true });
    const { emulator, simulator } = local;
    apiUrl = emulator.apiUrl;
    auth = { email: emulator.credentials.email, secretKey: emulator.credentials.secretKey };
    const directory = simulator!.directory;
    if (events.length === 0) events = ['QueueStatus', 'UserStatus', 'CallbackChanged'];
    if (entities.length === 0)
      entities = [
        ...directory.queues.map((q) => q.queueId),
        ...directory.agents.map((a) => a.userId),
        ...directory.callLists.map((c) => c.callListId),
      ];
  } else {
    const problems = [
      !apiUrl && '--api-url is required (or use --emulator)',
      !auth && 'credentials are missing: set ENREACH_EMAIL and ENREACH_SECRET_KEY (or ENREACH_BEARER_TOKEN)',
      events.length === 0 && 'give at least one --event',
      entities.length === 0 && 'give at least one --entity (or --entities-file)',
    ].filter((problem): problem is string => typeof problem === 'string');
    if (problems.length > 0) return usage(problems);
  }

  const logger = jsonLogger(level);
  let bridge: Bridge;
  try {
    const config = values.config ? await loadBridgeConfig(values.config) : {};
    const options: StartBridgeOptions = {
      rte: {
        apiUrl: apiUrl!,
        auth: auth!,
        reconnect: maxAttempts === 0 ? {} : { maxAttempts },
      },
      nats: { servers: values.nats ?? ['nats://127.0.0.1:4222'] },
      events,
      entities,
      stream: {
        name: values.stream,
        retention: values.retention as 'limits' | undefined,
        duplicateWindowMs: integer('duplicate-window-ms', values['duplicate-window-ms']),
        maxAgeMs: integer('max-age-ms', values['max-age-ms']),
      },
      subjectPrefix: values['subject-prefix'],
      organizationId: values['organization-id'],
      bridgeId: values['bridge-id'],
      shard: values.shard === undefined ? undefined : parseShard(values.shard),
      filters: {
        includeEvents: values['include-event'],
        excludeEvents: values['exclude-event'],
        includeEntities: values['include-entity'],
        excludeEntities: values['exclude-entity'],
        where: values.where,
        ...config,
      },
      buffer: {
        maxEvents: integer('buffer-events', values['buffer-events'], 1),
        maxBytes: integer('buffer-bytes', values['buffer-bytes'], 1),
        overflow: values.overflow as 'drop-oldest' | undefined,
      },
      publish: {
        maxInFlight: integer('max-in-flight', values['max-in-flight'], 1),
        ackTimeoutMs: integer('ack-timeout-ms', values['ack-timeout-ms'], 1),
      },
      drainTimeoutMs: integer('drain-timeout-ms', values['drain-timeout-ms']),
      metrics:
        values['metrics-port'] === undefined
          ? undefined
          : { port: integer('metrics-port', values['metrics-port'])!, host: values['metrics-host'] },
      logger,
    };
    bridge = await startBridge(options);
  } catch (error) {
    await local?.close();
    return failure(error);
  }

  process.stdout.write(
    `${JSON.stringify({ running: true, bridge: bridge.id, stream: bridge.stream, subscribed: bridge.subscribed, metricsUrl: bridge.metricsUrl ?? null })}\n`,
  );
  let gaveUp = false;
  await new Promise<void>((done) => {
    // The RTE client stops retrying after --max-attempts: drain, then exit 4 for a supervisor to act on.
    const watch = setInterval(() => {
      if (bridge.stats().rteState !== 'disconnected') return;
      gaveUp = true;
      done();
    }, 500);
    watch.unref();
    const stop = () => {
      clearInterval(watch);
      // A second signal while draining means "now": exit without waiting for the acks.
      process.once('SIGINT', () => process.exit(BRIDGE_EXIT.undrained));
      process.once('SIGTERM', () => process.exit(BRIDGE_EXIT.undrained));
      done();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  const final = await bridge.close();
  await local?.close();
  process.stdout.write(`${JSON.stringify({ stopped: true, ...final })}\n`);
  if (gaveUp) {
    process.stderr.write('The RTE connection was lost and not restored within --max-attempts\n');
    return BRIDGE_EXIT.unreachable;
  }
  return final.dropped.shutdown > 0 ? BRIDGE_EXIT.undrained : BRIDGE_EXIT.ok;
}

function failure(error: unknown): number {
  const message = (error as Error).message;
  if (error instanceof TypeError || isRteBridgeError(error, 'CONFIG')) {
    process.stderr.write(`${message}\n`);
    return BRIDGE_EXIT.usage;
  }
  if (isRteBridgeError(error, 'STREAM_INCOMPATIBLE')) {
    process.stderr.write(`${message}\n`);
    return BRIDGE_EXIT.streamIncompatible;
  }
  if (isRteBridgeError(error)) {
    process.stderr.write(`${message}\n`);
    return BRIDGE_EXIT.natsUnreachable;
  }
  if (isRteError(error, 'AUTH_REJECTED')) {
    process.stderr.write(`The API refused the credentials: ${message}\n`);
    return BRIDGE_EXIT.authRejected;
  }
  process.stderr.write(`Could not connect to RTE: ${message}\n`);
  return BRIDGE_EXIT.unreachable;
}
