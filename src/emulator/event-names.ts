import { liveOnlyEventNames } from '../events/live-names.ts';
import { documentedEventNames } from '../events/registry.ts';

/**
 * What `AvailableSubscriptions()` answers by default: the 36 documented event names followed by the
 * names only the live service offers, each in canonical spelling.
 *
 * @example
 * ```ts
 * import { availableEventNames } from 'enreach-rte/emulator';
 *
 * console.log(availableEventNames.includes('QueueStatus')); // true
 * ```
 */
export const availableEventNames: readonly string[] = Object.freeze([
  ...documentedEventNames,
  ...liveOnlyEventNames,
]);

/**
 * The kind of entity an event is about, as the hub reports it in `entityType`: events whose name
 * starts with `Queue` are about queues, `Callback…` about call lists, all others about users.
 *
 * @example
 * ```ts
 * import type { EntityType } from 'enreach-rte/emulator';
 *
 * const kind: EntityType = 'Queue';
 * ```
 */
export type EntityType = 'User' | 'Queue' | 'CallList';

/** The entity type the hub assigns to an event name: `Queue…` → Queue, `Callback…` → CallList, else User. */
export function entityTypeOf(eventName: string): EntityType {
  const lower = eventName.toLowerCase();
  if (lower.startsWith('queue')) return 'Queue';
  if (lower.startsWith('callback')) return 'CallList';
  return 'User';
}

/** The event names a hub accepts, looked up case-insensitively. */
export class EventCatalog {
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
