import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.ts';
import { RteClient } from '../../src/index.ts';

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;
const USER_ID = 'aa9730c4-ce86-e611-80c9-00505689257e';
const cleanups: (() => Promise<unknown> | unknown)[] = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

function cli(args: string[], env: Record<string, string> = {}) {
  const child: ChildProcess = spawn(process.execPath, [MAIN, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
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

async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('enreach-rte tail --record and enreach-rte emulator --replay', () => {
  it('records a live session without its credentials and replays it to a new subscriber', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rte-cli-recording-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'session.jsonl');
    const live = await startEmulator();
    cleanups.push(() => live.close());
    const { email, secretKey } = live.credentials;

    const tail = cli(
      ['tail', '--api-url', live.apiUrl, '--event', 'UserStatus', '--entity', USER_ID, '--record', file],
      {
        ENREACH_EMAIL: email,
        ENREACH_SECRET_KEY: secretKey,
      },
    );
    await until(() => live.stats().subscriptions === 1);
    for (const terminals of [1, 2, 3]) {
      live.publish('UserStatus', USER_ID, { ServiceTerminals: terminals, Note: `secret ${secretKey}` });
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await until(() => tail.stdout().split('\n').length > 3);
    tail.child.kill('SIGINT');
    expect(await tail.exit).toBe(130);
    const text = await readFile(file, 'utf8');
    expect(text.trim().split('\n')).toHaveLength(4);
    expect(text).not.toContain(secretKey);

    const replaying = cli(['emulator', '--replay', file, '--speed', '3']);
    await until(() => replaying.stdout().includes('\n'));
    const info = JSON.parse(replaying.stdout().split('\n')[0]!) as {
      apiUrl: string;
      credentials: { email: string; secretKey: string };
      replaying: { eventName: string; entityId: string }[];
    };
    expect(info.replaying).toEqual([{ eventName: 'UserStatus', entityId: USER_ID }]);
    const rte = new RteClient({
      apiUrl: info.apiUrl,
      auth: { email: info.credentials.email, secretKey: info.credentials.secretKey },
    });
    cleanups.push(() => rte.disconnect());
    const terminals: unknown[] = [];
    rte.on('UserStatus', (status) => terminals.push([status.serviceTerminals, status.note]));
    await rte.subscribe(info.replaying);
    await rte.connect();
    await until(() => terminals.length === 3);

    expect(terminals).toEqual([
      [1, 'secret [redacted]'],
      [2, 'secret [redacted]'],
      [3, 'secret [redacted]'],
    ]);
    await until(() => replaying.stderr().includes('[replay] served 3 frame(s)'));
    replaying.child.kill('SIGTERM');
    expect(await replaying.exit).toBe(143);
  });

  it('refuses --speed without --replay and a file that is not a recording (exit 2)', async () => {
    expect(await cli(['emulator', '--speed', '2']).exit).toBe(2);
    const missing = cli(['emulator', '--replay', '/nonexistent/session.jsonl']);
    expect(await missing.exit).toBe(2);
    expect(missing.stderr()).toContain('--replay /nonexistent/session.jsonl');
  });

  it('writes the token response in the form --token-endpoint and --token-key ask for', async () => {
    const emulator = cli(['emulator', '--token-endpoint', 'schemeless', '--token-key', 'WssEndpoint']);
    await until(() => emulator.stdout().includes('\n'));
    const info = JSON.parse(emulator.stdout().split('\n')[0]!) as {
      apiUrl: string;
      credentials: { email: string; secretKey: string };
    };
    const basic = Buffer.from(`${info.credentials.email}:${info.credentials.secretKey}`).toString('base64');
    const response = await fetch(`${info.apiUrl}token/me/rte/`, {
      headers: { authorization: `Basic ${basic}` },
    });

    expect(await response.json()).toEqual({
      WssEndpoint: `${new URL(info.apiUrl).host}/rte`,
      Token: expect.any(String),
    });
    emulator.child.kill('SIGTERM');
    expect(await emulator.exit).toBe(143);
    expect(await cli(['emulator', '--token-endpoint', 'http']).exit).toBe(2);
  });
});
