import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.ts';

const scenario = fileURLToPath(new URL('./fixtures/close-everything.ts', import.meta.url));

function run(file: string, limitMs: number): Promise<{ code: number | null; stdout: string; hung: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.resume();
    let hung = false;
    const limit = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, limitMs);
    child.on('exit', (code) => {
      clearTimeout(limit);
      resolve({ code, stdout, hung });
    });
  });
}

describe('close()', () => {
  it('leaves no timer or socket behind: a process using every feature exits by itself', async () => {
    const result = await run(scenario, 15_000);
    expect(result).toEqual({ code: 0, stdout: 'closed\n[]\n', hung: false });
  });

  it('frees the port and can be called more than once', async () => {
    const emu = await startEmulator();
    await emu.close();
    await emu.close();
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(emu.port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });
});

describe('startEmulator()', () => {
  it('binds 127.0.0.1 on a free port and reports its URLs', async () => {
    const emu = await startEmulator();
    try {
      expect(emu.apiUrl).toBe(`http://127.0.0.1:${emu.port}/`);
      expect(emu.hubUrl).toBe(`http://127.0.0.1:${emu.port}/rte`);
      expect(emu.controlUrl).toBe(`http://127.0.0.1:${emu.port}/_control`);
      expect(emu.credentials).toEqual({
        password: 'demo-password',
        userId: '6f1d2c3b-0a4e-4d8f-9b7a-1c2d3e4f5a6b',
        email: 'demo@example.com',
        secretKey: 'demo-secret-key',
        bearerToken: 'demo-bearer-token',
        organizationId: '29f6e823-b484-e611-80c9-00505689257e',
      });
    } finally {
      await emu.close();
    }
  });

  it.each([
    [{ port: -1 }],
    [{ port: 1.5 }],
    [{ host: '' }],
    [{ users: [] }],
    [{ users: [{ userId: 'nope', email: 'a', secretKey: 'b', bearerToken: 'c' }] }],
    [{ organizationId: 'nope' }],
    [{ keepAliveIntervalMs: 0 }],
    [{ tokenLifetimeSeconds: Number.NaN }],
    [{ availableEvents: [''] }],
    [{ authorize: 'yes' }],
    [{ logger: {} }],
  ])('rejects the malformed options %j with a TypeError', async (options) => {
    await expect(startEmulator(options as never)).rejects.toThrow(TypeError);
  });

  it('is silent by default and reports to an injected logger without secrets', async () => {
    const lines: string[] = [];
    const record = (line: string) => lines.push(line);
    const emu = await startEmulator({ logger: { debug: record, info: record, warn: record, error: record } });
    const token = emu.issueToken();
    await fetch(`${emu.hubUrl}/negotiate?negotiateVersion=1&access_token=${token}`, { method: 'POST' });
    await fetch(`${emu.apiUrl}token/me/rte/`, {
      headers: { authorization: `Bearer ${emu.credentials.bearerToken}` },
    });
    await emu.close();
    expect(lines.length).toBeGreaterThan(0);
    const all = lines.join('\n');
    expect(all).not.toContain(token);
    expect(all).not.toContain('access_token');
    expect(all).not.toContain(emu.credentials.bearerToken);
  });
});
