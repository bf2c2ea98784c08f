import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { RteClient } from '../../src/index.ts';
import { createSafeLogger, isObjectFirstLogger } from '../../src/logging/logger.ts';
import { Redactor } from '../../src/logging/redact.ts';
import { emulator } from '../support/emulator-env.ts';

/** A real pino logger writing JSON lines into memory. */
function memoryPino(): { log: pino.Logger; lines: () => Record<string, unknown>[] } {
  let text = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  const log = pino({ level: 'debug' }, sink);
  return {
    log,
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line)),
  };
}

describe('logging through pino', () => {
  it('gives pino the details as fields of the line, and the message as msg', () => {
    const { log, lines } = memoryPino();
    const logger = createSafeLogger(log.child({ component: 'enreach-rte' }), new Redactor());
    logger.warn('The hub refused 1 subscription(s)', { code: 'SUBSCRIPTION_REFUSED', attempt: 2 });
    expect(lines()).toEqual([
      expect.objectContaining({
        level: 40,
        component: 'enreach-rte',
        code: 'SUBSCRIPTION_REFUSED',
        attempt: 2,
        msg: '[enreach-rte] The hub refused 1 subscription(s)',
      }),
    ]);
  });

  it('redacts secrets in pino fields as in messages', () => {
    const { log, lines } = memoryPino();
    const redactor = new Redactor();
    redactor.add('top-secret-key');
    createSafeLogger(log, redactor).info('token for top-secret-key', {
      url: 'wss://h/rte?access_token=abc.def.ghi',
    });
    const [line] = lines();
    expect(JSON.stringify(line)).not.toContain('top-secret-key');
    expect(line).toMatchObject({ url: 'wss://h/rte?access_token=[redacted]' });
  });

  it('keeps calling console-like loggers with (message, details)', () => {
    const calls: unknown[][] = [];
    const logger = createSafeLogger({ info: (...args: unknown[]) => calls.push(args) }, new Redactor());
    logger.info('connected', { connectionId: 'c1' });
    logger.info('plain');
    expect(calls).toEqual([['[enreach-rte] connected', { connectionId: 'c1' }], ['[enreach-rte] plain']]);
    expect(isObjectFirstLogger(console)).toBe(false);
    expect(isObjectFirstLogger(pino())).toBe(true);
  });

  it('carries the client’s details (the connection id) into pino lines over a real connection', async () => {
    const emu = await emulator();
    const { log, lines } = memoryPino();
    const rte = new RteClient({
      apiUrl: emu.apiUrl,
      auth: { email: emu.credentials.email, secretKey: emu.credentials.secretKey },
      logger: log,
    });
    await rte.connect();
    await rte.disconnect();
    const connected = lines().find((line) => line.msg === '[enreach-rte] connected');
    expect(connected).toMatchObject({ level: 30, connectionId: expect.any(String) });
    expect(JSON.stringify(lines())).not.toContain(emu.credentials.secretKey);
  });
});
