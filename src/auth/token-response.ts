/**
 * The body of `GET {apiUrl}/token/{userId}/rte/`. The live service has answered `WSSEndpoint` while
 * the reference shows `WssEndpoint`, so keys are matched case-insensitively. Two non-empty strings
 * are checked by hand: this runs before every connection, in the client's initial bundle, which
 * zod would more than double.
 */
const fields = ['wssendpoint', 'token'] as const;

function lowerCaseKeys(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) out[key.toLowerCase()] = value;
  // A custom getToken returns `{ endpoint, token }`; it may also pass the API's body through as is.
  if (out.wssendpoint === undefined && out.endpoint !== undefined) out.wssendpoint = out.endpoint;
  return out;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/**
 * Parses a token response (or what a custom `getToken` returned) into `{ endpoint, token }`;
 * returns the problem as text when it does not fit.
 */
export function parseTokenResponse(body: unknown): { endpoint: string; token: string } | { problem: string } {
  const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
  const grant = isObject ? lowerCaseKeys(body as Record<string, unknown>) : undefined;
  const { wssendpoint, token } = grant ?? {};
  if (isText(wssendpoint) && isText(token)) return { endpoint: wssendpoint, token };
  const wrong = grant ? fields.filter((field) => !isText(grant[field])) : ['(body)'];
  return { problem: `missing or invalid ${wrong.join(', ')} (expected WSSEndpoint and Token)` };
}
