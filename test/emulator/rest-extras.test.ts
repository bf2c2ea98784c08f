import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.ts';
import { discoverApiUrl, exchangePasswordForSecretKey } from '../../src/index.ts';
import { bench } from './support.ts';

const basic = (email: string, secret: string) =>
  `Basic ${Buffer.from(`${email}:${secret}`).toString('base64')}`;

describe('the REST pieces around the token endpoint', () => {
  it('discovers the API of a known user and nothing for others', async () => {
    const { emu } = await bench();
    expect(
      await discoverApiUrl(emu.credentials.email.toUpperCase(), { discoveryUrl: emu.discoveryUrl }),
    ).toBe(emu.apiUrl);
    const unknown = await fetch(`${emu.discoveryUrl}api/user?user=nobody@example.com`);
    expect(await unknown.json()).toEqual([]);
  });

  it('trades the password for the secret key, and refuses a wrong one or a user without a password', async () => {
    const agent = {
      userId: '0b7c2d9e-1f3a-4b5c-8d6e-7f8091a2b3c4',
      email: 'agent@example.com',
      secretKey: 'agent-secret-key',
      bearerToken: 'agent-bearer-token',
      password: 'agent-password',
    };
    const {
      email,
      secretKey,
      password: _,
      ...noPassword
    } = { ...agent, email: 'other@example.com', secretKey: 'other-key' };
    const { emu } = await bench({
      users: [
        agent,
        {
          ...noPassword,
          userId: '1b7c2d9e-1f3a-4b5c-8d6e-7f8091a2b3c4',
          email,
          secretKey,
          bearerToken: 'other-bearer',
        },
      ],
    });

    expect(
      await exchangePasswordForSecretKey({
        apiUrl: emu.apiUrl,
        email: agent.email,
        password: agent.password,
      }),
    ).toEqual({
      secretKey: agent.secretKey,
      userId: agent.userId,
    });
    for (const [who, pw] of [
      [agent.email, 'wrong'],
      [email, 'anything'],
    ] as const) {
      const response = await fetch(`${emu.apiUrl}authuser/${who}/`, {
        method: 'POST',
        body: JSON.stringify({ UserName: who, Password: pw }),
      });
      expect(response.status).toBe(401);
    }
  });

  it('writes the token response in the form asked for at start and later', async () => {
    const { emu } = await bench({ tokenResponse: { endpoint: 'schemeless', key: 'WssEndpoint' } });
    const read = async () =>
      (
        await fetch(`${emu.apiUrl}token/me/rte/`, {
          headers: { authorization: basic(emu.credentials.email, emu.credentials.secretKey) },
        })
      ).json();
    const host = new URL(emu.apiUrl).host;

    expect(await read()).toEqual({ WssEndpoint: `${host}/rte`, Token: expect.any(String) });
    emu.setTokenResponse({ endpoint: 'wss' });
    expect(await read()).toEqual({ WSSEndpoint: `wss://${host}/rte`, Token: expect.any(String) });
    emu.reset();
    expect(await read()).toEqual({ WssEndpoint: `${host}/rte`, Token: expect.any(String) });
  });

  it('refuses malformed options at start', async () => {
    await expect(startEmulator({ tokenResponse: { endpoint: 'http' as never } })).rejects.toThrow(TypeError);
    await expect(startEmulator({ tokenResponse: { key: 'endpoint' as never } })).rejects.toThrow(
      /tokenResponse.key/,
    );
    await expect(startEmulator({ partialPayloads: 'yes' as never })).rejects.toThrow(/partialPayloads/);
    await expect(
      startEmulator({
        users: [
          {
            userId: '0b7c2d9e-1f3a-4b5c-8d6e-7f8091a2b3c4',
            email: 'a@b.c',
            secretKey: 'k',
            bearerToken: 'b',
            password: '',
          },
        ],
      }),
    ).rejects.toThrow(/password/);
  });
});
