import { describe, expect, it } from 'vitest';
import { describeConnection } from '../../examples/browser-wallboard/src/connection-status.ts';

describe('the wallboard connection indicator', () => {
  it('counts down to the next reconnect attempt from the state event delay', () => {
    const snapshot = { state: 'reconnecting', attempt: 3, delayMs: 4000, at: 10_000 } as const;
    expect(describeConnection(snapshot, 10_000)).toEqual({
      tone: 'pending',
      label: 'Reconnecting',
      detail: 'attempt 3 in 4.0 s',
    });
    expect(describeConnection(snapshot, 11_520).detail).toBe('attempt 3 in 2.5 s');
    expect(describeConnection(snapshot, 14_000).detail).toBe('attempt 3 in progress');
  });

  it('rounds the countdown to whole seconds from ten seconds up', () => {
    expect(describeConnection({ state: 'reconnecting', attempt: 6, delayMs: 24_200, at: 0 }, 0).detail).toBe(
      'attempt 6 in 25 s',
    );
  });

  it('names why the connection went away while the first retry runs at once', () => {
    expect(describeConnection({ state: 'reconnecting', cause: 'connection-lost', at: 0 }, 0).detail).toBe(
      'connection lost · attempt 1 in progress',
    );
  });

  it('reads live when connected and gives the reason when the client gave up', () => {
    expect(describeConnection({ state: 'connected', at: 0 }, 0)).toEqual({
      tone: 'live',
      label: 'Live',
      detail: '',
    });
    expect(
      describeConnection(
        { state: 'disconnected', error: { message: 'The API refused the credentials' }, at: 0 },
        0,
      ),
    ).toEqual({ tone: 'down', label: 'Disconnected', detail: 'The API refused the credentials' });
  });
});
