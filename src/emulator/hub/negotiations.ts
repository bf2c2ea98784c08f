import { randomBytes } from 'node:crypto';

/** A negotiated connection, until its WebSocket arrives and for as long as it lives. */
interface Negotiation {
  readonly connectionId: string;
  readonly createdAt: number;
  active: boolean;
}

const AVAILABLE_TRANSPORTS = [{ transport: 'WebSockets', transferFormats: ['Text', 'Binary'] }];
// ASP.NET Core disposes a negotiated connection that no transport picked up within this time.
const NEGOTIATION_TIMEOUT_MS = 15_000;

/** A connection id or token as ASP.NET Core mints them: 16 random bytes, base64url. */
export function randomConnectionId(): string {
  return randomBytes(16).toString('base64url');
}

/** The negotiate step of ASP.NET Core's connection handler: tokens handed out and taken up once. */
export class Negotiations {
  readonly #pending = new Map<string, Negotiation>();

  /** The negotiate response for protocol `version` (0 or 1); the token is usable once. */
  negotiate(version: number): Record<string, unknown> {
    this.#prune();
    const connectionId = randomConnectionId();
    const connectionToken = version >= 1 ? randomConnectionId() : connectionId;
    this.#pending.set(connectionToken, { connectionId, createdAt: Date.now(), active: false });
    return version >= 1
      ? { negotiateVersion: 1, connectionId, connectionToken, availableTransports: AVAILABLE_TRANSPORTS }
      : { negotiateVersion: 0, connectionId, availableTransports: AVAILABLE_TRANSPORTS };
  }

  /** Whether a WebSocket may open with this connection token. */
  state(connectionToken: string): 'unknown' | 'active' | 'ready' {
    this.#prune();
    const negotiation = this.#pending.get(connectionToken);
    if (negotiation === undefined) return 'unknown';
    return negotiation.active ? 'active' : 'ready';
  }

  /** Takes up a token for a WebSocket: its connection id, or `undefined` when it cannot be used. */
  take(connectionToken: string): string | undefined {
    const negotiation = this.#pending.get(connectionToken);
    if (negotiation === undefined || negotiation.active) return undefined;
    negotiation.active = true;
    return negotiation.connectionId;
  }

  /** Forgets a token once its connection is gone. */
  release(connectionToken: string): void {
    this.#pending.delete(connectionToken);
  }

  clear(): void {
    this.#pending.clear();
  }

  #prune(): void {
    const cutoff = Date.now() - NEGOTIATION_TIMEOUT_MS;
    for (const [token, negotiation] of this.#pending) {
      if (!negotiation.active && negotiation.createdAt < cutoff) this.#pending.delete(token);
    }
  }
}
