import { parseArgs } from 'node:util';
import { RteClient } from '../client/rte-client.ts';
import { isRteError } from '../errors/rte-error.ts';
import type { RteAuth } from '../options.ts';
import { startLocalRte } from './emulator-command.ts';
import { EXIT } from './exit-codes.ts';
import { formatEvent, formatEventJson } from './format.ts';
import { recordingSecrets, startRecording } from './record.ts';

export const TAIL_USAGE = `enreach-rte tail --api-url URL --event NAME --entity ID [--entity ID ...] [--json]
enreach-rte tail --emulator [--json]

Prints RTE events as they arrive, one line each (--json: one JSON object per line on stdout;
connection messages go to stderr). Credentials come from the environment:
  ENREACH_EMAIL + ENREACH_SECRET_KEY   (HTTP Basic, the usual way)
  ENREACH_BEARER_TOKEN                 (for APIs fronted by bearer tokens)
Options:
  --api-url URL        REST API of your silo, e.g. https://api-silox.enreachvoice.com
  --event NAME         event to subscribe to (repeatable; pairs with every --entity)
  --entity ID          user, queue or call list id (repeatable)
  --emulator           start a local emulator with simulated traffic and tail everything
  --max-attempts N     give up connecting after N attempts (default 10; 0 = never)
  --record FILE        also write every frame with its receive time to FILE (JSON Lines, no secrets)
Exit codes: 0 interrupted, 2 usage, 3 credentials refused, 4 API or hub unreachable.`;

function credentials(env: NodeJS.ProcessEnv): RteAuth | undefined {
  if (env.ENREACH_EMAIL && env.ENREACH_SECRET_KEY)
    return { email: env.ENREACH_EMAIL, secretKey: env.ENREACH_SECRET_KEY };
  if (env.ENREACH_BEARER_TOKEN) return { bearer: env.ENREACH_BEARER_TOKEN };
  return undefined;
}

export async function runTail(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'api-url': { type: 'string' },
      event: { type: 'string', multiple: true },
      entity: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
      emulator: { type: 'boolean', default: false },
      'max-attempts': { type: 'string' },
      record: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${TAIL_USAGE}\n`);
    return EXIT.ok;
  }
  const maxAttempts = values['max-attempts'] === undefined ? 10 : Number(values['max-attempts']);
  if (!Number.isInteger(maxAttempts) || maxAttempts < 0) {
    process.stderr.write('--max-attempts must be a whole number\n');
    return EXIT.usage;
  }

  const local = values.emulator ? await startLocalRte({ simulate: true }) : undefined;
  let apiUrl = values['api-url'];
  let auth = credentials(env);
  let pairs: { eventName: string; entityId: string }[] = [];
  if (local) {
    const { emulator, simulator } = local;
    apiUrl = emulator.apiUrl;
    auth = { email: emulator.credentials.email, secretKey: emulator.credentials.secretKey };
    const directory = simulator!.directory;
    pairs = [
      ...directory.agents.flatMap((a) =>
        ['UserStatus', 'UserAvailability'].map((eventName) => ({ eventName, entityId: a.userId })),
      ),
      ...directory.queues.map((q) => ({ eventName: 'QueueStatus', entityId: q.queueId })),
      ...directory.callLists.map((c) => ({ eventName: 'CallbackChanged', entityId: c.callListId })),
    ];
  } else {
    const events = values.event ?? [];
    const entities = values.entity ?? [];
    const problems = [
      !apiUrl && '--api-url is required (or use --emulator)',
      !auth && 'credentials are missing: set ENREACH_EMAIL and ENREACH_SECRET_KEY (or ENREACH_BEARER_TOKEN)',
      events.length === 0 && 'give at least one --event',
      entities.length === 0 && 'give at least one --entity',
    ].filter(Boolean);
    if (problems.length > 0) {
      process.stderr.write(`${problems.join('\n')}\n\n${TAIL_USAGE}\n`);
      return EXIT.usage;
    }
    pairs = events.flatMap((eventName) => entities.map((entityId) => ({ eventName, entityId })));
  }

  let rte: RteClient;
  try {
    rte = new RteClient({
      apiUrl: apiUrl!,
      auth: auth!,
      reconnect: maxAttempts === 0 ? {} : { maxAttempts },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    await local?.close();
    return EXIT.usage;
  }
  const print = values.json ? formatEventJson : formatEvent;
  rte.on('*', (message) => process.stdout.write(`${print(message)}\n`));
  rte.on('state', (change) =>
    process.stderr.write(
      `[${change.state}]${change.delayMs ? ` next attempt in ${change.delayMs} ms` : ''}\n`,
    ),
  );
  rte.on('resynced', (info) =>
    process.stderr.write(
      `[resynced] ${info.restored} subscription(s) restored after ${info.downtimeMs} ms; events may have been missed\n`,
    ),
  );
  rte.on('error', (error) => {
    if (error.code !== 'TRANSPORT' && error.code !== 'TOKEN_REQUEST_FAILED')
      process.stderr.write(`[error] ${error.message}\n`);
  });

  const stopped = new Promise<number>((resolve) => {
    const stop = () => resolve(EXIT.ok);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  const recording = values.record
    ? await startRecording(rte, values.record, recordingSecrets(auth, env))
    : undefined;
  const results = await rte.subscribe(pairs);
  let code: number;
  try {
    await Promise.race([rte.connect(), stopped]);
    for (const result of results) {
      if (result.status === 'refused')
        process.stderr.write(`[refused] ${result.eventName} ${result.entityId}: ${result.message}\n`);
    }
    code = await stopped;
  } catch (error) {
    if (isRteError(error, 'AUTH_REJECTED')) {
      process.stderr.write(`The API refused the credentials: ${(error as Error).message}\n`);
      code = EXIT.authRejected;
    } else {
      process.stderr.write(`Could not connect: ${(error as Error).message}\n`);
      code = EXIT.unreachable;
    }
  }
  await rte.disconnect();
  await recording?.close();
  await local?.close();
  return code;
}
