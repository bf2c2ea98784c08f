/**
 * Decoding: where an RTE frame becomes a typed, validated event. Never throws, whatever arrives.
 */
import * as z from 'zod/mini';
import { issuesFromSchema, messageIssue, type ValidationIssue } from './issues.ts';
import { camelCaseKeys } from './keys.ts';
import { legacyEventTypes, normalizeEventName } from './names.ts';
import { type Reader, type ReadState, readerFor } from './reader.ts';
import { type RteEventMap, type RteEventName, rteEventSchemas } from './registry.ts';

/**
 * How payloads are checked against their schemas.
 * - `'lenient'`: issues are reported and the event is still delivered (`valid: true`).
 * - `'strict'`: an event with issues is marked `valid: false`, to be withheld.
 * - `'off'`: no schema checks; keys are still normalised to camelCase.
 *
 * @example
 * ```ts
 * import type { Validation } from 'enreach-rte';
 * import { decodeMessage } from 'enreach-rte/events';
 *
 * const validation: Validation = 'strict';
 * const decoded = decodeMessage(message, validation);
 * ```
 */
export type Validation = 'strict' | 'lenient' | 'off';

/**
 * The subscription an event arrived for, as the hub describes it (keys in camelCase). Values are
 * passed on as received, not validated.
 *
 * @example
 * ```ts
 * import type { RteSubscription } from 'enreach-rte';
 * import { decodeMessage } from 'enreach-rte/events';
 *
 * const { subscription } = decodeMessage(message, 'lenient');
 * console.log(subscription.entityId, subscription.eventType);
 * ```
 */
export interface RteSubscription {
  /** Subscription id. */
  readonly id?: string;
  /** Id of the subscribed entity (user, queue or call list). */
  readonly entityId?: string;
  /** Type of the subscribed entity: `User`, `Queue` or `CallList`. */
  readonly entityType?: string;
  /** Subscribed event name. */
  readonly eventType?: string;
  /** Subscribed event name, as the C# client model names it. */
  readonly eventName?: string;
  /** Organization id. */
  readonly organizationId?: string;
  /** Root entity id. */
  readonly rootEntityId?: string;
  /** Root entity type, e.g. `Organization`. */
  readonly rootEntityType?: string;
  /** Whether the subscription covers all root entities. */
  readonly allRootEntities?: boolean;
  /** Whether the subscription covers all entities. */
  readonly allEntities?: boolean;
  readonly [key: string]: unknown;
}

/** Fields every decoded event has, known or not. */
interface DecodedFields {
  /** Problems found: with the message itself, or (unless validation is `'off'`) with `data`. */
  readonly issues: readonly ValidationIssue[];
  /**
   * `false` when the event must not be delivered: the message was malformed (no data object), or
   * validation is `'strict'` and `issues` is not empty.
   */
  readonly valid: boolean;
}

/**
 * A decoded event the SDK has a schema for. With issues under `'lenient'` validation, the fields
 * the issues name may hold values of other types than `data`'s type says.
 *
 * @example
 * ```ts
 * import type { KnownDecodedEvent } from 'enreach-rte';
 * import { decodeEvent } from 'enreach-rte/events';
 *
 * const decoded = decodeEvent('UserStatus', payload, 'lenient');
 * if (decoded.known && decoded.name === 'UserStatus') {
 *   const status: KnownDecodedEvent<'UserStatus'> = decoded;
 *   console.log(status.data.canBeAllocatedTo);
 * }
 * ```
 */
export interface KnownDecodedEvent<N extends RteEventName = RteEventName> extends DecodedFields {
  /** Canonical event name. */
  readonly name: N;
  /** The SDK has a schema for this event: `data` is typed. */
  readonly known: true;
  /** The payload with camelCase keys; unknown extra fields kept. */
  readonly data: RteEventMap[N];
}

/**
 * A decoded event the SDK has no schema for (or a malformed message): its payload, untyped.
 *
 * @example
 * ```ts
 * import type { UnknownDecodedEvent } from 'enreach-rte';
 * import { decodeEvent } from 'enreach-rte/events';
 *
 * const decoded = decodeEvent('QueueCallInArrived', payload, 'lenient');
 * if (!decoded.known) console.log(decoded.name, decoded.data);
 * ```
 */
export interface UnknownDecodedEvent extends DecodedFields {
  /**
   * The event name in canonical spelling when the SDK knows it, else as received; `''` when no
   * name could be found (in the payload, the subscription or a legacy number).
   */
  readonly name: string;
  /** The SDK has no schema for this event: `data` is the payload as received, keys in camelCase. */
  readonly known: false;
  /** The payload with camelCase keys, as received otherwise; `{}` when the message had none. */
  readonly data: Record<string, unknown>;
}

/**
 * The result of {@link decodeEvent}: narrow on `known`, then on `name`.
 *
 * @example
 * ```ts
 * import type { DecodedEvent } from 'enreach-rte';
 * import { decodeEvent } from 'enreach-rte/events';
 *
 * const decoded: DecodedEvent = decodeEvent('QueueStatus', payload, 'lenient');
 * if (decoded.known && decoded.name === 'QueueStatus') console.log(decoded.data.nbrOfQueuingRequesters);
 * ```
 */
export type DecodedEvent = { [N in RteEventName]: KnownDecodedEvent<N> }[RteEventName] | UnknownDecodedEvent;

/** Fields a decoded message adds to its event. */
interface MessageFields {
  /** The subscription the event arrived for (keys in camelCase); `{}` when the message had none. */
  readonly subscription: RteSubscription;
  /** The `MessageReceived` argument exactly as it arrived. */
  readonly raw: unknown;
}

/**
 * A decoded `MessageReceived` frame of a documented event.
 *
 * @example
 * ```ts
 * import type { KnownDecodedMessage } from 'enreach-rte';
 * import { decodeMessage } from 'enreach-rte/events';
 *
 * const onStatus = (message: KnownDecodedMessage<'UserStatus'>) => console.log(message.data.talking);
 * ```
 */
export interface KnownDecodedMessage<N extends RteEventName = RteEventName>
  extends KnownDecodedEvent<N>,
    MessageFields {}

/**
 * A decoded `MessageReceived` frame of an event without a schema, or a malformed one.
 *
 * @example
 * ```ts
 * import type { UnknownDecodedMessage } from 'enreach-rte';
 * import { decodeMessage } from 'enreach-rte/events';
 *
 * const decoded = decodeMessage(message, 'lenient');
 * if (!decoded.known) console.log(`untyped ${decoded.name}`, decoded.data);
 * ```
 */
export interface UnknownDecodedMessage extends UnknownDecodedEvent, MessageFields {}

/**
 * The result of {@link decodeMessage}: narrow on `known`, then on `name`.
 *
 * @example
 * ```ts
 * import type { DecodedMessage } from 'enreach-rte';
 * import { decodeMessage } from 'enreach-rte/events';
 *
 * const decoded: DecodedMessage = decodeMessage(message, 'lenient');
 * if (decoded.known && decoded.name === 'UserStatus') console.log(decoded.data.canBeAllocatedTo);
 * ```
 */
export type DecodedMessage =
  | { [N in RteEventName]: KnownDecodedMessage<N> }[RteEventName]
  | UnknownDecodedMessage;

/**
 * The decoded message type for an event name: typed for documented names, untyped for any other.
 *
 * @example
 * ```ts
 * import type { DecodedMessageFor } from 'enreach-rte';
 *
 * type Status = DecodedMessageFor<'UserStatus'>; // KnownDecodedMessage<'UserStatus'>
 * type Other = DecodedMessageFor<'QueueCallInArrived'>; // UnknownDecodedMessage
 * ```
 */
export type DecodedMessageFor<N extends string> = N extends RteEventName
  ? KnownDecodedMessage<N>
  : UnknownDecodedMessage;

/** Shared by every result without issues. */
export const noIssues: readonly ValidationIssue[] = Object.freeze([]);

/**
 * Decodes one `MessageReceived` argument (`{ subscription, data }`, keys in either case) into a
 * typed event. Never throws: a malformed message yields an issue and `valid: false`.
 *
 * The event name comes from `data.eventType` when it is a string; otherwise (missing, or a number
 * from an older server) from the subscription's `eventType` or `eventName`; otherwise from the
 * legacy number ({@link legacyEventTypes}); otherwise it is `''`.
 *
 * Keys are camelCased everywhere except inside dictionaries (whose keys are data), and
 * `__proto__`, `constructor` and `prototype` keys are dropped. `data` is always a fresh copy.
 *
 * @example
 * ```ts
 * import { decodeMessage } from 'enreach-rte/events';
 *
 * connection.on('MessageReceived', (message: unknown) => {
 *   const decoded = decodeMessage(message, 'lenient');
 *   for (const issue of decoded.issues) console.warn(issue.path.join('.'), issue.message);
 *   if (decoded.known && decoded.name === 'UserStatus') console.log(decoded.data.canBeAllocatedTo);
 * });
 * ```
 */
export function decodeMessage(message: unknown, validation: Validation): DecodedMessage {
  try {
    return decodeMessageUnguarded(message, validation);
  } catch (error) {
    return unreadable(message, error);
  }
}

/**
 * The answer for a message whose reading threw (getters that throw, cycles, nesting deeper than
 * the stack): still an answer, never a throw.
 */
export function unreadable(message: unknown, error: unknown): DecodedMessage {
  return {
    name: '',
    known: false,
    data: {},
    subscription: {},
    raw: message,
    issues: [messageIssue('', `message could not be read (${errorName(error)})`, message)],
    valid: false,
  };
}

/**
 * Decodes the data of one event, given its name (any case, documented alias or live-only name).
 * Never throws.
 *
 * @example
 * ```ts
 * import { decodeEvent } from 'enreach-rte/events';
 *
 * const decoded = decodeEvent('userstatus', { UserId: 'aa97…', CanBeAllocatedTo: true }, 'off');
 * // decoded.name === 'UserStatus', decoded.data.canBeAllocatedTo === true
 * ```
 */
export function decodeEvent(name: string, data: unknown, validation: Validation): DecodedEvent {
  const eventName = normalizeEventName(name);
  try {
    if (!isRecord(data)) {
      return {
        name: eventName,
        known: false,
        data: {},
        issues: [messageIssue(eventName, 'data is not an object', data)],
        valid: false,
      };
    }
    const entry = schemaEntries.get(eventName);
    if (entry === undefined) {
      return { name: eventName, known: false, data: untyped(data), issues: noIssues, valid: true };
    }
    const decoded = readData(entry, data);
    const issues = issuesOf(entry, eventName, decoded, validation);
    return {
      name: eventName,
      known: true,
      data: decoded,
      issues,
      valid: isDeliverable(issues, validation),
    } as DecodedEvent;
  } catch (error) {
    return {
      name: eventName,
      known: false,
      data: {},
      issues: [messageIssue(eventName, `data could not be read (${errorName(error)})`, data)],
      valid: false,
    };
  }
}

function decodeMessageUnguarded(message: unknown, validation: Validation): DecodedMessage {
  if (!isRecord(message)) {
    return malformed('', {}, message, 'message is not an object', message);
  }
  const rawSubscription = either(message, 'subscription', 'Subscription');
  const subscription = (isRecord(rawSubscription) ? camelCaseKeys(rawSubscription) : {}) as RteSubscription;
  const rawData = either(message, 'data', 'Data');
  const name = routeName(rawData, subscription);
  if (!isRecord(rawData)) {
    return malformed(name, subscription, message, 'message has no data object', rawData);
  }
  const entry = schemaEntries.get(name);
  if (entry === undefined) {
    return {
      name,
      known: false,
      data: untyped(rawData),
      subscription,
      raw: message,
      issues: noIssues,
      valid: true,
    };
  }
  const data = readData(entry, rawData);
  const issues = issuesOf(entry, name, data, validation);
  const valid = isDeliverable(issues, validation);
  return { name, known: true, data, subscription, raw: message, issues, valid } as DecodedMessage;
}

/** Per canonical name: the schema and, once built, its reader (null when the schema has none). */
export interface SchemaEntry {
  readonly schema: z.ZodMiniType;
  reader: Reader | null | undefined;
}

/** The entry of every documented event, by canonical name. */
export const schemaEntries: ReadonlyMap<string, SchemaEntry> = new Map<string, SchemaEntry>(
  Object.entries(rteEventSchemas).map(([name, schema]) => [name, { schema, reader: undefined }]),
);

// Decoding is synchronous and readers never re-enter it, so one state object serves every call.
const state: ReadState = { ok: true };

/** The payload copied in camelCase; `state.ok` then tells whether it matched the schema. */
export function readData(entry: SchemaEntry, rawData: Record<string, unknown>): Record<string, unknown> {
  if (entry.reader === undefined) entry.reader = readerFor(entry.schema) ?? null;
  state.ok = true;
  if (entry.reader) return entry.reader(rawData, state) as Record<string, unknown>;
  state.ok = false;
  return untyped(rawData);
}

/** Issues of the data `readData` just returned. */
export function issuesOf(
  entry: SchemaEntry,
  name: string,
  data: Record<string, unknown>,
  validation: Validation,
): readonly ValidationIssue[] {
  if (state.ok || validation === 'off') return noIssues;
  const result = z.safeParse(entry.schema, data);
  return result.success ? noIssues : issuesFromSchema(name, result.error.issues, data);
}

export function isDeliverable(issues: readonly ValidationIssue[], validation: Validation): boolean {
  return validation !== 'strict' || issues.length === 0;
}

export function untyped(data: Record<string, unknown>): Record<string, unknown> {
  return camelCaseKeys(data) as Record<string, unknown>;
}

function routeName(data: unknown, subscription: RteSubscription): string {
  const eventType = isRecord(data) ? either(data, 'eventType', 'EventType') : undefined;
  if (typeof eventType === 'string' && eventType !== '') return normalizeEventName(eventType);
  const { eventType: subscribedType, eventName: subscribedName } = subscription as Record<string, unknown>;
  if (typeof subscribedType === 'string' && subscribedType !== '') return normalizeEventName(subscribedType);
  if (typeof subscribedName === 'string' && subscribedName !== '') return normalizeEventName(subscribedName);
  const legacy = typeof eventType === 'number' ? eventType : subscribedType;
  return (typeof legacy === 'number' && legacyEventTypes.get(legacy)) || '';
}

export function malformed(
  name: string,
  subscription: RteSubscription,
  message: unknown,
  problem: string,
  offending: unknown,
): UnknownDecodedMessage {
  return {
    name,
    known: false,
    data: {},
    subscription,
    raw: message,
    issues: [messageIssue(name, problem, offending)],
    valid: false,
  };
}

/** The value under the camelCase key (the wire form), else under the PascalCase one. */
export function either(record: Record<string, unknown>, camel: string, pascal: string): unknown {
  const value = record[camel];
  return value !== undefined ? value : record[pascal];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
