/**
 * Event names as the hub sees them: the catalog `AvailableSubscriptions()` answers, matched
 * case-insensitively (`SubscriptionResult.eventName` comes back lower-cased), and the spellings the
 * reference uses that the hub does not accept, which a client must translate before subscribing.
 */

import { canonicalEventName, documentedEventNames } from '../events/event-names.ts';
import { liveOnlyEventNames } from '../events/live-names.ts';

/**
 * What `AvailableSubscriptions()` answers: the documented event names followed by the names only
 * the live service offers, each in canonical spelling.
 *
 * @example
 * ```ts
 * import { hubEventNames } from 'enreach-rte/wire';
 *
 * console.log(hubEventNames.includes('QueueCallInComing')); // true
 * ```
 */
export const hubEventNames: readonly string[] = Object.freeze([
  ...documentedEventNames,
  ...liveOnlyEventNames,
]);

/**
 * The kind of entity an event is about, as the hub reports it in `entityType`.
 *
 * @example
 * ```ts
 * import type { EntityType } from 'enreach-rte/emulator';
 *
 * const kind: EntityType = 'Queue';
 * ```
 */
export type EntityType = 'User' | 'Queue' | 'CallList';

/**
 * The entity type the hub assigns to an event name: `Queue…` → Queue, `Callback…` → CallList, else User.
 *
 * @example
 * ```ts
 * import { entityTypeOf } from 'enreach-rte/wire';
 *
 * entityTypeOf('CallbackChanged'); // 'CallList'
 * ```
 */
export function entityTypeOf(eventName: string): EntityType {
  const lower = eventName.toLowerCase();
  if (lower.startsWith('queue')) return 'Queue';
  if (lower.startsWith('callback')) return 'CallList';
  return 'User';
}

/**
 * The event names a hub accepts, looked up as the hub does: ordinal, case-insensitive, no aliases.
 *
 * @example
 * ```ts
 * import { EventCatalog, hubEventNames } from 'enreach-rte/wire';
 *
 * const catalog = new EventCatalog(hubEventNames);
 * catalog.canonical('queuestatus'); // 'QueueStatus'
 * catalog.canonical('UserTerminalStatusEvent'); // undefined: the hub refuses it
 * ```
 */
export class EventCatalog {
  /** Every accepted name in canonical spelling, in the order `AvailableSubscriptions()` lists them. */
  readonly names: readonly string[];
  readonly #canonical = new Map<string, string>();

  constructor(names: readonly string[]) {
    this.names = Object.freeze([...names]);
    for (const name of this.names) {
      const key = name.toLowerCase();
      if (!this.#canonical.has(key)) this.#canonical.set(key, name);
    }
  }

  /** The canonical spelling of `name`, or `undefined` when the hub does not offer it. */
  canonical(name: unknown): string | undefined {
    return typeof name === 'string' ? this.#canonical.get(name.toLowerCase()) : undefined;
  }
}

/**
 * The catalog of the RTE hub with its default names.
 *
 * @example
 * ```ts
 * import { hubCatalog } from 'enreach-rte/wire';
 *
 * hubCatalog.canonical('USERSTATUS'); // 'UserStatus'
 * ```
 */
export const hubCatalog: EventCatalog = new EventCatalog(hubEventNames);

/**
 * The name a client sends to the hub for an event the app named: the reference's other spellings
 * (`UserTerminalStatusEvent`) become the hub's name, any other known name its canonical spelling,
 * and an unknown name is sent as given (the hub answers `Invalid event name`).
 *
 * @example
 * ```ts
 * import { wireEventName } from 'enreach-rte/wire';
 *
 * wireEventName('UserTerminalStatusEvent'); // 'UserTerminalStatus'
 * wireEventName('queuecallincoming'); // 'QueueCallInComing'
 * ```
 */
export function wireEventName(name: string): string {
  return canonicalEventName(name) ?? hubCatalog.canonical(name) ?? name;
}
