/** A queue on the board: the id to subscribe to and the name shown until its first event arrives. */
export interface WallboardQueue {
  readonly id: string;
  readonly name: string;
}

/** An agent on the board. */
export interface WallboardAgent {
  readonly id: string;
  readonly name: string;
}

/** Where the board gets its RTE token from. */
export type WallboardConnection =
  /** Your backend hands out RTE tokens (the way for a browser app): `GET tokenUrl`. */
  | { readonly kind: 'backend'; readonly tokenUrl: string }
  /** The REST API directly, with credentials in the page: the emulator or a locked-down kiosk only. */
  | {
      readonly kind: 'direct';
      readonly apiUrl: string;
      readonly auth: { readonly email: string; readonly secretKey: string } | { readonly bearer: string };
    };

/** What the board shows and how it connects, as read from `config.json`. */
export interface WallboardConfig {
  readonly title: string;
  readonly connection: WallboardConnection;
  readonly queues: readonly WallboardQueue[];
  readonly agents: readonly WallboardAgent[];
  /**
   * Where the board loads an entity's current state after a gap: `${snapshotUrl}${eventName}/${id}`
   * answers the event's data (the emulator's `_control/state/` does). Without it, tiles wait for
   * their next event.
   */
  readonly snapshotUrl?: string | undefined;
}

/** The local emulator as `enreach-rte emulator --port 5080` starts it, with its demo user. */
export const LOCAL_EMULATOR: WallboardConnection = {
  kind: 'direct',
  apiUrl: 'http://127.0.0.1:5080/',
  auth: { email: 'demo@example.com', secretKey: 'demo-secret-key' },
};

const DEFAULT_TITLE = 'Contact centre';

function fail(message: string): never {
  throw new TypeError(`config.json: ${message}`);
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim().length === 0) fail(`${where} must be a non-empty string`);
  return value.trim();
}

function entries(value: unknown, where: string): { id: string; name: string }[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(`${where} must be an array of { id, name }`);
  return value.map((item: unknown, index) => {
    if (typeof item !== 'object' || item === null) fail(`${where}[${index}] must be an object`);
    const { id, name } = item as Record<string, unknown>;
    const checkedId = text(id, `${where}[${index}].id`);
    return { id: checkedId, name: name === undefined ? checkedId : text(name, `${where}[${index}].name`) };
  });
}

function connection(raw: Record<string, unknown>): WallboardConnection {
  if (raw.tokenUrl !== undefined) return { kind: 'backend', tokenUrl: text(raw.tokenUrl, 'tokenUrl') };
  if (raw.apiUrl === undefined && raw.auth === undefined) return LOCAL_EMULATOR;
  const apiUrl = text(raw.apiUrl, 'apiUrl');
  const auth = raw.auth;
  if (typeof auth !== 'object' || auth === null) fail('auth must be { email, secretKey } or { bearer }');
  const fields = auth as Record<string, unknown>;
  if (fields.bearer !== undefined)
    return { kind: 'direct', apiUrl, auth: { bearer: text(fields.bearer, 'auth.bearer') } };
  return {
    kind: 'direct',
    apiUrl,
    auth: { email: text(fields.email, 'auth.email'), secretKey: text(fields.secretKey, 'auth.secretKey') },
  };
}

/**
 * Checks a parsed `config.json` and fills in the defaults: without `tokenUrl`, `apiUrl` or `auth`
 * the board connects to the local emulator on port 5080.
 *
 * @throws TypeError naming the offending field (never echoing a credential).
 *
 * @example
 * ```ts
 * import { parseWallboardConfig } from './wallboard-config.ts';
 *
 * const config = parseWallboardConfig({
 *   tokenUrl: '/api/rte-token',
 *   queues: [{ id: 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3', name: 'Support' }],
 * });
 * console.log(config.connection.kind); // 'backend'
 * ```
 */
export function parseWallboardConfig(raw: unknown): WallboardConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('must be a JSON object');
  const fields = raw as Record<string, unknown>;
  const queues = entries(fields.queues, 'queues');
  const agents = entries(fields.agents, 'agents');
  if (queues.length === 0 && agents.length === 0) fail('list at least one queue or agent');
  return {
    title: fields.title === undefined ? DEFAULT_TITLE : text(fields.title, 'title'),
    connection: connection(fields),
    queues,
    agents,
    snapshotUrl: fields.snapshotUrl === undefined ? undefined : text(fields.snapshotUrl, 'snapshotUrl'),
  };
}

/**
 * Fetches the board's configuration: `config.json` next to the page, or the file named by the
 * page's `?config=` query parameter.
 *
 * @example
 * ```ts
 * import { loadWallboardConfig } from './wallboard-config.ts';
 *
 * const config = await loadWallboardConfig(new URL(location.href));
 * console.log(config.queues.length);
 * ```
 */
export async function loadWallboardConfig(page: URL): Promise<WallboardConfig> {
  const url = new URL(page.searchParams.get('config') ?? 'config.json', page);
  const response = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!response.ok) throw new Error(`${url.pathname} answered ${response.status}`);
  return parseWallboardConfig(await response.json());
}
