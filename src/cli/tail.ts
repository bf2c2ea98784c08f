import { parseArgs } from 'node:util';
import { isRteError, type RefusedSubscription, RteClient, type StateChange } from '../index.ts';
import { subscriptionKey } from '../wire/subscription.ts';
import { describeCause, recordingFetch } from './cause.ts';
import { startLocalRte } from './emulator-command.ts';
import { EXIT, untilSignal } from './exit-codes.ts';
import { checkApiUrl, credentialsFromEnv, inFlagTerms } from './flags.ts';
import { formatEvent, formatEventJson } from './format.ts';
import { recordingSecrets, startRecording } from './record.ts';
import { lineWidth, painter } from './style.ts';

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
Pairs the hub refuses are named on stderr; tail keeps running while any pair is subscribed.
Exit codes: 2 usage, 3 credentials refused, 4 API or hub unreachable, 5 the hub refused every
pair, 130 interrupted (Ctrl-C), 143 stopped by SIGTERM.`;

/** A downtime as people say it: ms below a second (a drop healed at once is not "0.0 s"). */
function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

// A pair as the hub tells pairs apart.
const key = (pair: { eventName: string; entityId: string }) => subscriptionKey(pair.eventName, pair.entityId);

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

  let apiUrl = values['api-url'];
  let auth = credentialsFromEnv(env);
  let pairs: { eventName: string; entityId: string }[] = [];
  if (!values.emulator) {
    const events = values.event ?? [];
    const entities = values.entity ?? [];
    const problems = [
      !apiUrl && '--api-url is required (or use --emulator)',
      apiUrl && checkApiUrl(apiUrl),
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
  const local = values.emulator ? await startLocalRte({ simulate: true }) : undefined;
  const names = new Map<string, string>();
  if (local) {
    const { emulator, simulator } = local;
    apiUrl = emulator.apiUrl;
    auth = { email: emulator.credentials.email, secretKey: emulator.credentials.secretKey };
    const directory = simulator!.directory;
    for (const a of directory.agents) names.set(a.userId, a.name);
    for (const q of directory.queues) names.set(q.queueId, q.name);
    for (const c of directory.callLists) names.set(c.callListId, c.name);
    pairs = [
      ...directory.agents.flatMap((a) =>
        ['UserStatus', 'UserAvailability'].map((eventName) => ({ eventName, entityId: a.userId })),
      ),
      ...directory.queues.map((q) => ({ eventName: 'QueueStatus', entityId: q.queueId })),
      ...directory.callLists.map((c) => ({ eventName: 'CallbackChanged', entityId: c.callListId })),
    ];
  }

  const failures = recordingFetch();
  let rte: RteClient;
  try {
    rte = new RteClient({
      apiUrl: apiUrl!,
      auth: auth!,
      reconnect: maxAttempts === 0 ? {} : { maxAttempts },
      fetch: failures.fetch,
    });
  } catch (error) {
    process.stderr.write(`${inFlagTerms((error as Error).message)}\n`);
    await local?.close();
    return EXIT.usage;
  }
  const err = painter(process.stderr);
  const note = (line: string) => process.stderr.write(`${line}\n`);
  // Why an attempt failed: the SDK's words plus the system error or HTTP status behind them. The
  // failure arrives on `error` before the `state` change that schedules the next attempt.
  let lastError: Error | undefined;
  let previousError: Error | undefined;
  const reason = (error: Error | undefined) => {
    const cause = (describeCause(error) ?? failures.lastFailure())?.replace(/\.$/, '');
    const message = error ? inFlagTerms(error.message).replace(/\.$/, '') : undefined;
    return [message, cause && !message?.includes(cause) ? cause : undefined].filter(Boolean).join(': ');
  };
  // connect() rejects with "Gave up after N attempts", which follows the last attempt's own failure.
  const finalReason = (error: Error) => {
    const attempt = [lastError, previousError].find((e) => e && e.message !== error.message);
    if (describeCause(error) ?? failures.lastFailure()) return reason(error);
    return attempt
      ? `${inFlagTerms(error.message)}; the last attempt failed: ${reason(attempt)}`
      : reason(error);
  };

  const paint = painter(process.stdout);
  const print = values.json
    ? formatEventJson
    : (message: Parameters<typeof formatEvent>[0]) =>
        formatEvent(message, { width: lineWidth(process.stdout), names, paint });
  rte.on('*', (message) => process.stdout.write(`${print(message)}\n`));
  rte.on('state', (change: StateChange) => {
    const label = err(change.state === 'connected' ? 'green' : 'yellow', `[${change.state}]`);
    const failed = change.error ?? lastError;
    if (change.state === 'connected') {
      lastError = undefined;
      failures.clear();
      note(label);
    } else if (
      (change.state === 'connecting' || change.state === 'reconnecting') &&
      change.attempt !== undefined
    ) {
      const wait = change.delayMs ? ` in ${(change.delayMs / 1000).toFixed(1)} s` : ' now';
      const why =
        change.attempt > 1 && failed
          ? ` attempt ${change.attempt - 1} failed: ${reason(failed)};`
          : change.state === 'reconnecting' && failed
            ? ` ${reason(failed)};`
            : '';
      note(`${label}${why} attempt ${change.attempt}${wait}`);
    } else if (change.state !== 'disconnected') note(label);
  });
  const everything = new Set(pairs.map(key));
  const refused = new Map<string, RefusedSubscription>();
  let allRefused: () => void = () => {};
  const nothingLeft = new Promise<number>((resolve) => {
    allRefused = () => resolve(EXIT.nothingSubscribed);
  });
  const refuse = (items: readonly RefusedSubscription[]) => {
    for (const item of items) {
      if (refused.has(key(item))) continue;
      refused.set(key(item), item);
      const name = names.get(item.entityId);
      note(
        `${err('red', '[refused]')} ${item.eventName} ${item.entityId}${name ? ` (${name})` : ''}: ${item.message}`,
      );
    }
    if ([...everything].every((pair) => refused.has(pair))) allRefused();
  };
  rte.on('resynced', (info) => {
    note(
      `${err('yellow', '[resynced]')} ${info.restored} subscription(s) restored after ${duration(info.downtimeMs)}; events may have been missed`,
    );
    // A replay can be refused too (the user lost a right while the connection was down).
    refuse(info.refused);
  });
  rte.on('error', (error) => {
    if (isRteError(error, 'SUBSCRIPTION_REFUSED') && 'refused' in error) {
      refuse(error.refused as readonly RefusedSubscription[]);
      return;
    }
    if (error.code === 'TRANSPORT' || error.code === 'TOKEN_REQUEST_FAILED') {
      previousError = lastError;
      lastError = error;
    } else note(`${err('red', '[error]')} ${inFlagTerms(error.message)}`);
  });

  const signal = untilSignal();
  const recording = values.record
    ? await startRecording(rte, values.record, recordingSecrets(auth, env))
    : undefined;
  let code: number;
  try {
    const connected = await Promise.race([rte.connect().then(() => undefined), signal.code]);
    if (connected !== undefined) code = connected;
    else {
      const results = await rte.subscribe(pairs);
      refuse(
        results.flatMap((result) =>
          result.status === 'refused'
            ? [
                {
                  eventName: result.eventName,
                  entityId: result.entityId,
                  message: result.message ?? 'refused',
                  reason: result.reason ?? 'other',
                },
              ]
            : [],
        ),
      );
      const live = results.filter((result) => result.status !== 'refused').length;
      if (live > 0 && refused.size > 0)
        note(`Tailing ${live} of ${results.length} pair(s); the refused ones are named above.`);
      code = await Promise.race([signal.code, nothingLeft]);
      if (code === EXIT.nothingSubscribed)
        note(
          `Nothing to tail: the hub refused every pair asked for (check the --event names and the --entity ids). Exit code ${EXIT.nothingSubscribed}.`,
        );
    }
  } catch (error) {
    if (isRteError(error, 'AUTH_REJECTED')) {
      note(`The API refused the credentials: ${finalReason(error as Error)}`);
      code = EXIT.authRejected;
    } else {
      note(`Could not connect to ${apiUrl}: ${finalReason(error as Error)}`);
      code = EXIT.unreachable;
    }
  }
  signal.dispose();
  await rte.disconnect();
  await recording?.close();
  await local?.close();
  return code;
}
