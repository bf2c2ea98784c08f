import { afterEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.ts';

const QUEUE = 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3';
let emu: Emulator | undefined;

afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

describe("the emulator's snapshot endpoint", () => {
  it('answers the data last published for an entity, whether or not anyone was subscribed', async () => {
    emu = await startEmulator();
    emu.publish('QueueStatus', QUEUE, { QueueName: 'Sales', NbrOfQueuingRequesters: 1 });
    emu.publish('queuestatus', QUEUE.toUpperCase(), { QueueName: 'Sales', NbrOfQueuingRequesters: 3 });
    const response = await fetch(`${emu.controlUrl}/state/QueueStatus/{${QUEUE}}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ queueName: 'Sales', nbrOfQueuingRequesters: 3 });
    expect(emu.lastPublished('QueueStatus', QUEUE)).toEqual(body);
  });

  it('answers 204 without a body for an entity nothing was published for, and keeps the state through a restart', async () => {
    emu = await startEmulator();
    const none = await fetch(`${emu.controlUrl}/state/QueueStatus/${QUEUE}`);
    expect(none.status).toBe(204);
    expect(await none.text()).toBe('');
    expect(emu.lastPublished('QueueStatus', QUEUE)).toBeUndefined();
    emu.publish('QueueStatus', QUEUE, { QueueName: 'Sales' });
    emu.restart();
    expect((await fetch(`${emu.controlUrl}/state/QueueStatus/${QUEUE}`)).status).toBe(200);
    expect((await fetch(`${emu.controlUrl}/state/NotAnEvent/${QUEUE}`)).status).toBe(204);
  });

  it('remembers the snapshotLimit pairs published most recently, forgetting the one published longest ago', async () => {
    emu = await startEmulator({ snapshotLimit: 3 });
    const queue = (i: number) => `c9eeb030-ff4b-ea11-ac9c-${String(i).padStart(12, '0')}`;
    for (const i of [1, 2, 3]) emu.publish('QueueStatus', queue(i), { QueueName: `q${i}` });
    emu.publish('QueueStatus', queue(1), { QueueName: 'q1 again' });
    emu.publish('QueueStatus', queue(4), { QueueName: 'q4' });
    expect(emu.lastPublished('QueueStatus', queue(2))).toBeUndefined();
    expect((await fetch(`${emu.controlUrl}/state/QueueStatus/${queue(2)}`)).status).toBe(204);
    for (const [i, name] of [
      [1, 'q1 again'],
      [3, 'q3'],
      [4, 'q4'],
    ] as const)
      expect(emu.lastPublished('QueueStatus', queue(i))).toMatchObject({ queueName: name });
    await expect(startEmulator({ snapshotLimit: 0 })).rejects.toThrow(TypeError);
  });

  it('answers only GET', async () => {
    emu = await startEmulator();
    const response = await fetch(`${emu.controlUrl}/state/QueueStatus/${QUEUE}`, {
      method: 'POST',
      body: '{}',
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });
});
