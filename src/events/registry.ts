/**
 * The event registry: every documented RTE event name and its schema. Event types, the list of
 * names and name lookups all derive from it, so a new event is one schema entry in its domain file.
 */
import type * as z from 'zod/mini';
import type { LiveOnlyEventName } from './live-names.ts';
import { callbackEventSchemas, callbackHelperSchemas } from './schemas/callback.ts';
import { queueEventSchemas, queueHelperSchemas } from './schemas/queue.ts';
import { userEventSchemas } from './schemas/user.ts';

/**
 * Schema of every event the RTE reference documents, by canonical event name.
 *
 * @example
 * ```ts
 * import { rteEventSchemas } from 'enreach-rte/events';
 * import * as z from 'zod/mini';
 *
 * const result = z.safeParse(rteEventSchemas.QueueStatus, payload);
 * ```
 */
export const rteEventSchemas = { ...userEventSchemas, ...queueEventSchemas, ...callbackEventSchemas };

/**
 * Schema of every type the reference documents besides events (the items of `CallbackChanged`'s
 * lists, and queue members and groups).
 *
 * @example
 * ```ts
 * import { rteHelperSchemas } from 'enreach-rte/events';
 * import * as z from 'zod/mini';
 *
 * const ok = z.safeParse(rteHelperSchemas.CallbackAttempt, attempt).success;
 * ```
 */
export const rteHelperSchemas = { ...queueHelperSchemas, ...callbackHelperSchemas };

/**
 * Canonical name of a documented RTE event, e.g. `UserStatus`.
 *
 * @example
 * ```ts
 * import type { RteEventName } from 'enreach-rte';
 *
 * const name: RteEventName = 'QueueStatus';
 * ```
 */
export type RteEventName = keyof typeof rteEventSchemas;

/**
 * Event name → event data, as decoded (camelCase keys; unknown extra fields kept).
 *
 * @example
 * ```ts
 * import type { RteEventMap } from 'enreach-rte';
 *
 * const canTakeCalls = (status: RteEventMap['UserStatus']) => status.canBeAllocatedTo && !status.talking;
 * ```
 */
export type RteEventMap = { [N in keyof typeof rteEventSchemas]: z.output<(typeof rteEventSchemas)[N]> };

/**
 * Name of a documented type that is not an event, e.g. `CallbackAttempt`.
 *
 * @example
 * ```ts
 * import type { RteHelperName } from 'enreach-rte';
 *
 * const name: RteHelperName = 'CallbackExtra';
 * ```
 */
export type RteHelperName = keyof typeof rteHelperSchemas;

/**
 * Documented type name → its decoded shape.
 *
 * @example
 * ```ts
 * import type { RteHelperMap } from 'enreach-rte';
 *
 * const label = (extra: RteHelperMap['CallbackExtra']) => `${extra.name}: ${extra.value}`;
 * ```
 */
export type RteHelperMap = { [N in keyof typeof rteHelperSchemas]: z.output<(typeof rteHelperSchemas)[N]> };

/**
 * The data type of an event name: typed for documented events, a plain record for any other name.
 *
 * @example
 * ```ts
 * import type { RteEventData } from 'enreach-rte';
 *
 * type Status = RteEventData<'UserStatus'>; // typed
 * type Other = RteEventData<'QueueCallInArrived'>; // Record<string, unknown>
 * ```
 */
export type RteEventData<N extends string> = N extends RteEventName
  ? RteEventMap[N]
  : Record<string, unknown>;

export { canonicalEventName, documentedEventNames } from './event-names.ts';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
type NamesOf<T> = keyof T & string;

// Spreading the domain maps would silently let one event shadow another: their names must be disjoint.
type _DomainsAreDisjoint = Assert<
  Equals<
    | (NamesOf<typeof userEventSchemas> & NamesOf<typeof queueEventSchemas>)
    | (NamesOf<typeof userEventSchemas> & NamesOf<typeof callbackEventSchemas>)
    | (NamesOf<typeof queueEventSchemas> & NamesOf<typeof callbackEventSchemas>),
    never
  >
>;
// A live-only name that became documented must leave that list, or it would be routed untyped.
type _LiveOnlyNamesAreUndocumented = Assert<Equals<LiveOnlyEventName & RteEventName, never>>;
