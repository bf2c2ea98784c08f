/**
 * The documented event names and their spellings, kept apart from the schemas so that routing a
 * frame by name needs neither zod nor the schemas. A type check at the end keeps both the same set.
 */
import type { RteEventName } from './registry.ts';

const names = [
  'UserAlert',
  'UserAvailability',
  'UserCallAvailableForMonitoring',
  'UserCallInArrived',
  'UserCallInCallbackCreated',
  'UserCallInComing',
  'UserCallInDisconnected',
  'UserCallInHoldEnd',
  'UserCallInHoldStart',
  'UserCallInOverflow',
  'UserCallInRecordingConverted',
  'UserCallInTransferCancelled',
  'UserCallInTransferConnected',
  'UserCallInTransferStarted',
  'UserCallInUserAllocated',
  'UserCallInUserCancelled',
  'UserCallInUserConnected',
  'UserCallInUserOverflow',
  'UserCallOutConnected',
  'UserCallOutDisconnected',
  'UserCallOutGoing',
  'UserCallOutHoldEnd',
  'UserCallOutHoldStart',
  'UserCallOutRecordingConverted',
  'UserRealTimeTranscriptPhrase',
  'UserSetting',
  'UserStatus',
  'UserSupervisionStatus',
  'UserTerminalStatus',
  'UserWrapUpEnabled',
  'UserWrapUpRequestInitiate',
  'UserWrapUpRequestTerminate',
  'UserWrapUpStarted',
  'UserWrapUpTerminated',
  'QueueStatus',
  'CallbackChanged',
] as const;

/**
 * The canonical names of all documented events, in the reference's order.
 *
 * @example
 * ```ts
 * import { documentedEventNames } from 'enreach-rte';
 *
 * console.log(documentedEventNames.length); // 36
 * ```
 */
export const documentedEventNames: readonly RteEventName[] = Object.freeze(names);

const documented: ReadonlySet<string> = new Set(documentedEventNames);

/** Other spellings the reference uses for an event. */
const aliases: Readonly<Record<string, RteEventName>> = { UserTerminalStatusEvent: 'UserTerminalStatus' };

const namesByLowerCase = new Map<string, RteEventName>([
  ...documentedEventNames.map((name) => [name.toLowerCase(), name] as const),
  ...Object.entries(aliases).map(([alias, name]) => [alias.toLowerCase(), name] as const),
]);

/**
 * The canonical name of a documented event, whatever its case or documented alias; `undefined` for
 * names the reference does not document. The server itself is case-insensitive and answers
 * lower-cased names (`queuestatus`).
 *
 * @example
 * ```ts
 * import { canonicalEventName } from 'enreach-rte';
 *
 * canonicalEventName('userstatus'); // 'UserStatus'
 * canonicalEventName('UserCallIncoming'); // 'UserCallInComing'
 * canonicalEventName('UserTerminalStatusEvent'); // 'UserTerminalStatus'
 * canonicalEventName('QueueCallInArrived'); // undefined
 * ```
 */
export function canonicalEventName(name: string): RteEventName | undefined {
  if (documented.has(name)) return name as RteEventName;
  return namesByLowerCase.get(name.toLowerCase());
}

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
// The names live apart from the schemas; they must be the same set.
type _NamesMatchSchemas = Assert<Equals<(typeof names)[number], RteEventName>>;
