/**
 * What a real RTE server puts in an event it pushes: the whole event class, every property the
 * publisher did not set holding its .NET default. The properties, their order and their types come
 * from the SDK's schema registry and the reference's documented examples, not from a list kept here.
 */
import type * as z from 'zod/mini';
import { rteEventSchemas } from '../events/registry.ts';
import { dateTime, enumName, guid } from '../events/schemas/common.ts';
import { EMPTY_GUID } from '../wire/guid.ts';
import examples from './documented-examples.json' with { type: 'json' };

/** .NET's `default(DateTime)` as System.Text.Json writes it. */
export const DOTNET_MIN_DATE = '0001-01-01T00:00:00';

/** Fields every event gets from the hub, not from a default. */
const ENVELOPE = new Set([
  'rootEntityType',
  'rootEntityId',
  'eventType',
  'entityType',
  'entityId',
  'id',
  'timestamp',
]);

interface SchemaDef {
  readonly type: string;
  readonly innerType?: z.ZodMiniType;
  readonly shape?: Record<string, z.ZodMiniType>;
}

function defOf(schema: z.ZodMiniType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

/** The .NET default of a property of this schema: non-nullable value types have one, everything else is null. */
function dotnetDefault(schema: z.ZodMiniType, documented: unknown): unknown {
  let inner = schema;
  while (defOf(inner).type === 'optional') inner = defOf(inner).innerType as z.ZodMiniType;
  if (inner === guid) return EMPTY_GUID;
  if (inner === dateTime) return DOTNET_MIN_DATE;
  // An enum is never null; its default is the value the documented example shows. Without an
  // example the name of value 0 is unknown, and .NET writes an unnamed enum value as its number.
  if (inner === enumName) return typeof documented === 'string' ? documented : '0';
  switch (defOf(inner).type) {
    case 'number':
      return 0;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

const camel = (key: string): string => key.charAt(0).toLowerCase() + key.slice(1);

/** One event class: property names (wire casing) in declaration order with their defaults. */
export type EventClass = ReadonlyMap<string, unknown>;

function buildClass(name: string, schema: z.ZodMiniType): EventClass {
  const shape = defOf(schema).shape ?? {};
  const example = (examples.events as Record<string, Record<string, unknown> | undefined>)[name];
  // Declaration order is the documented example's; an event without one keeps the schema's, envelope first.
  const order =
    example !== undefined
      ? Object.keys(example).map(camel)
      : [
          ...['rootEntityType', 'rootEntityId', 'eventType', 'entityType', 'entityId'],
          ...Object.keys(shape).filter((key) => !ENVELOPE.has(key) && key !== 'messageTTLSeconds'),
          'id',
          'timestamp',
        ];
  const documented = new Map(Object.entries(example ?? {}).map(([key, value]) => [camel(key), value]));
  const fields = new Map<string, unknown>();
  for (const key of order) {
    const property = shape[key];
    if (key === 'messageTTLSeconds') {
      // Set by each event class's constructor; the documented examples show it.
      if (documented.has(key)) fields.set(key, documented.get(key));
      continue;
    }
    fields.set(key, property === undefined ? null : dotnetDefault(property, documented.get(key)));
  }
  return fields;
}

const classes = new Map<string, EventClass>(
  Object.entries(rteEventSchemas).map(([name, schema]) => [name, buildClass(name, schema as z.ZodMiniType)]),
);

/** The class of a documented event (canonical name), or `undefined` for an event the reference does not document. */
export function eventClass(eventName: string): EventClass | undefined {
  return classes.get(eventName);
}
