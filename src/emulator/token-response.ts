/**
 * How the token endpoint writes its answer. The live REST API has been seen answering
 * `{"WSSEndpoint": "wss://host/rte", …}`, the reference text shows `WssEndpoint`, and some
 * deployments send the endpoint without a scheme; a client has to read every one of them.
 *
 * @example
 * ```ts
 * import { startEmulator, type TokenResponseForm } from 'enreach-rte/emulator';
 *
 * const liveLike: TokenResponseForm = { endpoint: 'schemeless', key: 'WssEndpoint' };
 * const emu = await startEmulator({ tokenResponse: liveLike });
 * ```
 */
export interface TokenResponseForm {
  /**
   * How the hub URL is written: `ws` (`ws://host/rte`), `wss` (`wss://host/rte`, the live service's
   * form; the emulator itself speaks plain HTTP) or `schemeless` (`host/rte`). @default 'ws'
   */
  readonly endpoint?: 'ws' | 'wss' | 'schemeless';
  /** The name of the endpoint property. @default 'WSSEndpoint' */
  readonly key?: 'WSSEndpoint' | 'WssEndpoint' | 'wssEndpoint';
}

const ENDPOINTS = ['ws', 'wss', 'schemeless'] as const;
const KEYS = ['WSSEndpoint', 'WssEndpoint', 'wssEndpoint'] as const;

/** Checks a form given as an option or through the control endpoint; throws a `TypeError`. */
export function checkTokenResponseForm(form: unknown): Required<TokenResponseForm> {
  if (form === null || typeof form !== 'object' || Array.isArray(form)) {
    throw new TypeError('tokenResponse must be an object');
  }
  const { endpoint = 'ws', key = 'WSSEndpoint' } = form as TokenResponseForm;
  if (!ENDPOINTS.includes(endpoint))
    throw new TypeError(`tokenResponse.endpoint must be one of ${ENDPOINTS.join(', ')}`);
  if (!KEYS.includes(key)) throw new TypeError(`tokenResponse.key must be one of ${KEYS.join(', ')}`);
  return { endpoint, key };
}

/** The token response body for a hub at `host` (`127.0.0.1:PORT`) and path. */
export function tokenResponseBody(
  form: Required<TokenResponseForm>,
  hostAndPath: string,
  token: string,
): Record<string, string> {
  const endpoint = form.endpoint === 'schemeless' ? hostAndPath : `${form.endpoint}://${hostAndPath}`;
  return { [form.key]: endpoint, Token: token };
}
