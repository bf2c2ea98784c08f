import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/built-sdk.ts';
import { onCleanup } from '../support/cleanup.ts';
import { CALL_LIST_ID, emulator, QUEUE_ID, rteEnv, until } from '../support/emulator-env.ts';
import { runProgram } from '../support/programs.ts';

// As the README says: `node src/main.ts` in the example's folder, after its `npm install`.
const BOT = { cwd: 'examples/node-bot', file: 'src/main.ts' };
const TTL = { MessageTTLSeconds: 60 };

/** A webhook receiver on loopback that keeps every JSON body posted to it. */
async function webhook(): Promise<{ url: string; posts: { text: string; alert: { kind: string } }[] }> {
  const posts: { text: string; alert: { kind: string } }[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      posts.push(JSON.parse(body));
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(() => new Promise((resolve) => server.close(resolve)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`, posts };
}

/** Pino's JSON lines on stderr, as objects. */
function logLines(stderr: string): { level: number; msg: string; [key: string]: unknown }[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
}

describe('examples/node-bot', () => {
  beforeAll(ensureBuilt);

  it('alerts on stdout and the webhook for a new callback and a queue over the threshold, and stops on SIGTERM', async () => {
    const emu = await emulator();
    const hook = await webhook();
    const bot = runProgram({
      ...BOT,
      env: {
        ...rteEnv(emu),
        BOT_QUEUE_IDS: QUEUE_ID,
        BOT_CALL_LIST_IDS: CALL_LIST_ID,
        BOT_QUEUE_THRESHOLD: '3',
        BOT_WEBHOOK_URL: hook.url,
      },
    });
    await bot.waitFor(/"msg":"watching"/, 'stderr');

    // Neither an update of an existing callback nor a queue at the threshold is worth an alert.
    emu.publish('CallbackChanged', CALL_LIST_ID, { ...TTL, CallListId: CALL_LIST_ID, Created: false });
    emu.publish('QueueStatus', QUEUE_ID, {
      ...TTL,
      QueueId: QUEUE_ID,
      QueueName: 'Sales',
      NbrOfQueuingRequesters: 3,
    });
    emu.publish('CallbackChanged', CALL_LIST_ID, {
      ...TTL,
      CallListId: CALL_LIST_ID,
      Created: true,
      ContactNumber: '+358401234567',
      ChannelIn: 'Sales',
    });
    emu.publish('QueueStatus', QUEUE_ID, {
      ...TTL,
      QueueId: QUEUE_ID,
      QueueName: 'Sales',
      NbrOfQueuingRequesters: 4,
    });
    // Still over: no second alert until the queue has come back to the threshold.
    emu.publish('QueueStatus', QUEUE_ID, {
      ...TTL,
      QueueId: QUEUE_ID,
      QueueName: 'Sales',
      NbrOfQueuingRequesters: 5,
    });
    await bot.waitFor(/has 4 calls waiting/);
    await until(() => hook.posts.length === 2);

    const exit = await bot.stop('SIGTERM');

    expect(exit).toEqual({ code: 0, signal: null });
    expect(bot.stdout).toBe(
      '[alert] New callback request from +358401234567 via Sales\n' +
        '[alert] Queue Sales has 4 calls waiting (threshold 3)\n',
    );
    expect(hook.posts.map((post) => [post.alert.kind, post.text])).toEqual([
      ['callback-created', 'New callback request from +358401234567 via Sales'],
      ['queue-over-threshold', 'Queue Sales has 4 calls waiting (threshold 3)'],
    ]);
    expect(logLines(bot.stderr).at(-1)).toMatchObject({ level: 30, msg: 'stopped' });
  });

  it('reconnects after a drop, logs resynced at info and keeps alerting', async () => {
    const emu = await emulator();
    const bot = runProgram({
      ...BOT,
      env: { ...rteEnv(emu), BOT_QUEUE_IDS: QUEUE_ID, BOT_QUEUE_THRESHOLD: '0' },
    });
    await bot.waitFor(/"msg":"watching"/, 'stderr');

    emu.dropConnections();
    await bot.waitFor(/"msg":"resynced"/, 'stderr');
    emu.publish('QueueStatus', QUEUE_ID, {
      ...TTL,
      QueueId: QUEUE_ID,
      QueueName: 'Support',
      NbrOfQueuingRequesters: 1,
    });
    await bot.waitFor(/Queue Support has 1 calls waiting/);

    expect(logLines(bot.stderr).find((line) => line.msg === 'resynced')).toMatchObject({
      level: 30,
      restored: 1,
      refused: 0,
      pending: 0,
    });
    expect(await bot.stop('SIGINT')).toEqual({ code: 0, signal: null });
  });

  it('exits with code 3 when the API refuses the credentials, without logging the secret key', async () => {
    const emu = await emulator();
    const bot = runProgram({
      ...BOT,
      env: { ...rteEnv(emu), ENREACH_SECRET_KEY: 'wrong-secret-key', BOT_CALL_LIST_IDS: CALL_LIST_ID },
    });

    expect(await bot.exited()).toEqual({ code: 3, signal: null });
    expect(logLines(bot.stderr).at(-1)).toMatchObject({ level: 60, msg: 'the API refused the credentials' });
    expect(bot.stderr).not.toContain('wrong-secret-key');
  });

  it('explains the configuration and exits with code 2 when nothing is to be watched', async () => {
    const emu = await emulator();
    const bot = runProgram({ ...BOT, env: rteEnv(emu) });

    expect(await bot.exited()).toEqual({ code: 2, signal: null });
    expect(bot.stderr).toContain('set BOT_QUEUE_IDS or BOT_CALL_LIST_IDS');
    expect(bot.stderr).toContain('BOT_WEBHOOK_URL');
    expect(emu.stats().tokensIssued).toBe(0);
  });
});
