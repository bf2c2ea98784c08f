import {
  createInbox,
  type Msg,
  type MsgHdrs,
  type NatsConnection,
  type Subscription,
} from '@nats-io/transport-node';

/** What JetStream answered for one stored (or de-duplicated) message. */
export interface PubAckInfo {
  readonly stream: string;
  readonly seq: number;
  readonly duplicate: boolean;
}

/** Why a publish did not get an ack: `timeout` and `unavailable` are worth retrying, `refused` maybe not. */
export class PublishFailure extends Error {
  override name = 'PublishFailure';
  readonly kind: 'timeout' | 'unavailable' | 'refused' | 'invalid';
  readonly status: number | undefined;

  constructor(kind: PublishFailure['kind'], message: string, status?: number) {
    super(message);
    this.kind = kind;
    this.status = status;
  }
}

interface Pending {
  readonly deadline: number;
  readonly done: (error: PublishFailure | undefined, ack: PubAckInfo | undefined) => void;
}

/**
 * Pipelined JetStream publishes: every message is a plain PUB with a reply subject under one
 * inbox subscription, and JetStream's PubAck comes back on it. Compared with one request per
 * message (`js.publish`), this needs no timer, promise or Error object per message, which is most
 * of the CPU at tens of thousands of messages a second; timeouts are found by one periodic sweep.
 */
export class AckPublisher {
  readonly #nc: NatsConnection;
  readonly #inbox: string;
  readonly #sub: Subscription;
  readonly #pending = new Map<number, Pending>();
  readonly #timeoutMs: number;
  readonly #sweeper: NodeJS.Timeout;
  readonly #decoder = new TextDecoder();
  #next = 0;

  constructor(nc: NatsConnection, timeoutMs: number) {
    this.#nc = nc;
    this.#timeoutMs = timeoutMs;
    this.#inbox = createInbox();
    this.#sub = nc.subscribe(`${this.#inbox}.*`, { callback: (_error, msg) => this.#onReply(msg) });
    this.#sweeper = setInterval(() => this.#sweep(), Math.max(20, Math.min(250, timeoutMs / 4)));
    this.#sweeper.unref();
  }

  /** How many publishes await their ack. */
  get pending(): number {
    return this.#pending.size;
  }

  /** Publishes with `Nats-Msg-Id`; `done` is called exactly once, with the ack or a failure. */
  publish(
    subject: string,
    body: Uint8Array,
    headers: MsgHdrs,
    done: (error: PublishFailure | undefined, ack: PubAckInfo | undefined) => void,
  ): void {
    const id = ++this.#next;
    try {
      this.#nc.publish(subject, body, { reply: `${this.#inbox}.${id}`, headers });
    } catch (error) {
      // Closed connection, or larger than the server's max_payload: nothing was sent.
      const closed = this.#nc.isClosed() || this.#nc.isDraining();
      const failure = new PublishFailure(closed ? 'unavailable' : 'invalid', (error as Error).message);
      // Always asynchronous, like an ack, so callers never re-enter themselves.
      queueMicrotask(() => done(failure, undefined));
      return;
    }
    this.#pending.set(id, { deadline: Date.now() + this.#timeoutMs, done });
  }

  #onReply(msg: Msg): void {
    const id = Number(msg.subject.slice(this.#inbox.length + 1));
    const pending = this.#pending.get(id);
    if (!pending) return; // Timed out already; the retry carries the same Nats-Msg-Id.
    this.#pending.delete(id);
    if (msg.data.length === 0 && msg.headers?.hasError) {
      // 503: no responders, i.e. no stream listens (JetStream is starting or the stream is gone).
      pending.done(
        new PublishFailure('unavailable', `JetStream did not answer (${msg.headers.code})`, msg.headers.code),
        undefined,
      );
      return;
    }
    let reply: {
      stream?: string;
      seq?: number;
      duplicate?: boolean;
      error?: { code?: number; description?: string };
    };
    try {
      reply = JSON.parse(this.#decoder.decode(msg.data));
    } catch {
      pending.done(
        new PublishFailure('refused', 'JetStream answered something that is not a PubAck'),
        undefined,
      );
      return;
    }
    if (reply.error || typeof reply.stream !== 'string') {
      const status = reply.error?.code;
      pending.done(
        new PublishFailure(
          status === 503 ? 'unavailable' : 'refused',
          `JetStream refused the message: ${reply.error?.description ?? 'no stream in the ack'}`,
          status,
        ),
        undefined,
      );
      return;
    }
    pending.done(undefined, {
      stream: reply.stream,
      seq: reply.seq ?? 0,
      duplicate: reply.duplicate === true,
    });
  }

  #sweep(): void {
    const now = Date.now();
    // Every entry has the same timeout, so the map's insertion order is deadline order.
    for (const [id, pending] of this.#pending) {
      if (pending.deadline > now) break;
      this.#pending.delete(id);
      pending.done(new PublishFailure('timeout', `no JetStream ack within ${this.#timeoutMs} ms`), undefined);
    }
  }

  /**
   * Fails every pending publish at once (as `unavailable`), e.g. when the connection dropped: their
   * acks are lost, so they are sent again, with the same id, as soon as NATS is back. Late acks
   * for them are ignored.
   */
  failPending(reason: string): void {
    const left = [...this.#pending.values()];
    this.#pending.clear();
    for (const pending of left) pending.done(new PublishFailure('unavailable', reason), undefined);
  }

  /** Stops the sweeper and the inbox; anything still pending fails as `unavailable`. */
  close(): void {
    clearInterval(this.#sweeper);
    const left = [...this.#pending.values()];
    this.#pending.clear();
    for (const pending of left)
      pending.done(new PublishFailure('unavailable', 'the bridge closed'), undefined);
    try {
      this.#sub.unsubscribe();
    } catch {
      // The connection is closed already.
    }
  }
}
