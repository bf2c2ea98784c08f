import { randomUUID } from 'node:crypto';

const HEX32 = /^[0-9a-f]{32}$/i;
const DASHED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads a GUID the way .NET's `Guid.TryParse` does for the formats a client can plausibly send
 * (`N`, `D`, `B` and `P`, surrounding whitespace ignored) and returns it in .NET's serialised form:
 * lower-case `D` format. Anything else returns `undefined`.
 */
export function parseGuid(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  let text = value.trim();
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  // "{...}" and "(...)" wrap the dashed form.
  if ((first === 0x7b && last === 0x7d) || (first === 0x28 && last === 0x29)) {
    text = text.slice(1, -1);
    return DASHED.test(text) ? text.toLowerCase() : undefined;
  }
  if (DASHED.test(text)) return text.toLowerCase();
  if (HEX32.test(text)) {
    const hex = text.toLowerCase();
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  return undefined;
}

/** A new random GUID in lower-case `D` format. */
export function newGuid(): string {
  return randomUUID();
}
