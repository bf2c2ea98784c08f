// Subscribing and unsubscribing: before or after connect(), and counted per caller.
import { RteClient } from 'enreach-rte';

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

// Before connect() a subscription is remembered and reported as pending...
const [early] = await rte.subscribe('UserStatus', userId);
console.log(`before connect: ${early?.status}`);

// ...and sent to the hub as part of connecting: connect() resolves once the hub has answered.
await rte.connect();
for (const s of rte.subscriptions)
  console.log(`after connect: ${s.eventName} ${s.status}, held ${s.refs} time(s)`);

// Two parts of an app may want the same pair: the second call is counted, not sent again.
const [again] = await rte.subscribe('UserStatus', userId);
console.log(`second subscribe: ${again?.status}, held ${rte.subscriptions[0]?.refs} time(s)`);

// Each unsubscribe drops one hold; the hub is told only when the last one goes.
for (let i = 1; i <= 3; i++) {
  const [result] = await rte.unsubscribe('UserStatus', userId);
  console.log(`unsubscribe #${i}: ${result?.status}`);
}
console.log(`the hub now holds ${(await rte.activeSubscriptions()).length} subscription(s) for us`);

await rte.disconnect();
