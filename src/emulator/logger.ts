/**
 * Where the emulator reports what it does. Every method receives one line of text that never
 * contains a token, a secret key or a URL carrying `access_token`.
 *
 * @example
 * ```ts
 * import { startEmulator, type EmulatorLogger } from 'enreach-rte/emulator';
 *
 * const logger: EmulatorLogger = console;
 * const emu = await startEmulator({ logger });
 * ```
 */
export interface EmulatorLogger {
  /** Tokens issued, connections opened and closed, refused requests, armed faults firing. */
  debug(message: string): void;
  /** Starting, stopping, and connections dropped or closed on purpose. */
  info(message: string): void;
  /** A hub method that failed while serving a call. */
  warn(message: string): void;
  /** An HTTP request or WebSocket upgrade that failed inside the emulator. */
  error(message: string): void;
}

const ignore = (): void => {};

/** The default logger: discards everything. */
export const silentLogger: EmulatorLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
