import { describe, expect, it } from 'vitest';
import { fetchRteToken, isAuthError, RteClient } from '../../src/index.ts';
import { onCleanup } from '../support/cleanup.ts';
import { emulator } from '../support/emulator-env.ts';

describe('fetchRteToken', () => {
  it('fetches { endpoint, token } that a browser-style getToken client connects with', async () => {
    const emu = await emulator();
    const auth = { email: emu.credentials.email, secretKey: emu.credentials.secretKey };
    const grant = await fetchRteToken({ apiUrl: emu.apiUrl, auth });
    expect(Object.keys(grant).sort()).toEqual(['endpoint', 'token']);
    expect(grant.endpoint).toMatch(/\/rte$/);
    const rte = new RteClient({ getToken: () => fetchRteToken({ apiUrl: emu.apiUrl, auth }) });
    onCleanup(() => rte.disconnect());
    await rte.connect();
    expect(rte.state).toBe('connected');
  });

  it('throws an auth error without the secret when the API refuses the credentials', async () => {
    const emu = await emulator();
    const error = await fetchRteToken({
      apiUrl: emu.apiUrl,
      auth: { email: emu.credentials.email, secretKey: 'wrong-secret-123' },
    }).catch((e: unknown) => e);
    expect(isAuthError(error)).toBe(true);
    expect(String((error as Error).message)).not.toContain('wrong-secret-123');
  });

  it('rejects bad options with a TypeError naming the option', async () => {
    await expect(fetchRteToken({ apiUrl: 'not a url', auth: { bearer: 'x' } })).rejects.toThrow(
      /option "apiUrl" must be an absolute http\(s\) URL/,
    );
    await expect(fetchRteToken({} as never)).rejects.toThrow(TypeError);
  });
});
