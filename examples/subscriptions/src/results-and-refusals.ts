// What subscribe() answers: one result per (event, entity) pair, refusals included, never a throw.
import { RteClient, RteSubscriptionError } from 'enreach-rte';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name} (see README.md)`);
  return value;
}

const userId = env('ENREACH_USER_ID');
const rte = new RteClient({
  apiUrl: env('ENREACH_API_URL'),
  auth: { email: env('ENREACH_EMAIL'), secretKey: env('ENREACH_SECRET_KEY') },
});

// Refusals of pairs subscribed before connect() cannot be returned (the hub has not seen them
// yet): they arrive on the `error` event once connected.
rte.on('error', (error) => {
  if (error instanceof RteSubscriptionError) {
    for (const item of error.refused)
      console.log(`error event: ${item.eventName} ${item.entityId} refused (${item.reason})`);
  }
});
await rte.subscribe('UserAvailability', 'not-a-guid');
await rte.connect();

// Connected, subscribe() resolves to the hub's verdict for each item, in order.
const results = await rte.subscribe([
  { eventName: 'UserStatus', entityId: userId },
  { eventName: 'UserStatus', entityId: 'not-a-guid' },
  { eventName: 'NoSuchEvent', entityId: userId },
]);
for (const result of results) {
  const why = result.status === 'refused' ? ` (${result.reason}: "${result.message}")` : '';
  console.log(`${result.eventName} ${result.entityId}: ${result.status}${why}`);
}

// A refusal is final: the pair is forgotten, so it is not replayed after a reconnect.
console.log(`kept: ${rte.subscriptions.map((s) => `${s.eventName} ${s.entityId}`).join(', ')}`);

await rte.disconnect();
