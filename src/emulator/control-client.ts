import type { NegotiateFailureOptions, TokenFailureOptions } from './faults.ts';
import type { CloseConnectionsOptions, EmulatorStats } from './hub.ts';
import type { TokenResponseForm } from './token-response.ts';

/**
 * Options of {@link EmulatorControl}.
 *
 * @example
 * ```ts
 * import { EmulatorControl, type EmulatorControlOptions } from 'enreach-rte/emulator';
 *
 * const options: EmulatorControlOptions = { fetch: globalThis.fetch };
 * const control = new EmulatorControl('http://127.0.0.1:5000/_control', options);
 * ```
 */
export interface EmulatorControlOptions {
  /** The fetch implementation to use. @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

/**
 * Drives an emulator (or the reference hub) over its HTTP control endpoints, e.g. from another
 * process. The verbs mirror the {@link Emulator} methods and resolve once the server has acted.
 *
 * @example
 * ```ts
 * import { EmulatorControl, startEmulator } from 'enreach-rte/emulator';
 *
 * const emu = await startEmulator();
 * const control = new EmulatorControl(emu.controlUrl);
 * await control.failNegotiate({ status: 503 });
 * const delivered = await control.publish('QueueStatus', 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3', { QueueName: 'Sales' });
 * console.log((await control.stats()).published); // 1
 * ```
 */
export class EmulatorControl {
  readonly #base: string;
  readonly #fetch: typeof fetch;

  /** @param url The control base URL, `emu.controlUrl` (`http://host:port/_control`). */
  constructor(url: string | URL, options: EmulatorControlOptions = {}) {
    const base = String(url);
    if (!/^https?:\/\//i.test(base)) throw new TypeError('url must be an http(s) URL');
    this.#base = base.replace(/\/+$/, '');
    const fetcher = options.fetch ?? globalThis.fetch;
    if (typeof fetcher !== 'function') throw new TypeError('no fetch implementation available');
    this.#fetch = fetcher;
  }

  /** Pushes an event; resolves with how many connections received it. */
  async publish(
    eventName: string,
    entityId: string,
    data?: Readonly<Record<string, unknown>>,
  ): Promise<number> {
    const body = await this.#post<{ delivered: number }>('publish', { eventName, entityId, data });
    return body.delivered;
  }

  /** Cuts every connection abruptly; resolves with how many. */
  async dropConnections(): Promise<number> {
    return (await this.#post<{ dropped: number }>('drop')).dropped;
  }

  /** Sends every connection a Close message, then closes it; resolves with how many. */
  async closeConnections(options: CloseConnectionsOptions = {}): Promise<number> {
    return (await this.#post<{ closed: number }>('close', options)).closed;
  }

  /** Restarts the hub (emulator only); resolves with how many connections were dropped. */
  async restart(): Promise<number> {
    return (await this.#post<{ dropped: number }>('restart')).dropped;
  }

  /** Refuses every token issued so far; resolves with how many were revoked. */
  async revokeTokens(): Promise<number> {
    return (await this.#post<{ revoked: number }>('revoke-tokens')).revoked;
  }

  /** Makes the next token requests fail (emulator only). */
  async failTokenRequests(options: TokenFailureOptions): Promise<void> {
    await this.#post('token-failure', options);
  }

  /** Makes the next negotiate requests fail (emulator only). */
  async failNegotiate(options: NegotiateFailureOptions): Promise<void> {
    await this.#post('negotiate-failure', options);
  }

  /** Delays every completion and push (emulator only). */
  async setLatency(ms: number): Promise<void> {
    await this.#post('latency', { ms });
  }

  /** Lifetime of tokens issued from now on (emulator only). */
  async setTokenLifetime(seconds: number): Promise<void> {
    await this.#post('token-lifetime', { seconds });
  }

  /** How the token endpoint writes its answer from now on (both the emulator and the reference hub). */
  async setTokenResponse(form: TokenResponseForm): Promise<void> {
    await this.#post('token-response', form);
  }

  /** Subscriptions to these entities answer "Unauthorized"; `[]` clears the list. */
  async deny(entityIds: readonly string[]): Promise<void> {
    await this.#post('deny', { entityIds });
  }

  /** Turns faults off and clears the deny list (emulator only). */
  async reset(): Promise<void> {
    await this.#post('reset');
  }

  /** The server's counters. */
  async stats(): Promise<EmulatorStats> {
    return this.#request<EmulatorStats>('GET', 'stats');
  }

  #post<T>(name: string, body: unknown = {}): Promise<T> {
    return this.#request<T>('POST', name, body);
  }

  async #request<T>(method: 'GET' | 'POST', name: string, body?: unknown): Promise<T> {
    const response = await this.#fetch(`${this.#base}/${name}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) {
      let detail = '';
      try {
        const parsed = JSON.parse(text) as { error?: unknown };
        if (typeof parsed.error === 'string') detail = `: ${parsed.error}`;
      } catch {
        // A body that is not JSON adds nothing useful to the message.
      }
      throw new Error(`emulator control ${method} /${name} answered ${response.status}${detail}`);
    }
    return (text.length === 0 ? {} : JSON.parse(text)) as T;
  }
}
