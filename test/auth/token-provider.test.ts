import { describe, expect, it } from 'vitest';
import { toHubUrl } from '../../src/auth/hub-url.ts';
import { TokenProvider } from '../../src/auth/token-provider.ts';
import type { GetToken, TokenRequestReason } from '../../src/options.ts';

const signal = new AbortController().signal;

function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.signature`;
}

function counting(make: (n: number) => string) {
  const reasons: TokenRequestReason[] = [];
  const source: GetToken = async ({ reason }) => {
    reasons.push(reason);
    return { endpoint: 'wss://rte.example.test/rte', token: make(reasons.length) };
  };
  return { source, reasons };
}

describe('toHubUrl', () => {
  it.each([
    ['wss://rte-x.example.com/rte', 'https://rte-x.example.com/rte'],
    ['ws://127.0.0.1:5000/rte', 'http://127.0.0.1:5000/rte'],
    ['WSS://rte-x.example.com/rte', 'https://rte-x.example.com/rte'],
    ['https://rte-x.example.com/rte', 'https://rte-x.example.com/rte'],
    ['rte-x.example.com/rte', 'https://rte-x.example.com/rte'],
  ])('maps %s to %s, a URL the SignalR client accepts in Node and browsers', (endpoint, expected) => {
    expect(toHubUrl(endpoint, new URL('https://api.example.com/'))).toBe(expected);
  });

  it('gives an endpoint without a scheme the API URL scheme', () => {
    expect(toHubUrl('127.0.0.1:5000/rte', new URL('http://127.0.0.1:5000/'))).toBe(
      'http://127.0.0.1:5000/rte',
    );
  });

  it('refuses schemes that cannot reach a hub', () => {
    expect(() => toHubUrl('ftp://x/rte')).toThrow(TypeError);
  });
});

describe('TokenProvider', () => {
  it('reuses a token while it is valid beyond the safety margin', async () => {
    let now = 1_000_000;
    const { source, reasons } = counting(() => jwt({ iat: 1000, exp: 1000 + 3600 }));
    const tokens = new TokenProvider({ source, apiUrl: undefined, refreshMarginMs: 60_000, now: () => now });
    const first = await tokens.get(signal, true);
    now += 3_000_000; // still more than 60 s before expiry
    expect(await tokens.get(signal, false)).toBe(first);
    now = (1000 + 3600) * 1000 - 59_000; // inside the margin
    await tokens.get(signal, false);
    expect(reasons).toEqual(['connect', 'expired']);
  });

  it('caps the margin at half the lifetime so short-lived tokens are still reused', async () => {
    let now = 100_000;
    const { source, reasons } = counting(() => jwt({ iat: 100, exp: 130 }));
    const tokens = new TokenProvider({ source, apiUrl: undefined, refreshMarginMs: 60_000, now: () => now });
    await tokens.get(signal, true);
    now = 110_000;
    await tokens.get(signal, false);
    expect(reasons).toHaveLength(1);
    now = 116_000;
    await tokens.get(signal, false);
    expect(reasons).toHaveLength(2);
  });

  it('fetches a fresh token after invalidate(), saying the last one was rejected', async () => {
    const { source, reasons } = counting((n) => jwt({ exp: 9_999_999_999, n }));
    const tokens = new TokenProvider({ source, apiUrl: undefined, refreshMarginMs: 60_000 });
    const first = await tokens.get(signal, true);
    tokens.invalidate();
    const second = await tokens.get(signal, false);
    expect(second.token).not.toBe(first.token);
    expect(reasons).toEqual(['connect', 'rejected']);
  });

  it('shares one request between concurrent callers', async () => {
    const { source, reasons } = counting(() => jwt({ exp: 9_999_999_999 }));
    const tokens = new TokenProvider({ source, apiUrl: undefined, refreshMarginMs: 0 });
    const [a, b] = await Promise.all([tokens.get(signal, true), tokens.get(signal, true)]);
    expect(a).toBe(b);
    expect(reasons).toHaveLength(1);
  });

  it('maps the endpoint to an https hub URL and reads exp', async () => {
    const { source } = counting(() => jwt({ exp: 2_000_000_000 }));
    const tokens = new TokenProvider({ source, apiUrl: undefined, refreshMarginMs: 0 });
    const token = await tokens.get(signal, true);
    expect(token.hubUrl).toBe('https://rte.example.test/rte');
    expect(token.expiresAt).toBe(2_000_000_000_000);
  });

  it('treats a token without exp as valid until invalidated, and reports each token for redaction', async () => {
    const seen: string[] = [];
    const { source, reasons } = counting((n) => `opaque-token-${n}`);
    const tokens = new TokenProvider({
      source,
      apiUrl: undefined,
      refreshMarginMs: 0,
      onToken: (t) => seen.push(t),
    });
    await tokens.get(signal, true);
    await tokens.get(signal, false);
    expect(reasons).toHaveLength(1);
    expect(seen).toEqual(['opaque-token-1']);
  });
});

describe('custom token sources', () => {
  it('accept the REST body passed through as is, in any key casing', async () => {
    const source: GetToken = async () =>
      ({ WSSEndpoint: 'wss://rte.example.test/rte', Token: 'jwt' }) as never;
    const tokens = new TokenProvider({ source, apiUrl: undefined, refreshMarginMs: 0 });
    expect(await tokens.get(signal, true)).toMatchObject({
      hubUrl: 'https://rte.example.test/rte',
      token: 'jwt',
    });
  });

  it('reject a grant without a token as a protocol error', async () => {
    const source: GetToken = async () => ({ endpoint: 'wss://rte.example.test/rte' }) as never;
    const tokens = new TokenProvider({ source, apiUrl: undefined, refreshMarginMs: 0 });
    await expect(tokens.get(signal, true)).rejects.toMatchObject({ code: 'PROTOCOL' });
  });
});
