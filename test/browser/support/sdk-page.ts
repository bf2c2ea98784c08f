// The script of a page that runs the SDK, bundled from source as an app's bundler would, driven by
// a test through `window.rtePage` and recording everything it sees in `window.rteLog`.
import { RteClient, type RteClientOptions } from '../../../src/index.ts';

/** What the test asks the page to build. */
export interface SdkPageStart {
  readonly eventName: string;
  readonly entityIds: readonly string[];
  /** Extra client options (JSON-serialisable ones). */
  readonly options?: Readonly<Record<string, string | number | boolean>>;
  /** Whether to call connect() (otherwise only subscribe). @default true */
  readonly connect?: boolean;
}

/** Everything the page saw, with `performance.now()`-free wall-clock stamps (`Date.now()`). */
export interface SdkPageLog {
  states: { state: string; previous: string; cause?: string; at: number }[];
  resynced: { downtimeMs: number; cause?: string; restored: number; at: number }[];
  events: { name: string; entityId: string; data: unknown; at: number }[];
  errors: string[];
}

/** The page's side of the conversation. */
export interface SdkPageApi {
  start(start: SdkPageStart): Promise<{ state: string; statuses: string[] }>;
  subscribe(eventName: string, entityIds: readonly string[]): Promise<string[]>;
  unsubscribe(eventName: string, entityIds: readonly string[]): Promise<string[]>;
  state(): string;
  stop(): Promise<void>;
}

const page = window as unknown as Window & { rtePage: SdkPageApi; rteLog: SdkPageLog };
const log: SdkPageLog = { states: [], resynced: [], events: [], errors: [] };
page.rteLog = log;
let rte: RteClient | undefined;

page.rtePage = {
  async start(start) {
    rte = new RteClient({
      getToken: async ({ signal }) => {
        const response = await fetch('/token', { signal, cache: 'no-store' });
        if (!response.ok) throw new Error(`token endpoint answered ${response.status}`);
        return (await response.json()) as { endpoint: string; token: string };
      },
      reconnect: { baseDelayMs: 50, maxDelayMs: 500 },
      ...(start.options as Partial<RteClientOptions>),
    });
    rte.on('state', (change) =>
      log.states.push({
        state: change.state,
        previous: change.previous,
        ...(change.cause ? { cause: change.cause } : {}),
        at: Date.now(),
      }),
    );
    rte.on('resynced', (info) =>
      log.resynced.push({
        downtimeMs: info.downtimeMs,
        ...(info.cause ? { cause: info.cause } : {}),
        restored: info.restored,
        at: Date.now(),
      }),
    );
    rte.on('*', (message) =>
      log.events.push({
        name: message.name,
        entityId: message.subscription.entityId ?? '',
        data: message.data,
        at: Date.now(),
      }),
    );
    rte.on('error', (error) => log.errors.push(`${error.code}: ${error.message}`));
    const results = await rte.subscribe(start.eventName, [...start.entityIds]);
    if (start.connect !== false) await rte.connect();
    return { state: rte.state, statuses: results.map((result) => result.status) };
  },
  async subscribe(eventName, entityIds) {
    return (await rte!.subscribe(eventName, [...entityIds])).map((result) => result.status);
  },
  async unsubscribe(eventName, entityIds) {
    return (await rte!.unsubscribe(eventName, [...entityIds])).map((result) => result.status);
  },
  state: () => rte?.state ?? 'none',
  async stop() {
    await rte?.disconnect();
  },
};
