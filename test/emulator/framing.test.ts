import { describe, expect, it } from 'vitest';
import { bench, QUEUE_ID, waitUntil } from './support.ts';

describe('outgoing frames', () => {
  it('puts every record queued together into one WebSocket frame, as ASP.NET Core does under load', async () => {
    const { emu, raw } = await bench();
    const client = await raw();
    const frames: number[] = [];
    client.socket.on('message', (data) => frames.push(String(data).split('\x1e').length - 1));
    client.send({
      type: 1,
      invocationId: '1',
      target: 'Subscribe',
      arguments: [[{ EntityId: QUEUE_ID, EventName: 'QueueStatus' }]],
    });
    await client.completion('1');
    frames.length = 0;

    for (let i = 0; i < 5; i++) emu.publish('QueueStatus', QUEUE_ID, { MaxWaitTime: i });
    await waitUntil(() => client.records.filter((record) => record.type === 1).length === 5);

    expect(frames).toEqual([5]);
    const pushed = client.records.filter((record) => record.type === 1) as {
      arguments: [{ data: { maxWaitTime: number } }];
    }[];
    expect(pushed.map((record) => record.arguments[0].data.maxWaitTime)).toEqual([0, 1, 2, 3, 4]);
  });

  it('sends a record on its own when nothing else is queued', async () => {
    const { emu, raw } = await bench();
    const client = await raw();
    const frames: number[] = [];
    client.socket.on('message', (data) => frames.push(String(data).split('\x1e').length - 1));
    client.send({
      type: 1,
      invocationId: '1',
      target: 'Subscribe',
      arguments: [[{ EntityId: QUEUE_ID, EventName: 'QueueStatus' }]],
    });
    await client.completion('1');
    emu.publish('QueueStatus', QUEUE_ID, {});
    await waitUntil(() => frames.length === 2);
    expect(frames).toEqual([1, 1]);
  });
});
