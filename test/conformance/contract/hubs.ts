import { EmulatorControl, startEmulator } from '../../../src/emulator/index.ts';
import { startReferenceHub } from '../support/reference-hub.ts';

/**
 * Which implementation of the RTE hub a contract test runs against: the Node emulator, or the
 * reference hub on the real ASP.NET Core SignalR server.
 *
 * @example
 * ```ts
 * import { hubKinds, type HubKind } from './hubs.ts';
 *
 * const kinds: readonly HubKind[] = hubKinds; // ['emulator', 'reference']
 * ```
 */
export type HubKind = 'emulator' | 'reference';

/**
 * Every hub the contract holds for, in the order the suites run them.
 *
 * @example
 * ```ts
 * import { describe } from 'vitest';
 * import { hubKinds } from './hubs.ts';
 *
 * describe.each(hubKinds)('%s', (kind) => {});
 * ```
 */
export const hubKinds: readonly HubKind[] = ['emulator', 'reference'];

/**
 * The demo user's credentials on a hub under test, with the organization it belongs to.
 *
 * @example
 * ```ts
 * import { startHub, type HubCredentials } from './hubs.ts';
 *
 * const hub = await startHub('emulator');
 * const { email, secretKey }: HubCredentials = hub.credentials;
 * ```
 */
export interface HubCredentials {
  readonly userId: string;
  readonly email: string;
  readonly secretKey: string;
  readonly bearerToken: string;
  readonly organizationId: string;
}

/**
 * A running hub under test: its URLs, the demo user and the control endpoints both hubs share.
 *
 * @example
 * ```ts
 * import { startHub } from './hubs.ts';
 *
 * const hub = await startHub('reference');
 * await hub.control.publish('QueueStatus', 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3', { QueueName: 'Sales' });
 * await hub.stop();
 * ```
 */
export interface ContractHub {
  readonly kind: HubKind;
  /** The REST API base, ending in `/`. */
  readonly apiUrl: string;
  /** The hub URL for `HubConnectionBuilder.withUrl`. */
  readonly hubUrl: string;
  readonly credentials: HubCredentials;
  /** publish, drop, close, revoke-tokens, deny and stats: the control endpoints both hubs implement. */
  readonly control: EmulatorControl;
  stop(): Promise<void>;
}

/**
 * The timing options both hubs take under the same names.
 *
 * @example
 * ```ts
 * import { startHub, type HubTimings } from './hubs.ts';
 *
 * const quick: HubTimings = { keepAliveIntervalMs: 500, clientTimeoutMs: 1500 };
 * const hub = await startHub('reference', quick);
 * ```
 */
export interface HubTimings {
  readonly keepAliveIntervalMs?: number;
  readonly clientTimeoutMs?: number;
}

/**
 * Starts a hub of the given kind on a free loopback port, with the same demo user and organization.
 *
 * @example
 * ```ts
 * import { startHub } from './hubs.ts';
 *
 * const emulator = await startHub('emulator');
 * const reference = await startHub('reference');
 * ```
 */
export async function startHub(kind: HubKind, options: HubTimings = {}): Promise<ContractHub> {
  if (kind === 'emulator') {
    const emu = await startEmulator(options);
    return {
      kind,
      apiUrl: emu.apiUrl,
      hubUrl: emu.hubUrl,
      credentials: emu.credentials,
      control: new EmulatorControl(emu.controlUrl),
      stop: () => emu.close(),
    };
  }
  const hub = await startReferenceHub(options);
  return {
    kind,
    apiUrl: hub.apiUrl,
    hubUrl: hub.hubUrl,
    credentials: hub.credentials,
    control: new EmulatorControl(hub.controlUrl),
    stop: () => hub.stop(),
  };
}
