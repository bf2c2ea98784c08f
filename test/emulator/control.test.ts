import { describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../src/emulator/index.ts';
import {
  basic,
  bench,
  collect,
  HubConnectionState,
  negotiate,
  QUEUE_ID,
  waitForState,
  waitUntil,
} from './support.ts';

describe('EmulatorControl over HTTP', () => {
  it('publishes and reports deliveries', async () => {
    const { emu, connect } = await bench();
    const control = new EmulatorControl(emu.controlUrl);
    const hub = await connect();
    const received = collect(hub) as { data: Record<string, unknown> }[];
    await hub.invoke('Subscribe', [{ EntityId: QUEUE_ID, EventName: 'QueueStatus' }]);
    expect(await control.publish('QueueStatus', QUEUE_ID, { QueueName: 'Sales' })).toBe(1);
    await waitUntil(() => received.length === 1);
    expect(received[0]?.data.queueName).toBe('Sales');
  });

  it('drops, closes and restarts connections', async () => {
    const { emu, connect } = await bench();
    const control = new EmulatorControl(`${emu.controlUrl}/`);
    const hub = await connect({ reconnect: true });
    let reconnects = 0;
    hub.onreconnected(() => {
      reconnects++;
    });
    expect(await control.dropConnections()).toBe(1);
    await waitUntil(() => reconnects === 1);
    expect(await control.restart()).toBe(1);
    await waitUntil(() => reconnects === 2);
    const reconnecting = new Promise<Error | undefined>((resolve) => hub.onreconnecting(resolve));
    expect(await control.closeConnections({ allowReconnect: true, error: 'bye' })).toBe(1);
    expect((await reconnecting)?.message).toContain('bye');
    await waitForState(hub, HubConnectionState.Connected);
  });

  it('revokes tokens and arms the token, negotiate, latency, lifetime and deny faults, then resets', async () => {
    const { emu, connect } = await bench();
    const control = new EmulatorControl(emu.controlUrl);
    const token = emu.issueToken();
    expect(await control.revokeTokens()).toBe(1);
    expect((await negotiate(emu, { token })).status).toBe(401);

    await control.failTokenRequests({ status: 429, retryAfterSeconds: 3 });
    const { email, secretKey } = emu.credentials;
    const failed = await fetch(`${emu.apiUrl}token/me/rte/`, {
      headers: { authorization: basic(email, secretKey) },
    });
    expect([failed.status, failed.headers.get('retry-after')]).toEqual([429, '3']);

    await control.failNegotiate({ status: 502, count: 1 });
    expect((await negotiate(emu, { token: emu.issueToken() })).status).toBe(502);

    await control.setTokenLifetime(42);
    const claims = JSON.parse(Buffer.from(emu.issueToken().split('.')[1] as string, 'base64url').toString());
    expect(claims.exp - claims.iat).toBe(42);

    await control.deny([QUEUE_ID]);
    const hub = await connect();
    expect(
      (await hub.invoke('Subscribe', [{ EntityId: QUEUE_ID, EventName: 'QueueStatus' }]))[0].message,
    ).toBe('Unauthorized');

    await control.setLatency(5);
    await control.reset();
    expect(
      (await hub.invoke('Subscribe', [{ EntityId: QUEUE_ID, EventName: 'QueueStatus' }]))[0].subscribed,
    ).toBe(true);
  });

  it('reads the counters', async () => {
    const { emu, connect } = await bench();
    const control = new EmulatorControl(emu.controlUrl);
    const hub = await connect();
    await hub.invoke('Subscribe', [{ EntityId: QUEUE_ID, EventName: 'QueueStatus' }]);
    await control.publish('QueueStatus', QUEUE_ID);
    expect(await control.stats()).toEqual({
      connections: 1,
      subscriptions: 1,
      calls: {
        Subscribe: 1,
        Unsubscribe: 0,
        UnsubscribeAll: 0,
        AvailableSubscriptions: 0,
        ActiveSubscriptions: 0,
      },
      tokensIssued: 1,
      negotiations: 1,
      published: 1,
      delivered: 1,
    });
  });

  it('rejects invalid input with an error naming the problem', async () => {
    const { emu } = await bench();
    const control = new EmulatorControl(emu.controlUrl);
    await expect(control.publish('', QUEUE_ID)).rejects.toThrow(/400: eventName must be a non-empty string/);
    await expect(control.failNegotiate({ status: 9 })).rejects.toThrow(/400/);
    await expect(control.deny('nope' as never)).rejects.toThrow(/400/);
    expect(() => new EmulatorControl('ftp://example.com')).toThrow(TypeError);
  });
});

describe('control endpoints', () => {
  it('answers JSON, 404 for unknown endpoints, 405 for the wrong method and 400 for bad JSON', async () => {
    const { emu } = await bench();
    const post = (path: string, body: string | null = null) =>
      fetch(`${emu.controlUrl}/${path}`, { method: 'POST', body });
    const drop = await post('drop');
    expect(drop.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await drop.json()).toEqual({ dropped: 0 });
    expect(await (await post('deny', '{"entityIds":[]}')).json()).toEqual({});
    expect((await post('nope')).status).toBe(404);
    expect((await fetch(`${emu.controlUrl}/drop`)).status).toBe(405);
    expect((await post('publish', '{not json')).status).toBe(400);
    expect((await post('publish', '[1]')).status).toBe(400);
  });

  it('uses the same counters as the emulator object', async () => {
    const { emu } = await bench();
    emu.publish('QueueStatus', QUEUE_ID);
    const stats = await (await fetch(`${emu.controlUrl}/stats`)).json();
    expect(stats).toEqual(emu.stats());
  });
});
