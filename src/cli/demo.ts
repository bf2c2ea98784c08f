import { parseArgs } from 'node:util';
import { RteClient } from '../client/rte-client.ts';
import { startLocalRte } from './emulator-command.ts';
import { EXIT } from './exit-codes.ts';
import { formatEvent } from './format.ts';

export const DEMO_USAGE = `enreach-rte demo [--seconds N] [--drop-after N] [--seed S]

Starts a local emulator with a simulated contact centre, subscribes to every agent, queue and call
list with RteClient, prints the typed events live, cuts every connection half-way through, and
shows the subscriptions being replayed.`;

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
  if (![seconds, dropAfter, seed].every((n) => Number.isFinite(n) && n >= 0)) {
    process.stderr.write(`${DEMO_USAGE}\n`);
    return EXIT.usage;
  }

  const local = await startLocalRte({ simulate: true, seed, eventsPerSecond: 8 });
  const { emulator, simulator } = local;
  const directory = simulator!.directory;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`Local RTE emulator at ${emulator.apiUrl} (hub ${emulator.hubUrl})`);
  out(
    `Simulated contact centre: ${directory.agents.length} agents, ${directory.queues.length} queues, ${directory.callLists.length} call list(s)\n`,
  );

  const rte = new RteClient({
    apiUrl: emulator.apiUrl,
    auth: { email: emulator.credentials.email, secretKey: emulator.credentials.secretKey },
  });
  rte.on('*', (message) => out(formatEvent(message, process.stdout.columns || 160)));
  rte.on('state', (change) => out(`── connection: ${change.state}`));
  rte.on('resynced', (info) =>
    out(
      `── resynced: ${info.restored} subscriptions replayed ${info.downtimeMs} ms after the drop (events in the gap may be missed)`,
    ),
  );
  rte.on('error', (error) => out(`── ${error.name}: ${error.message}`));

  await rte.subscribe([
    ...directory.agents.flatMap((a) => [
      { eventName: 'UserStatus', entityId: a.userId },
      { eventName: 'UserAvailability', entityId: a.userId },
      { eventName: 'UserCallInComing', entityId: a.userId },
      { eventName: 'UserWrapUpStarted', entityId: a.userId },
    ]),
    ...directory.queues.map((q) => ({ eventName: 'QueueStatus', entityId: q.queueId })),
    ...directory.callLists.map((c) => ({ eventName: 'CallbackChanged', entityId: c.callListId })),
  ]);
  await rte.connect();
  out(`── subscribed to ${rte.subscriptions.length} (event, entity) pairs\n`);

  const sleep = (s: number) => new Promise((resolve) => setTimeout(resolve, s * 1000));
  await sleep(dropAfter);
  out(
    `\n── cutting every connection abruptly (${emulator.dropConnections()} dropped); the hub forgets all subscriptions`,
  );
  await sleep(Math.max(0, seconds - dropAfter));
  await rte.disconnect();
  await local.close();
  out('\nDone.');
  return EXIT.ok;
}
