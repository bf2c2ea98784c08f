/**
 * JSON as System.Text.Json's `Utf8JsonReader` reads a hub message, where that differs from
 * `JSON.parse`: nesting deeper than 64 is an error, numbers keep their text (so `1.0` and
 * `4294967297` can be told from `1`), and strings holding a lone surrogate, or bytes that were not
 * UTF-8 (decoded by {@link decodeRecord} into lone surrogates), are marked invalid so that only the
 * code that reads them as text fails, as in .NET.
 */

/** System.Text.Json's default `JsonReaderOptions.MaxDepth`. */
export const MAX_DEPTH = 64;

/** A number as it was written, and its value. */
export class JsonNumber {
  readonly text: string;
  readonly value: number;

  constructor(text: string, value: number) {
    this.text = text;
    this.value = value;
  }

  /** Whether `reader.GetInt32()` accepts it: an integer literal (no fraction, no exponent) in Int32 range. */
  get isInt32(): boolean {
    return /^-?(0|[1-9]\d*)$/.test(this.text) && this.value >= -2147483648 && this.value <= 2147483647;
  }
}

/** A string .NET cannot read as text: it held a lone surrogate or bytes that were not UTF-8. */
export class InvalidText {
  readonly lossy: string;

  constructor(lossy: string) {
    this.lossy = lossy;
  }
}

/** What a parsed value can be: JSON values, with numbers and unreadable strings kept apart. */
export type JsonValue =
  | null
  | boolean
  | string
  | JsonNumber
  | InvalidText
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** The JSON text is not valid, or nests too deeply. */
export class JsonReaderError extends Error {
  override readonly name = 'JsonReaderError';
}

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Reads one JSON text the way `Utf8JsonReader` with default options does. */
export function readJson(text: string): JsonValue {
  let pos = 0;
  let depth = 0;

  const fail = (what: string): never => {
    throw new JsonReaderError(`${what} at position ${pos}`);
  };
  const space = (): void => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) pos++;
      else break;
    }
  };
  const readString = (): string | InvalidText => {
    const start = ++pos;
    let escaped = false;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 0x22) break;
      if (c < 0x20) fail('control character in string');
      if (c === 0x5c) {
        escaped = true;
        pos += 2;
      } else pos++;
    }
    if (pos >= text.length) fail('unterminated string');
    const raw = text.slice(start, pos);
    pos++;
    let value: string;
    if (escaped) {
      try {
        value = JSON.parse(`"${raw}"`) as string;
      } catch {
        return fail('invalid escape');
      }
    } else value = raw;
    return LONE_SURROGATE.test(value) ? new InvalidText(value) : value;
  };
  const literal = (word: string, value: JsonValue): JsonValue => {
    if (text.startsWith(word, pos)) {
      pos += word.length;
      return value;
    }
    return fail('unexpected token');
  };
  const readNumber = (): JsonNumber => {
    NUMBER.lastIndex = pos;
    const match = NUMBER.exec(text);
    if (match === null) return fail('unexpected token');
    pos += match[0].length;
    return new JsonNumber(match[0], Number(match[0]));
  };
  const readValue = (): JsonValue => {
    space();
    const c = text.charAt(pos);
    if (c === '{') {
      if (++depth > MAX_DEPTH) fail('maximum depth exceeded');
      pos++;
      const out: Record<string, JsonValue> = {};
      space();
      if (text.charAt(pos) === '}') {
        pos++;
        depth--;
        return out;
      }
      for (;;) {
        space();
        if (text.charAt(pos) !== '"') fail('expected a property name');
        const key = readString();
        space();
        if (text.charAt(pos) !== ':') fail("expected ':'");
        pos++;
        const value = readValue();
        const name = key instanceof InvalidText ? key.lossy : key;
        Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
        space();
        const next = text.charAt(pos++);
        if (next === '}') break;
        if (next !== ',') fail("expected ',' or '}'");
      }
      depth--;
      return out;
    }
    if (c === '[') {
      if (++depth > MAX_DEPTH) fail('maximum depth exceeded');
      pos++;
      const out: JsonValue[] = [];
      space();
      if (text.charAt(pos) === ']') {
        pos++;
        depth--;
        return out;
      }
      for (;;) {
        out.push(readValue());
        space();
        const next = text.charAt(pos++);
        if (next === ']') break;
        if (next !== ',') fail("expected ',' or ']'");
      }
      depth--;
      return out;
    }
    if (c === '"') return readString();
    if (c === 't') return literal('true', true);
    if (c === 'f') return literal('false', false);
    if (c === 'n') return literal('null', null);
    return readNumber();
  };

  const value = readValue();
  space();
  if (pos !== text.length) fail('trailing content');
  return value;
}

/** Whether a parsed value is a JSON object. */
export function isObject(value: JsonValue | undefined): value is { readonly [key: string]: JsonValue } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof JsonNumber) &&
    !(value instanceof InvalidText)
  );
}

/** Whether a value, or anything inside it, is a string .NET cannot read as text. */
export function holdsInvalidText(value: JsonValue): boolean {
  if (value instanceof InvalidText) return true;
  if (Array.isArray(value)) return value.some(holdsInvalidText);
  if (isObject(value)) return Object.values(value).some(holdsInvalidText);
  return false;
}

/** The plain JavaScript value of a parsed value (numbers as numbers, unreadable strings as their lossy text). */
export function plain(value: JsonValue): unknown {
  if (value instanceof JsonNumber) return value.value;
  if (value instanceof InvalidText) return value.lossy;
  if (Array.isArray(value)) return value.map(plain);
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(out, key, {
        value: plain(item),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes one record's bytes. Valid UTF-8 decodes as usual; a byte that is not part of a valid UTF-8
 * sequence becomes a lone surrogate (U+DC80 + byte), so that it can be found later in exactly the
 * string that held it, the only place .NET notices it.
 */
export function decodeRecord(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    // Fall through to the byte-by-byte decoder.
  }
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let length = 0;
    let min = 0;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    if (b >= 0xc2 && b <= 0xdf) {
      length = 2;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      min = 0x10000;
    }
    let code = length === 2 ? b & 0x1f : length === 3 ? b & 0x0f : b & 0x07;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) {
      const next = bytes[i + k] as number;
      if ((next & 0xc0) !== 0x80) ok = false;
      else code = (code << 6) | (next & 0x3f);
    }
    if (ok && code >= min && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) {
      out += String.fromCodePoint(code);
      i += length;
    } else {
      out += String.fromCharCode(0xdc00 + b);
      i++;
    }
  }
  return out;
}
