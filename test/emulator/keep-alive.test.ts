import { describe, expect, it } from 'vitest';
import { bench, HubConnectionState, waitForState, waitUntil } from './support.ts';

describe('keep-alive', () => {
  it('pings every connection at the keep-alive interval', async () => {
    const { raw } = await bench({ keepAliveIntervalMs: 20 });
    const client = await raw();
    await waitUntil(() => client.records.filter((record) => record.type === 6).length >= 3);
    expect(client.records.every((record) => JSON.stringify(record) === '{}' || record.type === 6)).toBe(true);
  });

  it('sends no ping before the handshake', async () => {
    const { raw } = await bench({ keepAliveIntervalMs: 10, handshakeTimeoutMs: 200 });
    const client = await raw({ handshake: false });
    await client.closed;
    expect(client.records).toEqual([{ error: 'Handshake was canceled.' }]);
  });
});

describe('client timeout', () => {
  it('closes a client that pinged once and then went silent, allowing reconnect', async () => {
    const { emu, raw } = await bench({ clientTimeoutMs: 100 });
    const client = await raw();
    client.send({ type: 6 });
    expect(await client.closed).toBe(1000);
    expect(client.records.at(-1)).toEqual({
      type: 7,
      error: 'Connection closed with an error.',
      allowReconnect: true,
    });
    expect(emu.stats().connections).toBe(0);
  });

  it('keeps a client that keeps talking', async () => {
    const { raw } = await bench({ clientTimeoutMs: 400 });
    const client = await raw();
    client.send({ type: 6 });
    for (let i = 0; i < 10; i++) {
      client.send({ type: 1, invocationId: String(i), target: 'UnsubscribeAll', arguments: [] });
      await client.completion(String(i));
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    expect(client.records.some((record) => record.type === 7)).toBe(false);
  });

  it('does not time out a client that never pinged, as ASP.NET Core does', async () => {
    const { raw } = await bench({ clientTimeoutMs: 30, keepAliveIntervalMs: 10 });
    const client = await raw();
    await waitUntil(() => client.records.filter((record) => record.type === 6).length >= 10);
    expect(client.records.some((record) => record.type === 7)).toBe(false);
  });

  it('lets the SignalR client reconnect after a timeout', async () => {
    const { emu, build } = await bench({ clientTimeoutMs: 150 });
    const hub = build({ reconnect: true });
    // The client pings right after connecting and then only every 15 s by default.
    const reconnecting = new Promise<void>((resolve) => hub.onreconnecting(() => resolve()));
    await hub.start();
    await reconnecting;
    await waitForState(hub, HubConnectionState.Connected);
    expect(emu.stats().negotiations).toBeGreaterThanOrEqual(2);
  });
});
