import { RteProtocolError } from '../errors/transport-errors.ts';
import type { GetToken, TokenRequestReason } from '../options.ts';
import { toHubUrl } from './hub-url.ts';
import { readJwtTimes } from './jwt.ts';
import { parseTokenResponse } from './token-response.ts';

/** A token ready to connect with. */
export interface HubToken {
  /** The hub URL, already mapped to http(s) for @microsoft/signalr. */
  readonly hubUrl: string;
  readonly token: string;
  /** Milliseconds since the epoch; undefined when the JWT carries no `exp`. */
  readonly expiresAt: number | undefined;
}

export interface TokenProviderOptions {
  readonly source: GetToken;
  readonly apiUrl: URL | undefined;
  readonly refreshMarginMs: number;
  /** Called with every token obtained, so it can be redacted from logs. */
  readonly onToken?: (token: string) => void;
  readonly now?: () => number;
}

/**
 * Where the RTE token is fetched and kept. Every connection attempt asks {@link TokenProvider.get};
 * a cached token is reused only while it is valid for at least the safety margin. The hub refusing
 * a token calls {@link TokenProvider.invalidate}, so the next attempt gets a fresh one.
 */
export class TokenProvider {
  readonly #options: TokenProviderOptions;
  readonly #now: () => number;
  #cached: HubToken | undefined;
  #issuedAt: number | undefined;
  #pending: Promise<HubToken> | undefined;
  #pendingSignal: AbortSignal | undefined;
  #invalidated = false;

  constructor(options: TokenProviderOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** The cached token if it is still good, else a new one. Concurrent callers share one request. */
  get(signal: AbortSignal, firstConnect: boolean): Promise<HubToken> {
    const cached = this.#cached;
    if (cached && this.#isFresh(cached)) return Promise.resolve(cached);
    // A request started for an attempt that was since cancelled (disconnect(), then connect()) is
    // not reused: it is about to reject with that attempt's abort.
    if (this.#pending && !this.#pendingSignal?.aborted) return this.#pending;
    const reason: TokenRequestReason = this.#invalidated
      ? 'rejected'
      : cached
        ? 'expired'
        : firstConnect
          ? 'connect'
          : 'reconnect';
    const pending = this.#fetch(signal, reason).finally(() => {
      if (this.#pending === pending) this.#pending = undefined;
    });
    this.#pending = pending;
    this.#pendingSignal = signal;
    return pending;
  }

  /** Forgets the cached token: the hub refused it, or it may have been revoked. */
  invalidate(): void {
    if (this.#cached) this.#invalidated = true;
    this.#cached = undefined;
  }

  async #fetch(signal: AbortSignal, reason: TokenRequestReason): Promise<HubToken> {
    const grant = parseTokenResponse(await this.#options.source({ signal, reason }));
    if ('problem' in grant) throw new RteProtocolError(`Unexpected RTE token: ${grant.problem}`);
    this.#options.onToken?.(grant.token);
    const { expiresAt } = readJwtTimes(grant.token);
    const token: HubToken = {
      hubUrl: toHubUrl(grant.endpoint, this.#options.apiUrl),
      token: grant.token,
      expiresAt,
    };
    this.#cached = token;
    // Lifetime is measured from receipt, not `iat`: second-granular claims and clock skew would
    // otherwise make a short-lived token look stale the moment it arrives.
    this.#issuedAt = this.#now();
    this.#invalidated = false;
    return token;
  }

  #isFresh(token: HubToken): boolean {
    if (token.expiresAt === undefined) return true;
    // Short-lived tokens would be "always stale" with a fixed margin: cap it at half the lifetime.
    const lifetime = token.expiresAt - (this.#issuedAt ?? token.expiresAt);
    const margin = Math.min(this.#options.refreshMarginMs, Math.max(0, lifetime / 2));
    return token.expiresAt - margin > this.#now();
  }
}
