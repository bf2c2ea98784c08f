// The script of the page the browser contract test opens: the SDK, bundled from source, driven by the
// test through `window.rteContract` and reporting back through functions the test exposes.
import { RteClient } from '../../../src/index.ts';

/** What the test asks the page to do. */
export interface PageStart {
  readonly apiUrl: string;
  readonly email: string;
  readonly secretKey: string;
  readonly eventName: string;
  readonly entityId: string;
}

/** One event as the page's catch-all listener received it. */
export interface PageEvent {
  readonly name: string;
  readonly known: boolean;
  readonly data: unknown;
  readonly entityId: unknown;
}

/** The page's side of the conversation. */
export interface PageApi {
  start(options: PageStart): Promise<{ statuses: string[]; state: string }>;
  stop(): Promise<void>;
}

/** The functions the test exposes to the page before it loads. */
interface Reporter {
  reportEvent(event: PageEvent): void;
  reportResynced(restored: number): void;
  reportError(code: string): void;
}

const page = window as unknown as Window & Reporter & { rteContract: PageApi };
let rte: RteClient | undefined;

page.rteContract = {
  async start(options) {
    rte = new RteClient({
      apiUrl: options.apiUrl,
      auth: { email: options.email, secretKey: options.secretKey },
      reconnect: { baseDelayMs: 20, maxDelayMs: 100 },
    });
    rte.on('*', (message) =>
      page.reportEvent({
        name: message.name,
        known: message.known,
        data: message.data,
        entityId: message.subscription.entityId,
      }),
    );
    rte.on('resynced', (info) => page.reportResynced(info.restored));
    rte.on('error', (error) => page.reportError(`${error.code}: ${error.message}`));
    const results = await rte.subscribe(options.eventName, [options.entityId]);
    await rte.connect();
    return { statuses: results.map((result) => result.status), state: rte.state };
  },
  async stop() {
    await rte?.disconnect();
  },
};
