import { describe, expect, it } from 'vitest';
import { RteHandlerError, RteValidationError } from '../../src/errors/index.ts';
import { client, emulator, next, QUEUE_A, USER_A, until, userStatus } from './support.ts';

describe('dispatch', () => {
  it('isolates a throwing listener: the others still run and the error is reported', async () => {
    const emu = await emulator();
    const rte = client(emu);
    await rte.subscribe('UserStatus', [USER_A]);
    await rte.connect();
    const seen: string[] = [];
    rte.on('UserStatus', () => {
      throw new Error('listener bug');
    });
    rte.on('UserStatus', (status) => seen.push(String(status.userId)));
    const reported = next(rte, 'error');
    emu.publish('UserStatus', USER_A, userStatus(USER_A));
    const [error] = await reported;
    expect(error).toBeInstanceOf(RteHandlerError);
    expect((error.cause as Error).message).toBe('listener bug');
    await until(() => seen.length === 1);
    emu.publish('UserStatus', USER_A, userStatus(USER_A));
    await until(() => seen.length === 2);
  });

  it('reports a malformed payload and still delivers it in lenient mode', async () => {
    const emu = await emulator();
    const rte = client(emu);
    await rte.subscribe('UserStatus', [USER_A]);
    await rte.connect();
    const reported = next(rte, 'error');
    const delivered = next(rte, 'UserStatus');
    emu.publish('UserStatus', USER_A, { ...userStatus(USER_A), CanBeAllocatedTo: 'yes' });
    const [error] = await reported;
    expect(error).toBeInstanceOf(RteValidationError);
    expect((error as RteValidationError).issues[0]?.path).toEqual(['canBeAllocatedTo']);
    expect((error as RteValidationError).delivered).toBe(true);
    const [data, message] = await delivered;
    expect(data.canBeAllocatedTo as unknown).toBe('yes');
    expect(message.issues).toHaveLength(1);
  });

  it('withholds a malformed payload in strict mode and keeps the stream going', async () => {
    const emu = await emulator();
    const rte = client(emu, { validation: 'strict' });
    await rte.subscribe('UserStatus', [USER_A]);
    await rte.connect();
    const seen: unknown[] = [];
    rte.on('UserStatus', (status) => seen.push(status.canBeAllocatedTo));
    const reported = next(rte, 'error');
    emu.publish('UserStatus', USER_A, { ...userStatus(USER_A), CanBeAllocatedTo: 'yes' });
    expect(((await reported)[0] as RteValidationError).delivered).toBe(false);
    emu.publish('UserStatus', USER_A, userStatus(USER_A, false));
    await until(() => seen.length === 1);
    expect(seen).toEqual([false]);
  });

  it('hands a valid camelCase frame to listeners as it arrived, without a copy', async () => {
    const emu = await emulator();
    const rte = client(emu, { validation: 'strict' });
    await rte.subscribe('UserStatus', [USER_A]);
    await rte.connect();
    const delivered = next(rte, 'UserStatus');
    emu.publish('UserStatus', USER_A, userStatus(USER_A));
    const [data, message] = await delivered;
    const raw = message.raw as { data: unknown; subscription: unknown };
    expect(data).toBe(raw.data);
    expect(message.subscription).toBe(raw.subscription);
    expect(data.userId).toBe(USER_A);
  });

  it('delivers events the SDK has no schema for, by name and to catch-all listeners', async () => {
    const emu = await emulator();
    const rte = client(emu);
    await rte.subscribe('QueueCallInComing', [QUEUE_A]);
    await rte.connect();
    const byName = next(rte, 'QueueCallInComing');
    const catchAll = next(rte, '*', (message) => message.name === 'QueueCallInComing');
    emu.publish('QueueCallInComing', QUEUE_A, {
      QueueId: QUEUE_A,
      CallId: 'c-1',
      CallerNumber: '+358401234567',
    });
    const [data] = await byName;
    expect(data).toMatchObject({ queueId: QUEUE_A, callId: 'c-1', callerNumber: '+358401234567' });
    const [message] = await catchAll;
    expect(message.known).toBe(false);
  });

  it('iterates events asynchronously and stops on break', async () => {
    const emu = await emulator();
    const rte = client(emu);
    await rte.subscribe('UserStatus', [USER_A]);
    await rte.connect();
    const iterator = rte.events('UserStatus');
    emu.publish('UserStatus', USER_A, userStatus(USER_A, true));
    emu.publish('UserStatus', USER_A, userStatus(USER_A, false));
    const seen: boolean[] = [];
    for await (const { data } of iterator) {
      seen.push(data.canBeAllocatedTo);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual([true, false]);
  });

  it('removes listeners by the returned function, by off(), by signal, and after once', async () => {
    const emu = await emulator();
    const rte = client(emu);
    await rte.subscribe('UserStatus', [USER_A]);
    await rte.connect();
    const counts = { off: 0, byOff: 0, signal: 0, once: 0, kept: 0 };
    rte.on('UserStatus', () => counts.off++)();
    const byOff = () => counts.byOff++;
    rte.on('UserStatus', byOff);
    rte.off('UserStatus', byOff);
    const controller = new AbortController();
    rte.on('UserStatus', () => counts.signal++, { signal: controller.signal });
    controller.abort();
    rte.once('UserStatus', () => counts.once++);
    rte.on('UserStatus', () => counts.kept++);
    emu.publish('UserStatus', USER_A, userStatus(USER_A));
    emu.publish('UserStatus', USER_A, userStatus(USER_A));
    await until(() => counts.kept === 2);
    expect(counts).toEqual({ off: 0, byOff: 0, signal: 0, once: 1, kept: 2 });
  });
});
