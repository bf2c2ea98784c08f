import { RteAbortError, RteNotConnectedError, RteTransportError } from '../errors/transport-errors.ts';
import type { ConnectionState, ConnectionStatus } from './connection.ts';

/**
 * What the client core needs from whatever carries it to the hub: its own socket
 * ({@link Connection}) or a connection shared with the other tabs of the origin
 * (`SharedConnection`). Both take the same {@link ConnectionOptions} and report through the same
 * hooks, so the subscription reconciler runs unchanged on either.
 */
export interface HubLink {
  /** Where this client stands, as if it had a connection of its own. */
  readonly state: ConnectionState;
  /** The state last announced, with its details. */
  readonly status: ConnectionStatus;
  /** Whether hub methods can be called now (true during the replay, before `connected`). */
  readonly isOpen: boolean;
  /** When the last frame arrived from the hub (ms since the epoch); undefined before the first. */
  readonly lastFrameAt: number | undefined;
  /** The SignalR connection id while connected. */
  readonly connectionId: string | undefined;
  /** Resolves once connected and the `onConnected` hook has finished. */
  connect(signal?: AbortSignal): Promise<void>;
  /** Leaves: closes (or stops using) the connection and cancels every pending attempt. */
  stop(): Promise<void>;
  /** Calls a hub method (Subscribe, Unsubscribe, UnsubscribeAll, …) on the live connection. */
  invoke<T>(method: string, ...args: unknown[]): Promise<T>;
}

/**
 * A {@link HubLink} whose implementation is loaded on the first `connect()`: code only some apps
 * need (tab sharing) stays out of the main bundle. Until loaded it is `idle` and holds nothing;
 * `stop()` during the load cancels the connect.
 */
export class DeferredLink implements HubLink {
  readonly #load: () => Promise<HubLink>;
  #link: HubLink | undefined;
  #loading: Promise<HubLink> | undefined;
  /** Bumped by stop(): a load that finishes after it does not connect. */
  #generation = 0;

  constructor(load: () => Promise<HubLink>) {
    this.#load = load;
  }

  get state(): ConnectionState {
    return this.#link?.state ?? 'idle';
  }

  get status(): ConnectionStatus {
    return this.#link?.status ?? { state: 'idle' };
  }

  get isOpen(): boolean {
    return this.#link?.isOpen ?? false;
  }

  get lastFrameAt(): number | undefined {
    return this.#link?.lastFrameAt;
  }

  get connectionId(): string | undefined {
    return this.#link?.connectionId;
  }

  async connect(signal?: AbortSignal): Promise<void> {
    if (this.#link) return this.#link.connect(signal);
    const generation = this.#generation;
    this.#loading ??= this.#load().catch((error: unknown) => {
      this.#loading = undefined;
      throw new RteTransportError(
        `Could not load the connection: ${(error as Error)?.message ?? String(error)}`,
        {
          cause: error,
        },
      );
    });
    const link = await this.#loading;
    this.#link = link;
    if (generation !== this.#generation) throw new RteAbortError('disconnect() was called');
    if (signal?.aborted) throw new RteAbortError('connect() was aborted');
    return link.connect(signal);
  }

  async stop(): Promise<void> {
    this.#generation++;
    await this.#link?.stop();
  }

  invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    return this.#link ? this.#link.invoke<T>(method, ...args) : Promise.reject(new RteNotConnectedError());
  }
}
