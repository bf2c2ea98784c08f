import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type Bridge, type StartBridgeOptions, startBridge } from '../../src/bridge/index.ts';
import { type Emulator, startEmulator } from '../../src/emulator/index.ts';

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A real nats-server with JetStream, on a free loopback port with its own store directory. */
export class NatsServer {
  readonly url: string;
  readonly storeDir: string;
  #child: ChildProcess | undefined;
  readonly #port: number;

  private constructor(port: number, storeDir: string) {
    this.#port = port;
    this.url = `nats://127.0.0.1:${port}`;
    this.storeDir = storeDir;
  }

  static async start(): Promise<NatsServer> {
    const server = new NatsServer(await freePort(), mkdtempSync(join(tmpdir(), 'rte-bridge-js-')));
    await server.run();
    return server;
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** Starts (or restarts) the process on the same port and store directory; resolves when it accepts clients. */
  async run(): Promise<void> {
    if (this.#child && this.#child.exitCode === null && this.#child.signalCode === null) return;
    const child = spawn(
      process.env.NATS_SERVER ?? 'nats-server',
      ['-js', '-a', '127.0.0.1', '-p', String(this.#port), '-sd', this.storeDir],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    this.#child = child;
    let log = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`nats-server exited: ${log}`);
      try {
        const nc = await connect({ servers: this.url, timeout: 500, maxReconnectAttempts: 0 });
        // JetStream answers a moment after the port opens, especially when it recovers a store.
        const jsm = await jetstreamManager(nc, { timeout: 1000 });
        await jsm.getAccountInfo();
        await nc.close();
        return;
      } catch (error) {
        if (Date.now() > deadline)
          throw new Error(`nats-server did not start: ${(error as Error).message}\n${log}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  /** Stops the process by its pid and waits for it to exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.#child;
    this.#child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(child.pid!, signal);
    await exited;
  }

  /** Stops the process and deletes its store. */
  async destroy(): Promise<void> {
    await this.stop('SIGKILL');
    rmSync(this.storeDir, { recursive: true, force: true });
  }
}

/** One stored message, as the tests look at it. */
export interface StoredMessage {
  readonly subject: string;
  readonly seq: number;
  readonly msgId: string | undefined;
  readonly headers: Record<string, string>;
  readonly body: Record<string, unknown>;
}

/** Reads every message of a stream (optionally only subjects matching `filter`). */
export async function readStream(url: string, stream: string, filter?: string): Promise<StoredMessage[]> {
  const nc: NatsConnection = await connect({ servers: url });
  try {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(stream);
    const total = info.state.messages;
    const out: StoredMessage[] = [];
    if (total === 0) return out;
    const js = jetstream(nc);
    const consumer = await js.consumers.get(stream, {
      deliver_policy: DeliverPolicy.All,
      ...(filter ? { filter_subjects: [filter] } : {}),
    });
    void AckPolicy;
    const last = info.state.last_seq;
    const messages = await consumer.consume({ max_messages: 1000 });
    for await (const m of messages) {
      const headers: Record<string, string> = {};
      for (const [key, values] of m.headers ?? []) headers[key] = values[0] ?? '';
      out.push({
        subject: m.subject,
        seq: m.seq,
        msgId: m.headers?.get('Nats-Msg-Id'),
        headers,
        body: m.json(),
      });
      if (m.seq >= last || m.info.pending === 0) break;
    }
    return out;
  } finally {
    await nc.close();
  }
}

/** Polls until `check` is true, failing after `timeoutMs`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Publishes `count` QueueStatus events through the emulator, spread over `entities`; returns their ids. */
export function publishQueueStatus(
  emu: Emulator,
  entities: readonly string[],
  count: number,
  from = 0,
): string[] {
  const ids: string[] = [];
  for (let i = from; i < from + count; i++) {
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    emu.publish('QueueStatus', entities[i % entities.length]!, { id, nbrOfQueuingRequesters: i % 10 });
    ids.push(id);
  }
  return ids;
}

export const QUEUES = [
  'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3',
  'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf4',
  'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf5',
];

/** Bridge options for the emulator's demo user and a test's own stream (`tag` upper-cased) and prefix. */
export function bridgeOptions(
  emu: Emulator,
  natsUrl: string,
  tag: string,
  extra: Partial<StartBridgeOptions> = {},
): StartBridgeOptions {
  return {
    rte: {
      apiUrl: emu.apiUrl,
      auth: { email: emu.credentials.email, secretKey: emu.credentials.secretKey },
      reconnect: { baseDelayMs: 20, maxDelayMs: 100 },
    },
    nats: natsUrl,
    events: ['QueueStatus'],
    entities: QUEUES,
    stream: { name: tag.toUpperCase() },
    subjectPrefix: tag,
    ...extra,
  };
}

/** What a bridge test file shares: its nats-server, its emulator, and a way to start bridges. */
export interface BridgeHarness {
  readonly nats: NatsServer;
  readonly emu: Emulator;
  /** Starts a bridge on stream `tag` (see {@link bridgeOptions}); it is closed after the test. */
  bridge(tag: string, extra?: Partial<StartBridgeOptions>): Promise<Bridge>;
}

/**
 * One nats-server and one emulator for the test file, started before its tests and stopped after
 * them, and the bridges each test starts, closed when it ends. `defaults` apply to every bridge;
 * `beforeClose` runs after each test before its bridges close.
 */
export function bridgeHarness(
  defaults: Partial<StartBridgeOptions> = {},
  beforeClose?: (harness: BridgeHarness) => Promise<unknown>,
): BridgeHarness {
  let nats: NatsServer | undefined;
  let emu: Emulator | undefined;
  const bridges: Bridge[] = [];
  const harness: BridgeHarness = {
    get nats() {
      if (!nats) throw new Error('nats-server is not running');
      return nats;
    },
    get emu() {
      if (!emu) throw new Error('the emulator is not running');
      return emu;
    },
    async bridge(tag, extra = {}) {
      const started = await startBridge(
        bridgeOptions(harness.emu, harness.nats.url, tag, { ...defaults, ...extra }),
      );
      bridges.push(started);
      return started;
    },
  };
  beforeAll(async () => {
    nats = await NatsServer.start();
    emu = await startEmulator();
  });
  afterEach(async () => {
    await beforeClose?.(harness);
    for (const bridge of bridges.splice(0)) await bridge.close();
  });
  afterAll(async () => {
    await emu?.close();
    await nats?.destroy();
  });
  return harness;
}

/** The ids of the event messages of a stream (gap markers left out). */
export function eventIds(stored: readonly StoredMessage[]): string[] {
  return stored.filter((m) => !m.subject.endsWith('._gaps')).map((m) => m.msgId!);
}
