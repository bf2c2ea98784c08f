/**
 * The per-client decoder: the hot path from a `MessageReceived` argument to a deliverable event.
 *
 * It answers exactly what {@link decodeMessage} answers (same names, issues, verdicts and data
 * contents) but, being owned by one client, it may keep what repeats from frame to frame:
 * - camelCase payloads (what ASP.NET Core sends) that match their schema, with plain keys at every
 *   depth, are checked in place and handed out as they arrived: no copy. Anything else (PascalCase,
 *   hostile keys, schema failures) takes decodeMessage's copying path, so validation, key
 *   normalisation and prototype-pollution safety are unchanged;
 * - with validation `'off'`, a payload is routed by name and handed out; it is copied only when its
 *   keys need renaming or dropping;
 * - a camelCase subscription is handed out as it arrived; any other is decoded once per
 *   subscription id (and reused while the hub sends the very same fields), frozen because every
 *   event of that subscription shares it;
 * - event names are normalised once per distinct spelling.
 * Frames are JSON.parse output owned by nobody else, which is what makes handing them out safe.
 * Never throws.
 */
import {
  type DecodedMessage,
  either,
  isDeliverable,
  isRecord,
  issuesOf,
  malformed,
  noIssues,
  type RteSubscription,
  readData,
  type SchemaEntry,
  schemaEntries,
  unreadable,
  type Validation,
} from './decode.ts';
import { camelCaseKeys } from './keys.ts';
import { legacyEventTypes, normalizeEventName } from './names.ts';
import { type Checker, checkerFor, isPlainDeep } from './reader.ts';

/** Decodes the frames of one client. */
export interface Decoder {
  /** Decodes one `MessageReceived` argument; never throws. Same answer as `decodeMessage(message, validation)`. */
  decode(message: unknown): DecodedMessage;
  /** Forgets the cached subscriptions (e.g. on disconnect). */
  clear(): void;
}

/** A name as it arrived, resolved: canonical spelling, and the schema when the SDK has one. */
interface Route {
  readonly name: string;
  readonly entry: SchemaEntry | undefined;
  readonly check: Checker | undefined;
}

/** A decoded subscription and the fields it was decoded from, in the order they arrived. */
interface CachedSubscription {
  readonly keys: readonly string[];
  readonly values: readonly unknown[];
  readonly decoded: RteSubscription;
}

const routeLimit = 1024;
const routeSpellingMax = 128;
const subscriptionLimit = 4096;
const subscriptionIdMax = 128;
const emptySubscription: RteSubscription = Object.freeze({});

/**
 * A decoder for one client and its validation mode.
 *
 * @example
 * ```ts
 * const decoder = createDecoder('strict');
 * const decoded = decoder.decode(frame);
 * if (decoded.valid) emit(decoded.name, decoded.data, decoded);
 * ```
 */
export function createDecoder(validation: Validation): Decoder {
  return new MessageDecoder(validation);
}

class MessageDecoder implements Decoder {
  readonly #validation: Validation;
  readonly #routes = new Map<string, Route>();
  readonly #subscriptions = new Map<string, CachedSubscription>();

  constructor(validation: Validation) {
    this.#validation = validation;
  }

  clear(): void {
    this.#subscriptions.clear();
  }

  decode(message: unknown): DecodedMessage {
    try {
      return this.#decode(message);
    } catch (error) {
      return unreadable(message, error);
    }
  }

  #decode(message: unknown): DecodedMessage {
    if (!isRecord(message)) return malformed('', {}, message, 'message is not an object', message);
    const subscription = this.#subscription(either(message, 'subscription', 'Subscription'));
    const rawData = either(message, 'data', 'Data');
    const route = this.#routeOf(rawData, subscription);
    const name = route.name;
    if (!isRecord(rawData))
      return malformed(name, subscription, message, 'message has no data object', rawData);
    const entry = route.entry;
    if (entry === undefined) {
      const data = isPlainDeep(rawData) ? rawData : (camelCaseKeys(rawData) as Record<string, unknown>);
      return { name, known: false, data, subscription, raw: message, issues: noIssues, valid: true };
    }
    if (this.#validation === 'off') {
      // Routed and handed out; copied only to rename or drop keys. Dictionaries keep their keys'
      // case, which the schema's checker and reader know about.
      const inPlace = isPlainDeep(rawData) || route.check?.(rawData);
      const data = inPlace ? rawData : readData(entry, rawData);
      return {
        name,
        known: true,
        data,
        subscription,
        raw: message,
        issues: noIssues,
        valid: true,
      } as DecodedMessage;
    }
    if (route.check?.(rawData)) {
      return {
        name,
        known: true,
        data: rawData,
        subscription,
        raw: message,
        issues: noIssues,
        valid: true,
      } as DecodedMessage;
    }
    const data = readData(entry, rawData);
    const issues = issuesOf(entry, name, data, this.#validation);
    const valid = isDeliverable(issues, this.#validation);
    return { name, known: true, data, subscription, raw: message, issues, valid } as DecodedMessage;
  }

  /** The route of a message: from `data.eventType`, else the subscription, else a legacy number. */
  #routeOf(data: unknown, subscription: RteSubscription): Route {
    const eventType = isRecord(data) ? either(data, 'eventType', 'EventType') : undefined;
    if (typeof eventType === 'string' && eventType !== '') return this.#route(eventType);
    const { eventType: subscribedType, eventName: subscribedName } = subscription as Record<string, unknown>;
    if (typeof subscribedType === 'string' && subscribedType !== '') return this.#route(subscribedType);
    if (typeof subscribedName === 'string' && subscribedName !== '') return this.#route(subscribedName);
    const legacy = typeof eventType === 'number' ? eventType : subscribedType;
    return this.#route((typeof legacy === 'number' && legacyEventTypes.get(legacy)) || '');
  }

  #route(spelling: string): Route {
    const known = this.#routes.get(spelling);
    if (known !== undefined) return known;
    const name = normalizeEventName(spelling);
    const entry = schemaEntries.get(name);
    const route: Route = { name, entry, check: entry && checkerFor(entry.schema) };
    if (spelling.length <= routeSpellingMax && this.#routes.size < routeLimit)
      this.#routes.set(spelling, route);
    return route;
  }

  #subscription(raw: unknown): RteSubscription {
    if (!isRecord(raw)) return emptySubscription;
    // camelCase (the wire form): handed out as it arrived, which is cheaper than any cache lookup.
    if (isPlainDeep(raw)) return raw as RteSubscription;
    const id = either(raw, 'id', 'Id');
    const cacheable = typeof id === 'string' && id.length <= subscriptionIdMax;
    if (cacheable) {
      const cached = this.#subscriptions.get(id);
      if (cached !== undefined && sameFields(cached, raw)) return cached.decoded;
    }
    const decoded = camelCaseKeys(raw) as RteSubscription;
    if (!cacheable) return decoded;
    const keys: string[] = [];
    const values: unknown[] = [];
    for (const key in raw) {
      const value = raw[key];
      // Only flat subscriptions are shared: a nested object could be changed by one listener.
      if (value !== null && typeof value === 'object') return decoded;
      keys.push(key);
      values.push(value);
    }
    if (this.#subscriptions.size >= subscriptionLimit) {
      const oldest = this.#subscriptions.keys().next();
      if (!oldest.done) this.#subscriptions.delete(oldest.value);
    }
    const frozen = Object.freeze(decoded);
    this.#subscriptions.set(id, { keys, values, decoded: frozen });
    return frozen;
  }
}

/** Whether `raw` has exactly the fields, in the order and with the values, `cached` was built from. */
function sameFields(cached: CachedSubscription, raw: Record<string, unknown>): boolean {
  const { keys, values } = cached;
  let index = 0;
  for (const key in raw) {
    if (keys[index] !== key || values[index] !== raw[key]) return false;
    index++;
  }
  return index === keys.length;
}
