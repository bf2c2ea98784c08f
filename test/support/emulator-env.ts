import { type Emulator, type StartEmulatorOptions, startEmulator } from '../../src/emulator/index.ts';
import { onCleanup } from './cleanup.ts';

/** Ids the docs and examples read from the environment; any GUID works against the emulator. */
export const QUEUE_ID = 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3';
export const CALL_LIST_ID = '5a0b7f0e-2d1c-4e3b-9a8f-1b2c3d4e5f60';

/** An emulator on a free loopback port, closed after the test. */
export async function emulator(options: StartEmulatorOptions = {}): Promise<Emulator> {
  const emu = await startEmulator(options);
  onCleanup(() => emu.close());
  return emu;
}

/** The environment the docs and examples document, pointing at `emu`. */
export function rteEnv(emu: Emulator): Record<string, string> {
  return {
    ENREACH_API_URL: emu.apiUrl,
    ENREACH_EMAIL: emu.credentials.email,
    ENREACH_SECRET_KEY: emu.credentials.secretKey,
    ENREACH_BEARER_TOKEN: emu.credentials.bearerToken,
    ...(emu.credentials.password === undefined ? {} : { ENREACH_PASSWORD: emu.credentials.password }),
    ENREACH_DISCOVERY_URL: emu.discoveryUrl,
    ENREACH_USER_ID: emu.credentials.userId,
    ENREACH_QUEUE_ID: QUEUE_ID,
    ENREACH_CALL_LIST_ID: CALL_LIST_ID,
    ENREACH_EMULATOR_CONTROL_URL: emu.controlUrl,
  };
}

/** Polls until `check` holds; the test's timeout bounds it. */
export async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
}
