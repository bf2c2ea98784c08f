import { describe, expect, it } from 'vitest';
import { RteClient } from '../../src/client/rte-client.ts';
import { isRteError } from '../../src/errors/index.ts';
import { client, emulator, next, USER_A, until, userStatus } from './support.ts';

function timers(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
}

describe('lifecycle', () => {
  it('disconnect() closes the socket, cancels retries and leaves no timer running', async () => {
    const before = timers();
    const emu = await emulator();
    const rte = client(emu);
    await rte.subscribe('UserStatus', [USER_A]);
    await rte.connect();
    await rte.disconnect();
    expect(rte.state).toBe('disconnected');
    await until(() => emu.stats().connections === 0);
    await emu.close();
    await until(() => timers() <= before);
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it('disconnect() during retries rejects the pending connect() with RteAbortError and stops trying', async () => {
    const emu = await emulator();
    emu.failTokenRequests({ status: 503, count: 1000 });
    const rte = client(emu, { requestRetries: 0 });
    const pending = rte.connect();
    await until(() => rte.state === 'connecting');
    await rte.disconnect();
    const error = await pending.catch((e: unknown) => e);
    expect(isRteError(error, 'ABORTED')).toBe(true);
  });

  it('an aborted signal cancels connect()', async () => {
    const emu = await emulator();
    emu.failTokenRequests({ status: 503, count: 1000 });
    const rte = client(emu, { requestRetries: 0 });
    const controller = new AbortController();
    const pending = rte.connect({ signal: controller.signal });
    controller.abort();
    expect(isRteError(await pending.catch((e: unknown) => e), 'ABORTED')).toBe(true);
  });

  it('connects again after disconnect() and replays the remembered subscriptions', async () => {
    const emu = await emulator();
    const rte = client(emu);
    await rte.subscribe('UserStatus', [USER_A]);
    await rte.connect();
    await rte.disconnect();
    await rte.connect();
    expect(emu.stats().subscriptions).toBe(1);
    const received = next(rte, 'UserStatus');
    emu.publish('UserStatus', USER_A, userStatus(USER_A));
    await received;
  });

  it('throws a TypeError for invalid options at construction', () => {
    expect(() => new RteClient({ apiUrl: 'nope', auth: { email: 'a', secretKey: 'b' } })).toThrow(TypeError);
  });

  it('says NOT_CONNECTED when a hub method is called without a connection', async () => {
    const emu = await emulator();
    const rte = client(emu);
    expect(isRteError(await rte.availableSubscriptions().catch((e: unknown) => e), 'NOT_CONNECTED')).toBe(
      true,
    );
  });

  it('logs through the injected logger only, and never a token, secret key or access_token', async () => {
    const emu = await emulator();
    const lines: string[] = [];
    const sink = (...args: unknown[]) => lines.push(JSON.stringify(args));
    const rte = client(emu, { logger: { debug: sink, info: sink, warn: sink, error: sink } });
    await rte.subscribe('UserStatus', [USER_A]);
    await rte.connect();
    const resynced = next(rte, 'resynced');
    emu.dropConnections();
    await resynced;
    await rte.disconnect();
    const all = lines.join('\n');
    expect(lines.length).toBeGreaterThan(3);
    expect(all).not.toContain(emu.credentials.secretKey);
    expect(all).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
    expect(all).not.toMatch(/access_token=(?!\[redacted\])/);
  });
});
