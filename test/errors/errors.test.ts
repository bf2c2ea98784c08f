import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../src/auth/rest-token-source.ts';
import {
  isAuthError,
  isRteError,
  RteAbortError,
  RteAuthError,
  RteHandlerError,
  RteNotConnectedError,
  RteProtocolError,
  RteSubscriptionClosedError,
  RteSubscriptionError,
  RteSubscriptionFailedError,
  RteTokenRequestError,
  RteTransportError,
  RteValidationError,
} from '../../src/errors/index.ts';

describe('error classes', () => {
  it('each carry their own literal code and name', () => {
    const cases = [
      [new RteAuthError('no', { status: 401 }), 'AUTH_REJECTED', 'RteAuthError'],
      [new RteTokenRequestError('down'), 'TOKEN_REQUEST_FAILED', 'RteTokenRequestError'],
      [new RteTransportError('lost'), 'TRANSPORT', 'RteTransportError'],
      [new RteProtocolError('odd'), 'PROTOCOL', 'RteProtocolError'],
      [new RteSubscriptionError([]), 'SUBSCRIPTION_REFUSED', 'RteSubscriptionError'],
      [
        new RteSubscriptionFailedError('Unsubscribe', 2, new Error('hub')),
        'SUBSCRIPTION_FAILED',
        'RteSubscriptionFailedError',
      ],
      [
        new RteSubscriptionClosedError('UserStatus', 'id'),
        'SUBSCRIPTION_CLOSED',
        'RteSubscriptionClosedError',
      ],
      [new RteValidationError('UserStatus', [], {}, false), 'VALIDATION', 'RteValidationError'],
      [new RteHandlerError('UserStatus', new Error('x')), 'HANDLER', 'RteHandlerError'],
      [new RteAbortError(), 'ABORTED', 'RteAbortError'],
      [new RteNotConnectedError(), 'NOT_CONNECTED', 'RteNotConnectedError'],
    ] as const;
    for (const [error, code, name] of cases) {
      expect(error).toBeInstanceOf(Error);
      expect({ code: error.code, name: error.name }).toEqual({ code, name });
      expect(isRteError(error, code)).toBe(true);
    }
  });

  it('say which hub call failed and keep the cause', () => {
    const cause = new Error('Invocation timed out');
    const error = new RteSubscriptionFailedError('Subscribe', 3, cause);
    expect(error).toMatchObject({ method: 'Subscribe', items: 3, cause });
    expect(error.message).toBe('Subscribe failed, will retry: Invocation timed out');
  });

  it('carry the Retry-After of a throttled token request', () => {
    expect(new RteTokenRequestError('429', { status: 429, retryAfterMs: 2000 })).toMatchObject({
      status: 429,
      retryAfterMs: 2000,
    });
  });
});

describe('guards', () => {
  it('recognise errors from a second copy of the package by name and code', () => {
    const foreign = Object.assign(new Error('refused'), {
      name: 'RteAuthError',
      code: 'AUTH_REJECTED',
      status: 403,
    });
    expect(isRteError(foreign)).toBe(true);
    expect(isRteError(foreign, 'AUTH_REJECTED')).toBe(true);
    expect(isRteError(foreign, 'TRANSPORT')).toBe(false);
    expect(isAuthError(foreign)).toBe(true);
  });

  it('reject look-alikes that are not enreach-rte errors', () => {
    expect(isRteError(new Error('x'))).toBe(false);
    expect(isRteError({ name: 'RteAuthError' })).toBe(false);
    expect(isRteError(null)).toBe(false);
    expect(isAuthError(new RteTransportError('x'))).toBe(false);
    expect(isAuthError(Object.assign(new Error('x'), { name: 'UnauthorizedError' }))).toBe(true);
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates, capped at a minute, and ignores nonsense', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('3600', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
  });
});
