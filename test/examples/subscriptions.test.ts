import { beforeAll, describe, expect, it } from 'vitest';
import { liveOnlyEventNames } from '../../src/events/live-names.ts';
import { documentedEventNames } from '../../src/events/registry.ts';
import { ensureBuilt } from '../support/built-sdk.ts';
import { emulator, rteEnv } from '../support/emulator-env.ts';
import { runProgram } from '../support/programs.ts';

/** Runs one script of examples/subscriptions against a fresh emulator; it must end by itself, cleanly. */
async function run(script: string): Promise<string> {
  const emu = await emulator();
  // As the README says: `node src/<script>.ts` in the example's folder, after its `npm install`.
  const program = runProgram({ cwd: 'examples/subscriptions', file: `src/${script}.ts`, env: rteEnv(emu) });
  const exit = await program.exited();
  expect(program.stderr).toBe('');
  expect(exit).toEqual({ code: 0, signal: null });
  return program.stdout.replaceAll(emu.credentials.userId, '<user>');
}

describe('examples/subscriptions', () => {
  beforeAll(ensureBuilt);

  it('subscribe-unsubscribe: pending before connect, counted holds, the hub told only for the last', async () => {
    expect(await run('subscribe-unsubscribe')).toBe(
      [
        'before connect: pending',
        'after connect: UserStatus subscribed, held 1 time(s)',
        'second subscribe: subscribed, held 2 time(s)',
        'unsubscribe #1: retained',
        'unsubscribe #2: unsubscribed',
        'unsubscribe #3: not-subscribed',
        'the hub now holds 0 subscription(s) for us',
        '',
      ].join('\n'),
    );
  });

  it('results-and-refusals: one verdict per item, early refusals on the error event, refused pairs forgotten', async () => {
    expect(await run('results-and-refusals')).toBe(
      [
        'error event: UserAvailability not-a-guid refused (invalid-entity-id)',
        'UserStatus <user>: subscribed',
        'UserStatus not-a-guid: refused (invalid-entity-id: "Invalid EntityId")',
        'NoSuchEvent <user>: refused (invalid-event-name: "Invalid event name")',
        'kept: UserStatus <user>',
        '',
      ].join('\n'),
    );
  });

  it('available-and-active: the offered events, typed or not, and what the hub holds', async () => {
    const total = documentedEventNames.length + liveOnlyEventNames.length;
    expect(await run('available-and-active')).toBe(
      [
        `the hub offers ${total} events, ${documentedEventNames.length} of them typed by the SDK`,
        `without a schema: ${liveOnlyEventNames.join(', ')}`,
        'active: UserStatus User <user>',
        'active: UserAvailability User <user>',
        'after unsubscribeAll: 0 active, 0 remembered',
        '',
      ].join('\n'),
    );
  });

  it('unknown-events: an event without a schema reaches its listener and the catch-all, untyped', async () => {
    expect(await run('unknown-events')).toBe(
      [
        'a call from +358401234567 entered the queue',
        '* QueueCallInArrived: no schema, delivered as received',
        '* QueueStatus: typed',
        '',
      ].join('\n'),
    );
  });

  it('resynced: reports the drop, the replayed subscriptions and that events may have been missed', async () => {
    const lines = (await run('resynced')).trimEnd().split('\n');

    // The control call's answer and the client noticing the drop race each other.
    expect(lines).toContain('dropped 1 connection(s)');
    expect(
      lines
        .filter((line) => line.startsWith('state:'))
        .join('\n')
        .replace(/(state: reconnecting -> reconnecting\n)+/, ''),
    ).toBe(
      [
        'state: idle -> connecting',
        'state: connecting -> connected',
        'state: connected -> reconnecting',
        'state: reconnecting -> connected',
        'state: connected -> disconnected',
      ].join('\n'),
    );
    expect(lines.filter((line) => !line.startsWith('state:') && !line.startsWith('dropped'))).toEqual([
      expect.stringMatching(/^resynced after \d+ ms \(cause: connection-lost\)$/),
      'restored 2, refused 0, still pending 0',
      'events may have been missed: refetch the current state over the REST API',
    ]);
  });
});
