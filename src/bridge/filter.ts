import type { RteSubscriptionInfo } from '../index.ts';

/**
 * An RTE event as the bridge's filters and enrichers see it, before it is published.
 *
 * @example
 * ```ts
 * import type { BridgeEvent } from 'enreach-rte/bridge';
 *
 * export const filter = (event: BridgeEvent) => event.name !== 'UserStatus' || event.data.talking === true;
 * ```
 */
export interface BridgeEvent {
  /** Canonical event name (`QueueStatus`), or the name as received for events without a schema. */
  readonly name: string;
  /** The user, queue or call list id, lower case. */
  readonly entityId: string;
  /** The organization the event belongs to (see the subject scheme in docs/bridge.md). */
  readonly organizationId: string;
  /** The `Nats-Msg-Id`: the event's own `id`, or a stable hash when it has none. */
  readonly id: string;
  /** The decoded event, keys in camelCase. */
  readonly data: Readonly<Record<string, unknown>>;
  /** The subscription it arrived for, as the hub describes it. */
  readonly subscription: RteSubscriptionInfo;
  /** When the bridge received it (ISO 8601). */
  readonly receivedAt: string;
}

/**
 * A field predicate: `QueueStatus.nbrOfQueuingRequesters>=5`. Events of other names are not affected.
 *
 * @example
 * ```ts
 * import type { WherePredicate } from 'enreach-rte/bridge';
 *
 * const busy: WherePredicate = { eventName: 'QueueStatus', path: ['nbrOfQueuingRequesters'], operator: '>=', value: 5 };
 * ```
 */
export interface WherePredicate {
  /** The event the predicate applies to (canonical name), or `*` for every event. */
  readonly eventName: string;
  /** The field, as a path into the camelCase event data. */
  readonly path: readonly string[];
  /** How the field compares with `value`. */
  readonly operator: '==' | '!=' | '>=' | '<=' | '>' | '<';
  /** The value compared with. */
  readonly value: string | number | boolean | null;
}

const WHERE =
  /^\s*([A-Za-z*][A-Za-z0-9]*)\.([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*(==|!=|>=|<=|=|>|<)\s*(.*?)\s*$/;

function parseValue(text: string): string | number | boolean | null {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  if (/^(['"]).*\1$/.test(text)) return text.slice(1, -1);
  if (text !== '' && Number.isFinite(Number(text))) return Number(text);
  return text;
}

/**
 * Parses `Event.field.path<op>value` (`==`, `=`, `!=`, `>=`, `<=`, `>`, `<`; values: numbers,
 * `true`, `false`, `null`, quoted or bare strings).
 *
 * @example
 * ```ts
 * import { parseWhere } from 'enreach-rte/bridge';
 *
 * const busy = parseWhere('QueueStatus.nbrOfQueuingRequesters>=5');
 * ```
 */
export function parseWhere(
  text: string,
  canonical: (name: string) => string = (name) => name,
): WherePredicate {
  const match = WHERE.exec(text);
  if (!match) {
    throw new TypeError(
      `--where "${text}" must look like Event.field<op>value, e.g. QueueStatus.nbrOfQueuingRequesters>=5`,
    );
  }
  const [, eventName, path, operator, value] = match as unknown as [string, string, string, string, string];
  return {
    eventName: eventName === '*' ? '*' : canonical(eventName),
    path: path.split('.'),
    operator: (operator === '=' ? '==' : operator) as WherePredicate['operator'],
    value: parseValue(value),
  };
}

function fieldOf(data: unknown, path: readonly string[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value instanceof Date ? value.toISOString() : value;
}

/** Whether an event satisfies one predicate (events of other names always do). */
export function matchesWhere(predicate: WherePredicate, name: string, data: unknown): boolean {
  if (predicate.eventName !== '*' && predicate.eventName !== name) return true;
  const actual = fieldOf(data, predicate.path);
  const expected = predicate.value;
  switch (predicate.operator) {
    case '==':
      // `5` matches 5 and "5": CLI values have no types, payload fields do.
      return (
        actual === expected ||
        (actual !== null && actual !== undefined && String(actual) === String(expected))
      );
    case '!=':
      return !(
        actual === expected ||
        (actual !== null && actual !== undefined && String(actual) === String(expected))
      );
    default: {
      if (actual === undefined || actual === null || expected === null) return false;
      const bothNumbers = typeof expected === 'number' && Number.isFinite(Number(actual));
      const a = bothNumbers ? Number(actual) : String(actual);
      const b = bothNumbers ? expected : String(expected);
      if (predicate.operator === '>=') return a >= b;
      if (predicate.operator === '<=') return a <= b;
      if (predicate.operator === '>') return a > b;
      return a < b;
    }
  }
}
