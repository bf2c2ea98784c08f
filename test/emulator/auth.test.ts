import { describe, expect, it } from 'vitest';
import { bench, negotiate, upgradeStatus } from './support.ts';

const past = () => Math.floor(Date.now() / 1000) - 3600;

describe('negotiate', () => {
  it.each([
    ['no token', () => undefined],
    ['a malformed token', () => 'not-a-jwt'],
  ])('answers 401 to %s', async (_case, token) => {
    const { emu } = await bench();
    const response = await negotiate(emu, { token: token() as string });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('answers 401 to an expired token', async () => {
    const { emu } = await bench();
    expect((await negotiate(emu, { token: emu.issueToken({ exp: past() }) })).status).toBe(401);
  });

  it('answers 401 to a token signed by another emulator', async () => {
    const { emu } = await bench();
    const other = await bench();
    expect((await negotiate(emu, { token: other.emu.issueToken() })).status).toBe(401);
  });

  it('answers 401 to a revoked token and 200 to one issued after revocation', async () => {
    const { emu } = await bench();
    const revoked = emu.issueToken();
    expect(emu.revokeTokens()).toBe(1);
    expect((await negotiate(emu, { token: revoked })).status).toBe(401);
    expect((await negotiate(emu, { token: emu.issueToken() })).status).toBe(200);
  });

  it('reads the token from the access_token query parameter', async () => {
    const { emu } = await bench();
    const response = await negotiate(emu, { query: `?negotiateVersion=1&access_token=${emu.issueToken()}` });
    expect(response.status).toBe(200);
  });

  it('makes the SignalR client fail to start with status 401', async () => {
    const { emu, build } = await bench();
    const hub = build({ token: () => emu.issueToken({ exp: past() }) });
    await expect(hub.start()).rejects.toThrow(/401/);
  });
});

describe('WebSocket upgrade', () => {
  async function negotiated(emu: Awaited<ReturnType<typeof bench>>['emu']): Promise<string> {
    const body = (await (await negotiate(emu, { token: emu.issueToken() })).json()) as {
      connectionToken: string;
    };
    return body.connectionToken;
  }

  it('upgrades with a valid token in the Authorization header (Node client)', async () => {
    const { emu } = await bench();
    const id = await negotiated(emu);
    const url = `${emu.hubUrl.replace(/^http/, 'ws')}?id=${id}`;
    expect(await upgradeStatus(url, { authorization: `Bearer ${emu.issueToken()}` })).toBe(101);
  });

  it('upgrades with a valid token in the access_token query parameter (browser client)', async () => {
    const { emu } = await bench();
    const id = await negotiated(emu);
    const url = `${emu.hubUrl.replace(/^http/, 'ws')}?id=${id}&access_token=${emu.issueToken()}`;
    expect(await upgradeStatus(url)).toBe(101);
  });

  it.each([
    ['no token', () => ({})],
    ['an expired token', (token: string) => ({ authorization: `Bearer ${token}` })],
  ])('answers 401 to %s, with or without a connection id', async (_case, headers) => {
    const { emu } = await bench();
    const id = await negotiated(emu);
    const expired = emu.issueToken({ exp: past() });
    const base = emu.hubUrl.replace(/^http/, 'ws');
    expect(await upgradeStatus(`${base}?id=${id}`, headers(expired))).toBe(401);
    expect(await upgradeStatus(base, headers(expired))).toBe(401);
  });

  it('answers 401 when the token was revoked between negotiate and upgrade', async () => {
    const { emu } = await bench();
    const token = emu.issueToken();
    const id = await negotiated(emu);
    emu.revokeTokens();
    const url = `${emu.hubUrl.replace(/^http/, 'ws')}?id=${id}`;
    expect(await upgradeStatus(url, { authorization: `Bearer ${token}` })).toBe(401);
  });

  it('answers 404 to an unknown connection id and 409 to one already in use', async () => {
    const { emu } = await bench();
    const base = emu.hubUrl.replace(/^http/, 'ws');
    const headers = { authorization: `Bearer ${emu.issueToken()}` };
    expect(await upgradeStatus(`${base}?id=unknown`, headers)).toBe(404);
    const id = await negotiated(emu);
    const { WebSocket } = await import('ws');
    const first = new WebSocket(`${base}?id=${id}`, { headers });
    await new Promise((resolve) => first.once('open', resolve));
    expect(await upgradeStatus(`${base}?id=${id}`, headers)).toBe(409);
    first.terminate();
  });

  it('keeps open connections when their token is revoked', async () => {
    const { emu, connect } = await bench();
    const hub = await connect();
    emu.revokeTokens();
    expect(await hub.invoke('UnsubscribeAll')).toBe(true);
  });

  it('answers 404 to WebSocket requests outside the hub path', async () => {
    const { emu } = await bench();
    const url = `${emu.apiUrl.replace(/^http/, 'ws')}elsewhere`;
    expect(await upgradeStatus(url, { authorization: `Bearer ${emu.issueToken()}` })).toBe(404);
  });
});

describe('plain HTTP on the hub', () => {
  it('answers as a WebSockets-only endpoint', async () => {
    const { emu } = await bench();
    const headers = { authorization: `Bearer ${emu.issueToken()}` };
    expect((await fetch(emu.hubUrl, { headers })).status).toBe(400);
    expect((await fetch(`${emu.hubUrl}?id=nope`, { headers })).status).toBe(404);
    expect((await fetch(emu.hubUrl)).status).toBe(401);
  });
});
