import { describe, expect, it } from 'vitest';
import { isBoardProblem } from '../../examples/browser-wallboard/src/problems.ts';
import { formatDowntime } from '../../examples/browser-wallboard/src/views/resync-banner.ts';

describe('the wallboard resync banner and problem line', () => {
  it('says how long the connection was down in ms below a second, never "0.0 s"', () => {
    expect(formatDowntime(0)).toBe('0 ms');
    expect(formatDowntime(13.4)).toBe('13 ms');
    expect(formatDowntime(999)).toBe('999 ms');
    expect(formatDowntime(2_340)).toBe('2.3 s');
    expect(formatDowntime(75_400)).toBe('75 s');
  });

  it('leaves connection failures the client handles itself to the indicator', () => {
    for (const code of ['TRANSPORT', 'TOKEN_REQUEST_FAILED', 'AUTH_REJECTED', 'PROTOCOL'] as const)
      expect(isBoardProblem({ code })).toBe(false);
    for (const code of ['SUBSCRIPTION_REFUSED', 'VALIDATION', 'HANDLER'] as const)
      expect(isBoardProblem({ code })).toBe(true);
  });
});
