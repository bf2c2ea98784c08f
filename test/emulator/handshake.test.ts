import { describe, expect, it } from 'vitest';
import { bench, HubConnectionState, negotiate } from './support.ts';

describe('negotiate', () => {
  it('answers version 1 with a connection id, a distinct connection token and WebSockets only', async () => {
    const { emu } = await bench();
    const response = await negotiate(emu, { token: emu.issueToken() });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual([
      'negotiateVersion',
      'connectionId',
      'connectionToken',
      'availableTransports',
    ]);
    expect(body).toMatchObject({
      negotiateVersion: 1,
      availableTransports: [{ transport: 'WebSockets', transferFormats: ['Text', 'Binary'] }],
    });
    expect(body.connectionId).toEqual(expect.any(String));
    expect(body.connectionToken).not.toBe(body.connectionId);
  });

  it('answers clients without negotiateVersion in the version 0 form', async () => {
    const { emu } = await bench();
    const body = (await (await negotiate(emu, { token: emu.issueToken(), query: '' })).json()) as Record<
      string,
      unknown
    >;
    expect(body.negotiateVersion).toBe(0);
    expect(body).not.toHaveProperty('connectionToken');
  });

  it('reports an unreadable negotiateVersion in the body, as ASP.NET Core does', async () => {
    const { emu } = await bench();
    const body = await (
      await negotiate(emu, { token: emu.issueToken(), query: '?negotiateVersion=x' })
    ).json();
    expect(body).toEqual({ error: 'The client requested a non-integer protocol version.' });
  });

  it('refuses methods other than POST', async () => {
    const { emu } = await bench();
    const response = await fetch(`${emu.hubUrl}/negotiate?negotiateVersion=1`, {
      headers: { authorization: `Bearer ${emu.issueToken()}` },
    });
    expect(response.status).toBe(405);
  });
});

describe('handshake', () => {
  it('lets the SignalR client connect and counts the connection', async () => {
    const { emu, connect } = await bench();
    const hub = await connect();
    expect(hub.state).toBe(HubConnectionState.Connected);
    expect(emu.stats()).toMatchObject({ connections: 1, negotiations: 1 });
  });

  it('accepts a client that skips negotiation', async () => {
    const { emu, connect } = await bench();
    const hub = await connect({ skipNegotiation: true });
    expect(await hub.invoke('UnsubscribeAll')).toBe(true);
    expect(emu.stats().negotiations).toBe(0);
  });

  it('answers the JSON protocol handshake with an empty object', async () => {
    const { raw } = await bench();
    const client = await raw({ handshake: false });
    expect(await client.handshake({ protocol: 'json', version: 1 })).toEqual({});
  });

  it.each([
    [{ protocol: 'messagepack', version: 1 }, "The protocol 'messagepack' is not supported."],
    [{ protocol: 'json', version: 3 }, "The server does not support version 3 of the 'json' protocol."],
    [{ protocol: 'json' }, 'An unexpected error occurred during connection handshake.'],
    ['not json', 'An unexpected error occurred during connection handshake.'],
  ])('answers the handshake %j with an error and closes', async (request, error) => {
    const { emu, raw } = await bench();
    const client = await raw({ handshake: false });
    expect(await client.handshake(request)).toEqual({ error });
    expect(await client.closed).toBe(1000);
    expect(emu.stats().connections).toBe(0);
  });

  it('closes a WebSocket that never sends the handshake', async () => {
    const { raw } = await bench({ handshakeTimeoutMs: 50 });
    const client = await raw({ handshake: false });
    await client.closed;
    expect(client.records).toEqual([{ error: 'Handshake was canceled.' }]);
  });
});
