import { describe, expectTypeOf, it } from 'vitest';
import type {
  ConnectionState,
  DisconnectCause,
  QueueStatus,
  RteClient,
  RteMessage,
  SubscriptionHandle,
  SubscriptionState,
  UntypedEventData,
} from '../../src/index.ts';

declare const rte: RteClient;

describe('subscription handle types', () => {
  it('type a handle and its listeners by event name', () => {
    const sub = rte.subscription('QueueStatus', 'id');
    expectTypeOf(sub).toEqualTypeOf<SubscriptionHandle<'QueueStatus'>>();
    expectTypeOf(sub.eventName).toEqualTypeOf<'QueueStatus'>();
    expectTypeOf(sub.state).toEqualTypeOf<SubscriptionState>();
    sub.on((queue, message) => {
      expectTypeOf(queue).toEqualTypeOf<QueueStatus>();
      expectTypeOf(message).toEqualTypeOf<RteMessage<'QueueStatus'>>();
    });
    expectTypeOf(sub.ready()).toEqualTypeOf<Promise<void>>();
    expectTypeOf(sub.unsubscribe()).toEqualTypeOf<void>();
    expectTypeOf(sub[Symbol.dispose]).toBeFunction();
  });

  it('give handles of events without a schema the untyped payload', () => {
    rte
      .subscription('SomeFutureEvent', 'id')
      .on((data) => expectTypeOf(data).toEqualTypeOf<UntypedEventData>());
  });

  it('list the five handle states', () => {
    expectTypeOf<SubscriptionState>().toEqualTypeOf<
      'pending' | 'live' | 'resubscribing' | 'refused' | 'closed'
    >();
  });
});

describe('connection state types', () => {
  it('narrow a state change to its own fields', () => {
    rte.on('state', (change) => {
      expectTypeOf(change.previous).toEqualTypeOf<ConnectionState>();
      if (change.state === 'reconnecting') {
        expectTypeOf(change.attempt).toEqualTypeOf<number>();
        expectTypeOf(change.delayMs).toEqualTypeOf<number>();
        expectTypeOf(change.cause).toEqualTypeOf<DisconnectCause>();
      }
      if (change.state === 'disconnected')
        expectTypeOf(change.reason).toEqualTypeOf<'disconnect' | 'auth-rejected' | 'gave-up'>();
      if (change.state === 'connected') expectTypeOf(change.attempt).toEqualTypeOf<undefined>();
    });
  });

  it('keep rte.state the status string and offer whenState', () => {
    expectTypeOf(rte.state).toEqualTypeOf<ConnectionState>();
    expectTypeOf(rte.status.state).toEqualTypeOf<ConnectionState>();
    expectTypeOf(rte.whenState('connected', { signal: AbortSignal.timeout(1) })).toEqualTypeOf<
      Promise<void>
    >();
    // @ts-expect-error not a state
    void rte.whenState('online');
  });
});
