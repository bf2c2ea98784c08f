import { entityKey } from '../wire/guid.ts';
/**
 * One shard of a split entity list: `index` counts from 0 and is below `count`.
 *
 * @example
 * ```ts
 * import type { BridgeShard } from 'enreach-rte/bridge';
 *
 * const second: BridgeShard = { index: 1, count: 4 };
 * ```
 */
export interface BridgeShard {
  /** This bridge's shard, `0 <= index < count`. */
  readonly index: number;
  /** How many shards the entity list is split into. */
  readonly count: number;
}

/**
 * 32-bit FNV-1a of a string's UTF-16 code units. Stable across processes, machines and versions:
 * redundant bridges and every shard must agree on it forever.
 */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The shard (0-based) an entity belongs to among `count`: FNV-1a of the id as the hub writes it (a
 * GUID in lower-case dashed form, whichever form it is given in), modulo `count`. Every entity lands
 * in exactly one shard.
 *
 * @example
 * ```ts
 * import { shardOf } from 'enreach-rte/bridge';
 *
 * const mine = entityIds.filter((id) => shardOf(id, 4) === 1);
 * ```
 */
export function shardOf(entityId: string, count: number): number {
  if (!Number.isInteger(count) || count < 1) throw new TypeError('shard count must be a whole number >= 1');
  return fnv1a32(entityKey(entityId)) % count;
}

/**
 * Parses `i/n` as the CLI's `--shard` takes it: `i` counts from 0, and `n/n` is the same shard as
 * `0/n`, so numbering the shards from 1 (`1/n` … `n/n`) covers every entity exactly once too.
 *
 * @example
 * ```ts
 * import { parseShard } from 'enreach-rte/bridge';
 *
 * parseShard('1/4'); // { index: 1, count: 4 }
 * parseShard('4/4'); // { index: 0, count: 4 }
 * ```
 */
export function parseShard(text: string): BridgeShard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) throw new TypeError(`shard "${text}" must look like i/n, e.g. 0/2 (i counts from 0)`);
  const count = Number(match[2]);
  const index = Number(match[1]);
  const shard = { index: index === count ? 0 : index, count };
  checkShard(shard);
  return shard;
}

/** Throws a TypeError unless the shard is well formed. */
export function checkShard(shard: BridgeShard): void {
  const { index, count } = shard;
  if (!Number.isInteger(count) || count < 1) throw new TypeError('shard count must be a whole number >= 1');
  if (!Number.isInteger(index) || index < 0 || index >= count)
    throw new TypeError(`shard index must be a whole number from 0 to ${count - 1}`);
}
