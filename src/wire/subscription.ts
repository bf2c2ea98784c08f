/**
 * The shapes the hub's subscription methods put on the wire, in ASP.NET Core's camelCase and
 * property order, and the identity both sides give a subscribed (event, entity) pair.
 */
import type { EntityType } from './event-names.ts';
import { entityKey } from './guid.ts';

/**
 * A subscription as the hub reports it in `ActiveSubscriptions()` and in every `MessageReceived`,
 * properties in wire order.
 *
 * @example
 * ```ts
 * import type { Subscription } from 'enreach-rte/emulator';
 *
 * function describe(subscription: Subscription): string {
 *   return `${subscription.eventType} of ${subscription.entityType} ${subscription.entityId}`;
 * }
 * ```
 */
export interface Subscription {
  /** Subscription id, shared by every connection subscribed to the same pair. */
  readonly id: string;
  /** Always `false`: subscriptions are per entity. */
  readonly allRootEntities: false;
  /** The organization of the subscriber. */
  readonly rootEntityId: string;
  /** Always `Organization`. */
  readonly rootEntityType: 'Organization';
  /** The organization of the subscriber. */
  readonly organizationId: string;
  /** Canonical event name. */
  readonly eventType: string;
  /** What the entity is: `User`, `Queue` or `CallList`, from the event name. */
  readonly entityType: EntityType;
  /** Entity id in .NET's serialised form (lower-case). */
  readonly entityId: string;
  /** Always `false`: subscriptions are per entity. */
  readonly allEntities: false;
}

/**
 * One entry of the array `Subscribe` and `Unsubscribe` return, in the order of the request,
 * properties in wire order.
 *
 * @example
 * ```ts
 * import type { SubscriptionResult } from 'enreach-rte/emulator';
 *
 * const ok: SubscriptionResult = {
 *   subscribed: true,
 *   message: null,
 *   entityId: 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3',
 *   eventName: 'queuestatus',
 * };
 * ```
 */
export interface SubscriptionResult {
  /** Whether the pair is subscribed now. */
  readonly subscribed: boolean;
  /** `null` on success, otherwise `"Invalid EntityId"`, `"Invalid event name"` or `"Unauthorized"`. */
  readonly message: string | null;
  /** The entity id exactly as the client sent it. */
  readonly entityId: unknown;
  /** The event name as sent, lower-cased. */
  readonly eventName: string | null;
}

/**
 * The messages a hub refuses a subscription item with, checked in this order.
 *
 * @example
 * ```ts
 * import { SubscriptionRefusal } from 'enreach-rte/wire';
 *
 * const badId = (message: string | null) => message === SubscriptionRefusal.InvalidEntityId;
 * ```
 */
export const SubscriptionRefusal = {
  /** The entity id is not a GUID .NET can parse. */
  InvalidEntityId: 'Invalid EntityId',
  /** The event name is not in the hub's catalog. */
  InvalidEventName: 'Invalid event name',
  /** The user may not subscribe to this entity. */
  Unauthorized: 'Unauthorized',
} as const;

/**
 * The result the hub returns for one item, built in wire property order.
 *
 * @example
 * ```ts
 * import { subscriptionResult } from 'enreach-rte/wire';
 *
 * JSON.stringify(subscriptionResult(false, 'Invalid EntityId', 'x', 'UserStatus'));
 * // '{"subscribed":false,"message":"Invalid EntityId","entityId":"x","eventName":"userstatus"}'
 * ```
 */
export function subscriptionResult(
  subscribed: boolean,
  message: string | null,
  entityId: unknown,
  eventName: unknown,
): SubscriptionResult {
  return {
    subscribed,
    message,
    entityId,
    eventName: typeof eventName === 'string' ? eventName.toLowerCase() : null,
  };
}

/**
 * The identity of an (event name, entity id) pair as the hub gives it: event names compare
 * case-insensitively, entity ids as GUIDs (every format .NET parses names the same entity); an id
 * that is not a GUID compares case-insensitively as text.
 *
 * @example
 * ```ts
 * import { subscriptionKey } from 'enreach-rte/wire';
 *
 * subscriptionKey('QueueStatus', '{C9EEB030-FF4B-EA11-AC9C-00155D4FDCF3}') ===
 *   subscriptionKey('queuestatus', 'c9eeb030ff4bea11ac9c00155d4fdcf3'); // true
 * ```
 */
export function subscriptionKey(eventName: string, entityId: string): string {
  return `${eventName.toLowerCase()}\u0000${entityKey(entityId)}`;
}
