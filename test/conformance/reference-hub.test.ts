import {
  type HubConnection,
  HubConnectionBuilder,
  HubConnectionState,
  type ILogger,
  type IRetryPolicy,
} from '@microsoft/signalr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { availableEventNames } from '../../src/emulator/event-names.ts';
import { type ReferenceHub, startReferenceHub } from './support/reference-hub.ts';

const silent: ILogger = { log: () => {} };
const queueId = 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3';
const deniedId = 'a1eeb030-ff4b-ea11-ac9c-00155d4fdcf3';

interface TokenResponse {
  readonly WSSEndpoint: string;
  readonly Token: string;
}

interface Stats {
  readonly connections: number;
  readonly subscriptions: number;
  readonly calls: Readonly<Record<string, number>>;
  readonly tokensIssued: number;
  readonly negotiations: number;
  readonly published: number;
  readonly delivered: number;
}

let hub: ReferenceHub;

beforeAll(async () => {
  hub = await startReferenceHub();
}, 120_000);

afterAll(async () => {
  await hub?.stop();
});

function basic(email: string, secretKey: string): string {
  return `Basic ${Buffer.from(`${email}:${secretKey}`).toString('base64')}`;
}

function requestToken(authorization: string, user = 'me'): Promise<Response> {
  return fetch(`${hub.apiUrl}token/${user}/rte/`, { headers: { authorization } });
}

async function token(): Promise<string> {
  const response = await requestToken(basic(hub.credentials.email, hub.credentials.secretKey));
  return ((await response.json()) as TokenResponse).Token;
}

async function control<T>(name: string, body?: unknown): Promise<T> {
  const response = await fetch(`${hub.controlUrl}/${name}`, {
    method: body === undefined && name === 'stats' ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(name === 'stats' ? {} : { body: JSON.stringify(body ?? {}) }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

function build(accessToken: string, retryPolicy?: IRetryPolicy): HubConnection {
  const builder = new HubConnectionBuilder()
    .withUrl(hub.hubUrl, { accessTokenFactory: () => accessToken })
    .configureLogging(silent);
  return (retryPolicy ? builder.withAutomaticReconnect(retryPolicy) : builder).build();
}

async function connected(retryPolicy?: IRetryPolicy): Promise<HubConnection> {
  const connection = build(await token(), retryPolicy);
  await connection.start();
  return connection;
}

function closed(connection: HubConnection): Promise<Error | undefined> {
  return new Promise((resolve) => connection.onclose(resolve));
}

/** Opens a WebSocket to the hub and reports the HTTP status of the upgrade (101 when it succeeds). */
function upgradeStatus(query: string, accessToken: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${hub.hubUrl.replace(/^http/, 'ws')}${query}`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    socket.on('unexpected-response', (_request, response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('open', () => {
      resolve(101);
      socket.close();
    });
    socket.on('error', reject);
  });
}

function decodeJwtPart(part: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('token endpoint', () => {
  it('trades Basic credentials for a WSSEndpoint and an HS256 token naming the user', async () => {
    const response = await requestToken(basic(hub.credentials.email, hub.credentials.secretKey));

    expect(response.status).toBe(200);
    const body = (await response.json()) as TokenResponse;
    expect(Object.keys(body)).toEqual(['WSSEndpoint', 'Token']);
    expect(body.WSSEndpoint).toBe(`ws://127.0.0.1:${hub.port}/rte`);
    const [header, payload] = body.Token.split('.');
    expect(decodeJwtPart(header)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = decodeJwtPart(payload);
    expect(claims).toMatchObject({
      sub: hub.credentials.userId,
      email: hub.credentials.email,
      org: hub.credentials.organizationId,
    });
    expect(claims.exp).toBe(Number(claims.iat) + 3600);
    expect(claims.jti).toEqual(expect.any(String));
  });

  it('accepts the bearer token and the own user id in place of me', async () => {
    const response = await requestToken(
      `Bearer ${hub.credentials.bearerToken}`,
      hub.credentials.userId.toUpperCase(),
    );

    expect(response.status).toBe(200);
  });

  it('answers 401 to bad credentials and 403 to another user id', async () => {
    expect((await requestToken(basic(hub.credentials.email, 'wrong'))).status).toBe(401);
    expect((await fetch(`${hub.apiUrl}token/me/rte/`)).status).toBe(401);
    const other = await requestToken(basic(hub.credentials.email, hub.credentials.secretKey), deniedId);
    expect(other.status).toBe(403);
  });
});

describe('negotiate', () => {
  it('offers WebSockets only, with negotiate version 1 and a connection token', async () => {
    const response = await fetch(`${hub.hubUrl}/negotiate?negotiateVersion=1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token()}` },
    });

    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual([
      'negotiateVersion',
      'connectionId',
      'connectionToken',
      'availableTransports',
    ]);
    expect(body.negotiateVersion).toBe(1);
    expect(body.availableTransports).toEqual([
      { transport: 'WebSockets', transferFormats: ['Text', 'Binary'] },
    ]);
  });

  it('answers 401 without a token, which the client reports as a failed negotiation', async () => {
    const raw = await fetch(`${hub.hubUrl}/negotiate?negotiateVersion=1`, { method: 'POST' });
    expect(raw.status).toBe(401);
    expect(raw.headers.get('www-authenticate')).toBe('Bearer');

    const connection = build('');
    const error = await connection.start().then(
      () => undefined,
      (e: unknown) => e as Error & { errorType?: string },
    );
    expect(error?.errorType).toBe('FailedToNegotiateWithServerError');
    expect(error?.message).toBe(
      "Failed to complete negotiation with the server: Error: Unauthorized: Status code '401'",
    );
  });

  it('checks the token again on the WebSocket upgrade and answers 404 to an unknown connection id', async () => {
    const valid = await token();
    const negotiated = await fetch(`${hub.hubUrl}/negotiate?negotiateVersion=1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${valid}` },
    });
    const { connectionToken } = (await negotiated.json()) as { connectionToken: string };

    expect(await upgradeStatus(`?id=${connectionToken}`, 'not-a-token')).toBe(401);
    expect(await upgradeStatus('?id=unknown', valid)).toBe(404);
    expect(await upgradeStatus(`?id=${connectionToken}`, valid)).toBe(101);
    expect(await upgradeStatus('', valid)).toBe(101);
  });

  it('refuses tokens issued before revoke-tokens, but keeps open connections', async () => {
    const open = await connected();
    const issued = await token();
    try {
      const { revoked } = await control<{ revoked: number }>('revoke-tokens');
      expect(revoked).toBeGreaterThanOrEqual(2);

      const refused = await fetch(`${hub.hubUrl}/negotiate?negotiateVersion=1`, {
        method: 'POST',
        headers: { authorization: `Bearer ${issued}` },
      });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect(await open.invoke('UnsubscribeAll')).toBe(true);
    } finally {
      await open.stop();
    }
  });
});

describe('hub methods', () => {
  it('answers Subscribe item by item in the documented validation order', async () => {
    const connection = await connected();
    try {
      await control('deny', { entityIds: [deniedId] });
      const results = await connection.invoke('Subscribe', [
        { EntityId: queueId, EventName: 'QueueStatus' },
        { EntityId: 'not-a-guid', EventName: 'NoSuchEvent' },
        { entityId: queueId, eventName: 'NoSuchEvent' },
        { EntityId: deniedId, EventName: 'UserStatus' },
      ]);

      expect(results).toEqual([
        { subscribed: true, message: null, entityId: queueId, eventName: 'queuestatus' },
        { subscribed: false, message: 'Invalid EntityId', entityId: 'not-a-guid', eventName: 'nosuchevent' },
        { subscribed: false, message: 'Invalid event name', entityId: queueId, eventName: 'nosuchevent' },
        { subscribed: false, message: 'Unauthorized', entityId: deniedId, eventName: 'userstatus' },
      ]);
    } finally {
      await control('deny', { entityIds: [] });
      await connection.stop();
    }
  });

  it('lists the active subscriptions of the connection and forgets them on Unsubscribe', async () => {
    const connection = await connected();
    try {
      await connection.invoke('subscribe', [{ EntityId: queueId, EventName: 'queuestatus' }]);
      const [subscription] = await connection.invoke<Record<string, unknown>[]>('ActiveSubscriptions');
      expect(subscription).toEqual({
        id: expect.any(String),
        allRootEntities: false,
        rootEntityId: hub.credentials.organizationId,
        rootEntityType: 'Organization',
        organizationId: hub.credentials.organizationId,
        eventType: 'QueueStatus',
        entityType: 'Queue',
        entityId: queueId,
        allEntities: false,
      });

      const results = await connection.invoke('Unsubscribe', [
        { EntityId: queueId, EventName: 'QueueStatus' },
      ]);
      expect(results).toEqual([
        { subscribed: false, message: null, entityId: queueId, eventName: 'queuestatus' },
      ]);
      expect(await connection.invoke('ActiveSubscriptions')).toEqual([]);
    } finally {
      await connection.stop();
    }
  });

  it('offers the documented event names followed by the live-only ones', async () => {
    const connection = await connected();
    try {
      expect(await connection.invoke('AvailableSubscriptions')).toEqual(availableEventNames);
    } finally {
      await connection.stop();
    }
  });

  it('rejects an unknown hub method with the framework message', async () => {
    const connection = await connected();
    try {
      await expect(connection.invoke('NoSuchMethod')).rejects.toThrow(
        "Failed to invoke 'NoSuchMethod' due to an error on the server. HubException: Method does not exist.",
      );
    } finally {
      await connection.stop();
    }
  });
});

describe('MessageReceived', () => {
  it('pushes an event class with camelCase keys in subscription and data', async () => {
    const connection = await connected();
    try {
      const received = new Promise<Record<string, Record<string, unknown>>>((resolve) =>
        connection.on('MessageReceived', resolve),
      );
      await connection.invoke('Subscribe', [{ EntityId: hub.credentials.userId, EventName: 'UserStatus' }]);

      const { delivered } = await control<{ delivered: number }>('publish', {
        eventName: 'userstatus',
        entityId: hub.credentials.userId.toUpperCase(),
        data: { Talking: true, MessageTTLSeconds: 60, WrapUpEnd: null },
      });

      expect(delivered).toBe(1);
      const message = await received;
      expect(Object.keys(message)).toEqual(['subscription', 'data']);
      expect(message.subscription).toMatchObject({ eventType: 'UserStatus', entityType: 'User' });
      expect(message.data).toMatchObject({
        rootEntityType: 'Organization',
        rootEntityId: hub.credentials.organizationId,
        eventType: 'UserStatus',
        entityType: 'User',
        entityId: hub.credentials.userId,
        messageTTLSeconds: 60,
        talking: true,
        wrapUpEnd: null,
        organizationId: hub.credentials.organizationId,
        id: expect.any(String),
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
      });
    } finally {
      await connection.stop();
    }
  });

  it('camel-cases the keys of events without a class, nested ones included', async () => {
    const connection = await connected();
    try {
      const received = new Promise<Record<string, Record<string, unknown>>>((resolve) =>
        connection.on('MessageReceived', resolve),
      );
      await connection.invoke('Subscribe', [{ EntityId: queueId, EventName: 'QueueCallInComing' }]);

      await control('publish', {
        eventName: 'QueueCallInComing',
        entityId: queueId,
        data: {
          CallId: 'abc',
          Caller: { PhoneNumber: '+358401234567', Tags: [{ TagName: 'vip' }] },
          URL: 'u',
        },
      });

      const { data } = await received;
      expect(data).toMatchObject({
        eventType: 'QueueCallInComing',
        entityType: 'Queue',
        callId: 'abc',
        caller: { phoneNumber: '+358401234567', tags: [{ tagName: 'vip' }] },
        url: 'u',
      });
    } finally {
      await connection.stop();
    }
  });
});

describe('connection faults', () => {
  it('cuts every connection on drop, and the client closes with an error', async () => {
    const connection = await connected();
    const onClose = closed(connection);

    const { dropped } = await control<{ dropped: number }>('drop');

    expect(dropped).toBe(1);
    const error = await onClose;
    expect(error?.message).toBe('WebSocket closed with status code: 1006 (no reason given).');
    expect(connection.state).toBe(HubConnectionState.Disconnected);
  });

  it('sends a Close message with allowReconnect that lets the client reconnect', async () => {
    const connection = await connected({ nextRetryDelayInMilliseconds: () => 0 });
    try {
      const reconnecting = new Promise<Error | undefined>((resolve) => connection.onreconnecting(resolve));
      const reconnected = new Promise<string | undefined>((resolve) => connection.onreconnected(resolve));

      await control('close', { allowReconnect: true });

      expect(await reconnecting).toBeUndefined();
      await reconnected;
      expect(connection.state).toBe(HubConnectionState.Connected);
    } finally {
      await connection.stop();
    }
  });

  it('sends a Close message carrying the error, which ends the connection', async () => {
    const connection = await connected({ nextRetryDelayInMilliseconds: () => 0 });
    const onClose = closed(connection);

    const { closed: count } = await control<{ closed: number }>('close', { error: 'maintenance' });

    expect(count).toBe(1);
    expect((await onClose)?.message).toBe('Server returned an error on close: maintenance');
  });
});

describe('stats', () => {
  it('counts connections, subscriptions, calls, publishes and deliveries', async () => {
    const before = await control<Stats>('stats');
    const connection = await connected();
    try {
      await connection.invoke('Subscribe', [
        { EntityId: queueId, EventName: 'QueueStatus' },
        { EntityId: queueId, EventName: 'QueueStatus' },
      ]);
      await connection.invoke('AvailableSubscriptions');
      await control('publish', { eventName: 'QueueStatus', entityId: queueId, data: { QueueName: 'Sales' } });
      await control('publish', { eventName: 'QueueStatus', entityId: deniedId });

      const after = await control<Stats>('stats');
      expect(after.connections).toBe(before.connections + 1);
      expect(after.subscriptions).toBe(before.subscriptions + 1);
      expect(after.calls.Subscribe).toBe((before.calls.Subscribe ?? 0) + 1);
      expect(after.calls.AvailableSubscriptions).toBe((before.calls.AvailableSubscriptions ?? 0) + 1);
      expect(after.tokensIssued).toBe(before.tokensIssued + 1);
      expect(after.negotiations).toBe(before.negotiations + 1);
      expect(after.published).toBe(before.published + 2);
      expect(after.delivered).toBe(before.delivered + 1);
    } finally {
      await connection.stop();
    }
  });
});
