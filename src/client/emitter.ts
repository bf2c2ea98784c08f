import { EventEmitter } from 'eventemitter3';
import { RteHandlerError } from '../errors/event-errors.ts';

type Listener = (...args: never[]) => unknown;
type AnyListener = (a?: unknown, b?: unknown) => unknown;

/**
 * Options of `on()` and `once()`.
 *
 * @example
 * ```ts
 * import type { ListenerOptions } from 'enreach-rte';
 *
 * const options: ListenerOptions = { signal: AbortSignal.timeout(60_000) };
 * rte.on('QueueStatus', (queue) => console.log(queue.queueName), options); // removed after a minute
 * ```
 */
export interface ListenerOptions {
  /** Removes the listener when aborted. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * The client's emitter: eventemitter3 with every listener isolated. A listener that throws (or
 * returns a rejected promise) is reported as {@link RteHandlerError}; the other listeners and the
 * stream carry on.
 */
export class IsolatingEmitter {
  readonly #emitter = new EventEmitter();
  readonly #wrapped = new Map<string, Map<Listener, AnyListener[]>>();
  readonly #onListenerError: (error: RteHandlerError) => void;

  constructor(onListenerError: (error: RteHandlerError) => void) {
    this.#onListenerError = onListenerError;
  }

  on(name: string, listener: Listener, options: ListenerOptions & { once?: boolean } = {}): () => void {
    if (typeof listener !== 'function')
      throw new TypeError(`enreach-rte: the listener for "${name}" must be a function`);
    if (options.signal?.aborted) return () => undefined;
    const fail = (error: unknown) => {
      if (name === 'error') return; // A throwing error listener must not feed itself.
      this.#onListenerError(new RteHandlerError(name, error));
    };
    let removed = false;
    const remove = () => {
      if (removed) return;
      removed = true;
      this.#emitter.off(name, wrapped);
      const byListener = this.#wrapped.get(name);
      const list = byListener?.get(listener);
      if (list) {
        list.splice(list.indexOf(wrapped), 1);
        if (list.length === 0) byListener!.delete(listener);
      }
      options.signal?.removeEventListener('abort', remove);
    };
    const call = listener as AnyListener;
    const wrapped: AnyListener = (a, b) => {
      if (options.once) remove();
      try {
        const result = call(a, b);
        if (result && typeof (result as Promise<unknown>).then === 'function')
          (result as Promise<unknown>).then(undefined, fail);
      } catch (error) {
        fail(error);
      }
    };
    this.#emitter.on(name, wrapped);
    let byListener = this.#wrapped.get(name);
    if (!byListener) {
      byListener = new Map();
      this.#wrapped.set(name, byListener);
    }
    byListener.set(listener, [...(byListener.get(listener) ?? []), wrapped]);
    options.signal?.addEventListener('abort', remove, { once: true });
    return remove;
  }

  off(name: string, listener: Listener): void {
    const wrapped = this.#wrapped.get(name)?.get(listener)?.[0];
    if (wrapped) {
      this.#emitter.off(name, wrapped);
      const list = this.#wrapped.get(name)!.get(listener)!;
      list.shift();
      if (list.length === 0) this.#wrapped.get(name)!.delete(listener);
    }
  }

  emit(name: string, a?: unknown, b?: unknown): boolean {
    return this.#emitter.emit(name, a, b);
  }

  listenerCount(name: string): number {
    return this.#emitter.listenerCount(name);
  }

  removeAllListeners(): void {
    this.#emitter.removeAllListeners();
    this.#wrapped.clear();
  }
}

/**
 * Turns a listener registration into an async iterator with a bounded buffer (oldest dropped first),
 * ended by `return()` (e.g. `break` in `for await`) or the signal.
 */
export function iterate<T>(
  subscribe: (push: (item: T) => void) => () => void,
  options: { signal?: AbortSignal; bufferSize?: number } = {},
): AsyncIterableIterator<T> {
  const bufferSize = options.bufferSize ?? 1024;
  const buffer: T[] = [];
  let wake: (() => void) | undefined;
  let done = false;
  const finish = () => {
    done = true;
    unsubscribe();
    options.signal?.removeEventListener('abort', finish);
    wake?.();
  };
  const unsubscribe = subscribe((item) => {
    buffer.push(item);
    if (buffer.length > bufferSize) buffer.shift();
    wake?.();
  });
  if (options.signal?.aborted) finish();
  else options.signal?.addEventListener('abort', finish, { once: true });

  const iterator: AsyncIterableIterator<T> = {
    async next(): Promise<IteratorResult<T>> {
      while (buffer.length === 0 && !done) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      if (buffer.length > 0) return { value: buffer.shift()!, done: false };
      return { value: undefined, done: true };
    },
    async return(): Promise<IteratorResult<T>> {
      finish();
      buffer.length = 0;
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
