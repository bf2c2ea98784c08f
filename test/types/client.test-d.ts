import { describe, expectTypeOf, it } from 'vitest';
import type {
  PairRef,
  QueueStatus,
  RteClient,
  RteClientError,
  RteMessage,
  StalePair,
  SubscriptionResult,
  UntypedEventData,
  UserStatus,
} from '../../src/index.ts';

declare const rte: RteClient;

describe('RteClient types', () => {
  it('types listeners from the event name', () => {
    rte.on('UserStatus', (status, message) => {
      expectTypeOf(status).toEqualTypeOf<UserStatus>();
      expectTypeOf(status.canBeAllocatedTo).toEqualTypeOf<boolean>();
      expectTypeOf(message.name).toEqualTypeOf<'UserStatus'>();
    });
    rte.on('QueueStatus', (queue) => expectTypeOf(queue).toEqualTypeOf<QueueStatus>());
  });

  it('gives live-only events the untyped payload and the catch-all every message', () => {
    rte.on('QueueCallInComing', (data) => expectTypeOf(data).toEqualTypeOf<UntypedEventData>());
    rte.on('*', (message) => expectTypeOf(message).toEqualTypeOf<RteMessage>());
  });

  it('types lifecycle events', () => {
    rte.on('error', (error) => expectTypeOf(error).toEqualTypeOf<RteClientError>());
    rte.on('resynced', (info) => {
      expectTypeOf(info.mayHaveMissedEvents).toEqualTypeOf<boolean>();
      expectTypeOf(info.stale).toEqualTypeOf<readonly StalePair[]>();
      expectTypeOf(info.missed).toEqualTypeOf<readonly PairRef[]>();
    });
    rte.on('state', (change) =>
      expectTypeOf(change.state).toEqualTypeOf<
        'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected'
      >(),
    );
  });

  it('rejects a misspelt event name at compile time', () => {
    // @ts-expect-error 'UserStaus' is not an event name
    rte.on('UserStaus', () => undefined);
  });

  it('types subscribe results and async iteration', () => {
    expectTypeOf(rte.subscribe('UserStatus', ['id'])).toEqualTypeOf<Promise<SubscriptionResult[]>>();
    expectTypeOf(rte.subscribe([{ eventName: 'AnyFutureEvent', entityId: 'id' }])).toEqualTypeOf<
      Promise<SubscriptionResult[]>
    >();
    expectTypeOf(rte.events('QueueStatus')).toEqualTypeOf<AsyncIterableIterator<RteMessage<'QueueStatus'>>>();
  });
});
