import {
  type EventCatalog,
  parseGuid,
  SubscriptionRefusal,
  type SubscriptionResult,
  subscriptionResult,
} from '../../wire/index.ts';
import type { Connection } from '../connection.ts';
import { type Topics, topicKey } from '../subscriptions.ts';
import { InvalidText, isObject, type JsonValue, plain } from './json-reader.ts';
import type { MethodName } from './stats.ts';

/**
 * What a permission rule is asked about when a client subscribes.
 *
 * @example
 * ```ts
 * import { startEmulator, type AuthorizeContext } from 'enreach-rte/emulator';
 *
 * const ownEventsOnly = (ctx: AuthorizeContext) => ctx.eventName.startsWith('Queue') || ctx.entityId === ctx.userId;
 * const emu = await startEmulator({ authorize: ownEventsOnly });
 * ```
 */
export interface AuthorizeContext {
  /** The user the connection's token belongs to. */
  readonly userId: string;
  /** Canonical event name. */
  readonly eventName: string;
  /** The entity id as the client sent it. */
  readonly entityId: string;
}

/** What the hub methods work on. */
export interface MethodContext {
  readonly catalog: EventCatalog;
  readonly topics: Topics<Connection>;
  readonly authorize: ((ctx: AuthorizeContext) => boolean) | undefined;
  /** Entity ids (lower-case `D` format) refused with "Unauthorized". */
  denied(): ReadonlySet<string>;
}

/** A hub method: `bind` checks the arguments the way ASP.NET Core binds them and returns the call. */
export interface HubMethod {
  readonly name: MethodName;
  bind(conn: Connection, args: readonly JsonValue[]): () => unknown;
}

/** The arguments cannot be bound to the method's parameters. */
export class BindingFailure extends Error {
  override readonly name = 'BindingFailure';
}

interface EntitySubscription {
  readonly entityId: string | null;
  readonly eventName: string | null;
}

/**
 * Reads one `{EntityId, EventName}` item as System.Text.Json binds it: property names match
 * case-insensitively, other properties are skipped unread, and a string that is not valid text
 * fails the binding only where it is read.
 */
function bindItem(item: JsonValue): EntitySubscription | null {
  if (item === null) return null;
  if (!isObject(item)) throw new BindingFailure();
  let entityId: string | null = null;
  let eventName: string | null = null;
  for (const [key, value] of Object.entries(item)) {
    const lower = key.toLowerCase();
    if (lower !== 'entityid' && lower !== 'eventname') continue;
    if (value instanceof InvalidText) throw new BindingFailure();
    if (value !== null && typeof value !== 'string') throw new BindingFailure();
    if (lower === 'entityid') entityId = value;
    else eventName = value;
  }
  return { entityId, eventName };
}

function bindItems(args: readonly JsonValue[]): readonly (EntitySubscription | null)[] | null {
  if (args.length !== 1) throw new BindingFailure();
  const [items] = args;
  if (items === null) return null;
  if (!Array.isArray(items)) throw new BindingFailure();
  return (items as readonly JsonValue[]).map(bindItem);
}

/** Binds a method without parameters: any argument is a binding failure. */
function withoutArguments(args: readonly JsonValue[], call: () => unknown): () => unknown {
  if (args.length !== 0) throw new BindingFailure();
  return call;
}

/** Validates one item in the documented order: entity id, event name, permission. */
function check(
  ctx: MethodContext,
  conn: Connection,
  item: EntitySubscription | null,
): { result: SubscriptionResult } | { guid: string; eventType: string; entityId: string; eventName: string } {
  if (item === null) throw new TypeError('item is null');
  const { entityId, eventName } = item;
  const fail = (message: string) => ({ result: subscriptionResult(false, message, entityId, eventName) });
  const guid = parseGuid(entityId);
  if (guid === undefined || entityId === null) return fail(SubscriptionRefusal.InvalidEntityId);
  const eventType = ctx.catalog.canonical(eventName);
  if (eventType === undefined || eventName === null) return fail(SubscriptionRefusal.InvalidEventName);
  if (ctx.denied().has(guid)) return fail(SubscriptionRefusal.Unauthorized);
  if (
    ctx.authorize !== undefined &&
    !ctx.authorize({ userId: conn.claims.sub, eventName: eventType, entityId })
  ) {
    return fail(SubscriptionRefusal.Unauthorized);
  }
  return { guid, eventType, entityId, eventName };
}

function subscribe(
  ctx: MethodContext,
  conn: Connection,
  items: readonly (EntitySubscription | null)[] | null,
) {
  if (items === null) throw new TypeError('items is null');
  return items.map((item) => {
    const checked = check(ctx, conn, item);
    if ('result' in checked) return checked.result;
    const topic = ctx.topics.join(conn, checked.eventType, checked.guid);
    conn.topics.set(topic.key, topic);
    return subscriptionResult(true, null, checked.entityId, checked.eventName);
  });
}

function unsubscribe(
  ctx: MethodContext,
  conn: Connection,
  items: readonly (EntitySubscription | null)[] | null,
) {
  if (items === null) throw new TypeError('items is null');
  return items.map((item) => {
    const checked = check(ctx, conn, item);
    if ('result' in checked) return checked.result;
    const key = topicKey(checked.eventType, checked.guid);
    const topic = conn.topics.get(key);
    if (topic !== undefined) {
      conn.topics.delete(key);
      ctx.topics.leave(conn, topic);
    }
    return subscriptionResult(false, null, checked.entityId, checked.eventName);
  });
}

/** The RTE hub's methods, keyed by lower-case name: hub method names match case-insensitively. */
export function hubMethods(ctx: MethodContext): ReadonlyMap<string, HubMethod> {
  const methods: HubMethod[] = [
    { name: 'Subscribe', bind: (conn, args) => subscribe.bind(null, ctx, conn, bindItems(args)) },
    { name: 'Unsubscribe', bind: (conn, args) => unsubscribe.bind(null, ctx, conn, bindItems(args)) },
    {
      name: 'UnsubscribeAll',
      bind: (conn, args) =>
        withoutArguments(args, () => {
          for (const topic of conn.topics.values()) ctx.topics.leave(conn, topic);
          conn.topics.clear();
          return true;
        }),
    },
    {
      name: 'AvailableSubscriptions',
      bind: (_conn, args) => withoutArguments(args, () => [...ctx.catalog.names]),
    },
    {
      name: 'ActiveSubscriptions',
      bind: (conn, args) =>
        withoutArguments(args, () => [...conn.topics.values()].map((topic) => topic.subscription)),
    },
  ];
  return new Map(methods.map((method) => [method.name.toLowerCase(), method]));
}

export { plain };
