import type { SubscriptionRefusalReason } from '../errors/event-errors.ts';
import { subscriptionKey } from './registry.ts';

/** The hub's verdict on one item of a Subscribe call. */
export type Verdict =
  | { readonly kind: 'subscribed' }
  | { readonly kind: 'refused'; readonly message: string; readonly reason: SubscriptionRefusalReason };

/** Classifies the hub's refusal message (`Invalid EntityId`, `Invalid event name`, `Unauthorized`). */
export function refusalReason(message: string): SubscriptionRefusalReason {
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

const subscribedVerdict: Verdict = Object.freeze({ kind: 'subscribed' });

function verdictOf(item: Record<string, unknown>): Verdict {
  if (field(item, 'subscribed') === true) return subscribedVerdict;
  const message = field(item, 'message');
  const text = typeof message === 'string' && message.length > 0 ? message : 'Refused without a reason';
  return { kind: 'refused', message: text, reason: refusalReason(text) };
}

/** Whether a result names exactly the pair that was sent in its place (the hub lower-cases the name). */
function echoes(raw: unknown, sent: { eventName: string; entityId: string }): raw is Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null) return false;
  const item = raw as Record<string, unknown>;
  const entityId = item.entityId ?? field(item, 'entityId');
  if (entityId !== sent.entityId) return false;
  const eventName = item.eventName ?? field(item, 'eventName');
  return (
    eventName === sent.eventName ||
    (typeof eventName === 'string' &&
      eventName.length === sent.eventName.length &&
      eventName.toLowerCase() === sent.eventName.toLowerCase())
  );
}

/**
 * Reads the SubscriptionResult array a Subscribe call returned, matched back to what was sent by
 * (event name, entity id) — the hub lower-cases the event name — and by position as a fallback.
 * The verdicts are in the order of `sent`; items the hub did not answer for are `undefined`. When
 * every result echoes the pair sent in its place (what the hub does), they are read in place.
 */
export function readSubscribeResults(
  sent: readonly { eventName: string; entityId: string; key: string }[],
  results: unknown,
): (Verdict | undefined)[] {
  const verdicts = new Array<Verdict | undefined>(sent.length).fill(undefined);
  if (!Array.isArray(results)) return verdicts;
  let inPlace = results.length === sent.length;
  for (let index = 0; inPlace && index < sent.length; index++) inPlace = echoes(results[index], sent[index]!);
  if (inPlace) {
    for (let index = 0; index < sent.length; index++)
      verdicts[index] = verdictOf(results[index] as Record<string, unknown>);
    return verdicts;
  }
  const byKey = new Map<string, Record<string, unknown>>();
  for (const raw of results) {
    if (typeof raw !== 'object' || raw === null) continue;
    const item = raw as Record<string, unknown>;
    const eventName = field(item, 'eventName');
    const entityId = field(item, 'entityId');
    if (typeof eventName === 'string' && typeof entityId === 'string')
      byKey.set(subscriptionKey(eventName, entityId), item);
  }
  for (let index = 0; index < sent.length; index++) {
    const item = byKey.get(sent[index]!.key) ?? (results[index] as Record<string, unknown> | undefined);
    if (typeof item === 'object' && item !== null) verdicts[index] = verdictOf(item);
  }
  return verdicts;
}
