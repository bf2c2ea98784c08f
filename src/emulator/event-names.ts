import { hubEventNames } from '../wire/event-names.ts';

export { type EntityType, EventCatalog, entityTypeOf } from '../wire/event-names.ts';

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
export const availableEventNames: readonly string[] = hubEventNames;
