import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_EXIT } from '../../src/cli/bridge.ts';
import { type Emulator, startEmulator } from '../../src/emulator/index.ts';
import { eventIds, NatsServer, publishQueueStatus, QUEUES, readStream, until } from './support.ts';

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;
let nats: NatsServer;
let emu: Emulator;
let dir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  nats = await NatsServer.start();
  emu = await startEmulator();
  dir = mkdtempSync(join(tmpdir(), 'rte-bridge-cli-'));
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await nats.run();
});
afterAll(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await emu?.close();
  await nats?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  readonly exit: Promise<number | null>;
  /** The JSON lines printed on stdout. */
  lines(): Record<string, unknown>[];
}

function bridge(tag: string, args: string[] = []): Run {
  const child = spawn(
    process.execPath,
    [
      MAIN,
      'bridge',
      '--api-url',
      emu.apiUrl,
      '--nats',
      nats.url,
      '--stream',
      tag.toUpperCase(),
      '--subject-prefix',
      tag,
      '--event',
      'QueueStatus',
      ...QUEUES.flatMap((id) => ['--entity', id]),
      '--ack-timeout-ms',
      '1000',
      '--log-level',
      'silent',
      ...args,
    ],
    {
      env: {
        PATH: process.env.PATH ?? '',
        ENREACH_EMAIL: emu.credentials.email,
        ENREACH_SECRET_KEY: emu.credentials.secretKey,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exit,
    lines: () =>
      out
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line)),
  };
}

const running = (run: Run) =>
  until(() => run.stdout().includes('"running":true'), 15_000, 'the bridge to run');
const subscribers = (count: number) =>
  until(() => emu.stats().subscriptions >= count, 10_000, `${count} subscriptions`);

describe('enreach-rte bridge', () => {
  it('loses nothing when one of two redundant bridges is killed mid-stream', async () => {
    const a = bridge('kill', ['--bridge-id', 'a']);
    const b = bridge('kill', ['--bridge-id', 'b']);
    await Promise.all([running(a), running(b)]);
    const ids: string[] = [];
    for (let round = 0; round < 10; round++) {
      ids.push(...publishQueueStatus(emu, QUEUES, 30, round * 30));
      if (round === 4) a.child.kill('SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await until(
      async () => (await readStream(nats.url, 'KILL')).length === ids.length,
      15_000,
      'every event stored',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stored = await readStream(nats.url, 'KILL');
    expect(eventIds(stored).sort()).toEqual([...ids].sort());
    expect(stored.filter((m) => m.body.bridge === 'b').length).toBeGreaterThan(0);
    b.child.kill('SIGTERM');
    expect(await b.exit).toBe(BRIDGE_EXIT.ok);
  }, 30_000);

  it('drains on SIGTERM: events buffered while NATS is down are stored before it exits 0', async () => {
    const run = bridge('drain', ['--drain-timeout-ms', '15000']);
    await running(run);
    await nats.stop();
    const ids = publishQueueStatus(emu, QUEUES, 50, 500);
    await new Promise((resolve) => setTimeout(resolve, 300));
    run.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(run.child.exitCode).toBeNull();
    await nats.run();
    expect(await run.exit).toBe(BRIDGE_EXIT.ok);
    expect(eventIds(await readStream(nats.url, 'DRAIN'))).toEqual(ids);
    const final = run.lines().at(-1)!;
    expect(final).toMatchObject({ stopped: true, received: 50, published: 50, dropped: { shutdown: 0 } });
  }, 30_000);

  it('exits 7 with the count of unacknowledged events when the drain times out', async () => {
    const run = bridge('undrained', ['--drain-timeout-ms', '300']);
    await running(run);
    await nats.stop();
    publishQueueStatus(emu, QUEUES, 10, 600);
    await until(() => emu.stats().delivered >= 10, 5_000, 'events delivered');
    await new Promise((resolve) => setTimeout(resolve, 200));
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(BRIDGE_EXIT.undrained);
    expect(run.lines().at(-1)).toMatchObject({ stopped: true, dropped: { shutdown: 10 } });
  }, 20_000);

  it('drains and exits 4 when RTE stays unreachable after a drop for --max-attempts', async () => {
    const run = bridge('giveup', ['--max-attempts', '2']);
    await running(run);
    await subscribers(3);
    const ids = publishQueueStatus(emu, QUEUES, 5, 700);
    // Pushes leave in the hub's next frame, as ASP.NET Core batches them: a drop before that loses them.
    await new Promise((resolve) => setTimeout(resolve, 150));
    emu.failNegotiate({ status: 503, count: 50 });
    emu.failTokenRequests({ status: 503, count: 50 });
    emu.dropConnections();
    expect(await run.exit).toBe(BRIDGE_EXIT.unreachable);
    emu.reset();
    expect(run.stderr()).toMatch(/not restored within --max-attempts/);
    expect(eventIds(await readStream(nats.url, 'GIVEUP'))).toEqual(ids);
  }, 30_000);

  it('exits 6 and names the problem when the stream exists with an incompatible configuration', async () => {
    const nc = await connect({ servers: nats.url });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({
      name: 'CLASH',
      subjects: ['clash.>'],
      storage: StorageType.Memory,
      retention: RetentionPolicy.Limits,
    });
    await nc.close();
    const run = bridge('clash');
    expect(await run.exit).toBe(BRIDGE_EXIT.streamIncompatible);
    expect(run.stderr()).toMatch(/stream "CLASH" exists but its storage is "memory", not "file"/);
    expect(BRIDGE_EXIT.streamIncompatible).toBe(6);
  });

  it('exits 5 when NATS cannot be reached at start', async () => {
    await nats.stop();
    const run = bridge('down');
    expect(await run.exit).toBe(BRIDGE_EXIT.natsUnreachable);
    expect(run.stderr()).toMatch(/Could not connect to NATS/);
  });

  it('exits 2 for a malformed --where or --shard', async () => {
    expect(await bridge('usage', ['--where', 'QueueStatus nbr']).exit).toBe(BRIDGE_EXIT.usage);
    expect(await bridge('usage', ['--shard', '3/2']).exit).toBe(BRIDGE_EXIT.usage);
  });

  it('applies --where, --exclude-entity and a TypeScript --config file, and serves the counters on --metrics-port', async () => {
    const config = join(dir, 'bridge.config.ts');
    writeFileSync(
      config,
      `export function filter(event: { data: Record<string, unknown> }): boolean {
  return event.data.queueName !== 'Secret';
}
export function enrich(event: { entityId: string }) {
  return { site: 'helsinki', short: event.entityId.slice(0, 8) };
}
`,
    );
    const entitiesFile = join(dir, 'entities.txt');
    writeFileSync(entitiesFile, `# extra queues\n${QUEUES[2]}\n`);
    const run = bridge('filtered', [
      '--where',
      'QueueStatus.nbrOfQueuingRequesters>=5',
      '--exclude-entity',
      QUEUES[1]!,
      '--config',
      config,
      '--entities-file',
      entitiesFile,
      '--metrics-port',
      '0',
    ]);
    await running(run);
    await subscribers(3);
    const q = QUEUES[0]!;
    emu.publish('QueueStatus', q, { id: 'e0000000-0000-4000-8000-000000000001', nbrOfQueuingRequesters: 7 });
    emu.publish('QueueStatus', q, { id: 'e0000000-0000-4000-8000-000000000002', nbrOfQueuingRequesters: 2 });
    emu.publish('QueueStatus', q, {
      id: 'e0000000-0000-4000-8000-000000000003',
      nbrOfQueuingRequesters: 9,
      queueName: 'Secret',
    });
    emu.publish('QueueStatus', QUEUES[1]!, {
      id: 'e0000000-0000-4000-8000-000000000004',
      nbrOfQueuingRequesters: 9,
    });
    emu.publish('QueueStatus', QUEUES[2]!, {
      id: 'e0000000-0000-4000-8000-000000000005',
      nbrOfQueuingRequesters: 5,
    });
    const metricsUrl = run.lines()[0]!.metricsUrl as string;
    const metric = async (pattern: RegExp) =>
      Number(pattern.exec(await (await fetch(metricsUrl)).text())?.[1]);
    await until(
      async () => (await metric(/^enreach_rte_bridge_received_total\{[^}]*\} (\d+)$/m)) === 5,
      10_000,
    );
    await until(
      async () => (await metric(/^enreach_rte_bridge_published_total\{[^}]*\} (\d+)$/m)) === 2,
      10_000,
    );
    const text = await (await fetch(metricsUrl)).text();
    expect(text).toMatch(/^enreach_rte_bridge_dropped_total\{bridge="[^"]+",reason="where"\} 1$/m);
    expect(text).toMatch(/^enreach_rte_bridge_dropped_total\{bridge="[^"]+",reason="entity"\} 1$/m);
    expect(text).toMatch(/^enreach_rte_bridge_dropped_total\{bridge="[^"]+",reason="filter"\} 1$/m);
    expect(text).toMatch(/^# TYPE enreach_rte_bridge_published_total counter$/m);
    const stored = await readStream(nats.url, 'FILTERED');
    expect(stored.map((m) => m.msgId)).toEqual([
      'e0000000-0000-4000-8000-000000000001',
      'e0000000-0000-4000-8000-000000000005',
    ]);
    expect(stored[0]!.body.enrichment).toEqual({ site: 'helsinki', short: q.slice(0, 8) });
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(BRIDGE_EXIT.ok);
  });
});
