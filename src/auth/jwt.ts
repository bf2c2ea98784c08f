import { base64UrlDecode } from './base64.ts';

/** The claims the client reads from an RTE JWT; the signature is the hub's business, not ours. */
export interface JwtTimes {
  /** Expiry, milliseconds since the epoch. */
  readonly expiresAt: number | undefined;
  /** Issue time, milliseconds since the epoch. */
  readonly issuedAt: number | undefined;
}

/** Reads `exp` and `iat` from a JWT without verifying it. Anything unreadable yields `undefined`s. */
export function readJwtTimes(token: string): JwtTimes {
  const payload = token.split('.')[1];
  const json = payload ? base64UrlDecode(payload) : undefined;
  if (!json) return { expiresAt: undefined, issuedAt: undefined };
  try {
    const claims = JSON.parse(json) as { exp?: unknown; iat?: unknown };
    const seconds = (value: unknown) =>
      typeof value === 'number' && Number.isFinite(value) ? value * 1000 : undefined;
    return { expiresAt: seconds(claims.exp), issuedAt: seconds(claims.iat) };
  } catch {
    return { expiresAt: undefined, issuedAt: undefined };
  }
}
