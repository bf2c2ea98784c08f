import type { ConnectionState } from './connection.ts';

/**
 * What the client core needs from whatever carries it to the hub: its own socket
 * ({@link Connection}) or a connection shared with the other tabs of the origin
 * (`SharedConnection`). Both take the same {@link ConnectionOptions} and report through the same
 * hooks, so the subscription reconciler runs unchanged on either.
 */
export interface HubLink {
  /** Where this client stands, as if it had a connection of its own. */
  readonly state: ConnectionState;
  /** The SignalR connection id while connected. */
  readonly connectionId: string | undefined;
  /** Resolves once connected and the `onConnected` hook has finished. */
  connect(signal?: AbortSignal): Promise<void>;
  /** Leaves: closes (or stops using) the connection and cancels every pending attempt. */
  stop(): Promise<void>;
  /** Calls a hub method (Subscribe, Unsubscribe, UnsubscribeAll, …) on the live connection. */
  invoke<T>(method: string, ...args: unknown[]): Promise<T>;
}
