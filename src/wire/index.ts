/**
 * The wire contract of the RTE hub: what a client and a hub must agree on byte for byte. Shared by
 * the SDK and the emulator; free of Node-only code, so browser bundles can import it.
 */
export {
  type EntityType,
  EventCatalog,
  entityTypeOf,
  hubCatalog,
  hubEventNames,
  wireEventName,
} from './event-names.ts';
export { EMPTY_GUID, entityKey, isGuid, parseGuid } from './guid.ts';
export {
  type Subscription,
  SubscriptionRefusal,
  type SubscriptionResult,
  subscriptionKey,
  subscriptionResult,
} from './subscription.ts';
