import { type ILogger, LogLevel } from '@microsoft/signalr';
import type { SafeLogger } from '../logging/logger.ts';

/**
 * Bridges @microsoft/signalr's logger to the injected one. Configuring a logger is not optional:
 * without one, SignalR writes Information lines to the console, and in browsers those include the
 * WebSocket URL with `access_token` in it. Its errors are expected noise while reconnecting (the
 * client reports failures itself, typed), so they are passed on as warnings.
 */
export function signalrLogger(logger: SafeLogger): ILogger {
  return {
    log(level: LogLevel, message: string): void {
      if (level <= LogLevel.Information) logger.debug(`signalr: ${message}`);
      else if (level < LogLevel.None) logger.warn(`signalr: ${message}`);
    },
  };
}
