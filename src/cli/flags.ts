import type { RteAuth } from '../options.ts';

// The CLI speaks of its own flags and environment variables, never of the SDK options behind them.
const FLAG_FOR_OPTION: Record<string, string> = {
  apiUrl: '--api-url',
  'reconnect.maxAttempts': '--max-attempts',
  'auth.email': 'ENREACH_EMAIL',
  'auth.secretKey': 'ENREACH_SECRET_KEY',
  'auth.bearer': 'ENREACH_BEARER_TOKEN',
};

/** Rewrites an SDK option error (`enreach-rte: option "apiUrl" must be…`) in terms of the CLI's flags. */
export function inFlagTerms(message: string): string {
  return message
    .replace(/^enreach-rte: /, '')
    .replace(/option "([\w.]+)"/g, (whole, option: string) => FLAG_FOR_OPTION[option] ?? whole)
    .replace(/check that apiUrl/g, 'check that --api-url');
}

/** Checks `--api-url` the way the SDK would, and says so in terms of the flag. */
export function checkApiUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `--api-url must be an absolute http(s) URL, e.g. https://api-silox.enreachvoice.com (got "${value}")`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return `--api-url must use http or https (got "${url.protocol}")`;
  return undefined;
}

/** The credentials the environment gives: an email and secret key, else a bearer token. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): RteAuth | undefined {
  if (env.ENREACH_EMAIL && env.ENREACH_SECRET_KEY)
    return { email: env.ENREACH_EMAIL, secretKey: env.ENREACH_SECRET_KEY };
  if (env.ENREACH_BEARER_TOKEN) return { bearer: env.ENREACH_BEARER_TOKEN };
  return undefined;
}
