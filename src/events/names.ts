/**
 * Event names as they arrive: in any case, as documented aliases, as live-only names, or as the
 * numbers older servers sent in `eventType`.
 */

import { canonicalEventName } from './event-names.ts';
import { type LiveOnlyEventName, liveOnlyEventNames } from './live-names.ts';
import type { RteEventName } from './registry.ts';

/**
 * The numbers older servers sent in `eventType` instead of the event name.
 *
 * @example
 * ```ts
 * import { legacyEventTypes } from 'enreach-rte';
 *
 * legacyEventTypes.get(141); // 'UserStatus'
 * ```
 */
export const legacyEventTypes: ReadonlyMap<number, RteEventName | LiveOnlyEventName> = new Map<
  number,
  RteEventName | LiveOnlyEventName
>([
  [1, 'UserAvailability'],
  [10, 'UserCallInComing'],
  [102, 'QueueCallInUserAllocated'],
  [140, 'QueueStatus'],
  [141, 'UserStatus'],
]);

const liveOnlyByLowerCase = new Map<string, string>(
  liveOnlyEventNames.map((name) => [name.toLowerCase(), name]),
);

/**
 * The spelling the SDK uses for an event name: the canonical name of a documented or live-only
 * event whatever its case, otherwise the name unchanged.
 *
 * @example
 * ```ts
 * import { normalizeEventName } from 'enreach-rte';
 *
 * normalizeEventName('queuecallinarrived'); // 'QueueCallInArrived'
 * normalizeEventName('SomethingNew'); // 'SomethingNew'
 * ```
 */
export function normalizeEventName(name: string): string {
  return canonicalEventName(name) ?? liveOnlyByLowerCase.get(name.toLowerCase()) ?? name;
}
