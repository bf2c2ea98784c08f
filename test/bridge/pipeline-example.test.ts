import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFigures, WaitingTimes } from '../../examples/pipeline/src/waiting-times.ts';
import { ensureBuilt } from '../support/built-sdk.ts';
import { ROOT } from '../support/programs.ts';
import { NatsServer, readStream } from './support.ts';

let nats: NatsServer;

beforeAll(async () => {
  await ensureBuilt();
  nats = await NatsServer.start();
});
afterAll(async () => {
  await nats?.destroy();
});

/** Runs `npm run demo` the way the README says (node src/demo.ts in the example's folder, after its install). */
function demo(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['src/demo.ts'], {
    cwd: join(ROOT, 'examples/pipeline'),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const FIGURES =
  /^(Billing|Sales|Support): \d+ waiting \(peak \d+\), longest wait \d+ s, mean \d+\.\d s over \d+ updates$/m;

describe('examples/pipeline', () => {
  it('bridges the simulated queues into JetStream and prints per-queue figures from a durable consumer', async () => {
    const run = await demo({ DEMO_SECONDS: '3', NATS_URL: nats.url });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^bridging 3 queues into stream RTE on nats:\/\/127\.0\.0\.1:\d+$/m);
    expect(run.stdout).toMatch(FIGURES);
    const [, received, published] = /bridge: (\d+) received, (\d+) published, 0 duplicates/.exec(run.stdout)!;
    expect(Number(published)).toBe(Number(received));
    expect(Number(published)).toBeGreaterThan(0);
    const stored = await readStream(nats.url, 'RTE');
    expect(stored.length).toBe(Number(published));
    expect(stored.every((m) => /^rte\.[0-9a-f-]{36}\.QueueStatus\.[0-9a-f-]{36}$/.test(m.subject))).toBe(
      true,
    );
  }, 30_000);

  it('starts its own nats-server when NATS_URL is not set, and stops it', async () => {
    const run = await demo({ DEMO_SECONDS: '2' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(FIGURES);
  }, 30_000);

  it('computes waiting-time figures per queue', () => {
    const figures = new WaitingTimes();
    const q = 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3';
    figures.update({ entityId: q, data: { queueName: 'Sales', nbrOfQueuingRequesters: 3, maxWaitTime: 10 } });
    figures.update({ entityId: q, data: { nbrOfQueuingRequesters: 1, maxWaitTime: 30 } });
    expect(formatFigures(figures.all()[0]!)).toBe(
      'Sales: 1 waiting (peak 3), longest wait 30 s, mean 20.0 s over 2 updates',
    );
  });
});
