import { describe, expect, it } from 'vitest';
import { createSafeLogger } from '../../src/logging/logger.ts';
import { Redactor } from '../../src/logging/redact.ts';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl';

describe('redaction', () => {
  it('removes access_token parameters, auth headers, JWTs and registered secrets', () => {
    const redactor = new Redactor();
    redactor.add('my-secret-key');
    const text = redactor.redact(
      `GET wss://rte.example/rte?id=abc&access_token=${JWT} Authorization: Bearer ${JWT} Basic dXNlcjpwYXNz key=my-secret-key raw ${JWT}`,
    );
    expect(text).not.toContain(JWT);
    expect(text).not.toContain('my-secret-key');
    expect(text).not.toContain('dXNlcjpwYXNz');
    expect(text).toContain('id=abc');
    expect(text).toContain('access_token=[redacted]');
  });

  it('lets a logger receive redacted lines and survives a logger that throws', () => {
    const lines: unknown[][] = [];
    const redactor = new Redactor();
    redactor.add('top-secret');
    const logger = createSafeLogger(
      {
        info: (...args) => lines.push(args),
        warn: () => {
          throw new Error('broken logger');
        },
      },
      redactor,
    );
    logger.info('token top-secret', {
      url: `wss://x/rte?access_token=${JWT}`,
      error: new Error('bad top-secret'),
    });
    expect(() => logger.warn('anything')).not.toThrow();
    expect(() => logger.debug('no sink')).not.toThrow();
    expect(JSON.stringify(lines)).not.toMatch(/top-secret|eyJ/);
  });
});
