import { describe, expectTypeOf, it } from 'vitest';
import type { QueueStatus, RteClient, StateChange, UntypedEventData, UserStatus } from '../../src/index.ts';
import {
  type EntitySnapshot,
  type EntityStoreSnapshot,
  type RteReactClient,
  type RteSubscriptionView,
  useRteConnectionState,
  useRteEvent,
  useRteStore,
  useRteSubscription,
} from '../../src/react/index.ts';
import type { FakeClient } from './fake-client.ts';

describe('enreach-rte/react types', () => {
  it('takes the real client as it is', () => {
    expectTypeOf<RteClient>().toExtend<RteReactClient>();
  });

  it('types a subscription by its event name', () => {
    const view = useRteSubscription('QueueStatus', 'q1');
    expectTypeOf(view).toEqualTypeOf<RteSubscriptionView<QueueStatus>>();
    expectTypeOf(view.data).toEqualTypeOf<QueueStatus | undefined>();
    expectTypeOf(useRteSubscription('QueueCallInComing', 'q1').data).toEqualTypeOf<
      UntypedEventData | undefined
    >();
  });

  it('types a snapshot loader by its event name', () => {
    useRteSubscription('UserStatus', 'u1', {
      getState: async (id, { signal }) => {
        expectTypeOf(id).toEqualTypeOf<string>();
        expectTypeOf(signal).toEqualTypeOf<AbortSignal>();
        return undefined;
      },
    });
    const loadQueue = async (): Promise<QueueStatus> => ({}) as QueueStatus;
    // @ts-expect-error a QueueStatus loader cannot restore a UserStatus pair
    useRteSubscription('UserStatus', 'u1', { getState: loadQueue });
  });

  it('types a store and its entities by the event name', () => {
    const users = useRteStore('UserStatus', ['u1']);
    expectTypeOf(users).toEqualTypeOf<EntityStoreSnapshot<UserStatus>>();
    expectTypeOf(users.get('u1')).toEqualTypeOf<EntitySnapshot<UserStatus> | undefined>();
  });

  it('types event listeners like the client does', () => {
    useRteEvent('UserStatus', (status) => expectTypeOf(status).toEqualTypeOf<UserStatus>());
    useRteEvent('state', (change) => expectTypeOf(change).toEqualTypeOf<StateChange>());
    expectTypeOf(useRteConnectionState()).toEqualTypeOf<
      'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected'
    >();
  });

  it('accepts any object with the client members the hooks use', () => {
    expectTypeOf<FakeClient>().toExtend<RteReactClient>();
    expectTypeOf<{ state: 'idle' }>().not.toExtend<RteReactClient>();
  });
});
