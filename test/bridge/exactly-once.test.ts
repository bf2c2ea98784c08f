import { describe, expect, it } from 'vitest';
import { bridgeHarness, publishQueueStatus, QUEUES, readStream, until } from './support.ts';

const h = bridgeHarness();

describe('one bridge', () => {
  it('stores every event exactly once, on its subject, with its id as Nats-Msg-Id and the envelope', async () => {
    const b = await h.bridge('once', { bridgeId: 'bridge-a' });
    const ids = publishQueueStatus(h.emu, QUEUES, 300);
    await until(() => b.stats().published === 300, 15_000, '300 acks');
    const stored = await readStream(h.nats.url, 'ONCE');
    expect(stored.map((m) => m.msgId).sort()).toEqual([...ids].sort());
    const first = stored.find((m) => m.msgId === ids[0])!;
    const org = h.emu.credentials.organizationId.toLowerCase();
    expect(first.subject).toBe(`once.${org}.QueueStatus.${QUEUES[0]}`);
    expect(first.headers).toMatchObject({ 'Rte-Event': 'QueueStatus', 'Rte-Entity': QUEUES[0] });
    expect(first.body).toMatchObject({
      id: ids[0],
      name: 'QueueStatus',
      entityId: QUEUES[0],
      organizationId: org,
      bridge: 'bridge-a',
      receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      subscription: { eventType: 'QueueStatus', entityId: QUEUES[0] },
      data: { id: ids[0], nbrOfQueuingRequesters: 0 },
    });
    expect(b.stats()).toMatchObject({
      received: 300,
      published: 300,
      duplicates: 0,
      buffered: 0,
      inFlight: 0,
    });
  });
});

describe('redundant bridges', () => {
  it('store each event exactly once while two bridges publish it, JetStream reporting the rest as duplicates', async () => {
    const a = await h.bridge('pair', { bridgeId: 'a' });
    const b = await h.bridge('pair', { bridgeId: 'b' });
    const ids = publishQueueStatus(h.emu, QUEUES, 400, 1000);
    await until(
      () =>
        a.stats().published + a.stats().duplicates === 400 &&
        b.stats().published + b.stats().duplicates === 400,
      15_000,
      'both bridges acked',
    );
    expect(a.stats().published + b.stats().published).toBe(400);
    expect(a.stats().duplicates + b.stats().duplicates).toBe(400);
    const stored = await readStream(h.nats.url, 'PAIR');
    expect(stored).toHaveLength(400);
    expect(new Set(stored.map((m) => m.msgId))).toEqual(new Set(ids));
  });
});

describe('logs', () => {
  it('go through the given logger as structured lines, never with a secret, and nowhere without one', async () => {
    const lines: { level: string; message: string; meta: Record<string, unknown> | undefined }[] = [];
    const record = (level: string) => (message: string, meta?: Record<string, unknown>) =>
      lines.push({ level, message, meta });
    const logger = {
      debug: record('debug'),
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
    };
    const b = await h.bridge('logged', { bridgeId: 'logged-1', logger });
    publishQueueStatus(h.emu, QUEUES, 5, 9000);
    await until(() => b.stats().published === 5, 10_000, 'acks');
    await b.close();
    const messages = lines.map((line) => line.message);
    expect(messages).toContain('[enreach-rte] bridge: stream ready');
    expect(messages).toContain('[enreach-rte] bridge: running');
    expect(messages).toContain('[enreach-rte] bridge: closed');
    expect(lines.find((line) => line.message.endsWith('bridge: running'))!.meta).toMatchObject({
      bridge: 'logged-1',
      pairs: 3,
    });
    const all = JSON.stringify(lines);
    expect(all).not.toContain(h.emu.credentials.secretKey);
    expect(all).not.toMatch(/eyJ[\w-]{4,}\.[\w-]{4,}/);
  });
});
