import type { Redactor } from './redact.ts';

/**
 * Where the SDK writes diagnostics. Any object with these four methods works: `console`, pino,
 * winston, bunyan. Every method is optional; the SDK is silent when no logger is given.
 *
 * The SDK calls `(message, details)`. A pino logger (recognised by its `child()` method and its
 * `levels.values` table) is called the way pino wants, `(details, message)`, so the details become
 * fields of the JSON line.
 *
 * @example
 * ```ts
 * import { RteClient } from 'enreach-rte';
 * const rte = new RteClient({ apiUrl, auth, logger: console });
 * ```
 */
export interface RteLogger {
  /** State changes, failed attempts, subscribe batches, SignalR's own information lines. */
  debug?(message: string, ...meta: unknown[]): void;
  /** Connected, connection lost, subscriptions replayed. */
  info?(message: string, ...meta: unknown[]): void;
  /** Every error the `error` event reports, and SignalR's warnings and errors. */
  warn?(message: string, ...meta: unknown[]): void;
  /** Not used by the SDK today; accepted so that any common logger fits. */
  error?(message: string, ...meta: unknown[]): void;
}

/**
 * Severity of a log line, lowest first.
 *
 * @example
 * ```ts
 * import type { RteLogLevel } from 'enreach-rte';
 *
 * const levels: RteLogLevel[] = ['info', 'warn'];
 * const logger = Object.fromEntries(levels.map((level) => [level, console[level]]));
 * ```
 */
export type RteLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The internal logger: always complete, always redacting, never throwing. */
export interface SafeLogger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

function redactMeta(meta: Record<string, unknown>, redactor: Redactor): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(meta)) {
    if (typeof value === 'string') out[key] = redactor.redact(value);
    else if (value instanceof Error) out[key] = `${value.name}: ${redactor.redact(value.message)}`;
    else out[key] = value;
  }
  return out;
}

/**
 * True for pino and loggers built like it, which take `(details, message)`: pino reads a string
 * first argument as a format string and drops the details object that follows it.
 */
export function isObjectFirstLogger(logger: unknown): boolean {
  if (typeof logger !== 'object' || logger === null) return false;
  const candidate = logger as { child?: unknown; levels?: { values?: unknown } };
  return (
    typeof candidate.child === 'function' &&
    typeof candidate.levels === 'object' &&
    candidate.levels !== null &&
    typeof candidate.levels.values === 'object' &&
    candidate.levels.values !== null
  );
}

/**
 * Wraps a user logger so that every line is redacted and a throwing logger cannot break the client.
 * Lines go out as `message` plus at most one metadata object: `(message, meta)` for console and the
 * like, `(meta, message)` for pino.
 */
export function createSafeLogger(logger: RteLogger | undefined, redactor: Redactor): SafeLogger {
  const objectFirst = isObjectFirstLogger(logger);
  const write = (level: RteLogLevel) => (message: string, meta?: Record<string, unknown>) => {
    const sink = logger?.[level];
    if (!sink) return;
    try {
      const text = `[enreach-rte] ${redactor.redact(message)}`;
      if (meta && objectFirst)
        (sink as (meta: unknown, message: string) => void).call(logger, redactMeta(meta, redactor), text);
      else if (meta) sink.call(logger, text, redactMeta(meta, redactor));
      else sink.call(logger, text);
    } catch {
      // A broken logger must not take the connection down with it.
    }
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
