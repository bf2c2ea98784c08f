/**
 * Makes the next token requests fail (or just slow down) — see {@link Emulator.failTokenRequests}.
 *
 * @example
 * ```ts
 * import { startEmulator, type TokenFailureOptions } from 'enreach-rte/emulator';
 *
 * const emu = await startEmulator();
 * const throttled: TokenFailureOptions = { status: 429, count: 2, retryAfterSeconds: 1 };
 * emu.failTokenRequests(throttled);
 * ```
 */
export interface TokenFailureOptions {
  /** HTTP status to answer with. A 2xx status answers normally, after `delayMs`. */
  readonly status: number;
  /** How many requests in a row are affected. @default 1 */
  readonly count?: number;
  /** Wait this long before answering. @default 0 */
  readonly delayMs?: number;
  /** Sent as the `Retry-After` header when given. */
  readonly retryAfterSeconds?: number;
}

/**
 * Makes the next negotiate requests fail — see {@link Emulator.failNegotiate}.
 *
 * @example
 * ```ts
 * import { startEmulator, type NegotiateFailureOptions } from 'enreach-rte/emulator';
 *
 * const emu = await startEmulator();
 * const outage: NegotiateFailureOptions = { status: 503, count: 3 };
 * emu.failNegotiate(outage);
 * ```
 */
export interface NegotiateFailureOptions {
  /** HTTP status to answer with. */
  readonly status: number;
  /** How many requests in a row fail. @default 1 */
  readonly count?: number;
}

/** One armed token failure, as consumed by a request. */
export interface TokenFailure {
  readonly status: number;
  readonly delayMs: number;
  readonly retryAfterSeconds: number | undefined;
}

function checkStatus(status: unknown): number {
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) {
    throw new TypeError('status must be an HTTP status code between 200 and 599');
  }
  return status;
}

function checkCount(count: unknown): number {
  if (count === undefined) return 1;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    throw new TypeError('count must be a non-negative integer');
  }
  return count;
}

function checkNonNegative(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`${name} must be a non-negative number`);
  }
  return value;
}

/** The faults currently injected into the emulator. */
export class Faults {
  #token: (TokenFailure & { remaining: number }) | undefined;
  #negotiate: { status: number; remaining: number } | undefined;
  #latencyMs = 0;

  /** Delay applied before every completion and every push. */
  get latencyMs(): number {
    return this.#latencyMs;
  }

  setLatency(ms: unknown): void {
    this.#latencyMs = checkNonNegative('ms', ms) ?? 0;
  }

  failTokenRequests(options: TokenFailureOptions): void {
    if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
    const status = checkStatus(options.status);
    const remaining = checkCount(options.count);
    const delayMs = checkNonNegative('delayMs', options.delayMs) ?? 0;
    const retryAfterSeconds = checkNonNegative('retryAfterSeconds', options.retryAfterSeconds);
    this.#token = remaining > 0 ? { status, remaining, delayMs, retryAfterSeconds } : undefined;
  }

  failNegotiate(options: NegotiateFailureOptions): void {
    if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
    const status = checkStatus(options.status);
    const remaining = checkCount(options.count);
    this.#negotiate = remaining > 0 ? { status, remaining } : undefined;
  }

  /** The failure for the current token request, if one is armed; counts it down. */
  takeTokenFailure(): TokenFailure | undefined {
    const fault = this.#token;
    if (fault === undefined) return undefined;
    if (--fault.remaining === 0) this.#token = undefined;
    return { status: fault.status, delayMs: fault.delayMs, retryAfterSeconds: fault.retryAfterSeconds };
  }

  /** The status for the current negotiate request, if a failure is armed; counts it down. */
  takeNegotiateFailure(): number | undefined {
    const fault = this.#negotiate;
    if (fault === undefined) return undefined;
    if (--fault.remaining === 0) this.#negotiate = undefined;
    return fault.status;
  }

  /** Turns every fault off. */
  clear(): void {
    this.#token = undefined;
    this.#negotiate = undefined;
    this.#latencyMs = 0;
  }
}
