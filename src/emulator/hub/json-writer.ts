/**
 * JSON as ASP.NET Core SignalR writes it. Its serializer escapes with
 * `JavaScriptEncoder.UnsafeRelaxedJsonEscaping`: HTML-sensitive characters stay as they are, but
 * every character outside the Basic Multilingual Plane (emoji), controls, non-ASCII spaces, private-use, unassigned
 * and line/paragraph separator characters are written as `\uXXXX` with upper-case hex, where
 * `JSON.stringify` writes them raw or in lower case.
 */

// Raw characters .NET escapes, and JSON.stringify's own \u00xx escapes (written in lower case).
const DOTNET_ESCAPED =
  /\\(\\|u[0-9a-f]{4})|[\u007f-\u009f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\p{Co}\p{Cn}]|[\u{10000}-\u{10ffff}]|[\ud800-\udfff]/gu;

function hex(unit: number): string {
  return `\\u${unit.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `JSON.stringify(value)` with .NET's escaping of string contents. */
export function dotnetStringify(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) return 'null';
  return json.replace(DOTNET_ESCAPED, (match: string, escaped: string | undefined) => {
    if (escaped !== undefined)
      return escaped === '\\' ? match : `\\${escaped.toUpperCase().replace(/^U/, 'u')}`;
    let out = '';
    for (let i = 0; i < match.length; i++) out += hex(match.charCodeAt(i));
    return out;
  });
}
