import { describe, expect, it } from 'vitest';
import { basic, bench } from './support.ts';

function claimsOf(token: string): Record<string, unknown> {
  const [, payload] = token.split('.');
  return JSON.parse(Buffer.from(payload as string, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('GET /token/{me|userId}/rte/', () => {
  it('answers HTTP Basic credentials with the hub endpoint and a JWT', async () => {
    const { emu } = await bench();
    const { email, secretKey, userId, organizationId } = emu.credentials;
    const response = await fetch(`${emu.apiUrl}token/me/rte/`, {
      headers: { authorization: basic(email, secretKey) },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { WSSEndpoint: string; Token: string };
    expect(Object.keys(body)).toEqual(['WSSEndpoint', 'Token']);
    expect(body.WSSEndpoint).toBe(`ws://127.0.0.1:${emu.port}/rte`);
    const [header] = body.Token.split('.');
    expect(JSON.parse(Buffer.from(header as string, 'base64url').toString('utf8'))).toEqual({
      alg: 'HS256',
      typ: 'JWT',
    });
    const claims = claimsOf(body.Token);
    expect(claims).toEqual({
      sub: userId,
      email,
      org: organizationId,
      iat: expect.any(Number),
      exp: expect.any(Number),
      jti: expect.any(String),
    });
    expect((claims.exp as number) - (claims.iat as number)).toBe(3600);
    expect(emu.stats().tokensIssued).toBe(1);
  });

  it('answers the configured bearer token', async () => {
    const { emu } = await bench();
    const response = await fetch(`${emu.apiUrl}token/me/rte`, {
      headers: { authorization: `Bearer ${emu.credentials.bearerToken}` },
    });
    expect(response.status).toBe(200);
  });

  it("accepts the caller's own user id in any letter case and refuses someone else's with 403", async () => {
    const { emu } = await bench();
    const { email, secretKey, userId } = emu.credentials;
    const headers = { authorization: basic(email, secretKey) };
    expect((await fetch(`${emu.apiUrl}token/${userId.toUpperCase()}/rte/`, { headers })).status).toBe(200);
    const other = await fetch(`${emu.apiUrl}token/a1eeb030-ff4b-ea11-ac9c-00155d4fdcf3/rte/`, { headers });
    expect(other.status).toBe(403);
  });

  it.each([
    ['missing credentials', undefined],
    ['a wrong secret key', basic('demo@example.com', 'wrong')],
    ['an unknown bearer token', 'Bearer nope'],
    ['an unknown scheme', 'Digest abc'],
  ])('answers 401 to %s', async (_case, authorization) => {
    const { emu } = await bench();
    const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
    const response = await fetch(`${emu.apiUrl}token/me/rte/`, { headers });
    expect(response.status).toBe(401);
    expect(emu.stats().tokensIssued).toBe(0);
  });

  it('issues tokens to every configured user, which the hub accepts', async () => {
    const agent = {
      userId: '0b7c2d9e-1f3a-4b5c-8d6e-7f8091a2b3c4',
      email: 'Agent@Example.com',
      secretKey: 'agent-key',
      bearerToken: 'agent-bearer',
    };
    const { emu, connect } = await bench({ users: [agent] });
    expect(emu.credentials).toMatchObject(agent);
    const response = await fetch(`${emu.apiUrl}token/me/rte/`, {
      headers: { authorization: basic('agent@example.com', 'agent-key') },
    });
    const { Token } = (await response.json()) as { Token: string };
    expect(claimsOf(Token).sub).toBe(agent.userId);
    const hub = await connect({ token: () => Token });
    expect(await hub.invoke('UnsubscribeAll')).toBe(true);
  });

  it('gives new tokens the lifetime set at start or later', async () => {
    const { emu } = await bench({ tokenLifetimeSeconds: 120 });
    const lifetime = (token: string) => {
      const claims = claimsOf(token);
      return (claims.exp as number) - (claims.iat as number);
    };
    expect(lifetime(emu.issueToken())).toBe(120);
    emu.setTokenLifetime(30);
    expect(lifetime(emu.issueToken())).toBe(30);
    expect(lifetime(emu.issueToken({ lifetimeSeconds: 5 }))).toBe(5);
    expect(() => emu.setTokenLifetime(-1)).toThrow(TypeError);
  });

  it('answers unknown REST routes with 404', async () => {
    const { emu } = await bench();
    expect((await fetch(`${emu.apiUrl}users/me`)).status).toBe(404);
  });
});
