import { describe, expect, it } from 'vitest';
import { bench, QUEUE_ID, waitUntil } from './support.ts';

describe('hub protocol', () => {
  it('closes the connection with an error on a record that is not JSON', async () => {
    const { raw } = await bench();
    const client = await raw();
    client.send('{oops');
    await client.closed;
    expect(client.records.at(-1)).toEqual({
      type: 7,
      error: 'Connection closed with an error.',
      allowReconnect: true,
    });
  });

  it.each([
    [{ target: 'Subscribe', arguments: [] }],
    [{ type: 1, arguments: [] }],
    [{ type: 1, target: 'Subscribe' }],
    [{ type: 4, target: 'Subscribe', arguments: [] }],
  ])('closes the connection with an error on the invalid message %j', async (message) => {
    const { raw } = await bench();
    const client = await raw();
    client.send(message);
    await client.closed;
    expect(client.records.at(-1)).toMatchObject({ type: 7, error: 'Connection closed with an error.' });
  });

  it('answers a Close message from the client with an empty Close message', async () => {
    const { raw } = await bench();
    const client = await raw();
    client.send({ type: 7 });
    await client.closed;
    expect(client.records.at(-1)).toEqual({ type: 7 });
  });

  it('answers a cancel invocation with nothing, as ASP.NET Core does', async () => {
    const { raw } = await bench();
    const client = await raw();
    client.send({ type: 5, invocationId: '1' });
    client.send({ type: 1, invocationId: '2', target: 'UnsubscribeAll', arguments: [] });
    await client.completion('2');
    expect(client.records.filter((record) => record.type === 3)).toEqual([
      { type: 3, invocationId: '2', result: true },
    ]);
  });

  it('stops reading at a message type it does not know, as ASP.NET Core does, and keeps pinging', async () => {
    const { raw } = await bench({ keepAliveIntervalMs: 50 });
    const client = await raw();
    client.send({ type: 99 });
    client.send({ type: 1, invocationId: '1', target: 'UnsubscribeAll', arguments: [] });
    await waitUntil(() => client.records.filter((record) => record.type === 6).length >= 3);
    expect(client.records.filter((record) => record.type === 3)).toEqual([]);
  });

  it('fails a stalled connection once what it holds outgrows the receive limit', async () => {
    const { raw } = await bench({ maxMessageBytes: 1024 });
    const client = await raw();
    client.send({ type: 0 });
    for (let i = 0; i < 3; i++) client.send({ type: 6, padding: 'x'.repeat(400) });
    expect(await client.closed).toBe(1000);
    expect(client.records.at(-1)).toEqual({
      type: 7,
      error: 'Connection closed with an error.',
      allowReconnect: true,
    });
  });

  it('reads several records from one frame and one record split over frames', async () => {
    const { raw } = await bench();
    const client = await raw();
    const record = (id: string) =>
      `${JSON.stringify({ type: 1, invocationId: id, target: 'Subscribe', arguments: [[{ EntityId: QUEUE_ID, EventName: 'QueueStatus' }]] })}\x1e`;
    client.socket.send(record('1') + record('2'));
    const split = record('3');
    client.socket.send(split.slice(0, 10));
    client.socket.send(split.slice(10));
    await client.completion('3');
    expect(client.records.filter((r) => r.type === 3).map((r) => r.invocationId)).toEqual(['1', '2', '3']);
  });

  it('closes the connection on a message larger than the receive limit', async () => {
    const { raw } = await bench({ maxMessageBytes: 1024 });
    const client = await raw();
    const items = Array.from({ length: 40 }, () => ({ EntityId: QUEUE_ID, EventName: 'QueueStatus' }));
    client.send({ type: 1, invocationId: '1', target: 'Subscribe', arguments: [items] });
    await client.closed;
    expect(client.records.at(-1)).toMatchObject({ type: 7, error: 'Connection closed with an error.' });
  });
});
