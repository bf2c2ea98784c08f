/**
 * Redaction of secrets from anything that may be logged or put into an error message.
 *
 * Covers what the SignalR client and HTTP libraries are known to print: `access_token=` query
 * parameters (the browser transport puts the JWT in the WebSocket URL), `Authorization` header
 * values, and bare JWTs. Exact secrets the client knows (secret keys, bearer tokens) are registered
 * with {@link Redactor.add} and removed wherever they appear.
 */

const ACCESS_TOKEN = /(access_token=)[^&\s"'#]+/gi;
const AUTH_HEADER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const MIN_SECRET_LENGTH = 4;

/** Replaces every known secret and token-shaped substring of a text with `[redacted]`. */
export class Redactor {
  readonly #secrets = new Set<string>();

  /** Registers an exact secret (a secret key, a bearer token, an issued JWT). */
  add(secret: string | undefined): void {
    if (secret && secret.length >= MIN_SECRET_LENGTH) this.#secrets.add(secret);
  }

  redact(text: string): string {
    let out = text
      .replace(ACCESS_TOKEN, '$1[redacted]')
      .replace(AUTH_HEADER, '$1 [redacted]')
      .replace(JWT, '[redacted]');
    for (const secret of this.#secrets) {
      if (out.includes(secret)) out = out.split(secret).join('[redacted]');
    }
    return out;
  }
}
