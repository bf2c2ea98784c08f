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

/** One `on()` call: what `off()` and the signal remove, and the context eventemitter3 calls with. */
interface Registration {
  readonly name: string;
  readonly listener: AnyListener;
  readonly once: boolean;
  readonly signal: AbortSignal | undefined;
  readonly owner: IsolatingEmitter;
  removed: boolean;
  remove(): void;
}

/**
 * Calls one registered listener, isolated: eventemitter3 invokes it with the registration as
 * `this`, so dispatch allocates nothing per frame and a throwing listener cannot stop the others.
 */
function invoke(this: Registration, a: unknown, b: unknown): void {
  if (this.once) this.remove();
  try {
    const result = this.listener(a, b);
    if (result !== undefined && result !== null && typeof (result as Promise<unknown>).then === 'function')
      (result as Promise<unknown>).then(undefined, (error: unknown) => this.owner.fail(this.name, error));
  } catch (error) {
    this.owner.fail(this.name, error);
  }
}

/**
 * The client's emitter: eventemitter3 with every listener isolated. A listener that throws (or
 * returns a rejected promise) is reported as {@link RteHandlerError}; the other listeners and the
 * stream carry on. Each `on()` is one registration with its own removal, so `off()`, the returned
 * function and the signal each remove exactly the registration they belong to.
 */
export class IsolatingEmitter {
  readonly #emitter = new EventEmitter();
  readonly #registrations = new Map<string, Registration[]>();
  readonly #onListenerError: (error: RteHandlerError) => void;
  #count = 0;

  constructor(onListenerError: (error: RteHandlerError) => void) {
    this.#onListenerError = onListenerError;
  }

  /** Listeners registered, across every name. */
  get size(): number {
    return this.#count;
  }

  on(name: string, listener: Listener, options: ListenerOptions & { once?: boolean } = {}): () => void {
    if (typeof listener !== 'function')
      throw new TypeError(`enreach-rte: the listener for "${name}" must be a function`);
    const signal = options.signal;
    if (signal?.aborted) return () => undefined;
    const registration: Registration = {
      name,
      listener: listener as AnyListener,
      once: options.once === true,
      signal,
      owner: this,
      removed: false,
      remove: () => this.#remove(registration),
    };
    this.#emitter.on(name, invoke, registration);
    const list = this.#registrations.get(name);
    if (list) list.push(registration);
    else this.#registrations.set(name, [registration]);
    this.#count++;
    signal?.addEventListener('abort', registration.remove, { once: true });
    return registration.remove;
  }

  /** Removes the oldest registration of `listener` for `name`. */
  off(name: string, listener: Listener): void {
    const registration = this.#registrations.get(name)?.find((r) => r.listener === listener);
    registration?.remove();
  }

  emit(name: string, a?: unknown, b?: unknown): boolean {
    return this.#emitter.emit(name, a, b);
  }

  listenerCount(name: string): number {
    return this.#emitter.listenerCount(name);
  }

  removeAllListeners(): void {
    for (const list of [...this.#registrations.values()]) for (const r of [...list]) r.remove();
  }

  /** @internal Reports a listener failure (a throwing `error` listener must not feed itself). */
  fail(name: string, error: unknown): void {
    if (name === 'error') return;
    this.#onListenerError(new RteHandlerError(name, error));
  }

  #remove(registration: Registration): void {
    if (registration.removed) return;
    registration.removed = true;
    this.#emitter.off(registration.name, invoke, registration);
    const list = this.#registrations.get(registration.name);
    if (list) {
      const index = list.indexOf(registration);
      if (index >= 0) list.splice(index, 1);
      if (list.length === 0) this.#registrations.delete(registration.name);
    }
    this.#count--;
    registration.signal?.removeEventListener('abort', registration.remove);
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
