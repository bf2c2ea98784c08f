import type { QueueStatus, RteClientOptions, SnapshotLoader } from 'enreach-rte';
import { decodeEvent } from 'enreach-rte/events';

/** A queue or an agent on the board. */
export interface BoardEntity {
  readonly id: string;
  readonly name: string;
}

/** What `config.json` holds (the same file as the plain wallboard's). */
export interface BoardConfig {
  readonly title: string;
  /** Either the REST API and its credentials, or `tokenUrl`, your backend's token endpoint. */
  readonly apiUrl?: string;
  readonly auth?: { readonly email: string; readonly secretKey: string };
  readonly tokenUrl?: string;
  readonly queues: readonly BoardEntity[];
  readonly agents: readonly BoardEntity[];
  /** Where a queue's current state is loaded after a gap: `${snapshotUrl}QueueStatus/${id}`. */
  readonly snapshotUrl?: string;
}

/** What `enreach-rte emulator --simulate` prints on its first line (the fields the board needs). */
export interface EmulatorAnnouncement {
  readonly apiUrl: string;
  readonly credentials: { readonly email: string; readonly secretKey: string };
  readonly directory?: {
    readonly queues: readonly { readonly queueId: string; readonly name: string }[];
    readonly agents: readonly { readonly userId: string; readonly name: string }[];
  };
}

/** The board's `config.json` for the emulator's simulated contact centre. */
export function wallboardConfigFromEmulator(announcement: EmulatorAnnouncement): BoardConfig {
  const directory = announcement.directory;
  if (!directory) throw new TypeError('the emulator runs without --simulate: there is nothing to show');
  return {
    title: 'Simulated contact centre',
    apiUrl: announcement.apiUrl,
    auth: announcement.credentials,
    queues: directory.queues.map((queue) => ({ id: queue.queueId, name: queue.name })),
    agents: directory.agents.map((agent) => ({ id: agent.userId, name: agent.name })),
    // The emulator's own snapshot endpoint (not an Enreach REST API): the data last published.
    snapshotUrl: `${announcement.apiUrl}_control/state/`,
  };
}

/** Fetches `config.json` next to the page (or the file named by `?config=`). */
export async function loadConfig(page: URL): Promise<BoardConfig> {
  const url = new URL(page.searchParams.get('config') ?? 'config.json', page);
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${url.pathname} answered ${response.status}`);
  const config = (await response.json()) as BoardConfig;
  if (!Array.isArray(config.queues) || !Array.isArray(config.agents))
    throw new TypeError('config.json: list the queues and agents');
  return config;
}

/** A snapshot loader over a REST endpoint that answers an event's data (your backend's, or the emulator's). */
export function restSnapshotLoader<T>(base: string, eventName: string): SnapshotLoader<T> {
  return async (entityId, { signal }) => {
    const response = await fetch(`${base}${eventName}/${encodeURIComponent(entityId)}`, { signal });
    if (response.status === 204 || response.status === 404) return undefined;
    if (!response.ok) throw new Error(`${eventName} snapshot: HTTP ${response.status}`);
    return decodeEvent(eventName, await response.json(), 'lenient').data as T;
  };
}

/** The client options for the board: credentials or a token endpoint, and the queue loader. */
export function clientOptions(config: BoardConfig): RteClientOptions {
  const getState =
    config.snapshotUrl === undefined
      ? {}
      : { getState: { QueueStatus: restSnapshotLoader<QueueStatus>(config.snapshotUrl, 'QueueStatus') } };
  if (config.tokenUrl !== undefined) {
    const tokenUrl = config.tokenUrl;
    return {
      getToken: async () => (await fetch(tokenUrl, { cache: 'no-store' })).json(),
      ...getState,
    };
  }
  if (config.apiUrl === undefined || config.auth === undefined)
    throw new TypeError('config.json: give apiUrl and auth, or tokenUrl');
  return { apiUrl: config.apiUrl, auth: config.auth, ...getState };
}
