// A durable JetStream consumer of the bridge's stream: per-queue waiting-time figures, printed
// every few seconds. Durable means it resumes where it stopped, after a restart of itself, of the
// bridge or of NATS: the stream keeps what happened in between.
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { formatFigures, type QueueStatusMessage, WaitingTimes } from './waiting-times.ts';

export interface ConsumerOptions {
  readonly nats: string;
  /** The bridge's stream. */
  readonly stream: string;
  /** The bridge's subject prefix. */
  readonly prefix: string;
  /** The durable consumer's name: run several services with different names, each at its own pace. */
  readonly durable: string;
  readonly reportEveryMs: number;
  readonly print: (line: string) => void;
}

/** Consumes until `signal` aborts; resolves with the final figures. */
export async function consumeWaitingTimes(
  options: ConsumerOptions,
  signal: AbortSignal,
): Promise<WaitingTimes> {
  const nc: NatsConnection = await connect({ servers: options.nats, maxReconnectAttempts: -1 });
  const jsm = await jetstreamManager(nc);
  // Idempotent: adding an existing durable consumer with the same configuration is fine.
  await jsm.consumers.add(options.stream, {
    durable_name: options.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: `${options.prefix}.>`,
  });
  const consumer = await jetstream(nc).consumers.get(options.stream, options.durable);
  const figures = new WaitingTimes();
  const messages = await consumer.consume();
  const report = setInterval(() => {
    for (const queue of figures.all()) options.print(formatFigures(queue));
  }, options.reportEveryMs);
  signal.addEventListener('abort', () => void messages.close(), { once: true });
  try {
    for await (const message of messages) {
      const event = message.headers?.get('Rte-Event');
      if (event === 'QueueStatus') figures.update(message.json<QueueStatusMessage>());
      else if (message.subject.endsWith('._gaps')) {
        const gap = message.json<{ type: string; from: string; to: string; entities?: string[] }>();
        options.print(`gap (${gap.type}) from ${gap.from} to ${gap.to}: figures may miss updates`);
      }
      message.ack();
    }
  } finally {
    clearInterval(report);
    await nc.drain();
  }
  return figures;
}

if (import.meta.main) {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  const figures = await consumeWaitingTimes(
    {
      nats: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
      stream: process.env.PIPELINE_STREAM ?? 'RTE',
      prefix: process.env.PIPELINE_PREFIX ?? 'rte',
      durable: process.env.PIPELINE_DURABLE ?? 'waiting-times',
      reportEveryMs: 5000,
      print: (line) => process.stdout.write(`${line}\n`),
    },
    controller.signal,
  );
  for (const queue of figures.all()) process.stdout.write(`${formatFigures(queue)}\n`);
}
