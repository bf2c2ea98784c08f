// The public API of enreach-rte/react. Everything not named here is internal on purpose.

export type { EntitySource, EntityStoreSnapshot } from '../state/entity-store.ts';
export type {
  EntityHandleState,
  EntitySnapshot,
  ExternalStore,
  Freshness,
  SnapshotLoader,
} from '../state/snapshot.ts';
export type {
  RteEntityStore,
  RteReactClient,
  RteSubscriptionHandle,
  RteSubscriptionOptions,
} from './client.ts';
export {
  type RteSubscriptionView,
  useRteConnectionState,
  useRteEvent,
  useRteStore,
  useRteSubscription,
} from './hooks.ts';
export { RteProvider, type RteProviderProps, useRteClient } from './provider.ts';
