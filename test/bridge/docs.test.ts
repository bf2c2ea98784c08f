import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prometheusText } from '../../src/bridge/stats.ts';
import { BRIDGE_EXIT, BRIDGE_USAGE } from '../../src/cli/bridge.ts';
import { codeBlocks } from '../support/markdown.ts';
import { ROOT } from '../support/programs.ts';
import { NatsServer, readStream, until } from './support.ts';

const PAGE = 'docs/bridge.md';
const text = readFileSync(join(ROOT, PAGE), 'utf8');
const MAIN = join(ROOT, 'src/cli/main.ts');
let nats: NatsServer;

beforeAll(async () => {
  nats = await NatsServer.start();
});
afterAll(async () => {
  await nats?.destroy();
});

describe('docs/bridge.md', () => {
  it('mentions only options the CLI has', () => {
    const flags = new Set([...text.matchAll(/`(--[a-z-]+)/g)].map((m) => m[1]!));
    expect(flags.size).toBeGreaterThan(15);
    for (const flag of flags) expect(BRIDGE_USAGE, flag).toContain(`${flag} `);
  });

  it('lists exactly the exit codes the CLI uses', () => {
    const table = [...text.matchAll(/^\| (\d) +\| (.+?) *\|$/gm)].map((m) => Number(m[1]));
    expect(table.sort()).toEqual(
      [...new Set(Object.values(BRIDGE_EXIT))].filter((code) => code !== 1).sort(),
    );
    expect(text).toMatch(/^\| 6 +\| the stream exists with an incompatible configuration/m);
  });

  it('names every metric the bridge serves', () => {
    const served = prometheusText({
      bridgeId: 'b',
      received: 0,
      published: 0,
      duplicates: 0,
      gaps: 0,
      buffered: 0,
      bufferedBytes: 0,
      inFlight: 0,
      dropped: {
        event: 0,
        entity: 0,
        where: 0,
        filter: 0,
        filterError: 0,
        overflow: 0,
        rejected: 0,
        shutdown: 0,
      },
      errors: { publish: 0, enrich: 0, rte: 0 },
      reconnects: { rte: 0, nats: 0 },
      natsConnected: false,
      rteState: 'idle',
    });
    const names = new Set([...served.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]!));
    const documented = new Set([...text.matchAll(/`(enreach_rte_bridge_[a-z_]+)/g)].map((m) => m[1]!));
    expect(documented).toEqual(names);
  });

  it('runs the quick start command as shown, against a real nats-server', async () => {
    const block = codeBlocks(PAGE).find(
      (b) => b.heading === 'Quick start against the emulator' && b.lang === 'sh',
    )!;
    const command = block.code.trim();
    expect(command).toBe('npx enreach-rte bridge --emulator --nats nats://127.0.0.1:4222');
    // The same command, with this test's NATS server instead of the default port.
    const args = command
      .split(/\s+/)
      .slice(2)
      .map((arg) => (arg === 'nats://127.0.0.1:4222' ? nats.url : arg));
    const child = spawn(process.execPath, [MAIN, ...args], {
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await until(() => stdout.includes('"running":true'), 15_000, 'the bridge to run');
      expect(JSON.parse(stdout.split('\n')[0]!)).toMatchObject({ running: true, stream: 'RTE' });
      await until(
        async () => (await readStream(nats.url, 'RTE')).length >= 3,
        15_000,
        'simulated events stored',
      );
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
      const final = JSON.parse(stdout.trim().split('\n').at(-1)!);
      expect(final).toMatchObject({ stopped: true, dropped: { shutdown: 0 } });
      expect(final.published).toBe(final.received);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);
});
