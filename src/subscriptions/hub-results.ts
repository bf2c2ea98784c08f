import type { SubscriptionRefusalReason } from '../errors/event-errors.ts';
import { SubscriptionRefusal } from '../wire/subscription.ts';
import { subscriptionKey } from './registry.ts';

/** The hub's verdict on one item of a Subscribe call. */
export type Verdict =
  | { readonly kind: 'subscribed' }
  | { readonly kind: 'refused'; readonly message: string; readonly reason: SubscriptionRefusalReason };

/** Classifies the hub's refusal message (`Invalid EntityId`, `Invalid event name`, `Unauthorized`). */
export function refusalReason(message: string): SubscriptionRefusalReason {
  if (message === SubscriptionRefusal.InvalidEntityId) return 'invalid-entity-id';
  if (message === SubscriptionRefusal.InvalidEventName) return 'invalid-event-name';
  if (message === SubscriptionRefusal.Unauthorized) return 'unauthorized';
  const text = message.toLowerCase();
  if (text.includes('entityid')) return 'invalid-entity-id';
  if (text.includes('event name')) return 'invalid-event-name';
  if (text.includes('unauthori')) return 'unauthorized';
  return 'other';
}

function field(item: Record<string, unknown>, name: string): unknown {
  if (name in item) return item[name];
  const wanted = name.toLowerCase();
  for (const key of Object.keys(item)) if (key.toLowerCase() === wanted) return item[key];
  return undefined;
}

/**
 * Reads the SubscriptionResult array a Subscribe call returned, matched back to what was sent by
 * (event name, entity id) — the hub lower-cases the event name — and by position as a fallback.
 * Items the hub did not answer for are missing from the map.
 */
export function readSubscribeResults(
  sent: readonly { key: string }[],
  results: unknown,
): Map<string, Verdict> {
  const verdicts = new Map<string, Verdict>();
  if (!Array.isArray(results)) return verdicts;
  const byKey = new Map<string, Record<string, unknown>>();
  for (const raw of results) {
    if (typeof raw !== 'object' || raw === null) continue;
    const item = raw as Record<string, unknown>;
    const eventName = field(item, 'eventName');
    const entityId = field(item, 'entityId');
    if (typeof eventName === 'string' && typeof entityId === 'string')
      byKey.set(subscriptionKey(eventName, entityId), item);
  }
  sent.forEach(({ key }, index) => {
    const item = byKey.get(key) ?? (results[index] as Record<string, unknown> | undefined);
    if (typeof item !== 'object' || item === null) return;
    if (field(item, 'subscribed') === true) {
      verdicts.set(key, { kind: 'subscribed' });
    } else {
      const message = field(item, 'message');
      const text = typeof message === 'string' && message.length > 0 ? message : 'Refused without a reason';
      verdicts.set(key, { kind: 'refused', message: text, reason: refusalReason(text) });
    }
  });
  return verdicts;
}
