/** What the bot needs to know, read once from the environment at start. */
export interface BotConfig {
  /** Base URL of your silo's REST API, e.g. `https://api-silox.enreachvoice.com`. */
  readonly apiUrl: string;
  readonly email: string;
  readonly secretKey: string;
  /** Queues whose `QueueStatus` is watched. */
  readonly queueIds: readonly string[];
  /** Call lists whose `CallbackChanged` is watched. */
  readonly callListIds: readonly string[];
  /** A queue alert fires when more calls than this are waiting. */
  readonly queueThreshold: number;
  /** Where alerts are POSTed as JSON, besides stdout. */
  readonly webhookUrl: string | undefined;
  /** pino level: `debug` shows the SDK's connection details. */
  readonly logLevel: string;
}

/** The environment is incomplete or malformed; the message says which variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const USAGE = `Environment:
  ENREACH_API_URL       REST API of your silo, e.g. https://api-silox.enreachvoice.com (required)
  ENREACH_EMAIL         the API user's email (required)
  ENREACH_SECRET_KEY    the API user's secret key (required)
  BOT_QUEUE_IDS         queue ids to watch, comma-separated
  BOT_CALL_LIST_IDS     call list ids to watch, comma-separated (at least one of the two lists)
  BOT_QUEUE_THRESHOLD   alert when more calls than this wait in a queue (default 5)
  BOT_WEBHOOK_URL       also POST every alert as JSON to this URL (optional)
  BOT_LOG_LEVEL         debug, info, warn or error (default info)`;

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(`${name} is not set`);
  return value;
}

/** Reads and checks the configuration; throws {@link ConfigError} naming the first problem. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): BotConfig {
  const apiUrl = required(env, 'ENREACH_API_URL');
  const email = required(env, 'ENREACH_EMAIL');
  const secretKey = required(env, 'ENREACH_SECRET_KEY');
  const queueIds = list(env.BOT_QUEUE_IDS);
  const callListIds = list(env.BOT_CALL_LIST_IDS);
  if (queueIds.length === 0 && callListIds.length === 0) {
    throw new ConfigError('set BOT_QUEUE_IDS or BOT_CALL_LIST_IDS (or both): there is nothing to watch');
  }
  const queueThreshold = Number(env.BOT_QUEUE_THRESHOLD?.trim() || '5');
  if (!Number.isInteger(queueThreshold) || queueThreshold < 0) {
    throw new ConfigError('BOT_QUEUE_THRESHOLD must be a whole number of calls');
  }
  const webhookUrl = env.BOT_WEBHOOK_URL?.trim() || undefined;
  if (webhookUrl !== undefined && !URL.canParse(webhookUrl)) {
    throw new ConfigError('BOT_WEBHOOK_URL must be an absolute URL');
  }
  const logLevel = env.BOT_LOG_LEVEL?.trim() || 'info';
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) {
    throw new ConfigError('BOT_LOG_LEVEL must be debug, info, warn or error');
  }
  return { apiUrl, email, secretKey, queueIds, callListIds, queueThreshold, webhookUrl, logLevel };
}
