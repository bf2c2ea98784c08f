/**
 * A seeded source of randomness for the simulator. Everything the simulated contact centre
 * decides, and every id it invents, comes from one of these, so a seed replays the same day.
 */
export interface Random {
  /** A float in `[0, 1)`. */
  next(): number;
  /** An integer in `[0, bound)`. */
  int(bound: number): number;
  /** `true` with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** A GUID in .NET's serialised form (lower-case, dashed), shaped like a version-4 UUID. */
  guid(): string;
  /** `length` decimal digits, leading zeros allowed. */
  digits(length: number): string;
}

function hex8(value: number): string {
  return value.toString(16).padStart(8, '0');
}

/**
 * Creates a {@link Random} driven by mulberry32: tiny, fast and good enough for traffic that only
 * has to look plausible, and the same on every platform for a given 32-bit seed.
 *
 * @example
 * ```ts
 * import { createRandom } from './random.ts';
 *
 * const random = createRandom(42);
 * const id = random.guid(); // the same GUID every time for seed 42
 * ```
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const u32 = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const next = (): number => u32() / 4294967296;
  const int = (bound: number): number => Math.floor(next() * bound);
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => items[int(items.length)] as (typeof items)[number],
    guid: () => {
      const a = hex8(u32());
      const b = hex8(u32());
      const c = hex8(u32());
      const d = hex8(u32());
      // RFC 4122 version and variant nibbles, so the ids pass strict UUID checks.
      const variant = '89ab'.charAt(Number.parseInt(c.charAt(0), 16) & 3);
      return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
    },
    digits: (length) => {
      let out = '';
      for (let i = 0; i < length; i++) out += String(int(10));
      return out;
    },
  };
}
