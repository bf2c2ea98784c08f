import * as z from 'zod/mini';

/**
 * The body of `GET {apiUrl}/token/{userId}/rte/`. The live service has answered `WSSEndpoint` while
 * the reference shows `WssEndpoint`, so keys are matched case-insensitively.
 */
const grantShape = z.object({
  wssendpoint: z.string().check(z.minLength(1)),
  token: z.string().check(z.minLength(1)),
});

function lowerCaseKeys(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) out[key.toLowerCase()] = value;
  // A custom getToken returns `{ endpoint, token }`; it may also pass the API's body through as is.
  if (out.wssendpoint === undefined && out.endpoint !== undefined) out.wssendpoint = out.endpoint;
  return out;
}

/**
 * Parses a token response (or what a custom `getToken` returned) into `{ endpoint, token }`;
 * returns the problem as text when it does not fit.
 */
export function parseTokenResponse(body: unknown): { endpoint: string; token: string } | { problem: string } {
  const result = grantShape.safeParse(lowerCaseKeys(body));
  if (result.success) return { endpoint: result.data.wssendpoint, token: result.data.token };
  const fields = result.error.issues.map((issue) => issue.path.join('.') || '(body)');
  return {
    problem: `missing or invalid ${[...new Set(fields)].join(', ')} (expected WSSEndpoint and Token)`,
  };
}
