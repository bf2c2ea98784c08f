import { describe, expect, it } from 'vitest';
import {
  basic,
  bench,
  collect,
  fetchToken,
  HubConnectionState,
  negotiate,
  QUEUE_ID,
  upgradeStatus,
  waitForState,
  waitUntil,
} from './support.ts';

function tokenRequest(emu: Awaited<ReturnType<typeof bench>>['emu']): Promise<Response> {
  const { email, secretKey } = emu.credentials;
  return fetch(`${emu.apiUrl}token/me/rte/`, { headers: { authorization: basic(email, secretKey) } });
}

describe('dropConnections', () => {
  it('cuts every socket without a Close message', async () => {
    const { emu, raw, connect } = await bench();
    const client = await raw();
    const hub = await connect();
    const closed = new Promise<Error | undefined>((resolve) => hub.onclose(resolve));
    expect(emu.dropConnections()).toBe(2);
    expect(await client.closed).toBe(1006);
    expect(client.records.some((record) => record.type === 7)).toBe(false);
    expect((await closed)?.message).toMatch(/WebSocket closed with status code: 1006/);
    expect(emu.stats().connections).toBe(0);
  });
});

describe('closeConnections', () => {
  it('sends a Close message, after which the client stops for good', async () => {
    const { emu, connect } = await bench();
    const hub = await connect({ reconnect: true });
    let reconnecting = false;
    hub.onreconnecting(() => {
      reconnecting = true;
    });
    const closed = new Promise<Error | undefined>((resolve) => hub.onclose(resolve));
    expect(emu.closeConnections()).toBe(1);
    expect(await closed).toBeUndefined();
    expect(reconnecting).toBe(false);
  });

  it('carries the error and lets the client reconnect when allowed', async () => {
    const { emu, raw, connect } = await bench();
    const client = await raw();
    const hub = await connect({ reconnect: true });
    const reconnecting = new Promise<Error | undefined>((resolve) => hub.onreconnecting(resolve));
    expect(emu.closeConnections({ allowReconnect: true, error: 'Server is restarting' })).toBe(2);
    await client.closed;
    expect(client.records.at(-1)).toEqual({ type: 7, error: 'Server is restarting', allowReconnect: true });
    expect((await reconnecting)?.message).toBe('Server returned an error on close: Server is restarting');
    await waitForState(hub, HubConnectionState.Connected);
  });

  it('rejects malformed options with a TypeError', async () => {
    const { emu } = await bench();
    expect(() => emu.closeConnections({ allowReconnect: 'yes' as never })).toThrow(TypeError);
  });
});

describe('restart', () => {
  it('drops connections and forgets negotiations, subscriptions and faults but not tokens', async () => {
    const { emu, connect } = await bench();
    const token = emu.issueToken();
    const hub = await connect({ reconnect: true, token: () => token });
    await hub.invoke('Subscribe', [{ EntityId: QUEUE_ID, EventName: 'QueueStatus' }]);
    const { connectionToken } = (await (await negotiate(emu, { token })).json()) as {
      connectionToken: string;
    };
    emu.setLatency(50);
    emu.failNegotiate({ status: 503, count: 1 });
    emu.deny([QUEUE_ID]);

    const reconnected = new Promise<void>((resolve) => hub.onreconnected(() => resolve()));
    expect(emu.restart()).toBe(1);
    await reconnected;
    const url = `${emu.hubUrl.replace(/^http/, 'ws')}?id=${connectionToken}`;
    expect(await upgradeStatus(url, { authorization: `Bearer ${token}` })).toBe(404);
    expect(await hub.invoke('ActiveSubscriptions')).toEqual([]);
    const [result] = await hub.invoke('Subscribe', [{ EntityId: QUEUE_ID, EventName: 'QueueStatus' }]);
    expect(result.message).toBe('Unauthorized');
  });
});

describe('revokeTokens', () => {
  it('refuses every token issued so far and counts them', async () => {
    const { emu } = await bench();
    const first = await fetchToken(emu);
    const second = emu.issueToken();
    expect(emu.revokeTokens()).toBe(2);
    expect(emu.revokeTokens()).toBe(0);
    for (const token of [first, second]) expect((await negotiate(emu, { token })).status).toBe(401);
  });
});

describe('failTokenRequests', () => {
  it('answers the next requests with the status and Retry-After, then recovers', async () => {
    const { emu } = await bench();
    emu.failTokenRequests({ status: 429, count: 2, retryAfterSeconds: 7 });
    for (let i = 0; i < 2; i++) {
      const response = await tokenRequest(emu);
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('7');
    }
    expect((await tokenRequest(emu)).status).toBe(200);
  });

  it('fails one request by default, without Retry-After', async () => {
    const { emu } = await bench();
    emu.failTokenRequests({ status: 500 });
    const response = await tokenRequest(emu);
    expect(response.status).toBe(500);
    expect(response.headers.has('retry-after')).toBe(false);
    expect((await tokenRequest(emu)).status).toBe(200);
  });

  it('answers the failing request after the delay, while other requests are served meanwhile', async () => {
    const { emu } = await bench();
    emu.failTokenRequests({ status: 503, delayMs: 300 });
    const statuses: number[] = [];
    // Whichever of the two requests reaches the server first takes the fault.
    await Promise.all(
      [tokenRequest(emu), tokenRequest(emu)].map((p) => p.then((r) => statuses.push(r.status))),
    );
    expect(statuses).toEqual([200, 503]);
  });

  it('with a 2xx status only delays, then answers normally', async () => {
    const { emu } = await bench();
    emu.failTokenRequests({ status: 200, delayMs: 10 });
    const response = await tokenRequest(emu);
    expect(response.status).toBe(200);
    expect(await response.json()).toHaveProperty('Token');
  });

  it('rejects malformed options with a TypeError', async () => {
    const { emu } = await bench();
    expect(() => emu.failTokenRequests({ status: 42 })).toThrow(TypeError);
    expect(() => emu.failTokenRequests({ status: 500, count: -1 })).toThrow(TypeError);
  });
});

describe('failNegotiate', () => {
  it('fails the next negotiations with the status, then recovers', async () => {
    const { emu, build } = await bench();
    emu.failNegotiate({ status: 503, count: 2 });
    expect((await negotiate(emu, { token: emu.issueToken() })).status).toBe(503);
    const hub = build();
    await expect(hub.start()).rejects.toThrow(/503/);
    await hub.start();
    expect(hub.state).toBe(HubConnectionState.Connected);
  });
});

describe('setLatency', () => {
  it('delays completions and pushes behind undelayed traffic', async () => {
    const { emu, connect } = await bench();
    const hub = await connect();
    const received = collect(hub);
    await hub.invoke('Subscribe', [{ EntityId: QUEUE_ID, EventName: 'QueueStatus' }]);
    emu.setLatency(400);
    const order: string[] = [];
    const invoked = hub.invoke('UnsubscribeAll').then(() => order.push('completion'));
    emu.publish('QueueStatus', QUEUE_ID);
    await tokenRequest(emu).then(() => order.push('token'));
    expect(received).toEqual([]);
    await invoked;
    await waitUntil(() => received.length === 1);
    expect(order).toEqual(['token', 'completion']);
  });

  it('rejects a negative delay with a TypeError', async () => {
    const { emu } = await bench();
    expect(() => emu.setLatency(-5)).toThrow(TypeError);
  });
});

describe('deny', () => {
  it('answers subscriptions to the listed entities with Unauthorized until cleared', async () => {
    const { emu, connect } = await bench();
    const hub = await connect();
    const item = { EntityId: QUEUE_ID.toUpperCase(), EventName: 'QueueStatus' };
    emu.deny([QUEUE_ID]);
    expect((await hub.invoke('Subscribe', [item]))[0].message).toBe('Unauthorized');
    emu.deny([]);
    expect((await hub.invoke('Subscribe', [item]))[0].subscribed).toBe(true);
  });
});

describe('reset', () => {
  it('turns faults off, clears the deny list and restores the token lifetime', async () => {
    const { emu, connect } = await bench();
    emu.failTokenRequests({ status: 500, count: 5 });
    emu.failNegotiate({ status: 500, count: 5 });
    emu.setLatency(10_000);
    emu.deny([QUEUE_ID]);
    emu.setTokenLifetime(1);
    emu.reset();
    const token = await fetchToken(emu);
    const claims = JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString()) as {
      exp: number;
      iat: number;
    };
    expect(claims.exp - claims.iat).toBe(3600);
    const hub = await connect({ token: () => token });
    expect(
      (await hub.invoke('Subscribe', [{ EntityId: QUEUE_ID, EventName: 'QueueStatus' }]))[0].subscribed,
    ).toBe(true);
  });
});
