import { demoUser, type Emulator } from '../../src/emulator/index.ts';

/** The password the emulator's password exchange accepts for its demo user. */
export const DEMO_PASSWORD: string = demoUser.password;

/**
 * The base URL of the Enreach services around the hub, as the emulator itself plays them: the
 * discovery service (`GET /api/user?user=`) answers its users with its `apiUrl`, and the password
 * exchange (`POST /authuser/{email}/`) lives at that API. Docs examples reach both through this URL
 * instead of a local stand-in, so they run against exactly what users test against.
 */
export async function stubCloud(emu: Emulator): Promise<string> {
  return emu.discoveryUrl;
}
