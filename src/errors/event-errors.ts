import { RteError } from './rte-error.ts';

/**
 * Why the hub refused a subscription, classified from its message.
 *
 * @example
 * ```ts
 * import type { SubscriptionRefusalReason } from 'enreach-rte';
 *
 * const isOurMistake = (reason: SubscriptionRefusalReason) => reason !== 'unauthorized';
 * ```
 */
export type SubscriptionRefusalReason = 'invalid-entity-id' | 'invalid-event-name' | 'unauthorized' | 'other';

/**
 * One refused (event name, entity id) pair.
 *
 * @example
 * ```ts
 * import { type RefusedSubscription, RteSubscriptionError } from 'enreach-rte';
 *
 * const report = (item: RefusedSubscription) => console.warn(`${item.eventName} ${item.entityId}: ${item.message}`);
 * rte.on('error', (error) => {
 *   if (error instanceof RteSubscriptionError) error.refused.forEach(report);
 * });
 * ```
 */
export interface RefusedSubscription {
  /** The event name of the refused pair. */
  readonly eventName: string;
  /** The entity id of the refused pair. */
  readonly entityId: string;
  /** The hub's own words, e.g. `Unauthorized`. */
  readonly message: string;
  /** The hub's message, classified. */
  readonly reason: SubscriptionRefusalReason;
}

/**
 * The hub refused one or more subscriptions. Permanent: the pairs are removed from the desired
 * set and are not replayed after a reconnect.
 *
 * @example
 * ```ts
 * import { RteSubscriptionError } from 'enreach-rte';
 * rte.on('error', (error) => {
 *   if (error instanceof RteSubscriptionError) {
 *     for (const item of error.refused) console.warn(item.eventName, item.entityId, item.message);
 *   }
 * });
 * ```
 */
export class RteSubscriptionError extends RteError {
  /** Always `'RteSubscriptionError'`. */
  override name = 'RteSubscriptionError' as const;
  /** Always `'SUBSCRIPTION_REFUSED'`. */
  declare readonly code: 'SUBSCRIPTION_REFUSED';
  /** Every refused pair, with the hub's message. */
  readonly refused: readonly RefusedSubscription[];

  constructor(refused: readonly RefusedSubscription[]) {
    const first = refused[0];
    const summary = first ? `${first.eventName}/${first.entityId}: ${first.message}` : 'no items';
    const more = refused.length > 1 ? ` (and ${refused.length - 1} more)` : '';
    super('SUBSCRIPTION_REFUSED', `The hub refused ${refused.length} subscription(s): ${summary}${more}`);
    this.refused = refused;
  }
}

/**
 * A Subscribe, Unsubscribe or UnsubscribeAll call failed for a transient reason (a timeout, a hub
 * error, a dropped call). Not final: the client retries it with backoff while connected, until the
 * hub holds exactly what the app asked for.
 *
 * @example
 * ```ts
 * import { RteSubscriptionFailedError } from 'enreach-rte';
 * rte.on('error', (error) => {
 *   if (error instanceof RteSubscriptionFailedError) console.warn(`${error.method} failed, retrying`);
 * });
 * ```
 */
export class RteSubscriptionFailedError extends RteError {
  /** Always `'RteSubscriptionFailedError'`. */
  override name = 'RteSubscriptionFailedError' as const;
  /** Always `'SUBSCRIPTION_FAILED'`. */
  declare readonly code: 'SUBSCRIPTION_FAILED';
  /** The hub method that failed. */
  readonly method: 'Subscribe' | 'Unsubscribe' | 'UnsubscribeAll';
  /** How many pairs the failed call carried (0 for `UnsubscribeAll`). */
  readonly items: number;

  constructor(method: 'Subscribe' | 'Unsubscribe' | 'UnsubscribeAll', items: number, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super('SUBSCRIPTION_FAILED', `${method} failed, will retry: ${why}`, { cause });
    this.method = method;
    this.items = items;
  }
}

/**
 * A subscription handle was closed (`unsubscribe()`, `unsubscribeAll()`, or the pair was released
 * elsewhere) before it became live: what `ready()` rejects with.
 *
 * @example
 * ```ts
 * import { RteSubscriptionClosedError } from 'enreach-rte';
 * const sub = rte.subscription('QueueStatus', queueId);
 * sub.ready().catch((error) => {
 *   if (error instanceof RteSubscriptionClosedError) console.log('closed before it went live');
 * });
 * sub.unsubscribe();
 * ```
 */
export class RteSubscriptionClosedError extends RteError {
  /** Always `'RteSubscriptionClosedError'`. */
  override name = 'RteSubscriptionClosedError' as const;
  /** Always `'SUBSCRIPTION_CLOSED'`. */
  declare readonly code: 'SUBSCRIPTION_CLOSED';
  /** The event name of the pair. */
  readonly eventName: string;
  /** The entity id of the pair. */
  readonly entityId: string;

  constructor(eventName: string, entityId: string) {
    super('SUBSCRIPTION_CLOSED', `The ${eventName}/${entityId} subscription was closed`);
    this.eventName = eventName;
    this.entityId = entityId;
  }
}

/**
 * One problem found while validating an event payload against its schema.
 *
 * @example
 * ```ts
 * import { RteValidationError, type RteValidationIssue } from 'enreach-rte';
 *
 * const where = (issue: RteValidationIssue) => `${issue.eventName}.${issue.path.join('.')}: ${issue.message}`;
 * rte.on('error', (error) => {
 *   if (error instanceof RteValidationError) console.warn(error.issues.map(where));
 * });
 * ```
 */
export interface RteValidationIssue {
  /** Canonical event name (or the name as received for events without a schema). */
  readonly eventName: string;
  /** Path to the offending field, in camelCase, e.g. `['callbackAttempts', 0, 'id']`. */
  readonly path: readonly (string | number)[];
  /** What is wrong, e.g. `expected boolean, received string`. */
  readonly message: string;
}

/**
 * An event payload did not match its schema. In `'lenient'` validation (the default) the event is
 * still delivered; in `'strict'` it is withheld.
 *
 * @example
 * ```ts
 * import { RteValidationError } from 'enreach-rte';
 * rte.on('error', (error) => {
 *   if (error instanceof RteValidationError) console.warn(error.eventName, error.issues, error.raw);
 * });
 * ```
 */
export class RteValidationError extends RteError {
  /** Always `'RteValidationError'`. */
  override name = 'RteValidationError' as const;
  /** Always `'VALIDATION'`. */
  declare readonly code: 'VALIDATION';
  /** Canonical name of the event (or the name as received for events without a schema). */
  readonly eventName: string;
  /** Every problem found, not only the first one the message names. */
  readonly issues: readonly RteValidationIssue[];
  /** The `MessageReceived` argument as it arrived. */
  readonly raw: unknown;
  /** Whether the event was still delivered to listeners. */
  readonly delivered: boolean;

  constructor(eventName: string, issues: readonly RteValidationIssue[], raw: unknown, delivered: boolean) {
    const first = issues[0];
    const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
    super(
      'VALIDATION',
      `Invalid ${eventName || 'event'} payload${where}: ${first?.message ?? 'unknown problem'}`,
    );
    this.eventName = eventName;
    this.issues = issues;
    this.raw = raw;
    this.delivered = delivered;
  }
}

/**
 * One of your listeners threw. The other listeners and the stream are unaffected.
 *
 * @example
 * ```ts
 * import { RteHandlerError } from 'enreach-rte';
 * rte.on('error', (error) => {
 *   if (error instanceof RteHandlerError) console.error(`listener for ${error.eventName} threw`, error.cause);
 * });
 * ```
 */
export class RteHandlerError extends RteError {
  /** Always `'RteHandlerError'`. */
  override name = 'RteHandlerError' as const;
  /** Always `'HANDLER'`. */
  declare readonly code: 'HANDLER';
  /** The name the throwing listener was registered for. */
  readonly eventName: string;

  constructor(eventName: string, cause: unknown) {
    super('HANDLER', `A listener for ${eventName} threw`, { cause });
    this.eventName = eventName;
  }
}

/**
 * A snapshot loader (`getState`) failed for a pair. The pair keeps its value (`'stale'` or
 * `'empty'`), the snapshot's `error` holds this error until the pair is restored, and the loader is
 * called again after `retryInMs` (`undefined` when an event restored the pair meanwhile).
 *
 * @example
 * ```ts
 * import { RteSnapshotError } from 'enreach-rte';
 * rte.on('error', (error) => {
 *   if (error instanceof RteSnapshotError) console.warn(`${error.eventName} ${error.entityId}: attempt ${error.attempt} failed`);
 * });
 * ```
 */
export class RteSnapshotError extends RteError {
  /** Always `'RteSnapshotError'`. */
  override name = 'RteSnapshotError' as const;
  /** Always `'SNAPSHOT_FAILED'`. */
  declare readonly code: 'SNAPSHOT_FAILED';
  /** The event name of the pair. */
  readonly eventName: string;
  /** The entity id of the pair. */
  readonly entityId: string;
  /** Which call failed since the last (re)subscribe: 1 for the first. */
  readonly attempt: number;
  /** When the loader is called again, in ms; `undefined` when it is not (an event restored the pair). */
  readonly retryInMs: number | undefined;

  constructor(
    eventName: string,
    entityId: string,
    cause: unknown,
    attempt: number,
    retryInMs: number | undefined,
  ) {
    const why = cause instanceof Error ? cause.message : String(cause);
    const next = retryInMs === undefined ? '' : `, retrying in ${retryInMs} ms`;
    super('SNAPSHOT_FAILED', `The snapshot loader of ${eventName}/${entityId} failed${next}: ${why}`, {
      cause,
    });
    this.eventName = eventName;
    this.entityId = entityId;
    this.attempt = attempt;
    this.retryInMs = retryInMs;
  }
}
