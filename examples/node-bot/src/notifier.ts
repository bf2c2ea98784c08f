import type { Logger } from 'pino';
import type { Alert } from './alerts.ts';

const WEBHOOK_TIMEOUT_MS = 5_000;

/**
 * Delivers alerts: one line on stdout each (logs go to stderr, so stdout can be piped), and a JSON
 * POST to the webhook when one is configured. `{ text }` is what Slack and Teams incoming webhooks
 * expect; the full alert rides along for anything else.
 */
export class Notifier {
  readonly #webhookUrl: string | undefined;
  readonly #log: Logger;
  readonly #deliveries = new Set<Promise<void>>();

  constructor(webhookUrl: string | undefined, log: Logger) {
    this.#webhookUrl = webhookUrl;
    this.#log = log;
  }

  send(alert: Alert): void {
    process.stdout.write(`[alert] ${alert.text}\n`);
    if (this.#webhookUrl === undefined) return;
    const delivery = this.#post(this.#webhookUrl, alert).finally(() => this.#deliveries.delete(delivery));
    this.#deliveries.add(delivery);
  }

  /** Waits for the webhook posts still on their way, so a shutdown loses none. */
  async flush(): Promise<void> {
    await Promise.all(this.#deliveries);
  }

  async #post(url: string, alert: Alert): Promise<void> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: alert.text, alert }),
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      if (!response.ok)
        this.#log.warn({ status: response.status, kind: alert.kind }, 'webhook refused an alert');
    } catch (error) {
      // A chat outage must not stop the bot: the alert is on stdout anyway. Only the reason is
      // logged, never the URL: webhook URLs carry their secret in the path.
      const reason = ((error as Error).cause as Error | undefined)?.message ?? (error as Error).message;
      this.#log.warn({ reason, kind: alert.kind }, 'webhook unreachable');
    }
  }
}
