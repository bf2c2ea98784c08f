import { afterEach } from 'vitest';
import type { RteClientEventName, RteClientEvents } from '../../src/client/event-map.ts';
import { RteClient } from '../../src/client/rte-client.ts';
import { type Emulator, startEmulator } from '../../src/emulator/index.ts';
import type { StartEmulatorOptions } from '../../src/emulator/options.ts';
import type { RteClientOptions } from '../../src/options.ts';

const cleanups: (() => Promise<unknown> | unknown)[] = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** Starts an emulator on a free loopback port, closed after the test. */
export async function emulator(options: StartEmulatorOptions = {}): Promise<Emulator> {
  const emu = await startEmulator(options);
  cleanups.push(() => emu.close());
  return emu;
}

/** A client for the emulator's demo user, disconnected after the test. */
export function client(emu: Emulator, options: Partial<RteClientOptions> = {}): RteClient {
  const rte = new RteClient({
    apiUrl: emu.apiUrl,
    auth: { email: emu.credentials.email, secretKey: emu.credentials.secretKey },
    reconnect: { baseDelayMs: 20, maxDelayMs: 100 },
    ...options,
  });
  cleanups.push(() => rte.disconnect());
  return rte;
}

/** Resolves with the arguments of the next emission of `name`. */
export function next<N extends RteClientEventName>(
  rte: RteClient,
  name: N,
  filter: (...args: Parameters<RteClientEvents[N]>) => boolean = () => true,
): Promise<Parameters<RteClientEvents[N]>> {
  return new Promise((resolve) => {
    const off = rte.on(name, ((...args: Parameters<RteClientEvents[N]>) => {
      if (!filter(...args)) return;
      off();
      resolve(args);
    }) as RteClientEvents[N]);
  });
}

/** Polls until `check` returns true (the test timeout bounds it). */
export async function until(check: () => boolean | Promise<boolean>, intervalMs = 10): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, intervalMs));
}

export const USER_A = 'aa9730c4-ce86-e611-80c9-00505689257e';
export const USER_B = 'bb9730c4-ce86-e611-80c9-00505689257e';
export const QUEUE_A = 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3';

export { userStatus } from '../fixtures/user-status.ts';
