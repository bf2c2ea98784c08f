import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.ts';

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;
const children: ChildProcess[] = [];
const emulators: Emulator[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const emu of emulators.splice(0)) await emu.close();
});

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

function run(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('enreach-rte demo', () => {
  it('prints typed events, cuts the connection, shows the replay, and exits 0', async () => {
    const demo = run(['demo', '--seconds', '3', '--drop-after', '1.5']);
    expect(await demo.exit).toBe(0);
    const output = demo.stdout();
    expect(output).toMatch(/Simulated contact centre: 8 agents, 3 queues/);
    expect(output).toMatch(/subscribed to \d+ \(event, entity\) pairs/);
    expect(output).toMatch(/UserStatus|QueueStatus|UserAvailability/);
    expect(output).toMatch(/cutting every connection abruptly \(1 dropped\)/);
    expect(output).toMatch(/resynced: \d+ subscriptions replayed/);
    expect(demo.stderr()).toBe('');
  }, 30_000);
});

describe('enreach-rte emulator', () => {
  it('prints one JSON line with URLs, demo credentials and the simulated directory, and stops on SIGTERM', async () => {
    const emulator = run(['emulator', '--simulate', '--seed', '7']);
    await until(() => emulator.stdout().includes('\n'));
    const info = JSON.parse(emulator.stdout().split('\n')[0]!);
    expect(info).toMatchObject({
      apiUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/$/),
      hubUrl: expect.stringMatching(/\/rte$/),
      credentials: { email: 'demo@example.com', secretKey: expect.any(String) },
    });
    expect(info.directory.queues.length).toBe(3);
    const token = await fetch(`${info.apiUrl}token/me/rte/`, {
      headers: { authorization: `Basic ${btoa(`${info.credentials.email}:${info.credentials.secretKey}`)}` },
    });
    expect(token.status).toBe(200);
    emulator.child.kill('SIGTERM');
    expect(await emulator.exit).toBe(0);
  });
});

describe('enreach-rte tail', () => {
  it('prints one JSON object per event with --json', async () => {
    const emu = await startEmulator();
    emulators.push(emu);
    const queue = 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3';
    const tail = run(
      ['tail', '--api-url', emu.apiUrl, '--event', 'QueueStatus', '--entity', queue, '--json'],
      {
        ENREACH_EMAIL: emu.credentials.email,
        ENREACH_SECRET_KEY: emu.credentials.secretKey,
      },
    );
    await until(() => emu.stats().subscriptions === 1);
    emu.publish('QueueStatus', queue, {
      QueueId: queue,
      QueueName: 'Support',
      NbrOfQueuingRequesters: 4,
      MessageTTLSeconds: 60,
    });
    await until(() => tail.stdout().includes('\n'));
    const line = JSON.parse(tail.stdout().split('\n')[0]!);
    expect(line).toMatchObject({
      event: 'QueueStatus',
      entityId: queue,
      data: { queueName: 'Support', nbrOfQueuingRequesters: 4 },
    });
    tail.child.kill('SIGINT');
    expect(await tail.exit).toBe(0);
  });

  it('exits 3 with a clear message when the API refuses the credentials', async () => {
    const emu = await startEmulator();
    emulators.push(emu);
    const tail = run(['tail', '--api-url', emu.apiUrl, '--event', 'QueueStatus', '--entity', 'x'], {
      ENREACH_EMAIL: emu.credentials.email,
      ENREACH_SECRET_KEY: 'wrong-secret',
    });
    expect(await tail.exit).toBe(3);
    expect(tail.stderr()).toMatch(/refused the credentials/);
    expect(tail.stderr()).not.toContain('wrong-secret');
  });

  it('exits 4 when the API cannot be reached within the allowed attempts', async () => {
    const tail = run(
      [
        'tail',
        '--api-url',
        'http://127.0.0.1:9/',
        '--event',
        'QueueStatus',
        '--entity',
        'x',
        '--max-attempts',
        '2',
      ],
      { ENREACH_EMAIL: 'a@example.com', ENREACH_SECRET_KEY: 'k' },
    );
    expect(await tail.exit).toBe(4);
    expect(tail.stderr()).toMatch(/Could not connect/);
  }, 30_000);

  it('exits 2 and explains what is missing when called without what it needs', async () => {
    const tail = run(['tail', '--event', 'QueueStatus']);
    expect(await tail.exit).toBe(2);
    expect(tail.stderr()).toMatch(/--api-url is required/);
    expect(tail.stderr()).toMatch(/ENREACH_EMAIL/);
    const unknown = run(['frobnicate']);
    expect(await unknown.exit).toBe(2);
  });
});
