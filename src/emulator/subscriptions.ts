import { entityTypeOf } from '../wire/event-names.ts';
import type { Subscription } from '../wire/subscription.ts';
import { subscriptionKey } from '../wire/subscription.ts';
import { newGuid } from './guid.ts';

export type { Subscription, SubscriptionResult } from '../wire/subscription.ts';

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

/** The lookup key of an (event, entity) pair: the wire contract's, the one the SDK keys pairs by. */
export const topicKey = subscriptionKey;

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
