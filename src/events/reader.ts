/**
 * One-pass payload reading. A reader copies a payload with camelCase keys and checks it against an
 * event schema in the same pass, so a valid payload costs one copy and no general-purpose parse.
 *
 * zod stays the authority: a reader only answers "valid or not", and only "valid" is trusted. Any
 * "not valid" sends the copy through zod for the issues, so a reader that is stricter than zod
 * costs time, never correctness. Readers are built from the schemas' own definitions, and a schema
 * using anything beyond the plain types the RTE schemas need gets no reader at all: decoding then
 * falls back to `camelCaseKeys` plus zod.
 */
import type * as z from 'zod/mini';
import { camelCaseKeys, firstKeyIsPlain, isHostileKey, isPlainKey, toCamelCase } from './keys.ts';

/** Whether every value read so far matched its schema. */
export interface ReadState {
  ok: boolean;
}

/** Returns `value` copied with camelCase keys; clears `state.ok` where it does not match the schema. */
export type Reader = (value: unknown, state: ReadState) => unknown;

// The parts of zod's schema internals (`schema._zod`) that readers are built from.
interface SchemaInternals {
  readonly optin?: string;
  readonly def: {
    readonly type: string;
    readonly checks?: readonly unknown[];
    readonly coerce?: boolean;
    readonly innerType?: Schema;
    readonly element?: Schema;
    readonly options?: readonly Schema[];
    readonly shape?: Readonly<Record<string, Schema>>;
    readonly catchall?: Schema;
    readonly keyType?: Schema;
    readonly valueType?: Schema;
  };
}

interface Schema {
  readonly _zod: SchemaInternals;
}

// A field of an object schema: how to read it, and whether it must be present.
interface Field {
  readonly read: Reader;
  /** Primitive types the field allows (see `primitiveMask`), checked inline; 0 to call `read`. */
  readonly mask: number;
  readonly required: boolean;
}

// A compiled schema node; primitives also carry a plain predicate so unions of them stay cheap.
interface Node {
  readonly read: Reader;
  readonly test?: (value: unknown) => boolean;
}

const readers = new WeakMap<object, Reader | null>();

/** Keys of one object whose renaming is remembered. */
const planLimit = 256;

/**
 * The reader for `schema`, built on first use; `undefined` when the schema uses something readers
 * do not model.
 */
export function readerFor(schema: z.ZodMiniType): Reader | undefined {
  let reader = readers.get(schema);
  if (reader === undefined) {
    reader = build(schema as unknown as Schema)?.read ?? null;
    readers.set(schema, reader);
  }
  return reader ?? undefined;
}

function mismatch(value: unknown, state: ReadState): unknown {
  state.ok = false;
  return camelCaseKeys(value);
}

function primitive(test: (value: unknown) => boolean): Node {
  return { test, read: (value, state) => (test(value) ? value : mismatch(value, state)) };
}

const isString = (value: unknown): boolean => typeof value === 'string';
// zod's number rejects NaN and ±Infinity.
const isNumber = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value);
const isBoolean = (value: unknown): boolean => typeof value === 'boolean';

function build(schema: Schema): Node | undefined {
  const def = schema._zod.def;
  if ((def.checks !== undefined && def.checks.length > 0) || def.coerce === true) return undefined;
  switch (def.type) {
    case 'string':
      return primitive(isString);
    case 'number':
      return primitive(isNumber);
    case 'boolean':
      return primitive(isBoolean);
    case 'unknown':
      return { read: camelCaseKeys };
    case 'optional':
      return def.innerType && allowing(undefined, build(def.innerType));
    case 'nullable':
      return def.innerType && allowing(null, build(def.innerType));
    case 'union':
      return def.options && union(def.options);
    case 'array':
      return def.element && array(def.element);
    case 'record':
      return def.keyType && def.valueType && record(def.keyType, def.valueType);
    case 'object':
      return def.shape && object(def.shape, def.catchall);
    default:
      return undefined;
  }
}

function allowing(allowed: null | undefined, inner: Node | undefined): Node | undefined {
  if (!inner) return undefined;
  const { test, read } = inner;
  if (test) return primitive((value) => value === allowed || test(value));
  return { read: (value, state) => (value === allowed ? value : read(value, state)) };
}

function union(options: readonly Schema[]): Node | undefined {
  const nodes: Node[] = [];
  for (const option of options) {
    const node = build(option);
    if (!node) return undefined;
    nodes.push(node);
  }
  const tests = nodes.map((node) => node.test);
  if (tests.every((test) => test !== undefined)) {
    return primitive((value) => tests.some((test) => test(value)));
  }
  // zod's union answers with the first option that accepts the value.
  return {
    read: (value, state) => {
      for (const node of nodes) {
        const local: ReadState = { ok: true };
        const out = node.read(value, local);
        if (local.ok) return out;
      }
      return mismatch(value, state);
    },
  };
}

function array(element: Schema): Node | undefined {
  const node = build(element);
  if (!node) return undefined;
  const item = node.read;
  return {
    read: (value, state) => {
      if (!Array.isArray(value)) return mismatch(value, state);
      const out: unknown[] = [];
      for (let i = 0; i < value.length; i++) out.push(item(value[i], state));
      return out;
    },
  };
}

// A dictionary: its keys are data, not property names, so they keep their case.
function record(keyType: Schema, valueType: Schema): Node | undefined {
  const key = keyType._zod.def;
  if (key.type !== 'string' || (key.checks !== undefined && key.checks.length > 0)) return undefined;
  const node = build(valueType);
  if (!node) return undefined;
  const item = node.read;
  return {
    read: (value, state) => {
      if (!isPlainObject(value)) return mismatch(value, state);
      const out: Record<string, unknown> = {};
      for (const name in value) {
        if (!Object.hasOwn(value, name) || isHostileKey(name)) continue;
        out[name] = item(value[name], state);
      }
      return out;
    },
  };
}

function object(shape: Readonly<Record<string, Schema>>, catchall: Schema | undefined): Node | undefined {
  // Unknown keys are kept as they are; a strict or typed catchall would judge them.
  if (catchall && catchall._zod.def.type !== 'unknown') return undefined;
  const fields = new Map<string, Field>();
  const required: string[] = [];
  for (const name of Object.keys(shape)) {
    const schema = shape[name];
    const node = schema && build(schema);
    // Field names must survive key normalisation, and a required one must not be found on
    // Object.prototype, where the presence check below would see it.
    if (!schema || !node || !isPlainKey(name) || name in Object.prototype) return undefined;
    const isRequired = schema._zod.optin === undefined;
    fields.set(name, { read: node.read, mask: primitiveMask(schema), required: isRequired });
    if (isRequired) required.push(name);
  }

  const site = nextSite++;

  // Keys that need renaming (PascalCase) or dropping (hostile): build the copy key by key. Two
  // keys may land on one name here (`UserId`, `userId`), so presence is checked on the result.
  // Payloads of one event repeat one key order, so the renaming of the last order seen is kept as
  // a plan: while keys arrive as planned (interned strings, compared by identity) no lookup is
  // needed. A key off the plan replans from there on. `''` as a name marks a key to drop.
  const planKeys: string[] = [];
  const planNames: string[] = [];
  const planFields: (Field | undefined)[] = [];
  // The copy of a payload that followed the whole plan, every value null: cloning it gives
  // the copy its final shape at once, so each value is a store into an existing property rather
  // than a new property per key, which is most of the cost of a copy built key by key.
  // Every key of the shape is assigned on that path, so none of those nulls is ever handed out.
  let template: Record<string, unknown> | undefined;

  const readPlanned = (value: object, state: ReadState, shape: Record<string, unknown>) => {
    // Plans hold own keys only, and on an object made by an object literal or JSON.parse every key
    // for-in lists is its own (unless Object.prototype itself was given enumerable keys).
    if (Object.getPrototypeOf(value) !== Object.prototype) return undefined;
    const out = cloneAt(site, shape);
    let index = 0;
    for (const key in value) {
      if (planKeys[index] !== key) return undefined;
      const name = planNames[index] as string;
      const field = planFields[index];
      index++;
      if (name === '') continue;
      const item = (value as Record<string, unknown>)[key];
      out[name] = field === undefined ? camelCaseKeys(item) : readField(field, item, state);
    }
    if (index !== planKeys.length) return undefined;
    for (const name of required) {
      if (out[name] === undefined) state.ok = false;
    }
    return out;
  };

  const readRenaming = (value: object, state: ReadState): Record<string, unknown> => {
    // Off the plan, the values read so far are read again below: a mismatch among them is found
    // again, so `state` ends as if they had been read once.
    const planned = template && readPlanned(value, state, template);
    if (planned !== undefined) return planned;
    const out: Record<string, unknown> = {};
    let index = 0;
    let replanned = false;
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      let name: string;
      let field: Field | undefined;
      if (planKeys[index] === key) {
        name = planNames[index] as string;
        field = planFields[index];
      } else {
        name = toCamelCase(key);
        if (isHostileKey(name)) name = '';
        field = name === '' ? undefined : fields.get(name);
        if (index < planLimit) {
          planKeys.length = planNames.length = planFields.length = index;
          planKeys.push(key);
          planNames.push(name);
          planFields.push(field);
          replanned = true;
        }
      }
      index++;
      if (name === '') continue;
      const item = (value as Record<string, unknown>)[key];
      out[name] = field === undefined ? camelCaseKeys(item) : readField(field, item, state);
    }
    if (index < planKeys.length) {
      planKeys.length = planNames.length = planFields.length = index;
      replanned = true;
    }
    // The shape is built once a key order has repeated, so payloads alternating between orders
    // cost no more than without it.
    if (replanned) template = undefined;
    else if (template === undefined && index <= planLimit) template = shapeOf(planNames);
    for (const name of required) {
      if (out[name] === undefined) state.ok = false;
    }
    return out;
  };

  // The same for camelCase payloads, whose keys need no renaming.
  const camelKeys: string[] = [];
  const camelFields: (Field | undefined)[] = [];

  return {
    read: (value, state) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return mismatch(value, state);
      // A PascalCase payload shows it by its first key: skip the clone that would be thrown away.
      if (!firstKeyIsPlain(value)) return readRenaming(value, state);
      // Wire payloads are already camelCase: clone with spread (V8's fast path), then check in place.
      const out = cloneAt(site, value);
      // Keys are unique here, so counting the required ones seen proves they are all present.
      let requiredSeen = 0;
      let index = 0;
      for (const key in out) {
        // Keys in the order seen last time are known to be plain and need no field lookup.
        let field: Field | undefined;
        if (camelKeys[index] === key) {
          field = camelFields[index];
        } else {
          if (!isPlainKey(key)) return readRenaming(value, state);
          field = fields.get(key);
          if (index < planLimit) {
            camelKeys.length = camelFields.length = index;
            camelKeys.push(key);
            camelFields.push(field);
          }
        }
        index++;
        const item = out[key];
        if (field !== undefined) {
          if (field.required) requiredSeen++;
          const copy = readField(field, item, state);
          if (copy !== item) out[key] = copy;
        } else if (item !== null && typeof item === 'object') {
          out[key] = camelCaseKeys(item);
        }
      }
      if (requiredSeen !== required.length) state.ok = false;
      return out;
    },
  };
}

/**
 * An object with `names` as its keys, in that order, each `null`; `''` (a dropped key) is skipped.
 * It goes through JSON.parse so that all its properties sit inside the object, as in a parsed
 * frame: V8 clones such an object with spread on its fast path, while one grown key by key keeps
 * most properties in a separate store and is cloned several times slower.
 */
function shapeOf(names: readonly string[]): Record<string, unknown> {
  const shape: Record<string, unknown> = {};
  for (const name of names) if (name !== '') shape[name] = null;
  return JSON.parse(JSON.stringify(shape));
}

/**
 * A shallow copy of `source` by spread, from one of 16 spread sites chosen by `site`. V8 keeps what
 * it learns about a spread per site in the source, and closures made by one factory share those
 * sites: one site would see the shape of every event and fall back to its slow, generic copy (about
 * 250 ns for a dozen keys). Spreading the readers over 16 sites leaves each a few shapes, which it
 * copies on its fast path (about 40 ns).
 */
function cloneAt(site: number, source: object): Record<string, unknown> {
  switch (site & 15) {
    case 0:
      return { ...source };
    case 1:
      return { ...source };
    case 2:
      return { ...source };
    case 3:
      return { ...source };
    case 4:
      return { ...source };
    case 5:
      return { ...source };
    case 6:
      return { ...source };
    case 7:
      return { ...source };
    case 8:
      return { ...source };
    case 9:
      return { ...source };
    case 10:
      return { ...source };
    case 11:
      return { ...source };
    case 12:
      return { ...source };
    case 13:
      return { ...source };
    case 14:
      return { ...source };
    default:
      return { ...source };
  }
}

/** The next object reader's spread site (see {@link cloneAt}). */
let nextSite = 0;

/** A field's value as `field.read` returns it, with primitive-only fields checked inline. */
function readField(field: Field, item: unknown, state: ReadState): unknown {
  if (field.mask === 0) return field.read(item, state);
  if ((field.mask & typeBit(item)) !== 0) return item;
  return mismatch(item, state);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Answers, without copying, whether `value` can be handed out as it is: it matches the schema and
 * every key at every depth is already camelCase and not hostile, and every object is a plain one.
 * `false` only means "take the copying path", which then finds the issues, renames and drops keys.
 */
export type Checker = (value: unknown) => boolean;

const checkers = new WeakMap<object, Checker | null>();

/**
 * The in-place checker for `schema`, built on first use from the same definitions readers use;
 * `undefined` when the schema uses something it does not model.
 */
export function checkerFor(schema: z.ZodMiniType): Checker | undefined {
  let checker = checkers.get(schema);
  if (checker === undefined) {
    checker = buildCheck(schema as unknown as Schema) ?? null;
    checkers.set(schema, checker);
  }
  return checker ?? undefined;
}

/** Whether `value` holds only plain objects, arrays and primitives, with plain keys everywhere. */
export function isPlainDeep(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isPlainDeep(value[i])) return false;
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key in value) {
    if (!isPlainKey(key)) return false;
    const item = (value as Record<string, unknown>)[key];
    if (item !== null && typeof item === 'object' && !isPlainDeep(item)) return false;
  }
  return true;
}

function buildCheck(schema: Schema): Checker | undefined {
  const def = schema._zod.def;
  if ((def.checks !== undefined && def.checks.length > 0) || def.coerce === true) return undefined;
  switch (def.type) {
    case 'string':
      return isString;
    case 'number':
      return isNumber;
    case 'boolean':
      return isBoolean;
    case 'unknown':
      return isPlainDeep;
    case 'optional': {
      const inner = def.innerType && buildCheck(def.innerType);
      return inner && ((value) => value === undefined || inner(value));
    }
    case 'nullable': {
      const inner = def.innerType && buildCheck(def.innerType);
      return inner && ((value) => value === null || inner(value));
    }
    case 'union': {
      if (!def.options) return undefined;
      const options: Checker[] = [];
      for (const option of def.options) {
        const check = buildCheck(option);
        if (!check) return undefined;
        options.push(check);
      }
      return (value) => {
        for (let i = 0; i < options.length; i++) if ((options[i] as Checker)(value)) return true;
        return false;
      };
    }
    case 'array': {
      const item = def.element && buildCheck(def.element);
      if (!item) return undefined;
      return (value) => {
        if (!Array.isArray(value)) return false;
        for (let i = 0; i < value.length; i++) if (!item(value[i])) return false;
        return true;
      };
    }
    case 'record': {
      const key = def.keyType?._zod.def;
      if (key?.type !== 'string' || (key.checks !== undefined && key.checks.length > 0)) return undefined;
      const item = def.valueType && buildCheck(def.valueType);
      if (!item) return undefined;
      // A dictionary's keys are data and keep their case; only hostile ones need the copying path.
      return (value) => {
        if (!isPlainObject(value) || Object.getPrototypeOf(value) !== Object.prototype) return false;
        for (const name in value) {
          if (isHostileKey(name) || !item(value[name])) return false;
        }
        return true;
      };
    }
    case 'object':
      return def.shape && checkObject(def.shape, def.catchall);
    default:
      return undefined;
  }
}

// A field whose schema only allows primitives is checked inline against a mask of the types it
// allows, without calling its checker.
const STRING = 1;
const NUMBER = 2;
const BOOLEAN = 4;
const NULL = 8;
const UNDEFINED = 16;

/** The mask of primitive types `schema` allows; 0 when it allows anything else or has checks. */
function primitiveMask(schema: Schema): number {
  const def = schema._zod.def;
  if ((def.checks !== undefined && def.checks.length > 0) || def.coerce === true) return 0;
  switch (def.type) {
    case 'string':
      return STRING;
    case 'number':
      return NUMBER;
    case 'boolean':
      return BOOLEAN;
    case 'optional': {
      const inner = def.innerType ? primitiveMask(def.innerType) : 0;
      return inner && inner | UNDEFINED;
    }
    case 'nullable': {
      const inner = def.innerType ? primitiveMask(def.innerType) : 0;
      return inner && inner | NULL;
    }
    case 'union': {
      let mask = 0;
      for (const option of def.options ?? []) {
        const inner = primitiveMask(option);
        if (inner === 0) return 0;
        mask |= inner;
      }
      return mask;
    }
    default:
      return 0;
  }
}

/** The mask bit of a value's type; 0 for objects, arrays, functions and non-finite numbers. */
function typeBit(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return STRING;
    case 'number':
      return Number.isFinite(value) ? NUMBER : 0;
    case 'boolean':
      return BOOLEAN;
    case 'undefined':
      return UNDEFINED;
    default:
      return value === null ? NULL : 0;
  }
}

interface CheckedField {
  readonly check: Checker;
  readonly mask: number;
  readonly required: boolean;
}

function checkObject(
  shape: Readonly<Record<string, Schema>>,
  catchall: Schema | undefined,
): Checker | undefined {
  if (catchall && catchall._zod.def.type !== 'unknown') return undefined;
  const fields = new Map<string, CheckedField>();
  let required = 0;
  for (const name of Object.keys(shape)) {
    const schema = shape[name];
    const check = schema && buildCheck(schema);
    if (!schema || !check || !isPlainKey(name) || name in Object.prototype) return undefined;
    const isRequired = schema._zod.optin === undefined;
    fields.set(name, { check, mask: primitiveMask(schema), required: isRequired });
    if (isRequired) required++;
  }
  // Payloads of one event repeat one key order: the fields of the last order seen are kept, so
  // keys arriving as before (interned strings, compared by identity) need no lookup.
  const planKeys: string[] = [];
  const planFields: (CheckedField | undefined)[] = [];
  return (value) => {
    if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) {
      return false;
    }
    // Keys are unique, so counting the required ones seen proves they are all present.
    let requiredSeen = 0;
    let index = 0;
    for (const key in value) {
      let field: CheckedField | undefined;
      if (planKeys[index] === key) {
        field = planFields[index];
      } else {
        if (!isPlainKey(key)) return false;
        field = fields.get(key);
        if (index < planLimit) {
          planKeys.length = planFields.length = index;
          planKeys.push(key);
          planFields.push(field);
        }
      }
      index++;
      const item = (value as Record<string, unknown>)[key];
      if (field !== undefined) {
        if (field.mask !== 0 ? (field.mask & typeBit(item)) === 0 : !field.check(item)) return false;
        if (field.required) requiredSeen++;
      } else if (item !== null && typeof item === 'object' && !isPlainDeep(item)) {
        return false;
      }
    }
    return requiredSeen === required;
  };
}
