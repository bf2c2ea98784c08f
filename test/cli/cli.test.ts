import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { constants } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.ts';
import { ROOT } from '../support/programs.ts';

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;
const QUEUE = 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3';
const children: ChildProcess[] = [];
const emulators: Emulator[] = [];
const servers: Server[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }
  }
  for (const emu of emulators.splice(0)) await emu.close();
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
  /** Sends `signal` to the whole process group, as a terminal's Ctrl-C does. */
  signal: (signal: NodeJS.Signals) => void;
}

/** Runs `command` in its own process group; by default `node src/cli/main.ts …`. */
function run(args: string[], env: Record<string, string> = {}, command = [process.execPath, MAIN]): Run {
  const child = spawn(command[0]!, [...command.slice(1), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
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
  // What a shell's $? shows: the exit code, or 128 + the number of the signal that ended it.
  const exit = new Promise<number | null>((resolve) =>
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 + constants.signals[signal] : null))),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exit,
    signal: (signal) => process.kill(-child.pid!, signal),
  };
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
}

async function emulator(): Promise<Emulator> {
  const emu = await startEmulator();
  emulators.push(emu);
  return emu;
}

function credentials(emu: Emulator): Record<string, string> {
  return { ENREACH_EMAIL: emu.credentials.email, ENREACH_SECRET_KEY: emu.credentials.secretKey };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('enreach-rte demo', () => {
  it('says how long it runs, prints typed events, the drop and the replay, a summary, and exits 0', async () => {
    const demo = run(['demo', '--seconds', '3', '--drop-after', '1.5']);
    expect(await demo.exit).toBe(0);
    const output = demo.stdout();
    expect(output).toMatch(/Simulated contact centre: 8 agents, 3 queues/);
    expect(output).toMatch(/Running for 3 s \(--seconds N to change\), cutting every connection after 1.5 s/);
    // Four events per agent, the documented and the two live-only queue events, callbacks.
    expect(output).toMatch(/subscribed to 42 \(event, entity\) pairs/);
    expect(output).toMatch(/UserStatus|QueueStatus|UserAvailability/);
    expect(output).toMatch(/cutting every connection abruptly \(1 dropped\)/);
    expect(output).toMatch(/resynced: \d+ subscriptions replayed/);
    expect(output).toMatch(/^Done after \d+\.\d s: \d+ events \(.+\), 1 resync\(s\)\.$/m);
    expect(demo.stderr()).toBe('');
  }, 30_000);

  it('prints the summary and exits 130 when interrupted with Ctrl-C', async () => {
    const demo = run(['demo', '--seconds', '60']);
    await until(() => demo.stdout().includes('subscribed to'));
    demo.signal('SIGINT');
    expect(await demo.exit).toBe(130);
    expect(demo.stdout()).toMatch(/^Interrupted after \d+\.\d s: \d+ events/m);
  }, 30_000);

  it('names the flag when --seconds is not a number', async () => {
    const demo = run(['demo', '--seconds', 'soon']);
    expect(await demo.exit).toBe(2);
    expect(demo.stderr()).toMatch(/--seconds must be a positive number \(got "soon"\)/);
  });
});

describe('enreach-rte emulator', () => {
  it('prints one JSON line with URLs, demo credentials and the simulated directory, and ends 143 on SIGTERM', async () => {
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
    emulator.signal('SIGTERM');
    expect(await emulator.exit).toBe(143);
  });
});

describe('enreach-rte tail', () => {
  it('prints one JSON object per event with --json, and exits 130 on Ctrl-C', async () => {
    const emu = await emulator();
    const tail = run(
      ['tail', '--api-url', emu.apiUrl, '--event', 'QueueStatus', '--entity', QUEUE, '--json'],
      credentials(emu),
    );
    await until(() => emu.stats().subscriptions === 1);
    emu.publish('QueueStatus', QUEUE, {
      QueueId: QUEUE,
      QueueName: 'Support',
      NbrOfQueuingRequesters: 4,
      MessageTTLSeconds: 60,
    });
    await until(() => tail.stdout().includes('\n'));
    const line = JSON.parse(tail.stdout().split('\n')[0]!);
    expect(line).toMatchObject({
      event: 'QueueStatus',
      entityId: QUEUE,
      data: { queueName: 'Support', nbrOfQueuingRequesters: 4 },
    });
    tail.signal('SIGINT');
    expect(await tail.exit).toBe(130);
  });

  it('shows the entity once, the fields that matter first, whole lines when piped, and no colour', async () => {
    const emu = await emulator();
    const tail = run(
      ['tail', '--api-url', emu.apiUrl, '--event', 'QueueStatus', '--entity', QUEUE],
      credentials(emu),
    );
    await until(() => emu.stats().subscriptions === 1);
    emu.publish('QueueStatus', QUEUE, {
      QueueId: QUEUE,
      NbrOfProviders: 3,
      NbrOfAgentsOnWrapUp: 1,
      NbrOfAgentsLongTermAway: 0,
      NbrOfAgentsShortTermAway: 2,
      NbrOfAgentsCheckedInQueue: 3,
      OpenStatus: 5,
      QueueName: 'Support with a rather long name for one line',
      NbrOfQueuingRequesters: 4,
      MaxWaitTime: 75,
      MessageTTLSeconds: 60,
    });
    await until(() => tail.stdout().includes('\n'));
    const line = tail.stdout().split('\n')[0]!;
    expect(line).toMatch(
      new RegExp(
        `^\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  QueueStatus +${QUEUE}  queueName="Support with a rather long name for o…" nbrOfQueuingRequesters=4 maxWaitTime=75 `,
      ),
    );
    expect(line.split(QUEUE).length).toBe(2);
    expect(line.length).toBeGreaterThan(160);
    // The hub sends the whole event; the rest follows in its order.
    expect(line).toMatch(/ openStatus=5 .*nbrOfAgentsCheckedInQueue=3 /);
    expect(line + tail.stderr()).not.toContain('\u001b[');
  });

  it('colours when FORCE_COLOR asks for it, and names entities from the emulator’s directory', async () => {
    const tail = run(['tail', '--emulator'], { FORCE_COLOR: '1' });
    await until(() => /UserStatus/.test(tail.stdout()));
    const line = tail
      .stdout()
      .split('\n')
      .find((l) => l.includes('UserStatus'))!;
    expect(line).toContain('\u001b[');
    // An agent of the simulated directory: "First Last (id prefix)", and no userId field repeating it.
    expect(line).toMatch(/[A-ZÄÖ][a-zäö]+ [A-ZÄÖ][a-zäö]+ \([0-9a-f]{8}\)/);
    expect(line).not.toContain('userId=');
    expect(tail.stderr()).toContain('\u001b[');
  }, 30_000);

  it('exits 5 within seconds, naming every refused pair, when the hub refuses everything asked for', async () => {
    const emu = await emulator();
    const started = Date.now();
    const tail = run(
      [
        'tail',
        '--api-url',
        emu.apiUrl,
        '--event',
        'QueueStatus',
        '--event',
        'NoSuchEvent',
        '--entity',
        'not-a-guid',
      ],
      credentials(emu),
    );
    expect(await tail.exit).toBe(5);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(tail.stderr()).toMatch(/\[refused\] QueueStatus not-a-guid: Invalid EntityId/);
    expect(tail.stderr()).toMatch(/\[refused\] NoSuchEvent not-a-guid: /);
    expect(tail.stderr()).toMatch(/Nothing to tail: the hub refused every pair/);
  });

  it('keeps running with some pairs refused, says which, and prints the others’ events', async () => {
    const emu = await emulator();
    const tail = run(
      [
        'tail',
        '--api-url',
        emu.apiUrl,
        '--event',
        'QueueStatus',
        '--event',
        'NoSuchEvent',
        '--entity',
        QUEUE,
      ],
      credentials(emu),
    );
    await until(() => tail.stderr().includes('Tailing 1 of 2 pair(s)'));
    expect(tail.stderr()).toMatch(new RegExp(`\\[refused\\] NoSuchEvent ${QUEUE}: Invalid event name`));
    emu.publish('QueueStatus', QUEUE, { QueueId: QUEUE, QueueName: 'Support', MessageTTLSeconds: 60 });
    await until(() => tail.stdout().includes('QueueStatus'));
    expect(tail.child.exitCode).toBeNull();
    tail.signal('SIGTERM');
    expect(await tail.exit).toBe(143);
  });

  it('exits 3 with a clear message when the API refuses the credentials', async () => {
    const emu = await emulator();
    const tail = run(['tail', '--api-url', emu.apiUrl, '--event', 'QueueStatus', '--entity', 'x'], {
      ENREACH_EMAIL: emu.credentials.email,
      ENREACH_SECRET_KEY: 'wrong-secret',
    });
    expect(await tail.exit).toBe(3);
    expect(tail.stderr()).toMatch(/refused the credentials/);
    expect(tail.stderr()).not.toContain('wrong-secret');
  });

  it('shows "connection refused" with host:port on the first retry line and in the final message, then exits 4', async () => {
    const port = await closedPort();
    const tail = run(
      [
        'tail',
        '--api-url',
        `http://127.0.0.1:${port}/`,
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
    const lines = tail.stderr().split('\n');
    const cause = `connection refused (ECONNREFUSED 127.0.0.1:${port})`;
    expect(lines.find((line) => line.includes('attempt 1 failed'))).toContain(cause);
    expect(lines.find((line) => line.startsWith('Could not connect'))).toBe(
      `Could not connect to http://127.0.0.1:${port}/: Gave up connecting after 2 attempts: ${cause}`,
    );
  }, 30_000);

  it('shows a DNS failure, a TLS failure and an HTTP status as the cause', async () => {
    const failing = createServer((_request, response) => response.writeHead(503).end('down for maintenance'));
    servers.push(failing);
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    const http503 = `http://127.0.0.1:${(failing.address() as AddressInfo).port}/`;
    // https:// to a server that speaks plain HTTP: the TLS handshake fails.
    const plain = createNetServer((socket) =>
      socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n')),
    );
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const plainText = `https://127.0.0.1:${(plain.address() as AddressInfo).port}/`;
    const cases: [string, RegExp][] = [
      ['https://rte-api.invalid/', /DNS lookup failed \((ENOTFOUND|EAI_AGAIN) rte-api\.invalid\)/],
      [plainText, /TLS error: wrong version number \(ERR_SSL_WRONG_VERSION_NUMBER/],
      [http503, /HTTP 503/],
    ];
    const runs = cases.map(([url]) =>
      run(['tail', '--api-url', url, '--event', 'QueueStatus', '--entity', 'x', '--max-attempts', '1'], {
        ENREACH_EMAIL: 'a@example.com',
        ENREACH_SECRET_KEY: 'k',
      }),
    );
    for (const [index, tail] of runs.entries()) {
      expect(await tail.exit).toBe(4);
      expect(
        tail
          .stderr()
          .split('\n')
          .find((line) => line.startsWith('Could not connect')),
      ).toMatch(cases[index]![1]);
    }
  }, 60_000);

  it('exits 2 and speaks of flags, not SDK options, when called with missing or bad input', async () => {
    const missing = run(['tail', '--event', 'QueueStatus']);
    expect(await missing.exit).toBe(2);
    expect(missing.stderr()).toMatch(/--api-url is required/);
    expect(missing.stderr()).toMatch(/ENREACH_EMAIL/);
    const bad = run(['tail', '--api-url', 'ftp://example.com', '--event', 'QueueStatus', '--entity', 'x'], {
      ENREACH_EMAIL: 'a@example.com',
      ENREACH_SECRET_KEY: 'k',
    });
    expect(await bad.exit).toBe(2);
    expect(bad.stderr()).toMatch(/^--api-url must use http or https/);
    expect(bad.stderr()).not.toMatch(/option "|apiUrl/);
    const unknownFlag = run(['tail', '--api', 'x']);
    expect(await unknownFlag.exit).toBe(2);
    expect(unknownFlag.stderr()).toMatch(/Run enreach-rte tail --help for its options/);
    const unknown = run(['frobnicate']);
    expect(await unknown.exit).toBe(2);
  });
});

describe('exit codes through npm', () => {
  it('are the same through npx and npm run: 5 for nothing subscribable, 130 for Ctrl-C', async () => {
    const emu = await emulator();
    const npx = run(
      ['enreach-rte', 'tail', '--api-url', emu.apiUrl, '--event', 'NoSuchEvent', '--entity', 'not-a-guid'],
      credentials(emu),
      ['npx', '--no-install'],
    );
    expect(await npx.exit).toBe(5);
    expect(npx.stderr()).toMatch(/Nothing to tail/);

    const demo = run(['run', 'demo', '--', '--seconds', '60'], {}, ['npm']);
    await until(() => demo.stdout().includes('subscribed to'));
    demo.signal('SIGINT');
    expect(await demo.exit).toBe(130);
    expect(demo.stdout()).toMatch(/^Interrupted after/m);
  }, 60_000);
});
