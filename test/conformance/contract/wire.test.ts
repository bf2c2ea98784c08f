import { HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContractHub, type HubKind, hubKinds, startHub } from './hubs.ts';
import { maskSubscriptionIds, RawSession, record, upgrade } from './raw-session.ts';
import {
  basicAuth,
  CALL_LIST_ID,
  DENIED_ID,
  example,
  fetchToken,
  misc,
  QUEUE_ID,
  USER_ID,
  until,
} from './support.ts';

// Each test does the same thing to both hubs, one after the other, and compares what came back: the
// emulator must answer byte for byte what ASP.NET Core answers, wherever a client could look.

let hubs: Record<HubKind, ContractHub>;

beforeAll(async () => {
  const [emulator, reference] = await Promise.all(hubKinds.map((kind) => startHub(kind)));
  hubs = { emulator: emulator!, reference: reference! };
}, 120_000);

afterAll(async () => {
  await Promise.all(Object.values(hubs ?? {}).map((hub) => hub.stop()));
});

/** Runs `scenario` against each hub in turn and returns what each produced. */
async function onBoth<T>(scenario: (hub: ContractHub) => Promise<T>): Promise<Record<HubKind, T>> {
  const results = {} as Record<HubKind, T>;
  for (const kind of hubKinds) {
    const hub = hubs[kind];
    await until(async () => (await hub.control.stats()).connections === 0);
    results[kind] = await scenario(hub);
  }
  return results;
}

/** A handshaken raw session, closed once `use` is done. */
async function withSession<T>(hub: ContractHub, use: (session: RawSession) => Promise<T>): Promise<T> {
  const session = await RawSession.handshaken(hub, await fetchToken(hub));
  try {
    return await use(session);
  } finally {
    session.terminate();
  }
}

const HEADERS = [
  'content-type',
  'www-authenticate',
  'allow',
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-max-age',
  'vary',
] as const;

/** Status, the headers a client acts on, and the body of an HTTP answer. */
async function described(response: Response): Promise<Record<string, unknown>> {
  const headers = Object.fromEntries(HEADERS.map((name) => [name, response.headers.get(name)]));
  const body = (await response.text()).replace(
    /"connection(Id|Token)":"[^"]+"/g,
    '"connection$1":"<random>"',
  );
  return { status: response.status, headers, body };
}

describe('hub methods on the wire', () => {
  it('answers Subscribe with the same SubscriptionResult JSON, item by item', async () => {
    const frames = await onBoth(async (hub) => {
      await hub.control.deny([DENIED_ID]);
      try {
        return await withSession(hub, (session) =>
          session.invoke('1', 'Subscribe', [
            [
              { EntityId: QUEUE_ID, EventName: 'QueueStatus' },
              { EntityId: USER_ID.toUpperCase(), EventName: 'userstatus' },
              { entityId: `{${QUEUE_ID}}`, eventName: 'QUEUECALLINCOMING', Extra: 1 },
              { EntityId: CALL_LIST_ID.replaceAll('-', ''), EventName: 'CallbackChanged' },
              { EntityId: 'not-a-guid', EventName: 'NoSuchEvent' },
              { EntityId: QUEUE_ID, EventName: 'NoSuchEvent' },
              { EntityId: DENIED_ID, EventName: 'UserStatus' },
              {},
            ],
          ]),
        );
      } finally {
        await hub.control.deny([]);
      }
    });

    expect(frames.emulator).toBe(frames.reference);
    const { result } = JSON.parse(frames.reference) as { result: Record<string, unknown>[] };
    expect(result.map((item) => Object.keys(item))).toEqual(
      result.map(() => ['subscribed', 'message', 'entityId', 'eventName']),
    );
    expect(result.map((item) => item.message)).toEqual([
      null,
      null,
      null,
      null,
      'Invalid EntityId',
      'Invalid event name',
      'Unauthorized',
      'Invalid EntityId',
    ]);
    expect(result[1]).toEqual({
      subscribed: true,
      message: null,
      entityId: USER_ID.toUpperCase(),
      eventName: 'userstatus',
    });
  });

  it('answers Unsubscribe, ActiveSubscriptions, AvailableSubscriptions and UnsubscribeAll alike', async () => {
    const frames = await onBoth((hub) =>
      withSession(hub, async (session) => [
        await session.invoke('1', 'Subscribe', [
          [
            { EntityId: USER_ID, EventName: 'UserStatus' },
            { EntityId: QUEUE_ID.toUpperCase(), EventName: 'queuestatus' },
            { EntityId: CALL_LIST_ID, EventName: 'CallbackChanged' },
          ],
        ]),
        maskSubscriptionIds(await session.invoke('2', 'ActiveSubscriptions', [])),
        await session.invoke('3', 'Unsubscribe', [
          [
            { EntityId: USER_ID, EventName: 'USERSTATUS' },
            { EntityId: QUEUE_ID, EventName: 'UserStatus' },
            { EntityId: 'x', EventName: 'UserStatus' },
          ],
        ]),
        maskSubscriptionIds(await session.invoke('4', 'activesubscriptions', [])),
        await session.invoke('5', 'AvailableSubscriptions', []),
        await session.invoke('6', 'UnsubscribeAll', []),
        await session.invoke('7', 'ActiveSubscriptions', []),
      ]),
    );

    expect(frames.emulator).toEqual(frames.reference);
    const [, active] = frames.reference.map((frame) => JSON.parse(frame) as { result: unknown });
    const [first] = (active as { result: Record<string, unknown>[] }).result;
    expect(Object.keys(first ?? {})).toEqual([
      'id',
      'allRootEntities',
      'rootEntityId',
      'rootEntityType',
      'organizationId',
      'eventType',
      'entityType',
      'entityId',
      'allEntities',
    ]);
    expect(frames.reference[5]).toBe('{"type":3,"invocationId":"6","result":true}');
    expect(frames.reference[6]).toBe('{"type":3,"invocationId":"7","result":[]}');
  });

  it('reports failing invocations with the texts of ASP.NET Core', async () => {
    const frames = await onBoth((hub) =>
      withSession(hub, async (session) => {
        const sent = [
          { type: 1, invocationId: '1', target: 'NoSuchMethod', arguments: [] },
          { type: 1, invocationId: '2', target: 'subscribe', arguments: [] },
          { type: 1, invocationId: '3', target: 'SUBSCRIBE', arguments: [{ EntityId: QUEUE_ID }] },
          {
            type: 1,
            invocationId: '4',
            target: 'Subscribe',
            arguments: [[{ EntityId: 42, EventName: 'x' }]],
          },
          { type: 1, invocationId: '5', target: 'availableSubscriptions', arguments: [1] },
          { type: 1, invocationId: '6', target: 'Subscribe', arguments: [null] },
          { type: 1, invocationId: '7', target: 'unsubscribe', arguments: [[null]] },
          { type: 4, invocationId: '8', target: 'activeSubscriptions', arguments: [] },
          { type: 1, invocationId: '9', target: 'Subscribe', arguments: [[]], streamIds: ['s'] },
          { type: 1, target: 'Subscribe', arguments: [[]] },
          { type: 5, invocationId: '8' },
          { type: 1, invocationId: '10', target: 'UnsubscribeAll', arguments: [] },
        ];
        for (const message of sent) session.send(record(message));
        const answers: string[] = [];
        for (let i = 0; i < 10; i++) answers.push(await session.next());
        return answers;
      }),
    );

    expect(frames.emulator).toEqual(frames.reference);
    expect(frames.reference).toEqual([
      '{"type":3,"invocationId":"1","error":"Failed to invoke \'NoSuchMethod\' due to an error on the server. HubException: Method does not exist."}',
      '{"type":3,"invocationId":"2","error":"Failed to invoke \'Subscribe\' due to an error on the server."}',
      '{"type":3,"invocationId":"3","error":"Failed to invoke \'Subscribe\' due to an error on the server."}',
      '{"type":3,"invocationId":"4","error":"Failed to invoke \'Subscribe\' due to an error on the server."}',
      '{"type":3,"invocationId":"5","error":"Failed to invoke \'AvailableSubscriptions\' due to an error on the server."}',
      '{"type":3,"invocationId":"6","error":"An unexpected error occurred invoking \'Subscribe\' on the server."}',
      '{"type":3,"invocationId":"7","error":"An unexpected error occurred invoking \'Unsubscribe\' on the server."}',
      '{"type":3,"invocationId":"8","error":"The client attempted to invoke the non-streaming \'ActiveSubscriptions\' method with a streaming invocation."}',
      '{"type":3,"invocationId":"9","error":"An unexpected error occurred invoking \'Subscribe\' on the server. HubException: Client sent 1 stream(s), Hub method expects 0."}',
      '{"type":3,"invocationId":"10","result":true}',
    ]);
  });

  it('rejects an unknown method through the SignalR client with the same error text', async () => {
    const messages = await onBoth(async (hub) => {
      const token = await fetchToken(hub);
      const connection = new HubConnectionBuilder()
        .withUrl(hub.hubUrl, { accessTokenFactory: () => token })
        .configureLogging(LogLevel.None)
        .build();
      await connection.start();
      try {
        return await connection.invoke('NoSuchMethod', 1).then(
          () => 'resolved',
          (error: Error) => error.message,
        );
      } finally {
        await connection.stop();
      }
    });

    expect(messages.emulator).toBe(messages.reference);
    expect(messages.reference).toBe(
      "Failed to invoke 'NoSuchMethod' due to an error on the server. HubException: Method does not exist.",
    );
  });
});

describe('the connection on the wire', () => {
  it('answers the handshake and refuses other protocols alike', async () => {
    const answers = await onBoth(async (hub) => {
      const token = await fetchToken(hub);
      const results: (string | number)[][] = [];
      for (const handshake of [
        { protocol: 'json', version: 1 },
        { protocol: 'json', version: 2 },
        { protocol: 'messagepack', version: 1 },
        { protocol: 'json', version: 3 },
        { version: 1 },
      ]) {
        const session = await RawSession.open(hub, token);
        session.send(record(handshake));
        const answer = await session.next();
        if (answer === '{}') session.terminate();
        results.push([answer, await session.closed]);
      }
      return results;
    });

    expect(answers.emulator).toEqual(answers.reference);
    expect(answers.reference.map(([answer]) => answer)).toEqual([
      '{}',
      '{}',
      '{"error":"The protocol \'messagepack\' is not supported."}',
      '{"error":"The server does not support version 3 of the \'json\' protocol."}',
      '{"error":"An unexpected error occurred during connection handshake."}',
    ]);
  });

  it('closes with an error on a record it cannot read, and answers a Close with a Close', async () => {
    const answers = await onBoth(async (hub) => {
      const token = await fetchToken(hub);
      const results: (string | number)[][] = [];
      for (const text of ['{"type":"x"}', 'not json', '{"type":1,"invocationId":"1"}', '{"type":7}']) {
        const session = await RawSession.handshaken(hub, token);
        session.send(record(text));
        results.push([await session.next(), await session.closed]);
      }
      return results;
    });

    expect(answers.emulator).toEqual(answers.reference);
    expect(answers.reference.map(([answer]) => answer)).toEqual([
      '{"type":7,"error":"Connection closed with an error.","allowReconnect":true}',
      '{"type":7,"error":"Connection closed with an error.","allowReconnect":true}',
      '{"type":7,"error":"Connection closed with an error.","allowReconnect":true}',
      '{"type":7}',
    ]);
  });

  it('says goodbye with the same Close messages and close codes', async () => {
    const answers = await onBoth(async (hub) => {
      const token = await fetchToken(hub);
      const results: (string | number)[][] = [];
      for (const options of [
        {},
        { allowReconnect: true },
        { error: 'maintenance' },
        { error: 'maintenance', allowReconnect: true },
      ]) {
        const session = await RawSession.handshaken(hub, token);
        // A SignalR client hangs up as soon as it reads a Close message.
        const frame = session.next().then((text) => {
          session.terminate();
          return text;
        });
        results.push(await Promise.all([hub.control.closeConnections(options), frame]));
      }
      const dropped = await RawSession.handshaken(hub, token);
      results.push([await hub.control.dropConnections(), await dropped.closed]);
      return results;
    });

    expect(answers.emulator).toEqual(answers.reference);
    expect(answers.reference).toEqual([
      [1, '{"type":7}'],
      [1, '{"type":7,"allowReconnect":true}'],
      [1, '{"type":7,"error":"maintenance"}'],
      [1, '{"type":7,"error":"maintenance","allowReconnect":true}'],
      [1, 1006],
    ]);
  });

  it('ends a SignalR client connection with the same error on a close or a drop', async () => {
    const messages = await onBoth(async (hub) => {
      const token = await fetchToken(hub);
      const results: (string | undefined)[] = [];
      for (const fault of [
        () => hub.control.closeConnections({}),
        () => hub.control.closeConnections({ error: 'maintenance' }),
        () => hub.control.dropConnections(),
      ]) {
        const connection = new HubConnectionBuilder()
          .withUrl(hub.hubUrl, { accessTokenFactory: () => token })
          .configureLogging(LogLevel.None)
          .build();
        const closed = new Promise<Error | undefined>((resolve) => connection.onclose(resolve));
        await connection.start();
        await fault();
        results.push((await closed)?.message);
      }
      return results;
    });

    expect(messages.emulator).toEqual(messages.reference);
    expect(messages.reference).toEqual([
      undefined,
      'Server returned an error on close: maintenance',
      'WebSocket closed with status code: 1006 (no reason given).',
    ]);
  });
});

describe('MessageReceived on the wire', () => {
  const EVENT_ID = '4be0643f-1d98-4ee5-9b1c-9c1b3a4e1d2f';
  const pushes: [string, string, (organizationId: string) => Record<string, unknown>][] = [
    [
      'UserStatus',
      USER_ID,
      (org) =>
        example('UserStatus', {
          RootEntityId: org,
          EntityId: USER_ID,
          UserId: USER_ID,
          OrganizationId: org,
          Talking: true,
          TalkingStatusChanged: '2024-05-06T07:08:09.123Z',
          ActiveQueueId: QUEUE_ID,
          Note: 'Back at 13:00 — lunch & "gym" <ok> +1',
          Id: EVENT_ID,
          Timestamp: '2024-05-06T07:08:09.7009158Z',
        }),
    ],
    [
      'QueueStatus',
      QUEUE_ID,
      (org) =>
        example('QueueStatus', {
          RootEntityId: org,
          EntityId: QUEUE_ID,
          QueueId: QUEUE_ID,
          OrganizationId: org,
          QueueName: 'Myynti / Försäljning',
          NbrOfQueuingRequesters: 3,
          MaxWaitTime: 4_294_967_296,
          OpenStatus: 5,
          Id: EVENT_ID,
          Timestamp: '2024-05-06T07:08:09Z',
        }),
    ],
    [
      'CallbackChanged',
      CALL_LIST_ID,
      (org) =>
        example('CallbackChanged', {
          RootEntityId: org,
          EntityId: CALL_LIST_ID,
          CallListId: CALL_LIST_ID,
          OrganizationId: org,
          CallbackAttempts: [misc('CallbackAttempt', { UserId: USER_ID, CallbackAttemptTypeId: 2 })],
          CallbackExtras: [misc('CallbackExtra', { Id: 1, Name: 'Product', Value: 'Router X' })],
          CallbackRelatedItems: [misc('CallbackRelatedItem', { StatusId: 3 })],
          Id: EVENT_ID,
        }),
    ],
    [
      'QueueCallInComing',
      QUEUE_ID,
      () => ({
        CallId: 'abc',
        EntityType: 'Queue',
        Caller: { PhoneNumber: '+358401234567', Tags: [{ TagName: 'vip' }], URL: 'u' },
        Id: EVENT_ID,
        Timestamp: '2024-05-06T07:08:09Z',
      }),
    ],
  ];

  it.each(pushes)('pushes %s as the same bytes', async (eventName, entityId, payload) => {
    const frames = await onBoth((hub) =>
      withSession(hub, async (session) => {
        await session.invoke('1', 'Subscribe', [[{ EntityId: entityId, EventName: eventName }]]);
        const delivered = await hub.control.publish(
          eventName,
          entityId,
          payload(hub.credentials.organizationId),
        );
        return [delivered, maskSubscriptionIds(await session.next())];
      }),
    );

    expect(frames.emulator).toEqual(frames.reference);
    expect(frames.reference[0]).toBe(1);
  });

  it('stamps what the publisher left out in the same form', async () => {
    const data = await onBoth((hub) =>
      withSession(hub, async (session) => {
        await session.invoke('1', 'Subscribe', [[{ EntityId: QUEUE_ID, EventName: 'QueueCallInComing' }]]);
        await hub.control.publish('queuecallincoming', QUEUE_ID.toUpperCase(), { CallId: 'abc' });
        const message = JSON.parse(await session.next()) as {
          arguments: [{ data: Record<string, unknown> }];
        };
        return message.arguments[0].data;
      }),
    );

    const stamped = {
      rootEntityType: 'Organization',
      rootEntityId: hubs.reference.credentials.organizationId,
      eventType: 'QueueCallInComing',
      entityType: 'Queue',
      entityId: QUEUE_ID,
      callId: 'abc',
      organizationId: hubs.reference.credentials.organizationId,
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      // System.Text.Json writes a UTC DateTime with no trailing zeros in the fraction.
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d*[1-9])?Z$/),
    };
    expect(data.emulator).toEqual(stamped);
    expect(data.reference).toEqual(stamped);
    expect(Object.keys(data.emulator)).toEqual(Object.keys(data.reference));
  });
});

describe('HTTP on the wire', () => {
  it('negotiates with the same body, and answers the other connection requests alike', async () => {
    const answers = await onBoth(async (hub) => {
      const token = await fetchToken(hub);
      const auth = { authorization: `Bearer ${token}` };
      const negotiate = (query: string, init: RequestInit = {}) =>
        fetch(`${hub.hubUrl}/negotiate${query}`, { method: 'POST', headers: auth, ...init });
      const negotiated = (await (await negotiate('?negotiateVersion=1')).json()) as {
        connectionToken: string;
      };
      const id = negotiated.connectionToken;
      const requests = [
        () => negotiate('?negotiateVersion=1'),
        () => negotiate(''),
        () => negotiate('?negotiateVersion=x'),
        () => negotiate('?negotiateVersion=-1'),
        () => negotiate(`?negotiateVersion=1&access_token=${encodeURIComponent(token)}`, { headers: {} }),
        () => fetch(`${hub.hubUrl}/negotiate`, { headers: auth }),
        () => fetch(hub.hubUrl, { headers: auth }),
        () => fetch(`${hub.hubUrl}?id=unknown`, { headers: auth }),
        () => fetch(`${hub.hubUrl}?id=${id}`, { headers: auth }),
        () => fetch(`${hub.hubUrl}?id=${id}`, { headers: { ...auth, accept: 'text/event-stream' } }),
        () => fetch(`${hub.hubUrl}?id=${id}`, { method: 'POST', headers: auth, body: '' }),
        () => fetch(`${hub.hubUrl}?id=${id}`, { method: 'DELETE', headers: auth }),
        () => fetch(`${hub.hubUrl}?id=${id}`, { method: 'PUT', headers: auth }),
      ];
      const results = [];
      // One after the other: what a connection id answers depends on what happened to it before.
      for (const send of requests) results.push(await described(await send()));
      return results;
    });

    expect(answers.emulator).toEqual(answers.reference);
    expect(answers.reference[0]).toEqual({
      status: 200,
      headers: expect.objectContaining({ 'content-type': 'application/json' }),
      body: '{"negotiateVersion":1,"connectionId":"<random>","connectionToken":"<random>","availableTransports":[{"transport":"WebSockets","transferFormats":["Text","Binary"]}]}',
    });
  });

  it('refuses a missing, invalid or revoked token with the same 401, also through the SignalR client', async () => {
    const answers = await onBoth(async (hub) => {
      const revoked = await fetchToken(hub);
      await hub.control.revokeTokens();
      const results: unknown[] = [];
      for (const token of [undefined, 'not-a-token', revoked]) {
        const headers: Record<string, string> =
          token === undefined ? {} : { authorization: `Bearer ${token}` };
        const response = await fetch(`${hub.hubUrl}/negotiate?negotiateVersion=1`, {
          method: 'POST',
          headers,
        });
        const connection = new HubConnectionBuilder()
          .withUrl(hub.hubUrl, { accessTokenFactory: () => token ?? '' })
          .configureLogging(LogLevel.None)
          .build();
        const error = await connection.start().then(
          () => undefined,
          (e: Error & { errorType?: string }) => ({ message: e.message, errorType: e.errorType }),
        );
        results.push([await described(response), error]);
      }
      return results;
    });

    expect(answers.emulator).toEqual(answers.reference);
    expect(answers.reference[0]).toEqual([
      {
        status: 401,
        headers: expect.objectContaining({ 'content-type': null, 'www-authenticate': 'Bearer' }),
        body: '',
      },
      {
        message: "Failed to complete negotiation with the server: Error: Unauthorized: Status code '401'",
        errorType: 'FailedToNegotiateWithServerError',
      },
    ]);
  });

  it('refuses WebSocket upgrades alike', async () => {
    const pick = ['content-type', 'www-authenticate'];
    const answers = await onBoth(async (hub) => {
      const token = await fetchToken(hub);
      const auth = { authorization: `Bearer ${token}` };
      const negotiated = await fetch(`${hub.hubUrl}/negotiate?negotiateVersion=1`, {
        method: 'POST',
        headers: auth,
      });
      const { connectionToken } = (await negotiated.json()) as { connectionToken: string };
      const url = `${hub.hubUrl}?id=${connectionToken}`;
      const open = await RawSession.openUrl(url, token);
      try {
        return [
          await upgrade(hub.hubUrl, {}, pick),
          await upgrade(hub.hubUrl, { authorization: 'Bearer not-a-token' }, pick),
          await upgrade(`${hub.hubUrl}?id=unknown`, auth, pick),
          await upgrade(url, auth, pick),
          await upgrade(`${hub.apiUrl}elsewhere`, auth, pick),
        ];
      } finally {
        open.terminate();
      }
    });

    expect(answers.emulator).toEqual(answers.reference);
    expect(answers.reference.map((answer) => answer.status)).toEqual([401, 401, 404, 409, 404]);
    expect(answers.reference[0]).toEqual({
      status: 401,
      headers: { 'content-type': undefined, 'www-authenticate': 'Bearer' },
      body: '',
    });
  });

  it('hands out tokens and refuses bad credentials alike', async () => {
    const answers = await onBoth(async (hub) => {
      const granted = await fetch(`${hub.apiUrl}token/me/rte/`, {
        headers: { authorization: basicAuth(hub) },
      });
      const body = (await granted.json()) as Record<string, string>;
      return {
        granted: {
          status: granted.status,
          keys: Object.keys(body),
          endpoint: body.WSSEndpoint === hub.hubUrl.replace(/^http/, 'ws'),
          token: body.Token?.split('.').length,
        },
        refusals: await Promise.all(
          [
            fetch(`${hub.apiUrl}token/me/rte/`),
            fetch(`${hub.apiUrl}token/me/rte/`, { headers: { authorization: 'Basic eDp5' } }),
            fetch(`${hub.apiUrl}token/${DENIED_ID}/rte/`, { headers: { authorization: basicAuth(hub) } }),
          ].map(async (response) => described(await response)),
        ),
      };
    });

    expect(answers.emulator).toEqual(answers.reference);
    expect(answers.reference.granted).toEqual({
      status: 200,
      keys: ['WSSEndpoint', 'Token'],
      endpoint: true,
      token: 3,
    });
    expect(answers.reference.refusals.map((refusal) => refusal.status)).toEqual([401, 401, 403]);
  });

  it('lets a page on another origin fetch a token and negotiate (CORS with credentials)', async () => {
    const origin = 'http://wallboard.example.test:8080';
    const answers = await onBoth(async (hub) => {
      const token = await fetchToken(hub);
      const preflight = (path: string, method: string, headers: string) =>
        fetch(`${hub.apiUrl}${path}`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': method,
            'access-control-request-headers': headers,
          },
        });
      return Promise.all(
        [
          preflight('token/me/rte/', 'GET', 'authorization'),
          preflight(
            'rte/negotiate?negotiateVersion=1',
            'POST',
            'authorization,x-requested-with,x-signalr-user-agent',
          ),
          preflight('rte/negotiate?negotiateVersion=1', 'POST', 'x-custom-header'),
          fetch(`${hub.apiUrl}token/me/rte/`, { headers: { origin, authorization: basicAuth(hub) } }),
          fetch(`${hub.hubUrl}/negotiate?negotiateVersion=1`, {
            method: 'POST',
            headers: { origin, authorization: `Bearer ${token}` },
          }),
          fetch(`${hub.hubUrl}/negotiate?negotiateVersion=1`, { method: 'POST', headers: { origin } }),
          fetch(`${hub.hubUrl}/negotiate?negotiateVersion=1`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}` },
          }),
        ].map(async (response) => {
          const { status, headers } = await described(await response);
          return { status, headers };
        }),
      );
    });

    expect(answers.emulator).toEqual(answers.reference);
    expect(answers.reference[1]).toEqual({
      status: 204,
      headers: expect.objectContaining({
        'access-control-allow-origin': origin,
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'authorization,x-requested-with,x-signalr-user-agent',
      }),
    });
    expect(answers.reference[6]?.headers).toMatchObject({ 'access-control-allow-origin': null });
  });

  it('reports stats with the same keys', async () => {
    const stats = await onBoth((hub) => hub.control.stats());

    expect(Object.keys(stats.emulator)).toEqual(Object.keys(stats.reference));
    expect(Object.keys(stats.emulator.calls)).toEqual(Object.keys(stats.reference.calls));
  });
});

describe('where a lenient server would differ from ASP.NET Core', () => {
  const unsubscribeAll = (id: string) =>
    record({ type: 1, invocationId: id, target: 'UnsubscribeAll', arguments: [] });

  it('stops processing a connection at an unknown message type: later invocations are never answered', async () => {
    const answers = await onBoth(async (hub) => {
      const results: string[] = [];
      for (const type of [99, 0, -1]) {
        results.push(
          await withSession(hub, async (session) => {
            session.send(record({ type }));
            session.send(unsubscribeAll('1'));
            return session.nextWithin(750);
          }),
        );
      }
      return results;
    });

    expect(answers.emulator).toEqual(answers.reference);
    expect(answers.reference).toEqual(['<silence>', '<silence>', '<silence>']);
  });

  it('closes with an error on a type that is not an Int32 literal', async () => {
    const answers = await onBoth(async (hub) => {
      const token = await fetchToken(hub);
      const results: (string | number)[][] = [];
      for (const type of ['1.0', '4294967297', '1e0', '-2147483649']) {
        const session = await RawSession.handshaken(hub, token);
        session.send(record(`{"type":${type},"invocationId":"1","target":"UnsubscribeAll","arguments":[]}`));
        results.push([await session.next(), await session.closed]);
      }
      return results;
    });

    expect(answers.emulator).toEqual(answers.reference);
    expect(answers.reference.map(([answer]) => answer)).toEqual(
      Array(4).fill('{"type":7,"error":"Connection closed with an error.","allowReconnect":true}'),
    );
  });

  it('refuses a handshake whose version is not an Int32 literal', async () => {
    const answers = await onBoth(async (hub) => {
      const token = await fetchToken(hub);
      const results: (string | number)[][] = [];
      for (const version of ['1.0', '1e0', '4294967297', '1']) {
        const session = await RawSession.open(hub, token);
        session.send(record(`{"protocol":"json","version":${version}}`));
        const answer = await session.next();
        session.terminate();
        results.push([answer]);
      }
      return results;
    });

    expect(answers.emulator).toEqual(answers.reference);
    expect(answers.reference).toEqual([
      ['{"error":"An unexpected error occurred during connection handshake."}'],
      ['{"error":"An unexpected error occurred during connection handshake."}'],
      ['{"error":"An unexpected error occurred during connection handshake."}'],
      ['{}'],
    ]);
  });

  it('reads JSON nested up to 64 levels and closes with an error beyond, even in an ignored property', async () => {
    const answers = await onBoth(async (hub) => {
      const token = await fetchToken(hub);
      const results: string[] = [];
      for (const depth of [63, 64, 65, 66]) {
        const session = await RawSession.handshaken(hub, token);
        // The message object is one level; the ignored property adds depth - 1.
        const nested = `${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}`;
        session.send(
          record(
            `{"type":1,"invocationId":"1","target":"UnsubscribeAll","arguments":[],"ignored":${nested}}`,
          ),
        );
        results.push(await session.next());
        session.terminate();
      }
      return results;
    });

    expect(answers.emulator).toEqual(answers.reference);
    expect(answers.reference).toEqual([
      '{"type":3,"invocationId":"1","result":true}',
      '{"type":3,"invocationId":"1","result":true}',
      '{"type":7,"error":"Connection closed with an error.","allowReconnect":true}',
      '{"type":7,"error":"Connection closed with an error.","allowReconnect":true}',
    ]);
  });

  it('closes with an error on headers of the wrong type and answers with well-formed ones', async () => {
    const answers = await onBoth(async (hub) => {
      const token = await fetchToken(hub);
      const results: string[] = [];
      for (const headers of ['1', '[]', 'null', '"x"', '{"a":1}', '{"a":null}', '{}', '{"a":"b"}']) {
        const session = await RawSession.handshaken(hub, token);
        session.send(
          record(
            `{"type":1,"invocationId":"1","target":"UnsubscribeAll","arguments":[],"headers":${headers}}`,
          ),
        );
        results.push(await session.next());
        session.terminate();
      }
      return results;
    });

    expect(answers.emulator).toEqual(answers.reference);
    const closed = '{"type":7,"error":"Connection closed with an error.","allowReconnect":true}';
    const answered = '{"type":3,"invocationId":"1","result":true}';
    expect(answers.reference).toEqual([closed, closed, closed, closed, closed, closed, answered, answered]);
  });

  it('fails the binding of a string that is not valid text, in a binary frame or as a lone surrogate', async () => {
    const subscribe = (entityId: string, extra = '') =>
      `{"type":1,"invocationId":"1","target":"Subscribe","arguments":[[{"EntityId":${entityId},"EventName":"UserStatus"${extra}}]]}\x1e`;
    const answers = await onBoth((hub) =>
      withSession(hub, async (session) => {
        const results: string[] = [];
        const invalidUtf8 = Buffer.concat([
          Buffer.from('{"type":1,"invocationId":"1","target":"Subscribe","arguments":[[{"EntityId":"'),
          Buffer.from([0xff, 0xfe]),
          Buffer.from('","EventName":"UserStatus"}]]}\x1e'),
        ]);
        session.sendBytes(invalidUtf8);
        results.push(await session.next());
        session.send(subscribe('"\\ud800"'));
        results.push(await session.next());
        session.send(subscribe('"\\udc00abc"'));
        results.push(await session.next());
        // Properties the binding skips are never read as text.
        session.send(subscribe(`"${QUEUE_ID}"`, ',"Extra":"\\ud800"'));
        results.push(await session.next());
        // A valid pair of surrogates is text.
        session.send(subscribe('"\\ud83d\\ude00"'));
        results.push(await session.next());
        return results;
      }),
    );

    expect(answers.emulator).toEqual(answers.reference);
    const failed =
      '{"type":3,"invocationId":"1","error":"Failed to invoke \'Subscribe\' due to an error on the server."}';
    expect(answers.reference.slice(0, 3)).toEqual([failed, failed, failed]);
    expect(answers.reference[3]).toContain('"subscribed":true');
    expect(answers.reference[4]).toContain('"message":"Invalid EntityId"');
  });

  it('answers a client closing handshake with 1000, whatever status code the client sent', async () => {
    const codes = await onBoth(async (hub) => {
      const token = await fetchToken(hub);
      const results: number[] = [];
      for (const code of [undefined, 1000, 1001, 4001, 4999]) {
        const session = await RawSession.handshaken(hub, token);
        session.closeWith(code);
        results.push(await session.closed);
      }
      return results;
    });

    expect(codes.emulator).toEqual(codes.reference);
    expect(codes.reference).toEqual([1000, 1000, 1000, 1000, 1000]);
  });

  it('parses entity ids in every format .NET parses: N, D, B, P and X', async () => {
    const id = 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3';
    const x = '{0xc9eeb030,0xff4b,0xea11,{0xac,0x9c,0x00,0x15,0x5d,0x4f,0xdc,0xf3}}';
    const spellings = [
      id,
      id.toUpperCase(),
      id.replaceAll('-', ''),
      `{${id}}`,
      `(${id})`,
      x,
      x.toUpperCase().replaceAll('0X', '0x'),
      ` { 0xc9eeb030, 0xff4b, 0xea11, { 0xac, 0x9c, 0x0, 0x15, 0x5d, 0x4f, 0xdc, 0xf3 } } `,
      '{0x0c9eeb030,0x0ff4b,0x0ea11,{0x0ac,0x9c,0x00,0x15,0x5d,0x4f,0xdc,0xf3}}',
      '{0xc9eeb030,0xff4b,0xea11,{0xac,0x9c,0x00,0x15,0x5d,0x4f,0xdc}}',
      '{0x1c9eeb030,0xff4b,0xea11,{0xac,0x9c,0x00,0x15,0x5d,0x4f,0xdc,0xf3}}',
      '{0xc9eeb030,0xff4b,0xea11,{0xac,0x9c,0x00,0x15,0x5d,0x4f,0xdc,0x1f3}}',
      '{c9eeb030,0xff4b,0xea11,{0xac,0x9c,0x00,0x15,0x5d,0x4f,0xdc,0xf3}}',
      '{0x,0xff4b,0xea11,{0xac,0x9c,0x00,0x15,0x5d,0x4f,0xdc,0xf3}}',
      // Components one to five may still carry a sign or a 0x prefix in place of digits.
      '+9eeb030-ff4b-ea11-ac9c-00155d4fdcf3',
      'c9eeb030-0xfb-ea11-+x9c-00155d4fdcf3',
      'c9eeb030-ff4b-ea11-ac9c-0x155d4fdcf3',
      '++eeb030-ff4b-ea11-ac9c-00155d4fdcf3',
      'c9eeb030-ff4b-ea11-ac9c-00155d4f+cf3',
      'c9eeb030 ff4b ea11 ac9c 00155d4fdcf3',
      `\u00a0${id}\u3000`,
      `\u200b${id}`,
      `{${id})`,
      `${id}}`,
      ` ${id}\t`,
      `${id.slice(0, 35)}g`,
      '',
    ];
    const frames = await onBoth((hub) =>
      withSession(hub, (session) =>
        session.invoke('1', 'Subscribe', [
          spellings.map((EntityId) => ({ EntityId, EventName: 'QueueStatus' })),
        ]),
      ),
    );

    expect(frames.emulator).toBe(frames.reference);
    const { result } = JSON.parse(frames.reference) as { result: { subscribed: boolean }[] };
    expect(result.slice(0, 9).every((item) => item.subscribed)).toBe(true);
  });

  it('delivers a burst of pushes whole and in order however records share frames, to raw readers and the SignalR client', async () => {
    const BURST = 60;
    const outcome = await onBoth(async (hub) => {
      const session = await RawSession.handshaken(hub, await fetchToken(hub));
      const token = await fetchToken(hub);
      const connection = new HubConnectionBuilder()
        .withUrl(hub.hubUrl, { accessTokenFactory: () => token })
        .configureLogging(LogLevel.None)
        .build();
      const viaClient: number[] = [];
      connection.on('MessageReceived', (message: { data: { maxWaitTime: number } }) =>
        viaClient.push(message.data.maxWaitTime),
      );
      try {
        await connection.start();
        await connection.invoke('Subscribe', [{ EntityId: QUEUE_ID, EventName: 'QueueStatus' }]);
        await session.invoke('1', 'Subscribe', [[{ EntityId: QUEUE_ID, EventName: 'QueueStatus' }]]);
        const frameCountBefore = session.recordsPerFrame.length;
        await Promise.all(
          Array.from({ length: BURST }, (_, i) =>
            hub.control.publish('QueueStatus', QUEUE_ID, { MaxWaitTime: i }),
          ),
        );
        const viaRaw: number[] = [];
        while (viaRaw.length < BURST) {
          const text = await session.next();
          const message = JSON.parse(text) as {
            type: number;
            arguments?: [{ data: { maxWaitTime: number } }];
          };
          if (message.type === 1) viaRaw.push(message.arguments![0].data.maxWaitTime);
        }
        await until(() => viaClient.length === BURST);
        const frames = session.recordsPerFrame.slice(frameCountBefore);
        return {
          raw: [...viaRaw].sort((a, b) => a - b),
          client: [...viaClient].sort((a, b) => a - b),
          sameOrder: JSON.stringify(viaRaw) === JSON.stringify(viaClient),
          shared: frames.some((count) => count > 1),
        };
      } finally {
        session.terminate();
        await connection.stop();
      }
    });

    const every = Array.from({ length: BURST }, (_, i) => i);
    for (const kind of hubKinds) {
      expect(outcome[kind].raw).toEqual(every);
      expect(outcome[kind].client).toEqual(every);
    }
    // Records queued together leave together, as from ASP.NET Core's pipe.
    expect(outcome.emulator.shared).toBe(true);
  });

  it('pushes the whole event class, .NET defaults for what the publisher left out', async () => {
    const published = [
      ['UserStatus', USER_ID, { Talking: true, serviceTerminals: 2 }],
      ['QueueStatus', QUEUE_ID, { QueueName: 'Sales', nbrOfQueuingRequesters: 3 }],
    ] as const;
    const frames = await onBoth((hub) =>
      withSession(hub, async (session) => {
        const results: string[] = [];
        for (const [eventName, entityId, data] of published) {
          await session.invoke('1', 'Subscribe', [[{ EntityId: entityId, EventName: eventName }]]);
          await hub.control.publish(eventName, entityId, data);
          const message = JSON.parse(maskSubscriptionIds(await session.next())) as {
            arguments: [{ data: Record<string, unknown> }];
          };
          // Every push gets a fresh id and the time of publishing; everything else must match byte for byte.
          message.arguments[0].data.id = '<id>';
          message.arguments[0].data.timestamp = '<now>';
          results.push(JSON.stringify(message));
        }
        return results;
      }),
    );

    expect(frames.emulator).toEqual(frames.reference);
    const [userStatus] = frames.reference.map(
      (frame) => (JSON.parse(frame) as { arguments: [{ data: Record<string, unknown> }] }).arguments[0].data,
    );
    expect(userStatus).toMatchObject({
      talking: true,
      serviceTerminals: 2,
      userId: '00000000-0000-0000-0000-000000000000',
      activeQueueId: null,
      parkedCalls: 0,
      note: null,
      messageTTLSeconds: 60,
    });
  });

  it('escapes string contents as System.Text.Json does', async () => {
    const note =
      '\u00a0\u3000\u200b\ufeffa\u0001b\u001fc\u007fd\u0085e\u2028f\ue000g😀h<>&\'"+\\u00e9 é\n\t\uffff\u0378';
    const frames = await onBoth((hub) =>
      withSession(hub, async (session) => {
        await session.invoke('1', 'Subscribe', [[{ EntityId: USER_ID, EventName: 'UserStatus' }]]);
        await hub.control.publish('UserStatus', USER_ID, { Note: note });
        const frame = await session.next();
        const result = await session.invoke('2', 'Subscribe', [
          [{ EntityId: note, EventName: 'UserStatus' }],
        ]);
        return [/"note":("(?:[^"\\]|\\.)*")/.exec(frame)?.[1], result];
      }),
    );

    expect(frames.emulator).toEqual(frames.reference);
    expect(frames.reference[0]).toContain('\\uD83D\\uDE00');
  });
});

describe('where a lenient server would differ from ASP.NET Core: the REST API', () => {
  const masked = (hub: ContractHub, body: string) =>
    body.replaceAll(new URL(hub.apiUrl).host, '<host>').replace(/"Token":"[^"]+"/, '"Token":"<jwt>"');

  it('writes the token response in each form the live service has been seen to use', async () => {
    const forms = [
      {},
      { endpoint: 'wss' },
      { endpoint: 'schemeless' },
      { key: 'WssEndpoint' },
      { endpoint: 'schemeless', key: 'wssEndpoint' },
    ] as const;
    const bodies = await onBoth(async (hub) => {
      const results: string[] = [];
      try {
        for (const form of forms) {
          await hub.control.setTokenResponse(form);
          const response = await fetch(`${hub.apiUrl}token/me/rte/`, {
            headers: { authorization: basicAuth(hub) },
          });
          results.push(masked(hub, await response.text()));
        }
      } finally {
        await hub.control.setTokenResponse({});
      }
      return results;
    });

    expect(bodies.emulator).toEqual(bodies.reference);
    expect(bodies.reference).toEqual([
      '{"WSSEndpoint":"ws://<host>/rte","Token":"<jwt>"}',
      '{"WSSEndpoint":"wss://<host>/rte","Token":"<jwt>"}',
      '{"WSSEndpoint":"<host>/rte","Token":"<jwt>"}',
      '{"WssEndpoint":"ws://<host>/rte","Token":"<jwt>"}',
      '{"wssEndpoint":"<host>/rte","Token":"<jwt>"}',
    ]);
  });

  it('discovers the API of a user and trades a password for the secret key alike', async () => {
    const answers = await onBoth(async (hub) => {
      const { email, userId } = hub.credentials;
      const results: unknown[] = [];
      for (const user of [email, email.toUpperCase(), 'nobody@example.com']) {
        const response = await fetch(`${hub.apiUrl}api/user?user=${encodeURIComponent(user)}`);
        results.push([response.status, masked(hub, await response.text())]);
      }
      for (const password of ['demo-password', 'wrong']) {
        const response = await fetch(`${hub.apiUrl}authuser/${encodeURIComponent(email)}/`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ UserName: email, Password: password }),
        });
        results.push([response.status, (await response.text()).replace(userId, '<user id>')]);
      }
      return results;
    });

    expect(answers.emulator).toEqual(answers.reference);
    expect(answers.reference).toEqual([
      [200, '[{"user":"demo@example.com","apiEndpoint":"http://<host>/"}]'],
      [200, '[{"user":"demo@example.com","apiEndpoint":"http://<host>/"}]'],
      [200, '[]'],
      [200, '{"UserID":"<user id>","SecretKey":"demo-secret-key"}'],
      [401, '{"Message":"Authorization has been denied for this request."}'],
    ]);
  });
});

describe('where a lenient server would differ from ASP.NET Core: timeouts', () => {
  let quick: Record<HubKind, ContractHub>;

  beforeAll(async () => {
    const [emulator, reference] = await Promise.all(
      hubKinds.map((kind) => startHub(kind, { keepAliveIntervalMs: 300, clientTimeoutMs: 1500 })),
    );
    quick = { emulator: emulator!, reference: reference! };
  }, 120_000);

  afterAll(async () => {
    await Promise.all(Object.values(quick ?? {}).map((hub) => hub.stop()));
  });

  async function onQuick<T>(scenario: (hub: ContractHub) => Promise<T>): Promise<Record<HubKind, T>> {
    const results = {} as Record<HubKind, T>;
    for (const kind of hubKinds) results[kind] = await scenario(quick[kind]);
    return results;
  }

  it('closes a client that pinged and went silent with "Connection closed with an error."', async () => {
    const closes = await onQuick(async (hub) => {
      const session = await RawSession.handshaken(hub, await fetchToken(hub));
      session.send(record({ type: 6 }));
      let text = await session.next();
      while (text === '{"type":6}') text = await session.next();
      return [text, await session.closed];
    });

    expect(closes.emulator).toEqual(closes.reference);
    expect(closes.reference).toEqual([
      '{"type":7,"error":"Connection closed with an error.","allowReconnect":true}',
      1000,
    ]);
  });

  it('keeps pinging a connection stalled at an unknown message type, and answers nothing more', async () => {
    const seen = await onQuick(async (hub) => {
      const session = await RawSession.handshaken(hub, await fetchToken(hub));
      try {
        session.send(record({ type: 99 }));
        session.send(record({ type: 1, invocationId: '1', target: 'UnsubscribeAll', arguments: [] }));
        const records = new Set<string>();
        for (let i = 0; i < 3; i++) records.add(await session.next());
        return [...records];
      } finally {
        session.terminate();
      }
    });

    expect(seen.emulator).toEqual(seen.reference);
    expect(seen.reference).toEqual(['{"type":6}']);
  });
});
