// The examples of docs/emulator.md, run as written (imports point at the source).
import { HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, EmulatorControl, startEmulator } from '../../src/emulator/index.ts';

describe('docs/emulator.md', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
  });
  afterEach(async () => {
    await emu.close();
  });

  it('receives queue status updates', async () => {
    const connection = new HubConnectionBuilder()
      .withUrl(emu.hubUrl, { accessTokenFactory: () => emu.issueToken() })
      .configureLogging(LogLevel.None)
      .build();
    const received = new Promise((resolve) => connection.on('MessageReceived', resolve));
    await connection.start();
    await connection.invoke('Subscribe', [
      { EntityId: 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3', EventName: 'QueueStatus' },
    ]);
    emu.publish('QueueStatus', 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3', { QueueName: 'Sales' });
    expect(await received).toMatchObject({ data: { queueName: 'Sales' } });
    await connection.stop();
  });

  it('is driven from elsewhere with EmulatorControl', async () => {
    const control = new EmulatorControl(emu.controlUrl);
    await control.failNegotiate({ status: 503, count: 2 });
    expect(
      await control.publish('UserStatus', '6f1d2c3b-0a4e-4d8f-9b7a-1c2d3e4f5a6b', { Available: true }),
    ).toBe(0);
    expect(await control.stats()).toMatchObject({ published: 1, delivered: 0 });
  });

  it('lists the configured users', async () => {
    const agent = {
      userId: '0b7c2d9e-1f3a-4b5c-8d6e-7f8091a2b3c4',
      email: 'agent@example.com',
      secretKey: 'agent-key',
      bearerToken: 'agent-bearer',
    };
    const custom = await startEmulator({ users: [agent] });
    expect(custom.users).toEqual([agent]);
    await custom.close();
  });
});
