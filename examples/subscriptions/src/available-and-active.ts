// Asking the hub which events it offers and which subscriptions it holds for this connection.
import { canonicalEventName, RteClient } from 'enreach-rte';

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
await rte.connect(); // both questions need a connection

// The hub's list is authoritative and longer than the published reference: names the SDK has a
// schema for arrive typed, the others arrive untyped (see unknown-events.ts).
const names = await rte.availableSubscriptions();
const untyped = names.filter((name) => canonicalEventName(name) === undefined);
console.log(
  `the hub offers ${names.length} events, ${names.length - untyped.length} of them typed by the SDK`,
);
console.log(`without a schema: ${untyped.join(', ')}`);

await rte.subscribe([
  { eventName: 'UserStatus', entityId: userId },
  { eventName: 'UserAvailability', entityId: userId },
]);
for (const active of await rte.activeSubscriptions()) {
  console.log(`active: ${active.eventType} ${active.entityType} ${active.entityId}`);
}

// unsubscribeAll() empties the hub's list and the client's memory alike.
await rte.unsubscribeAll();
console.log(
  `after unsubscribeAll: ${(await rte.activeSubscriptions()).length} active, ${rte.subscriptions.length} remembered`,
);

await rte.disconnect();
