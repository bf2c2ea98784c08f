import { describe, expectTypeOf, it } from 'vitest';
import { decodeEvent, decodeMessage } from '../../src/events/index.ts';
import type {
  AvailabilityStatus,
  CallbackAttempt,
  CallbackChanged,
  DecodedMessage,
  DecodedMessageFor,
  KnownDecodedMessage,
  QueueOpenStatus,
  QueueStatus,
  RteEventData,
  RteEventMap,
  RteEventName,
  UnknownDecodedMessage,
  UserAvailability,
  UserSetting,
  UserStatus,
} from '../../src/index.ts';

describe('event types', () => {
  it('type the core UserStatus fields of the wire sample as required', () => {
    expectTypeOf<RteEventMap['UserStatus']['canBeAllocatedTo']>().toEqualTypeOf<boolean>();
    expectTypeOf<UserStatus['serviceTerminals']>().toEqualTypeOf<number>();
    expectTypeOf<UserStatus['activeQueueId']>().toEqualTypeOf<string | null>();
  });

  it('type other fields as optional, nullable where C# allows null', () => {
    expectTypeOf<QueueStatus['nbrOfProviders']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<UserStatus['note']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<CallbackChanged['callbackAttempts']>().toEqualTypeOf<CallbackAttempt[] | null | undefined>();
    expectTypeOf<UserSetting['values']>().toEqualTypeOf<Record<string, string | null> | null | undefined>();
  });

  it('type the envelope, with eventType as a string or a legacy number', () => {
    expectTypeOf<QueueStatus['entityId']>().toEqualTypeOf<string>();
    expectTypeOf<QueueStatus['messageTTLSeconds']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<QueueStatus['eventType']>().toEqualTypeOf<string | number | undefined>();
  });

  it('name listed values without rejecting others', () => {
    expectTypeOf<'Available'>().toExtend<NonNullable<UserAvailability['availability']>>();
    expectTypeOf<'OnHoliday'>().toExtend<AvailabilityStatus>();
    expectTypeOf<QueueStatus['openStatus']>().toEqualTypeOf<QueueOpenStatus | undefined>();
  });

  it('keep unknown extra fields as unknown', () => {
    expectTypeOf<UserStatus['somethingNew']>().toEqualTypeOf<unknown>();
  });

  it('reject a misspelt event name', () => {
    // @ts-expect-error: not an event name
    const name: RteEventName = 'UserStatuss';
    // @ts-expect-error: not an event name
    type _Misspelt = RteEventMap['UserCallIncoming'];
    expectTypeOf(name).toBeString();
  });
});

describe('decoded results', () => {
  it('narrow to typed data by known and name', () => {
    const decoded = decodeMessage({}, 'lenient');
    if (decoded.known && decoded.name === 'UserStatus') {
      expectTypeOf(decoded).toEqualTypeOf<KnownDecodedMessage<'UserStatus'>>();
      expectTypeOf(decoded.data.canBeAllocatedTo).toEqualTypeOf<boolean>();
    }
    if (!decoded.known) {
      expectTypeOf(decoded).toEqualTypeOf<UnknownDecodedMessage>();
      expectTypeOf(decoded.data).toEqualTypeOf<Record<string, unknown>>();
    }
    const event = decodeEvent('QueueStatus', {}, 'strict');
    if (event.known && event.name === 'QueueStatus') {
      expectTypeOf(event.data.nbrOfQueuingRequesters).toEqualTypeOf<number | undefined>();
    }
  });

  it('give an unknown string name the untyped event type', () => {
    expectTypeOf<DecodedMessageFor<'QueueCallInArrived'>>().toEqualTypeOf<UnknownDecodedMessage>();
    expectTypeOf<DecodedMessageFor<'UserStatus'>>().toEqualTypeOf<KnownDecodedMessage<'UserStatus'>>();
    expectTypeOf<RteEventData<'QueueCallInArrived'>>().toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf<Extract<DecodedMessage, { known: false }>>().toEqualTypeOf<UnknownDecodedMessage>();
  });
});
