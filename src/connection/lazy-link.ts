import { RteAbortError, RteNotConnectedError, RteTransportError } from '../errors/transport-errors.ts';
import type { ConnectionOptions, ConnectionState, ConnectionStatus, StateChange } from './connection.ts';
import type { HubLink } from './hub-link.ts';

/** A {@link HubLink} made from {@link ConnectionOptions}: `Connection`, as the connect-time module exports it. */
export type HubLinkClass = new (options: ConnectionOptions) => HubLink;

const stopped = () => new RteAbortError('disconnect() was called');

/**
 * A {@link Connection} whose code is loaded on the first `connect()`, so the socket, its retry loop
 * and its liveness watch stay out of an app's initial bundle. It reads exactly as the connection
 * would: `connect()` announces `connecting` at once, `disconnect()` while the code loads announces
 * `disconnected` and rejects the pending `connect()` calls, and an aborted `connect()` that nobody
 * else waits for stops trying. Once loaded, every call goes to the connection.
 */
export class LazyConnection implements HubLink {
  readonly #options: ConnectionOptions;
  readonly #load: () => Promise<HubLinkClass>;
  #link: HubLink | undefined;
  #loading: Promise<HubLink> | undefined;
  /** The link has been asked to connect: from then on it is the one that reports. */
  #started = false;
  /** What this object announced itself, before the link took over. */
  #status: ConnectionStatus = { state: 'idle' };
  /** Aborted by `stop()`: the `connect()` calls waiting for the code give up. */
  #stop = new AbortController();
  #waiting = 0;

  constructor(options: ConnectionOptions, load: () => Promise<HubLinkClass>) {
    this.#options = options;
    this.#load = load;
  }

  get state(): ConnectionState {
    return this.status.state;
  }

  get status(): ConnectionStatus {
    return this.#started ? this.#link!.status : this.#status;
  }

  get isOpen(): boolean {
    return this.#started && this.#link!.isOpen;
  }

  get lastFrameAt(): number | undefined {
    return this.#started ? this.#link!.lastFrameAt : undefined;
  }

  get connectionId(): string | undefined {
    return this.#started ? this.#link!.connectionId : undefined;
  }

  async connect(signal?: AbortSignal): Promise<void> {
    if (this.#started) return this.#link!.connect(signal);
    if (signal?.aborted) throw new RteAbortError('connect() was aborted');
    if (this.#status.state !== 'connecting') this.#announce({ state: 'connecting', attempt: 1, delayMs: 0 });
    const stop = this.#stop.signal;
    this.#waiting++;
    let link: HubLink;
    try {
      link = await this.#until(this.#loaded(), signal, stop);
    } catch (error) {
      this.#waiting--;
      if (stop.aborted) throw stopped();
      if (signal?.aborted) {
        // Nobody else waits for a first connection: stop trying rather than connect for no one.
        if (this.#waiting === 0) void this.stop();
        throw new RteAbortError('connect() was aborted');
      }
      void this.stop();
      throw error;
    }
    this.#waiting--;
    // The connection's own first `connecting` was announced already, by this object.
    this.#started = true;
    return link.connect(signal);
  }

  async stop(): Promise<void> {
    if (this.#started) return this.#link!.stop();
    this.#stop.abort(stopped());
    this.#stop = new AbortController();
    if (this.#status.state !== 'idle' && this.#status.state !== 'disconnected')
      this.#announce({ state: 'disconnected', reason: 'disconnect' });
  }

  invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    return this.#started
      ? this.#link!.invoke<T>(method, ...args)
      : Promise.reject(new RteNotConnectedError());
  }

  #loaded(): Promise<HubLink> {
    this.#loading ??= this.#load().then(
      (Link) => {
        const hooks = this.#options.hooks;
        let first = true;
        const onState = (change: StateChange) => {
          // Its first `connecting` repeats what this object announced when `connect()` was called.
          const repeat = first && change.state === 'connecting' && this.#status.state === 'connecting';
          first = false;
          if (!repeat) hooks.onState(change);
        };
        this.#link = new Link({ ...this.#options, hooks: { ...hooks, onState } });
        return this.#link;
      },
      (error: unknown) => {
        this.#loading = undefined;
        throw new RteTransportError(
          `Could not load the connection: ${(error as Error)?.message ?? String(error)}`,
          { cause: error },
        );
      },
    );
    return this.#loading;
  }

  /** `promise`, or a rejection as soon as one of the signals fires. */
  #until<T>(promise: Promise<T>, signal: AbortSignal | undefined, stop: AbortSignal): Promise<T> {
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        off();
        reject(new RteAbortError('aborted'));
      };
      const off = () => {
        signal?.removeEventListener('abort', onAbort);
        stop.removeEventListener('abort', onAbort);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      stop.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (value) => {
          off();
          resolve(value);
        },
        (error: unknown) => {
          off();
          reject(error);
        },
      );
    });
  }

  #announce(next: ConnectionStatus): void {
    const previous = this.#status.state;
    this.#status = next;
    this.#options.hooks.onState({ ...next, previous } as StateChange);
  }
}
