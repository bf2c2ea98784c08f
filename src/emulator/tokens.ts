import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { newGuid } from './guid.ts';

/** The claims of an RTE token. */
export interface TokenClaims {
  /** The user id. */
  readonly sub: string;
  readonly email: string;
  /** The organization id. */
  readonly org: string;
  /** Issued at, seconds since the epoch. */
  readonly iat: number;
  /** Expires at, seconds since the epoch. */
  readonly exp: number;
  /** Unique token id. */
  readonly jti: string;
}

/**
 * How to mint a token with {@link Emulator.issueToken}.
 *
 * @example
 * ```ts
 * import { startEmulator, type IssueTokenOptions } from 'enreach-rte/emulator';
 *
 * const emu = await startEmulator();
 * const expired: IssueTokenOptions = { exp: Math.floor(Date.now() / 1000) - 3600 };
 * const token = emu.issueToken(expired); // refused by negotiate and upgrade with 401
 * ```
 */
export interface IssueTokenOptions {
  /** Whose token; one of the emulator's users. @default the default user */
  readonly userId?: string;
  /** Lifetime from now in seconds. @default the emulator's current token lifetime */
  readonly lifetimeSeconds?: number;
  /** Absolute expiry in seconds since the epoch; wins over `lifetimeSeconds`. Past values make an expired token. */
  readonly exp?: number;
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/** Signs, verifies and revokes HS256 JWTs with a key that lives as long as the emulator. */
export class TokenService {
  readonly #key = randomBytes(32);
  readonly #issued = new Set<string>();
  readonly #revoked = new Set<string>();
  #count = 0;

  /** How many tokens were signed so far. */
  get issuedCount(): number {
    return this.#count;
  }

  /** Signs a token for the given subject. */
  issue(
    subject: { userId: string; email: string; organizationId: string },
    iat: number,
    exp: number,
  ): string {
    const claims: TokenClaims = {
      sub: subject.userId,
      email: subject.email,
      org: subject.organizationId,
      iat,
      exp,
      jti: newGuid(),
    };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const signature = this.#sign(`${HEADER}.${payload}`);
    this.#issued.add(claims.jti);
    this.#count++;
    return `${HEADER}.${payload}.${signature}`;
  }

  /** The claims of a token this emulator signed that is neither expired nor revoked; otherwise `undefined`. */
  verify(token: string | undefined, nowSeconds = Date.now() / 1000): TokenClaims | undefined {
    if (token === undefined || token.length === 0) return undefined;
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [header, payload, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.#sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    let claims: Partial<TokenClaims>;
    try {
      const parsedHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown };
      if (parsedHeader.alg !== 'HS256') return undefined;
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<TokenClaims>;
    } catch {
      return undefined;
    }
    if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) return undefined;
    if (typeof claims.sub !== 'string' || typeof claims.jti !== 'string') return undefined;
    if (this.#revoked.has(claims.jti)) return undefined;
    return claims as TokenClaims;
  }

  /** Refuses every token signed so far; returns how many were newly revoked. */
  revokeAll(): number {
    const count = this.#issued.size;
    for (const jti of this.#issued) this.#revoked.add(jti);
    this.#issued.clear();
    return count;
  }

  #sign(input: string): string {
    return createHmac('sha256', this.#key).update(input).digest('base64url');
  }
}
