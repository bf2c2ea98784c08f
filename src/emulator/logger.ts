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
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const ignore = (): void => {};

/** The default logger: discards everything. */
export const silentLogger: EmulatorLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
