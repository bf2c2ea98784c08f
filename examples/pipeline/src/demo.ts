// The whole pipeline on one machine, with one command: the RTE emulator with a simulated contact
// centre, a NATS server with JetStream (started here unless NATS_URL points at one), the bridge,
// and the durable consumer printing per-queue waiting-time figures. Stops after DEMO_SECONDS, or
// on Ctrl-C.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBridge } from 'enreach-rte/bridge';
import { createSimulator, startEmulator } from 'enreach-rte/emulator';
import { consumeWaitingTimes } from './consumer.ts';
import { formatFigures } from './waiting-times.ts';

const seconds = Number(process.env.DEMO_SECONDS ?? 0);
const print = (line: string) => process.stdout.write(`${line}\n`);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A throwaway nats-server with JetStream, stopped (by its pid) and deleted at the end. */
async function localNats(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'rte-pipeline-'));
  const child: ChildProcess = spawn(
    'nats-server',
    ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', dir],
    {
      stdio: 'ignore',
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', () =>
      reject(new Error('nats-server is not installed: apt-get install nats-server, or set NATS_URL')),
    );
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    url: `nats://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null) process.kill(child.pid!, 'SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const nats = process.env.NATS_URL ? { url: process.env.NATS_URL, stop: async () => {} } : await localNats();
const emulator = await startEmulator();
const simulator = createSimulator({
  seed: 7,
  eventsPerSecond: 40,
  organizationId: emulator.credentials.organizationId,
  publish: (eventName, entityId, data) => emulator.publish(eventName, entityId, data),
});

// Retries the first connection while a just-started nats-server opens its port.
let bridge: Awaited<ReturnType<typeof startBridge>> | undefined;
for (let attempt = 0; !bridge; attempt++) {
  try {
    bridge = await startBridge({
      rte: { apiUrl: emulator.apiUrl, auth: emulator.credentials },
      nats: nats.url,
      events: ['QueueStatus'],
      entities: simulator.directory.queues.map((queue) => queue.queueId),
    });
  } catch (error) {
    if (attempt === 50) throw error;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
simulator.start();
print(`bridging ${bridge.subscribed} queues into stream ${bridge.stream} on ${nats.url}`);

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
process.once('SIGTERM', () => controller.abort());
if (seconds > 0) setTimeout(() => controller.abort(), seconds * 1000);

const figures = await consumeWaitingTimes(
  {
    nats: nats.url,
    stream: bridge.stream,
    prefix: 'rte',
    durable: 'waiting-times',
    reportEveryMs: 2000,
    print,
  },
  controller.signal,
);
simulator.stop();
const stats = await bridge.close();
await emulator.close();
await nats.stop();
print('final figures:');
for (const queue of figures.all()) print(formatFigures(queue));
print(`bridge: ${stats.received} received, ${stats.published} published, ${stats.duplicates} duplicates`);
