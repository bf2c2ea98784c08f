/**
 * Key casing for RTE payloads.
 *
 * ASP.NET Core SignalR serialises C# properties in camelCase, the published reference writes them
 * in PascalCase, and some deployments have sent either. Everything the SDK hands out is camelCase,
 * produced by the same rule .NET's `JsonNamingPolicy.CamelCase` uses, so a field has one name
 * whichever way it arrived.
 */

const HOSTILE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Converts one property name the way .NET's `JsonNamingPolicy.CamelCase` does: the leading run of
 * upper-case letters is lowered, except the last one when it starts the next word
 * (`MessageTTLSeconds` → `messageTTLSeconds`, `WSSEndpoint` → `wssEndpoint`, `ID` → `id`).
 */
export function toCamelCase(key: string): string {
  const first = key.charCodeAt(0);
  // Fast path: already camelCase (the wire case), or not starting with A-Z.
  if (!(first >= 65 && first <= 90)) return key;
  let end = 1;
  while (end < key.length) {
    const code = key.charCodeAt(end);
    if (!(code >= 65 && code <= 90)) break;
    const next = key.charCodeAt(end + 1);
    // "TTLSeconds": keep the "S" that begins "Seconds".
    if (end + 1 < key.length && next >= 97 && next <= 122) break;
    end++;
  }
  return key.slice(0, end).toLowerCase() + key.slice(end);
}

/** True for keys that could reach a prototype if copied naively (`__proto__`, `constructor`, `prototype`). */
export function isHostileKey(key: string): boolean {
  return HOSTILE_KEYS.has(key);
}

/**
 * Returns a deep copy of `value` with every object key in camelCase. Hostile keys are dropped, so
 * the copy cannot reach `Object.prototype`. Arrays and primitives are copied structurally.
 *
 * Objects whose keys are already camelCase still get a fresh copy: the caller owns the result.
 */
export function camelCaseKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = camelCaseKeys(value[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const name = toCamelCase(key);
    if (HOSTILE_KEYS.has(name)) continue;
    const item = (value as Record<string, unknown>)[key];
    out[name] = item !== null && typeof item === 'object' ? camelCaseKeys(item) : item;
  }
  return out;
}
