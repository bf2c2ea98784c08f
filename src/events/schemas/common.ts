/**
 * Building blocks shared by every RTE event schema: the envelope each event carries and the wire
 * types of the reference's tables.
 *
 * Which fields are required. RTE events are .NET DTOs that gain fields over the years, and a client
 * must keep working against servers older than the reference (the reference's own wire sample of
 * `UserStatus` lacks five fields its table documents). So a field is required only where its absence
 * is not plausible: the envelope every event inherits (except `eventType`, which older servers sent
 * differently and which routing can take from the subscription, and `messageTTLSeconds`, delivery
 * metadata no consumer depends on), and the fields that wire sample
 * carries. Every other field is optional: absent is fine, present with the wrong type is an issue.
 *
 * Which fields may be null. Nullability follows the C# type: value types (`Guid`, numbers, `bool`,
 * `DateTime`, enums) are null only where the reference writes `?`; reference types (`string`,
 * `List<T>`, `Dictionary<,>`) may always be null, as .NET serialises a null reference as `null`.
 *
 * Unknown fields are kept (loose objects), so newer servers' additions reach the caller.
 */
import * as z from 'zod/mini';
import type { RteEntityType } from './values.ts';

/** C# `Guid`: the wire string. */
export const guid = z.string();

/** C# `Guid?`. */
export const nullableGuid = z.nullable(guid);

/** C# `string`: a reference type, so `null` is a valid value. */
export const text = z.nullable(z.string());

/** A C# enum serialised by name (`"Unavailable"`): never null. */
export const enumName = z.string();

/** C# `int`, `long`, `uint`, `short`, `byte`, `float`, or an enum serialised by number. */
export const num = z.number();

/** C# `int?`, `byte?`. */
export const nullableNum = z.nullable(num);

/** C# `bool`. */
export const bool = z.boolean();

/** C# `DateTime`: the wire string, e.g. `2023-10-19T14:21:19.7009158Z`; read it with `parseRteTime`. */
export const dateTime = z.string();

/** C# `DateTime?`. */
export const nullableDateTime = z.nullable(dateTime);

/** C# `Dictionary<string, string>`: keys are data, so they keep the case they arrive in. */
export const dictionary = z.nullable(z.record(z.string(), z.nullable(z.string())));

/** C# `List<T>`. */
export function list<T extends z.ZodMiniType>(item: T): z.ZodMiniNullable<z.ZodMiniArray<T>> {
  return z.nullable(z.array(item));
}

/** A string the reference lists values for (`T`); any other string is accepted too. */
export function oneOf<T extends string>(): z.ZodMiniType<T | (string & {})> {
  return enumName;
}

/** A number the reference lists values for (`T`); any other number is accepted too. */
export function numberOf<T extends number>(): z.ZodMiniType<T | (number & {})> {
  return num;
}

/** Fields every RTE event carries (the service's base event). */
export const envelope = {
  /** Type of the root entity: `Organization`. */
  rootEntityType: z.string(),
  /** Id of the root entity (the organization). */
  rootEntityId: guid,
  /** Event name, e.g. `UserStatus`; older servers sent a number instead. */
  eventType: z.optional(z.union([z.string(), z.number()])),
  /** Type of the entity the event is about: `User`, `Queue` or `CallList`. */
  entityType: oneOf<RteEntityType>(),
  /** Id of the entity the event is about: the user, queue or call list. */
  entityId: guid,
  /** Unique event id. */
  id: guid,
  /** When the event happened (UTC). */
  timestamp: dateTime,
  /** Maximum time in seconds the event is allowed to live. Service metadata, so absence is fine. */
  messageTTLSeconds: z.optional(num),
};
