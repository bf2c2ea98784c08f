/**
 * GUIDs as the RTE hub reads and writes them. The hub binds entity ids with .NET's `Guid.TryParse`,
 * which accepts five formats, and serialises every GUID in lower-case `D` format; both sides of the
 * wire compare entity ids through {@link parseGuid} so that they agree on which strings name the
 * same entity.
 */

/**
 * The all-zero GUID, .NET's `Guid.Empty`: what an unset non-nullable `Guid` property serialises to.
 *
 * @example
 * ```ts
 * import { EMPTY_GUID } from 'enreach-rte/wire';
 *
 * console.log(EMPTY_GUID); // '00000000-0000-0000-0000-000000000000'
 * ```
 */
export const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

const HEX32 = /^[0-9a-f]{32}$/i;
const DASHED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// The whitespace `string.Trim()` and `char.IsWhiteSpace` know; unlike JavaScript's trim, not U+FEFF.
const DOTNET_SPACE = /[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const LEADING_SPACE = new RegExp(`^${DOTNET_SPACE.source}+`);
const TRAILING_SPACE = new RegExp(`${DOTNET_SPACE.source}+$`);
const ALL_SPACE = new RegExp(DOTNET_SPACE.source, 'g');

function dashed(hex32: string): string {
  const hex = hex32.toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One `0x…` component of the X format, as .NET reads it: a second `0x` prefix is tolerated, leading
 * zeros do not count, and the value must fit the component. Returns the value as `digits` hex digits.
 */
function hexComponent(text: string, digits: number): string | undefined {
  let body = text;
  if (!/^0x/i.test(body)) return undefined;
  body = body.slice(2);
  if (/^0x/i.test(body)) body = body.slice(2);
  if (!/^[0-9a-f]+$/i.test(body)) return undefined;
  const significant = body.replace(/^0+/, '');
  if (significant.length > digits) return undefined;
  return significant.padStart(digits, '0');
}

/**
 * One component of a dashed GUID in .NET's compatibility parsing: an optional `+`, an optional
 * `0x`, then hex digits (leading zeros do not count, at most `digits` others).
 */
function compatComponent(text: string, digits: number): string | undefined {
  let body = text;
  if (body.startsWith('+')) body = body.slice(1);
  if (/^0x/i.test(body)) body = body.slice(2);
  if (!/^[0-9a-f]*$/i.test(body)) return undefined;
  const significant = body.replace(/^0+/, '');
  if (significant.length > digits) return undefined;
  return significant.padStart(digits, '0');
}

/**
 * .NET still reads dashed GUIDs whose first five components carry a `+` sign or a `0x` prefix
 * (`c9eeb030-0xfb-ea11-…`), as long as the dashes stay in place; the last twelve digits are plain hex.
 */
function parseCompatDashed(text: string): string | undefined {
  if (!/[xX+]/.test(text)) return undefined;
  if (text[8] !== '-' || text[13] !== '-' || text[18] !== '-' || text[23] !== '-') return undefined;
  const parts = [
    compatComponent(text.slice(0, 8), 8),
    compatComponent(text.slice(9, 13), 4),
    compatComponent(text.slice(14, 18), 4),
    compatComponent(text.slice(19, 23), 4),
    compatComponent(text.slice(24, 28), 4),
  ];
  const tail = text.slice(28);
  if (parts.some((part) => part === undefined) || !/^[0-9a-f]{8}$/i.test(tail)) return undefined;
  return dashed(parts.join('') + tail);
}

/** `{0xdddddddd,0xdddd,0xdddd,{0xdd,0xdd,0xdd,0xdd,0xdd,0xdd,0xdd,0xdd}}`, whitespace anywhere. */
function parseHexFormat(text: string): string | undefined {
  const compact = text.replace(ALL_SPACE, '');
  if (!compact.startsWith('{') || !compact.endsWith('}}')) return undefined;
  const inner = compact.slice(1, -2);
  const brace = inner.indexOf(',{');
  if (brace < 0) return undefined;
  const head = inner.slice(0, brace).split(',');
  const bytes = inner.slice(brace + 2).split(',');
  if (head.length !== 3 || bytes.length !== 8) return undefined;
  const parts = [
    hexComponent(head[0] as string, 8),
    hexComponent(head[1] as string, 4),
    hexComponent(head[2] as string, 4),
    ...bytes.map((byte) => hexComponent(byte, 2)),
  ];
  if (parts.some((part) => part === undefined)) return undefined;
  return dashed(parts.join(''));
}

/** Whether `value` is a GUID already as the hub serialises it: lower-case `D` format. */
function isCanonical(value: string): boolean {
  if (value.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const code = value.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (code !== 45) return false; // '-'
    } else if (!((code >= 48 && code <= 57) || (code >= 97 && code <= 102))) {
      return false; // not 0-9 or a-f
    }
  }
  return true;
}

/**
 * Reads a GUID the way .NET's `Guid.TryParse` does, in any of its formats: `N` (32 digits), `D`
 * (dashed), `B` (`{dashed}`), `P` (`(dashed)`) and `X` (`{0x…,0x…,0x…,{0x…,…}}`), surrounding
 * whitespace ignored. Returns the GUID as the hub serialises it (lower-case `D` format), or
 * `undefined` when .NET would refuse it.
 *
 * @example
 * ```ts
 * import { parseGuid } from 'enreach-rte/wire';
 *
 * parseGuid('{C9EEB030-FF4B-EA11-AC9C-00155D4FDCF3}'); // 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3'
 * parseGuid('c9eeb030ff4bea11ac9c00155d4fdcf3'); // 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3'
 * parseGuid('not-a-guid'); // undefined
 * ```
 */
export function parseGuid(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // The form the hub sends, checked before anything is trimmed or copied.
  if (isCanonical(value)) return value;
  const text = value.replace(LEADING_SPACE, '').replace(TRAILING_SPACE, '');
  if (text.length === 36) return DASHED.test(text) ? text.toLowerCase() : parseCompatDashed(text);
  if (text.length === 32) return HEX32.test(text) ? dashed(text) : undefined;
  if (text.length === 38) {
    const first = text.charAt(0);
    const last = text.charAt(37);
    if ((first === '{' && last === '}') || (first === '(' && last === ')')) {
      const body = text.slice(1, -1);
      return DASHED.test(body) ? body.toLowerCase() : undefined;
    }
  }
  return text.startsWith('{') ? parseHexFormat(text) : undefined;
}

/**
 * Whether .NET's `Guid.TryParse` accepts `value` (see {@link parseGuid}).
 *
 * @example
 * ```ts
 * import { isGuid } from 'enreach-rte/wire';
 *
 * isGuid('(c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3)'); // true
 * ```
 */
export function isGuid(value: unknown): value is string {
  return parseGuid(value) !== undefined;
}

/**
 * An entity id as the hub identifies it: the GUID it parses to (see {@link parseGuid}), or, for an
 * id that is not a GUID, the id in lower case. `{AA97…}`, `aa97…` and the 32-digit form are one entity.
 *
 * @example
 * ```ts
 * import { entityKey } from 'enreach-rte/wire';
 *
 * entityKey('{C9EEB030-FF4B-EA11-AC9C-00155D4FDCF3}'); // 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3'
 * ```
 */
export function entityKey(entityId: string): string {
  return parseGuid(entityId) ?? entityId.toLowerCase();
}
