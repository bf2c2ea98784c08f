import { type EntityType, entityTypeOf } from './event-names.ts';
import { newGuid } from './guid.ts';

/**
 * A subscription as the hub reports it in `ActiveSubscriptions()` and in every `MessageReceived`.
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
 * One entry of the array `Subscribe` and `Unsubscribe` return, in the order of the request.
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
 * Everyone subscribed to one (event, entity) pair. The subscription object, and therefore its JSON,
 * is shared by all members, so a push is serialised once whatever the number of recipients.
 */
export class Topic<Member> {
  readonly key: string;
  readonly subscription: Subscription;
  readonly json: string;
  readonly members = new Set<Member>();

  constructor(key: string, subscription: Subscription) {
    this.key = key;
    this.subscription = subscription;
    this.json = JSON.stringify(subscription);
  }
}

/** The lookup key of an (event, entity) pair; both parts compare case-insensitively. */
export function topicKey(eventName: string, entityId: string): string {
  return `${eventName.toLowerCase()}|${entityId.toLowerCase()}`;
}

/** Every topic with at least one member, indexed for publishing. */
export class Topics<Member> {
  readonly #topics = new Map<string, Topic<Member>>();
  readonly #organizationId: string;
  #memberships = 0;

  constructor(organizationId: string) {
    this.#organizationId = organizationId;
  }

  /** How many (member, topic) pairs exist. */
  get memberships(): number {
    return this.#memberships;
  }

  get(key: string): Topic<Member> | undefined {
    return this.#topics.get(key);
  }

  /** Adds `member` to the topic of (eventType, entityId), creating it when needed. */
  join(member: Member, eventType: string, entityId: string): Topic<Member> {
    const key = topicKey(eventType, entityId);
    let topic = this.#topics.get(key);
    if (topic === undefined) {
      topic = new Topic(key, {
        id: newGuid(),
        allRootEntities: false,
        rootEntityId: this.#organizationId,
        rootEntityType: 'Organization',
        organizationId: this.#organizationId,
        eventType,
        entityType: entityTypeOf(eventType),
        entityId,
        allEntities: false,
      });
      this.#topics.set(key, topic);
    }
    if (!topic.members.has(member)) {
      topic.members.add(member);
      this.#memberships++;
    }
    return topic;
  }

  /** Removes `member` from a topic; the topic disappears with its last member. */
  leave(member: Member, topic: Topic<Member>): void {
    if (!topic.members.delete(member)) return;
    this.#memberships--;
    if (topic.members.size === 0) this.#topics.delete(topic.key);
  }

  clear(): void {
    this.#topics.clear();
    this.#memberships = 0;
  }
}
