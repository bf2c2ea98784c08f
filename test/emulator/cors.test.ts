import { describe, expect, it } from 'vitest';
import { bench } from './support.ts';

const origin = 'http://app.example.test:8080';

describe('CORS', () => {
  it.each(['token/me/rte/', 'rte/negotiate?negotiateVersion=1', '_control/publish'])(
    'answers the preflight of %s for the requesting origin with credentials',
    async (path) => {
      const { emu } = await bench();
      const response = await fetch(`${emu.apiUrl}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers':
            'authorization, x-signalr-user-agent, x-requested-with, content-type',
        },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
      const allowed = response.headers.get('access-control-allow-headers')?.split(/,\s*/) ?? [];
      expect(allowed).toEqual(
        expect.arrayContaining(['authorization', 'content-type', 'x-requested-with', 'x-signalr-user-agent']),
      );
      expect(response.headers.get('access-control-allow-methods')).toMatch(/POST/);
    },
  );

  it('marks actual responses, including refusals, as readable by the origin', async () => {
    const { emu } = await bench();
    for (const response of [
      await fetch(`${emu.apiUrl}token/me/rte/`, { headers: { origin } }),
      await fetch(`${emu.hubUrl}/negotiate?negotiateVersion=1`, {
        method: 'POST',
        headers: { origin, authorization: `Bearer ${emu.issueToken()}` },
      }),
    ]) {
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    }
  });

  it('adds no CORS headers to requests without an Origin', async () => {
    const { emu } = await bench();
    const response = await fetch(`${emu.apiUrl}token/me/rte/`);
    expect(response.headers.has('access-control-allow-origin')).toBe(false);
  });
});
