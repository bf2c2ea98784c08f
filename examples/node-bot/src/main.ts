// Watches call lists and queues on Enreach RTE and raises alerts: a new callback request, or a queue
// with more calls waiting than the threshold. Alerts go to stdout (and a webhook); logs go to stderr.
import { isAuthError, isRteError, RteClient, RteSubscriptionError } from 'enreach-rte';
import { pino } from 'pino';
import { callbackAlert, QueueWatch } from './alerts.ts';
import { type BotConfig, ConfigError, readConfig, USAGE } from './config.ts';
import { Notifier } from './notifier.ts';

let config: BotConfig;
try {
  config = readConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n\n${USAGE}\n`);
  process.exit(2);
}

// Synchronous writes: nothing is lost when the process ends right after a line.
const log = pino({ level: config.logLevel }, pino.destination({ dest: 2, sync: true }));

const rte = new RteClient({
  apiUrl: config.apiUrl,
  auth: { email: config.email, secretKey: config.secretKey },
  // The SDK is silent without a logger; with one it logs connects, drops and retries, never a secret.
  logger: log.child({ component: 'enreach-rte' }),
});
const notifier = new Notifier(config.webhookUrl, log);
const queues = new QueueWatch(config.queueThreshold);

rte.on('CallbackChanged', (callback) => {
  const alert = callbackAlert(callback);
  if (alert) notifier.send(alert);
});
rte.on('QueueStatus', (queue) => {
  const alert = queues.update(queue);
  if (alert) notifier.send(alert);
});
rte.on('resynced', (info) => {
  // RTE keeps nothing for a dropped connection. QueueStatus repeats while counters move, so the
  // queues catch up by themselves; callbacks created during the gap would need the REST API.
  log.info(
    {
      downtimeMs: info.downtimeMs,
      restored: info.restored,
      refused: info.refused.length,
      pending: info.pending,
    },
    'resynced',
  );
});
rte.on('error', (error) => {
  if (error instanceof RteSubscriptionError) {
    for (const item of error.refused) {
      log.error({ eventName: item.eventName, entityId: item.entityId, reason: item.message }, 'not watched');
    }
  }
});

let stopping = false;
async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  await rte.disconnect();
  await notifier.flush();
  log.info('stopped');
}
process.once('SIGINT', (signal) => void stop(signal));
process.once('SIGTERM', (signal) => void stop(signal));

await rte.subscribe([
  ...config.queueIds.map((entityId) => ({ eventName: 'QueueStatus', entityId })),
  ...config.callListIds.map((entityId) => ({ eventName: 'CallbackChanged', entityId })),
]);
try {
  // Waits through outages (retrying with backoff) and rejects only for bad credentials or a stop.
  await rte.connect();
  const watched = rte.subscriptions;
  if (watched.length === 0) {
    log.fatal('the hub refused every queue and call list: nothing to watch');
    process.exitCode = 1;
    await rte.disconnect();
  } else {
    log.info(
      {
        queues: watched.filter((s) => s.eventName === 'QueueStatus').length,
        callLists: watched.filter((s) => s.eventName === 'CallbackChanged').length,
        threshold: config.queueThreshold,
      },
      'watching',
    );
  }
} catch (error) {
  // A signal during the first connection attempt makes connect() reject: that is no failure.
  if (!stopping) {
    log.fatal(
      { code: isRteError(error) ? error.code : undefined },
      isAuthError(error) ? 'the API refused the credentials' : 'could not connect',
    );
    process.exitCode = isAuthError(error) ? 3 : 1;
    await rte.disconnect();
  }
}
