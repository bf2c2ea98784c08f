import { describe, expect, it } from 'vitest';
import { wallboardConfigFromEmulator } from '../../examples/browser-wallboard/src/from-emulator.ts';
import {
  LOCAL_EMULATOR,
  parseWallboardConfig,
} from '../../examples/browser-wallboard/src/wallboard-config.ts';

const queue = { id: 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3', name: 'Support' };

describe('the wallboard configuration', () => {
  it('connects to the local emulator when it names no token source', () => {
    expect(parseWallboardConfig({ queues: [queue] })).toEqual({
      title: 'Contact centre',
      connection: LOCAL_EMULATOR,
      queues: [queue],
      agents: [],
    });
  });

  it('prefers a backend token endpoint over credentials in the page', () => {
    const config = parseWallboardConfig({
      tokenUrl: '/api/rte-token',
      apiUrl: 'https://api-silox.enreachvoice.com/',
      auth: { email: 'wallboard@example.com', secretKey: 'not-used' },
      queues: [queue],
    });
    expect(config.connection).toEqual({ kind: 'backend', tokenUrl: '/api/rte-token' });
  });

  it('accepts a bearer token for the REST API', () => {
    const config = parseWallboardConfig({
      apiUrl: 'https://api-silox.enreachvoice.com/',
      auth: { bearer: 'bearer-value' },
      agents: [{ id: 'aa9730c4-ce86-e611-80c9-00505689257e' }],
    });
    expect(config.connection).toEqual({
      kind: 'direct',
      apiUrl: 'https://api-silox.enreachvoice.com/',
      auth: { bearer: 'bearer-value' },
    });
    expect(config.agents).toEqual([
      { id: 'aa9730c4-ce86-e611-80c9-00505689257e', name: 'aa9730c4-ce86-e611-80c9-00505689257e' },
    ]);
  });

  it('names the bad field without echoing a credential', () => {
    expect(() => parseWallboardConfig({ queues: [] })).toThrow('list at least one queue or agent');
    expect(() =>
      parseWallboardConfig({
        apiUrl: 'https://api.example.com/',
        auth: { email: 'a@example.com', secretKey: 42 },
        queues: [queue],
      }),
    ).toThrow(/^config\.json: auth\.secretKey must be a non-empty string$/);
    expect(() => parseWallboardConfig({ queues: [{ name: 'Support' }] })).toThrow('queues[0].id');
  });

  it('is made from the line the emulator prints with --simulate', () => {
    const config = wallboardConfigFromEmulator({
      apiUrl: 'http://127.0.0.1:5080/',
      credentials: { email: 'demo@example.com', secretKey: 'demo-secret-key' },
      directory: {
        queues: [{ queueId: queue.id, name: 'Support' }],
        agents: [{ userId: 'aa9730c4-ce86-e611-80c9-00505689257e', name: 'Aino Virtanen' }],
      },
    });
    expect(parseWallboardConfig(config)).toEqual({
      title: 'Simulated contact centre',
      connection: {
        kind: 'direct',
        apiUrl: 'http://127.0.0.1:5080/',
        auth: { email: 'demo@example.com', secretKey: 'demo-secret-key' },
      },
      queues: [queue],
      agents: [{ id: 'aa9730c4-ce86-e611-80c9-00505689257e', name: 'Aino Virtanen' }],
      // The emulator's own snapshot endpoint: queues are restored from it after a gap.
      snapshotUrl: 'http://127.0.0.1:5080/_control/state/',
    });
  });
});
