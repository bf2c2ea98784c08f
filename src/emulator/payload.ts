import type { EntityType } from '../wire/event-names.ts';
import { eventClass } from './event-defaults.ts';
import { newGuid } from './guid.ts';

const HOSTILE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const camelCache = new Map<string, string>();
const CAMEL_CACHE_LIMIT = 10_000;

function isUpper(char: string): boolean {
  return char !== char.toLowerCase() && char === char.toUpperCase();
}

/**
 * Converts a property name exactly as .NET's `JsonNamingPolicy.CamelCase` does, which is what
 * ASP.NET Core SignalR applies on the wire (`MessageTTLSeconds` → `messageTTLSeconds`, `ID` → `id`).
 */
export function dotnetCamelCase(name: string): string {
  const cached = camelCache.get(name);
  if (cached !== undefined) return cached;
  let result = name;
  if (name.length > 0 && isUpper(name.charAt(0))) {
    const chars = [...name];
    for (let i = 0; i < chars.length; i++) {
      const char = chars[i] as string;
      if (i === 1 && !isUpper(char)) break;
      const next = chars[i + 1];
      if (i > 0 && next !== undefined && !isUpper(next)) {
        if (next === ' ') chars[i] = char.toLowerCase();
        break;
      }
      chars[i] = char.toLowerCase();
    }
    result = chars.join('');
  }
  // Event payloads reuse a small set of names, so the cache stays small in practice.
  if (camelCache.size < CAMEL_CACHE_LIMIT) camelCache.set(name, result);
  return result;
}

/** A deep copy of `value` with every object key camelCased; keys that could reach a prototype are dropped. */
export function camelCaseKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(camelCaseKeys);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const name = dotnetCamelCase(key);
    if (!HOSTILE_KEYS.has(name)) out[name] = camelCaseKeys(item);
  }
  return out;
}

/**
 * A UTC time as System.Text.Json writes a `DateTime`, which is how the hub's own timestamps reach
 * the wire: fractional seconds without trailing zeros, none at all on a whole second.
 */
export function dotnetUtcTimestamp(date: Date): string {
  return date.toISOString().replace(/\.?0+Z$/, 'Z');
}

/** What the hub knows about an event when it fills in the fields a publisher left out. */
export interface EventDefaults {
  readonly eventType: string;
  readonly entityType: EntityType;
  readonly entityId: string;
  readonly organizationId: string;
}

/** How {@link eventData} builds a payload. */
export interface EventDataOptions {
  /** Only the envelope plus the published fields, instead of the whole documented event. */
  readonly partial?: boolean;
}

const lowerCaseNames = new WeakMap<ReadonlyMap<string, unknown>, Map<string, string>>();

/** An event class's property names by their lower-case form, built once per class. */
function declaredByLowerCase(fields: ReadonlyMap<string, unknown>): Map<string, string> {
  let names = lowerCaseNames.get(fields);
  if (names === undefined) {
    names = new Map();
    for (const key of fields.keys()) names.set(key.toLowerCase(), key);
    lowerCaseNames.set(fields, names);
  }
  return names;
}

/**
 * The `data` object of a `MessageReceived` push, as a real server serialises the event class: every
 * documented property in declaration order, the published value where there is one (property names
 * matched case-insensitively) and the .NET default otherwise; the envelope comes from the hub. An
 * event the reference does not document, or a `partial` payload, carries the envelope and the
 * published fields only. Published fields the class does not declare follow its own.
 */
export function eventData(
  data: unknown,
  defaults: EventDefaults,
  options: EventDataOptions = {},
): Record<string, unknown> {
  const given = camelCaseKeys(data ?? {}) as Record<string, unknown>;
  const envelope: Record<string, unknown> = {
    rootEntityType: 'Organization',
    rootEntityId: defaults.organizationId,
    eventType: defaults.eventType,
    entityType: defaults.entityType,
    entityId: defaults.entityId,
    organizationId: defaults.organizationId,
  };
  // A new id and the time of publishing, made only for an event that was not given its own.
  const made = (key: string): unknown =>
    key === 'id' ? newGuid() : key === 'timestamp' ? dotnetUtcTimestamp(new Date()) : envelope[key];
  const fields = options.partial === true ? undefined : eventClass(defaults.eventType);
  if (fields === undefined) {
    // Envelope fields first, in the order the live service sends them; given values win.
    const out: Record<string, unknown> = {
      rootEntityType: envelope.rootEntityType,
      rootEntityId: envelope.rootEntityId,
      eventType: envelope.eventType,
      entityType: envelope.entityType,
      entityId: envelope.entityId,
      ...given,
    };
    if (!('organizationId' in given)) out.organizationId = envelope.organizationId;
    if (!('id' in given)) out.id = made('id');
    if (!('timestamp' in given)) out.timestamp = made('timestamp');
    return out;
  }
  const byLowerCase = declaredByLowerCase(fields);
  const published = new Map<string, unknown>();
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given)) {
    const declared = byLowerCase.get(key.toLowerCase());
    if (declared === undefined) extra[key] = value;
    else published.set(declared, value);
  }
  const out: Record<string, unknown> = {};
  for (const [key, fallback] of fields) {
    out[key] = published.has(key)
      ? published.get(key)
      : key in envelope || key === 'id' || key === 'timestamp'
        ? made(key)
        : fallback;
  }
  return Object.assign(out, extra);
}
