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
