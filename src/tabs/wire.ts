import type {
  ConnectedInfo,
  ConnectionState,
  DisconnectCause,
  DisconnectReason,
  StateChange,
} from '../connection/connection.ts';
import { isAuthError, RteAuthError } from '../errors/auth-error.ts';
import type { RteError } from '../errors/rte-error.ts';
import { RteTransportError } from '../errors/transport-errors.ts';

/** An error as it crosses to another tab (class instances do not survive structured cloning). */
export interface WireError {
  readonly auth: boolean;
  readonly message: string;
}

/** A state change as it crosses to another tab. */
export interface WireState {
  readonly state: ConnectionState;
  readonly attempt?: number;
  readonly delayMs?: number;
  readonly cause?: DisconnectCause;
  readonly reason?: DisconnectReason;
  readonly error?: WireError;
}

/** Everything the tabs of an origin say to each other on their BroadcastChannel. */
export type Wire =
  /** A tab joined (or a new leader asked): the leader answers with `welcome`. */
  | { readonly t: 'hello'; readonly from: string }
  /** A tab left. */
  | { readonly t: 'bye'; readonly from: string }
  /** A tab became the leader: calls in flight to the previous one are lost. */
  | { readonly t: 'leader'; readonly from: string }
  | {
      readonly t: 'welcome';
      readonly to: string;
      readonly connected: boolean;
      readonly connectionId: string | undefined;
    }
  | {
      readonly t: 'invoke';
      readonly from: string;
      readonly id: number;
      readonly method: string;
      readonly args: readonly unknown[];
    }
  | {
      readonly t: 'result';
      readonly to: string;
      readonly id: number;
      readonly ok: boolean;
      readonly value?: unknown;
      readonly error?: WireError;
    }
  | { readonly t: 'state'; readonly change: WireState }
  | { readonly t: 'connected'; readonly info: ConnectedInfo; readonly connectionId: string | undefined }
  | { readonly t: 'message'; readonly message: unknown }
  | { readonly t: 'error'; readonly error: WireError };

export function wireError(error: unknown): WireError {
  return { auth: isAuthError(error), message: (error as Error)?.message ?? String(error) };
}

export function fromWireError(error: WireError): RteError {
  return error.auth ? new RteAuthError(error.message) : new RteTransportError(error.message);
}

export function wireState(change: StateChange): WireState {
  return {
    state: change.state,
    ...(change.attempt === undefined ? {} : { attempt: change.attempt }),
    ...(change.delayMs === undefined ? {} : { delayMs: change.delayMs }),
    ...(change.cause === undefined ? {} : { cause: change.cause }),
    ...(change.reason === undefined ? {} : { reason: change.reason }),
    ...(change.error === undefined ? {} : { error: wireError(change.error) }),
  };
}
