import fc from 'fast-check';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { describeCause, recordingFetch } from '../../src/cli/cause.ts';
import { checkApiUrl, inFlagTerms } from '../../src/cli/flags.ts';
import { formatEvent } from '../../src/cli/format.ts';
import type { RteMessage } from '../../src/index.ts';

const systemError = (code: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${code} happened`), { code, ...extra });

describe('why a connection attempt failed', () => {
  it('finds the system error behind fetch failures, however deep, and says it with its address', () => {
    const refused = new TypeError('fetch failed', {
      cause: systemError('ECONNREFUSED', { address: '127.0.0.1', port: 5080 }),
    });
    expect(describeCause(refused)).toBe('connection refused (ECONNREFUSED 127.0.0.1:5080)');
    const dns = new Error('outer', {
      cause: new TypeError('fetch failed', { cause: systemError('ENOTFOUND', { hostname: 'api.invalid' }) }),
    });
    expect(describeCause(dns)).toBe('DNS lookup failed (ENOTFOUND api.invalid)');
    const happyEyeballs = new TypeError('fetch failed', {
      cause: new AggregateError([systemError('ECONNREFUSED', { address: '::1', port: 80 })]),
    });
    expect(describeCause(happyEyeballs)).toBe('connection refused (ECONNREFUSED ::1:80)');
  });

  it('reads OpenSSL’s reason out of a TLS error, an HTTP status, and never an RteError’s own code', () => {
    const tls = systemError('ERR_SSL_WRONG_VERSION_NUMBER');
    tls.message = '40:error:0A00010B:SSL routines:tls_validate_record_header:wrong version number:x.c:77:';
    expect(describeCause(tls)).toBe('TLS error: wrong version number (ERR_SSL_WRONG_VERSION_NUMBER)');
    expect(describeCause(Object.assign(new Error('HTTP 503'), { status: 503 }))).toBe('HTTP 503');
    expect(
      describeCause(Object.assign(new Error('Gave up'), { name: 'RteTransportError', code: 'TRANSPORT' })),
    ).toBe(undefined);
  });

  it('never throws, whatever the error looks like (cycles included)', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const cyclic = { message: 'loop', cause: undefined as unknown };
        cyclic.cause = cyclic;
        describeCause(value);
        describeCause(cyclic);
      }),
    );
  });

  it('remembers the last token request failure, and forgets it after a success', async () => {
    let fail = true;
    const recorder = recordingFetch(async () => {
      if (fail)
        throw new TypeError('fetch failed', { cause: systemError('ECONNRESET', { address: '10.0.0.1' }) });
      return new Response('{}', { status: 200 });
    });
    await expect(recorder.fetch('http://api.example/')).rejects.toThrow('fetch failed');
    expect(recorder.lastFailure()).toBe('connection reset by the server (ECONNRESET 10.0.0.1)');
    fail = false;
    await recorder.fetch('http://api.example/');
    expect(recorder.lastFailure()).toBeUndefined();
  });
});

describe('CLI messages speak of flags', () => {
  it('rewrites SDK option names into the flags and variables that set them', () => {
    expect(inFlagTerms('enreach-rte: option "apiUrl" must use http or https')).toBe(
      '--api-url must use http or https',
    );
    expect(inFlagTerms('option "reconnect.maxAttempts" must be a whole number, got 1.5')).toBe(
      '--max-attempts must be a whole number, got 1.5',
    );
    expect(inFlagTerms('option "auth.email" must be a non-empty string')).toBe(
      'ENREACH_EMAIL must be a non-empty string',
    );
    expect(checkApiUrl('api-silox.enreachvoice.com')).toMatch(/^--api-url must be an absolute http\(s\) URL/);
    expect(checkApiUrl('https://api-silox.enreachvoice.com')).toBeUndefined();
  });
});

describe('one line per event', () => {
  const message = (data: Record<string, unknown>): RteMessage =>
    ({
      name: 'UserStatus',
      data,
      subscription: { entityId: 'u-1' },
      raw: data,
      issues: [],
      known: true,
    }) as unknown as RteMessage;

  it('shows the entity once with its name, the fields that matter first, ids as names', () => {
    const names = new Map([
      ['u-1', 'Aino Virtanen'],
      ['q-1', 'Support'],
    ]);
    const line = formatEvent(
      message({
        userId: 'u-1',
        note: '',
        schedule: true,
        talking: true,
        available: false,
        activeQueueId: 'q-1',
      }),
      { names },
    );
    expect(line).toMatch(
      / UserStatus +Aino Virtanen \(u-1\) {2}available=false talking=true activeQueueId="Support" note="" schedule=true$/,
    );
  });

  it('cuts only to a given width, and colours only what the painter colours', () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T10:00:00Z'), toFake: ['Date'] });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const long = message({ note: 'x'.repeat(30), a: 'y'.repeat(30), b: 'z'.repeat(30), c: 'w'.repeat(30) });
    expect(formatEvent(long).endsWith('…')).toBe(false);
    const cut = formatEvent(long, { width: 80 });
    expect(cut).toHaveLength(80);
    expect(cut.endsWith('…')).toBe(true);
    const painted = formatEvent(long, { width: 80, paint: (style, text) => `<${String(style)}>${text}</>` });
    expect(painted).toContain('<cyan>UserStatus');
    expect(painted.replace(/<\/?[a-z]*>/g, '')).toBe(cut);
  });
});
