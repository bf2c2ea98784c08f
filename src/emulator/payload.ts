import type { EntityType } from './event-names.ts';
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

/**
 * The `data` object of a `MessageReceived` push: the publisher's data with camelCase keys, plus the
 * envelope fields every RTE event carries when the publisher did not set them.
 */
export function eventData(data: unknown, defaults: EventDefaults): Record<string, unknown> {
  const given = camelCaseKeys(data ?? {}) as Record<string, unknown>;
  // Envelope fields first, in the order the live service sends them; given values win.
  const out: Record<string, unknown> = {
    rootEntityType: 'Organization',
    rootEntityId: defaults.organizationId,
    eventType: defaults.eventType,
    entityType: defaults.entityType,
    entityId: defaults.entityId,
    ...given,
  };
  if (!('organizationId' in given)) out.organizationId = defaults.organizationId;
  if (!('id' in given)) out.id = newGuid();
  if (!('timestamp' in given)) out.timestamp = dotnetUtcTimestamp(new Date());
  return out;
}
