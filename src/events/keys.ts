/**
 * Key casing for RTE payloads.
 *
 * ASP.NET Core SignalR serialises C# properties in camelCase, the published reference writes them
 * in PascalCase, and some deployments have sent either. Everything the SDK hands out is camelCase,
 * produced by the same rule .NET's `JsonNamingPolicy.CamelCase` uses, so a field has one name
 * whichever way it arrived.
 */

// PascalCase payloads repeat the same few hundred short keys; remembering their camelCase form
// saves building a string per key. Bounded by what it holds, not only by how many: a long key is
// never remembered and the total length of the remembered ones is capped, so a hub sending
// endless or enormous keys cannot keep more than a few hundred kB alive.
const renamed = new Map<string, string>();
const renamedLimit = 4096;
/** Longest key worth remembering; RTE field names are a few dozen characters. */
const renamedKeyMax = 64;
/** Cap on the characters of all remembered keys (each counted twice: as received and renamed). */
const renamedCharsLimit = 256 * 1024;
let renamedChars = 0;

/** What the rename cache holds: entries and the characters they keep alive. Internal, for tests. */
export function renamedKeyCacheFootprint(): { entries: number; chars: number } {
  return { entries: renamed.size, chars: renamedChars };
}

/**
 * Converts one property name the way .NET's `JsonNamingPolicy.CamelCase` does: the leading run of
 * upper-case letters is lowered, except the last one when it starts the next word
 * (`MessageTTLSeconds` → `messageTTLSeconds`, `WSSEndpoint` → `wssEndpoint`, `ID` → `id`).
 *
 * @example
 * ```ts
 * import { toCamelCase } from 'enreach-rte';
 *
 * toCamelCase('CallBackId'); // 'callBackId'
 * ```
 */
export function toCamelCase(key: string): string {
  const first = key.charCodeAt(0);
  // Fast path: already camelCase (the wire case), or not starting with A-Z.
  if (!(first >= 65 && first <= 90)) return key;
  const known = renamed.get(key);
  if (known !== undefined) return known;
  let end = 1;
  while (end < key.length) {
    const code = key.charCodeAt(end);
    if (!(code >= 65 && code <= 90)) break;
    const next = key.charCodeAt(end + 1);
    // "TTLSeconds": keep the "S" that begins "Seconds".
    if (end + 1 < key.length && next >= 97 && next <= 122) break;
    end++;
  }
  const name = key.slice(0, end).toLowerCase() + key.slice(end);
  if (key.length <= renamedKeyMax && renamed.size < renamedLimit && renamedChars < renamedCharsLimit) {
    renamed.set(key, name);
    renamedChars += key.length * 2;
  }
  return name;
}

/**
 * True for keys that could reach a prototype if copied naively (`__proto__`, `constructor`, `prototype`).
 *
 * @example
 * ```ts
 * import { isHostileKey } from 'enreach-rte';
 *
 * isHostileKey('__proto__'); // true
 * ```
 */
export function isHostileKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}

/** True when `key` can be copied unchanged: `toCamelCase` keeps it and it is not hostile. */
export function isPlainKey(key: string): boolean {
  const first = key.charCodeAt(0);
  if (first >= 65 && first <= 90) return false;
  // Only keys starting with "_", "c" or "p" can be hostile; skip the comparisons for the rest.
  return !((first === 95 || first === 99 || first === 112) && isHostileKey(key));
}

/** Whether the first own enumerable key of `value`, if any, can be copied unchanged. */
export function firstKeyIsPlain(value: object): boolean {
  for (const key in value) return isPlainKey(key);
  return true;
}

/**
 * Returns a deep copy of `value` with every object key in camelCase. Hostile keys are dropped, so
 * the copy cannot reach `Object.prototype`. Arrays and primitives are copied structurally.
 *
 * Objects whose keys are already camelCase still get a fresh copy: the caller owns the result.
 *
 * @example
 * ```ts
 * import { camelCaseKeys } from 'enreach-rte';
 *
 * camelCaseKeys({ UserId: 'a', Items: [{ IsClosed: false }] }); // { userId: 'a', items: [{ isClosed: false }] }
 * ```
 */
export function camelCaseKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) out.push(camelCaseKeys(value[i]));
    return out;
  }
  // Spread is V8's fast object clone; key-by-key stores into a new object cost ~20x more. It only
  // pays when every key can stay as it is, which is the case on the wire (camelCase); a PascalCase
  // object shows it by its first key.
  if (!firstKeyIsPlain(value)) return renameKeys(value);
  const out: Record<string, unknown> = { ...value };
  for (const key in out) {
    if (!isPlainKey(key)) return renameKeys(value);
    const item = out[key];
    if (item !== null && typeof item === 'object') out[key] = camelCaseKeys(item);
  }
  return out;
}

function renameKeys(value: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const name = toCamelCase(key);
    if (isHostileKey(name)) continue;
    out[name] = camelCaseKeys((value as Record<string, unknown>)[key]);
  }
  return out;
}
