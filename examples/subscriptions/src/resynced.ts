// What `resynced` tells you after the connection dropped, and what to do about it.
import { type ResyncedEvent, RteClient } from 'enreach-rte';
import { EmulatorControl } from 'enreach-rte/emulator';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name} (see README.md)`);
  return value;
}

const waitSeconds = Number(process.env.ENREACH_WAIT_SECONDS ?? 300);
const rte = new RteClient({
  apiUrl: env('ENREACH_API_URL'),
  auth: { email: env('ENREACH_EMAIL'), secretKey: env('ENREACH_SECRET_KEY') },
});
rte.on('state', (change) => console.log(`state: ${change.previous} -> ${change.state}`));

await rte.subscribe([
  { eventName: 'UserStatus', entityId: env('ENREACH_USER_ID') },
  { eventName: 'QueueStatus', entityId: env('ENREACH_QUEUE_ID') },
]);
await rte.connect();

const signal = AbortSignal.timeout(waitSeconds * 1000);
const resynced = new Promise<ResyncedEvent | undefined>((resolve) => {
  rte.once('resynced', resolve, { signal });
  signal.addEventListener('abort', () => resolve(undefined), { once: true });
});

const controlUrl = process.env.ENREACH_EMULATOR_CONTROL_URL;
if (controlUrl) {
  // The emulator cuts every connection abruptly, as a network failure would.
  const dropped = await new EmulatorControl(controlUrl).dropConnections();
  console.log(`dropped ${dropped} connection(s)`);
} else {
  console.log(`waiting up to ${waitSeconds} s for the connection to drop: turn the network off and on`);
}

const info = await resynced;
if (info) {
  console.log(`resynced after ${info.downtimeMs} ms (cause: ${info.cause})`);
  console.log(`restored ${info.restored}, refused ${info.refused.length}, still pending ${info.pending}`);
  // RTE keeps nothing for a dropped connection: whatever happened during the gap is gone.
  if (info.mayHaveMissedEvents)
    console.log('events may have been missed: refetch the current state over the REST API');
} else {
  console.log('the connection did not drop');
}

await rte.disconnect();
