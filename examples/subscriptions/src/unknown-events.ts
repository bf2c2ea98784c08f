// Events the SDK has no schema for still arrive: by name (untyped) and on the catch-all listener.
import { RteClient } from 'enreach-rte';
import { EmulatorControl } from 'enreach-rte/emulator';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name} (see README.md)`);
  return value;
}

const queueId = env('ENREACH_QUEUE_ID');
const waitSeconds = Number(process.env.ENREACH_WAIT_SECONDS ?? 120);
const rte = new RteClient({
  apiUrl: env('ENREACH_API_URL'),
  auth: { email: env('ENREACH_EMAIL'), secretKey: env('ENREACH_SECRET_KEY') },
});

// QueueCallInArrived is offered by the live service but not in the published reference: its data
// is a plain record with camelCase keys, as received.
rte.on('QueueCallInArrived', (data) =>
  console.log(`a call from ${String(data.callerNumber)} entered the queue`),
);

await rte.subscribe([
  { eventName: 'QueueCallInArrived', entityId: queueId },
  { eventName: 'QueueStatus', entityId: queueId },
]);
await rte.connect();

// The catch-all sees every event, typed or not; `known` tells which is which.
const seen = new Set<string>();
const events = rte.events('*', { signal: AbortSignal.timeout(waitSeconds * 1000) });

const controlUrl = process.env.ENREACH_EMULATOR_CONTROL_URL;
if (controlUrl) {
  // Against the emulator, make the events happen instead of waiting for a caller.
  const control = new EmulatorControl(controlUrl);
  await control.publish('QueueCallInArrived', queueId, { CallerNumber: '+358401234567' });
  await control.publish('QueueStatus', queueId, { QueueName: 'Sales', NbrOfQueuingRequesters: 1 });
} else {
  console.log(`waiting up to ${waitSeconds} s for a call to queue ${queueId}...`);
}

for await (const message of events) {
  console.log(`* ${message.name}: ${message.known ? 'typed' : 'no schema, delivered as received'}`);
  seen.add(message.name);
  if (seen.size === 2) break;
}
if (seen.size < 2) console.log('no more events within the time limit');

await rte.disconnect();
