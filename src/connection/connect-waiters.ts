import { RteAbortError } from '../errors/transport-errors.ts';

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * The callers of a link's `connect()` still waiting for it, shared by the one-tab and the
 * tab-sharing link. A caller's signal only counts while it waits: once its promise settles, the
 * signal is let go, so a later abort (an `AbortSignal.timeout` given to `connect()`) changes nothing.
 */
export class ConnectWaiters {
  #waiters: Waiter[] = [];

  /**
   * A promise settled by `settle()` or `reject()`, or rejected with `RteAbortError` when `signal`
   * aborts first; `abandoned` then runs if no other caller is left waiting.
   */
  wait(signal: AbortSignal | undefined, abandoned: () => void): Promise<void> {
    if (signal?.aborted) return Promise.reject(new RteAbortError('connect() was aborted'));
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        reject(new RteAbortError('connect() was aborted'));
        if (this.#waiters.length === 0) abandoned();
      };
      const waiter: Waiter = {
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      this.#waiters.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Resolves every waiting caller. */
  settle(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter.resolve();
  }

  /** Rejects every waiting caller with `error`. */
  reject(error: unknown): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter.reject(error);
  }
}
