import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startRecording } from '../../src/cli/record.ts';
import {
  type Emulator,
  parseRecording,
  RecordingFormatError,
  readRecording,
  replayRecording,
  startEmulator,
} from '../../src/emulator/index.ts';
import { RteClient } from '../../src/index.ts';

const USER_ID = 'aa9730c4-ce86-e611-80c9-00505689257e';
const QUEUE_ID = 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3';
const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function emulator(): Promise<Emulator> {
  const emu = await startEmulator();
  cleanups.push(() => emu.close());
  return emu;
}

async function tempFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rte-recording-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return join(dir, 'session.jsonl');
}

/** A connected SDK client of `emu`'s demo user holding the pairs; every raw message it receives is kept. */
async function subscriber(emu: Emulator, pairs: { eventName: string; entityId: string }[]) {
  const rte = new RteClient({
    apiUrl: emu.apiUrl,
    auth: { email: emu.credentials.email, secretKey: emu.credentials.secretKey },
  });
  cleanups.push(() => rte.disconnect());
  const received: { data: unknown; at: number }[] = [];
  rte.on('*', (message) =>
    received.push({ data: (message.raw as { data: unknown }).data, at: performance.now() }),
  );
  await rte.subscribe(pairs);
  await rte.connect();
  return { rte, received };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean): Promise<void> {
  while (!check()) await sleep(10);
}

const PAIRS = [
  { eventName: 'UserStatus', entityId: USER_ID },
  { eventName: 'QueueStatus', entityId: QUEUE_ID },
];

describe('recording a session', () => {
  it('writes a header and every frame with its receive time, in order', async () => {
    const emu = await emulator();
    const path = await tempFile();
    const { rte, received } = await subscriber(emu, PAIRS);
    const recording = await startRecording(rte, path, [emu.credentials.secretKey]);

    emu.publish('UserStatus', USER_ID, { Talking: true });
    await sleep(30);
    emu.publish('QueueStatus', QUEUE_ID, { QueueName: 'Sales' });
    await until(() => received.length === 2);
    await recording.close();

    const { header, frames } = await readRecording(path);
    expect(header).toMatchObject({ kind: 'enreach-rte-recording', version: 1 });
    expect(frames.map((frame) => [frame.eventName, frame.entityId])).toEqual([
      ['UserStatus', USER_ID],
      ['QueueStatus', QUEUE_ID],
    ]);
    expect(frames.map((frame) => frame.data)).toEqual(received.map((r) => r.data));
    expect(frames[1]!.offsetMs - frames[0]!.offsetMs).toBeGreaterThanOrEqual(20);
    expect(Date.parse(frames[0]!.receivedAt)).not.toBeNaN();
    expect(recording.frames).toBe(2);
  });

  it('never writes a token, a secret key, an Authorization value or a URL carrying access_token', async () => {
    const emu = await emulator();
    const path = await tempFile();
    const { rte, received } = await subscriber(emu, PAIRS);
    const { secretKey, bearerToken } = emu.credentials;
    const token = emu.issueToken();
    const recording = await startRecording(rte, path, [secretKey, bearerToken]);

    emu.publish('UserStatus', USER_ID, {
      Note: `key ${secretKey} and token ${token}`,
      Extra: {
        url: `wss://rte.example.com/rte?id=abc&access_token=${token}`,
        header: `Bearer ${bearerToken}`,
        [secretKey]: 'as a key too',
      },
    });
    await until(() => received.length === 1);
    await recording.close();

    const text = await readFile(path, 'utf8');
    for (const secret of [secretKey, bearerToken, token, token.split('.')[1]!, 'access_token=ey']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
    expect(text).toContain('access_token=[redacted]');
  });
});

describe('replaying a session', () => {
  it('serves what the recorded subscriber received to a subscriber of another emulator, N times faster', async () => {
    const source = await emulator();
    const path = await tempFile();
    const recorded = await subscriber(source, PAIRS);
    const recording = await startRecording(recorded.rte, path, []);
    for (let i = 0; i < 6; i++) {
      if (i % 2 === 0) source.publish('UserStatus', USER_ID, { ServiceTerminals: i, Note: `n${i} 😀` });
      else source.publish('QueueStatus', QUEUE_ID, { NbrOfQueuingRequesters: i });
      await sleep(40);
    }
    await until(() => recorded.received.length === 6);
    await recording.close();
    const { frames } = await readRecording(path);
    const span = frames.at(-1)!.offsetMs - frames[0]!.offsetMs;

    const target = await emulator();
    const replay = replayRecording(target, frames, { speed: 2 });
    const replayed = await subscriber(target, PAIRS);
    const outcome = await replay.finished;
    await until(() => replayed.received.length === 6);

    expect(outcome).toEqual({ served: 6, delivered: 6 });
    expect(replayed.received.map((r) => r.data)).toEqual(recorded.received.map((r) => r.data));
    const replayedSpan = replayed.received.at(-1)!.at - replayed.received[0]!.at;
    // Served at half the recorded gaps: never faster than that (the timer may only be late).
    expect(replayedSpan).toBeGreaterThanOrEqual(span / 2 - 15);
  });

  it('waits for a subscriber before serving, and can be stopped', async () => {
    const target = await emulator();
    const frames = [
      {
        kind: 'frame',
        offsetMs: 0,
        receivedAt: '',
        eventName: 'UserStatus',
        entityId: USER_ID,
        data: { a: 1 },
      },
      {
        kind: 'frame',
        offsetMs: 60_000,
        receivedAt: '',
        eventName: 'UserStatus',
        entityId: USER_ID,
        data: { a: 2 },
      },
    ] as const;
    const replay = replayRecording(target, frames);
    await sleep(100);
    expect(target.stats().published).toBe(0);
    const { received } = await subscriber(target, [PAIRS[0]!]);
    await until(() => received.length === 1);
    replay.stop();

    expect(await replay.finished).toEqual({ served: 1, delivered: 1 });
    expect(received.map((r) => r.data)).toEqual([{ a: 1 }]);
  });

  it('refuses a file that is not a recording, naming the line', () => {
    expect(() => parseRecording('')).toThrow(RecordingFormatError);
    expect(() => parseRecording('{"kind":"other"}')).toThrow(/line 1/);
    expect(() => parseRecording('{"kind":"enreach-rte-recording","version":1}\nnot json')).toThrow(/line 2/);
    expect(() => replayRecording({} as Emulator, [], { speed: 0 })).toThrow(TypeError);
  });
});
