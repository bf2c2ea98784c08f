import { describe, expectTypeOf, it } from 'vitest';
import {
  isAuthError,
  isRteError,
  type RteAbortError,
  type RteAuthError,
  type RteClient,
  type RteClientError,
  type RteError,
  type RteErrorCode,
  type RteSubscriptionError,
  type RteSubscriptionFailedError,
  type RteTokenRequestError,
  type RteValidationError,
} from '../../src/index.ts';

declare const rte: RteClient;
declare const unknownError: unknown;

describe('error types', () => {
  it('narrow the error union by code, so class fields type-check', () => {
    rte.on('error', (error) => {
      if (error.code === 'AUTH_REJECTED') {
        expectTypeOf(error).toEqualTypeOf<RteAuthError>();
        expectTypeOf(error.status).toEqualTypeOf<number | undefined>();
      }
      if (error.code === 'SUBSCRIPTION_REFUSED') expectTypeOf(error).toEqualTypeOf<RteSubscriptionError>();
      if (error.code === 'SUBSCRIPTION_FAILED') {
        expectTypeOf(error).toEqualTypeOf<RteSubscriptionFailedError>();
        expectTypeOf(error.method).toEqualTypeOf<'Subscribe' | 'Unsubscribe' | 'UnsubscribeAll'>();
      }
      if (error.code === 'TOKEN_REQUEST_FAILED')
        expectTypeOf(error.retryAfterMs).toEqualTypeOf<number | undefined>();
      if (error.code === 'VALIDATION')
        expectTypeOf(error.issues).toEqualTypeOf<RteValidationError['issues']>();
      // @ts-expect-error only an RteAuthError has a status
      if (error.code === 'TRANSPORT') void error.status;
    });
  });

  it('narrow the union by name too', () => {
    rte.on('error', (error) => {
      if (error.name === 'RteValidationError') expectTypeOf(error).toEqualTypeOf<RteValidationError>();
    });
  });

  it('declare a literal code on each class', () => {
    expectTypeOf<RteAuthError['code']>().toEqualTypeOf<'AUTH_REJECTED'>();
    expectTypeOf<RteAbortError['code']>().toEqualTypeOf<'ABORTED'>();
    expectTypeOf<RteTokenRequestError['code']>().toEqualTypeOf<'TOKEN_REQUEST_FAILED'>();
    expectTypeOf<RteClientError['code']>().toEqualTypeOf<RteErrorCode>();
  });

  it('make the guards type predicates', () => {
    if (isRteError(unknownError)) expectTypeOf(unknownError).toEqualTypeOf<RteError>();
    if (isRteError(unknownError, 'AUTH_REJECTED'))
      expectTypeOf(unknownError.status).toEqualTypeOf<number | undefined>();
    if (isRteError(unknownError, 'SUBSCRIPTION_REFUSED'))
      expectTypeOf(unknownError).toEqualTypeOf<RteSubscriptionError>();
    if (isAuthError(unknownError))
      expectTypeOf(unknownError.name).toEqualTypeOf<'RteAuthError' | 'UnauthorizedError'>();
  });

  it('still accept a listener typed with the base class', () => {
    rte.on('error', (error: RteError) => void error.code);
  });
});
