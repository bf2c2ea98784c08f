import { describe, expect, it } from 'vitest';
import {
  CLIENT_DEFAULTS,
  RECONNECT_DEFAULTS,
  type RteClientOptions,
  resolveOptions,
} from '../../src/options.ts';

const valid: RteClientOptions = {
  apiUrl: 'https://api.example.com',
  auth: { email: 'a@example.com', secretKey: 'k-secret' },
};

describe('options', () => {
  it('fills every default once', () => {
    const resolved = resolveOptions(valid);
    expect(resolved.userId).toBe(CLIENT_DEFAULTS.userId);
    expect(resolved.validation).toBe('lenient');
    expect(resolved.reconnect).toEqual(RECONNECT_DEFAULTS);
    expect(resolved.subscribeChunkSize).toBe(200);
    expect(resolved.apiUrl?.href).toBe('https://api.example.com/');
    expect(resolved.watchNetwork).toBe(false);
  });

  it('never lets an explicit undefined erase a default', () => {
    const resolved = resolveOptions({
      ...valid,
      validation: undefined,
      reconnect: { maxDelayMs: undefined },
    });
    expect(resolved.validation).toBe('lenient');
    expect(resolved.reconnect.maxDelayMs).toBe(RECONNECT_DEFAULTS.maxDelayMs);
  });

  it('keeps a path on the API URL and adds the trailing slash relative URLs need', () => {
    expect(resolveOptions({ ...valid, apiUrl: 'https://gw.example.com/enreach' }).apiUrl?.href).toBe(
      'https://gw.example.com/enreach/',
    );
  });

  it.each<[string, RteClientOptions]>([
    ['no way to get a token', {}],
    ['apiUrl without auth', { apiUrl: 'https://api.example.com' }],
    ['a relative apiUrl', { ...valid, apiUrl: 'api.example.com' }],
    ['a non-http apiUrl', { ...valid, apiUrl: 'wss://api.example.com' }],
    ['an empty secret key', { ...valid, auth: { email: 'a@example.com', secretKey: '' } }],
    ['an auth object of no known kind', { ...valid, auth: { token: 'x' } as never }],
    ['an unknown validation mode', { ...valid, validation: 'loose' as never }],
    ['a zero chunk size', { ...valid, subscribeChunkSize: 0 }],
    ['a fractional chunk size', { ...valid, subscribeChunkSize: 1.5 }],
    ['a negative delay', { ...valid, reconnect: { baseDelayMs: -1 } }],
    ['a max delay below the base delay', { ...valid, reconnect: { baseDelayMs: 5000, maxDelayMs: 10 } }],
    ['zero attempts', { ...valid, reconnect: { maxAttempts: 0 } }],
    ['a logger whose method is not a function', { ...valid, logger: { warn: 'loud' } as never }],
    ['a getToken that is not a function', { getToken: 'token' as never }],
    ['a user id with a slash', { ...valid, userId: 'me/../x' }],
  ])('rejects %s with a TypeError', (_, options) => {
    expect(() => resolveOptions(options)).toThrow(TypeError);
  });

  it('never echoes the secret key in its messages', () => {
    try {
      resolveOptions({
        apiUrl: 'not a url',
        auth: { email: 'a@example.com', secretKey: 'very-secret-value' },
      });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain('very-secret-value');
    }
  });

  it('accepts a custom getToken alone', () => {
    expect(
      resolveOptions({ getToken: async () => ({ endpoint: 'x/rte', token: 't' }) }).apiUrl,
    ).toBeUndefined();
  });
});
