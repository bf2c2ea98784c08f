import { parseArgs } from 'node:util';
import { simulatedEventNames } from '../emulator/index.ts';
import { RteClient } from '../index.ts';
import { startLocalRte } from './emulator-command.ts';
import { EXIT, untilSignal } from './exit-codes.ts';
import { formatEvent } from './format.ts';
import { lineWidth, painter } from './style.ts';

export const DEMO_USAGE = `enreach-rte demo [--seconds N] [--drop-after N] [--seed S]

Starts a local emulator with a simulated contact centre, subscribes to every agent, queue and call
list with RteClient, prints the typed events live, cuts every connection half-way through, and
shows the subscriptions being replayed. Runs for --seconds (default 12), then prints a summary;
Ctrl-C stops it early, with the summary.
Options:
  --seconds N      how long to run (default 12)
  --drop-after N   when to cut the connections, in seconds (default half of --seconds)
  --seed S         seed of the simulated contact centre (default 1)
Exit codes: 0 ran to the end, 2 usage, 130 interrupted (Ctrl-C), 143 stopped by SIGTERM.`;

export async function runDemo(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      seconds: { type: 'string', default: '12' },
      'drop-after': { type: 'string' },
      seed: { type: 'string', default: '1' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${DEMO_USAGE}\n`);
    return EXIT.ok;
  }
  const seconds = Number(values.seconds);
  const dropAfter = values['drop-after'] === undefined ? seconds / 2 : Number(values['drop-after']);
  const seed = Number(values.seed);
  const problems = [
    !(Number.isFinite(seconds) && seconds > 0) &&
      `--seconds must be a positive number (got "${values.seconds}")`,
    !(Number.isFinite(dropAfter) && dropAfter >= 0) &&
      `--drop-after must be a number of seconds (got "${values['drop-after']}")`,
    !(Number.isInteger(seed) && seed >= 0) && `--seed must be a whole number (got "${values.seed}")`,
  ].filter(Boolean);
  if (problems.length > 0) {
    process.stderr.write(`${problems.join('\n')}\n\n${DEMO_USAGE}\n`);
    return EXIT.usage;
  }

  const started = Date.now();
  const local = await startLocalRte({ simulate: true, seed, eventsPerSecond: 8 });
  const { emulator, simulator } = local;
  const directory = simulator!.directory;
  const paint = painter(process.stdout);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const say = (line: string) => out(paint('yellow', `── ${line}`));
  const names = new Map<string, string>([
    ...directory.agents.map((a) => [a.userId, a.name] as const),
    ...directory.queues.map((q) => [q.queueId, q.name] as const),
    ...directory.callLists.map((c) => [c.callListId, c.name] as const),
  ]);
  out(`Local RTE emulator at ${emulator.apiUrl} (hub ${emulator.hubUrl})`);
  out(
    `Simulated contact centre: ${directory.agents.length} agents, ${directory.queues.length} queues, ${directory.callLists.length} call list(s)`,
  );
  out(
    `Running for ${seconds} s (--seconds N to change), cutting every connection after ${dropAfter} s; Ctrl-C stops early.\n`,
  );

  const counts = new Map<string, number>();
  let resyncs = 0;
  const rte = new RteClient({
    apiUrl: emulator.apiUrl,
    auth: { email: emulator.credentials.email, secretKey: emulator.credentials.secretKey },
  });
  rte.on('*', (message) => {
    counts.set(message.name, (counts.get(message.name) ?? 0) + 1);
    out(formatEvent(message, { width: lineWidth(process.stdout), names, paint }));
  });
  rte.on('state', (change) => say(`connection: ${change.state}`));
  rte.on('resynced', (info) => {
    resyncs += 1;
    say(
      `resynced: ${info.restored} subscriptions replayed ${info.downtimeMs} ms after the drop (events in the gap may be missed)`,
    );
  });
  rte.on('error', (error) => say(`${error.name}: ${error.message}`));

  const signal = untilSignal();
  // Ends early on a signal, leaving no timer behind to keep the process alive.
  const sleep = async (s: number) => {
    let timer: Parameters<typeof clearTimeout>[0];
    const elapsed = new Promise<undefined>((resolve) => {
      timer = setTimeout(resolve, s * 1000);
    });
    try {
      return await Promise.race([elapsed, signal.code]);
    } finally {
      clearTimeout(timer);
    }
  };
  let code: number | undefined;
  await rte.subscribe([
    ...directory.agents.flatMap((a) => [
      { eventName: 'UserStatus', entityId: a.userId },
      { eventName: 'UserAvailability', entityId: a.userId },
      { eventName: 'UserCallInComing', entityId: a.userId },
      { eventName: 'UserWrapUpStarted', entityId: a.userId },
    ]),
    // QueueCallInComing and QueueCallInUserConnected are live-only: they arrive untyped.
    ...directory.queues.flatMap((q) =>
      simulatedEventNames.queue.map((eventName) => ({ eventName, entityId: q.queueId })),
    ),
    ...directory.callLists.map((c) => ({ eventName: 'CallbackChanged', entityId: c.callListId })),
  ]);
  code = await Promise.race([rte.connect().then(() => undefined), signal.code]);
  if (code === undefined) {
    say(`subscribed to ${rte.subscriptions.length} (event, entity) pairs\n`);
    code = await sleep(Math.min(dropAfter, seconds));
  }
  if (code === undefined && dropAfter < seconds) {
    out('');
    say(
      `cutting every connection abruptly (${emulator.dropConnections()} dropped); the hub forgets all subscriptions`,
    );
    code = await sleep(seconds - dropAfter);
  }
  signal.dispose();
  await rte.disconnect();
  await local.close();

  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  const byName = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');
  const ran = ((Date.now() - started) / 1000).toFixed(1);
  out('');
  out(
    `${code === undefined ? 'Done' : 'Interrupted'} after ${ran} s: ${total} events${byName ? ` (${byName})` : ''}, ${resyncs} resync(s).`,
  );
  return code ?? EXIT.ok;
}
