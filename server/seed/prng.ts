// Seeded randomness for the demo data: the same seed always gives the same database.
import { itemAt } from './item-at';

export type Rng = () => number;

/** mulberry32: a tiny, fast 32-bit PRNG, good enough for demo data (not for secrets). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes integers into one 32-bit seed, so sub-streams (one per order) are independent. */
export function mixSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x01000193);
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

/** An integer in [min, max], both included. */
export function int(r: Rng, min: number, max: number): number {
  return min + Math.floor(r() * (max - min + 1));
}

export function between(r: Rng, min: number, max: number): number {
  return min + r() * (max - min);
}

export function chance(r: Rng, p: number): boolean {
  return r() < p;
}

export function pick<T>(r: Rng, items: readonly T[]): T {
  return itemAt(items, Math.floor(r() * items.length), 'item to pick');
}

/** A picker over weighted items; the cumulative table is built once. */
export function weighted<T>(items: readonly (readonly [T, number])[]): (r: Rng) => T {
  if (items.length === 0) throw new RangeError('seed: weighted() needs at least one item');
  const cumulative: number[] = [];
  let total = 0;
  for (const [, w] of items) cumulative.push((total += w));
  return (r) => {
    const x = r() * total;
    let i = 0;
    // i stops at the last index at the latest, and there is at least one item
    while (cumulative[i]! <= x && i < cumulative.length - 1) i++;
    return items[i]![0];
  };
}

/** Digits of a given length, the first one never 0 unless allowZeroFirst. */
export function digits(r: Rng, length: number, allowZeroFirst = true): string {
  let s = allowZeroFirst ? '' : String(1 + Math.floor(r() * 9));
  while (s.length < length) s += String(Math.floor(r() * 10));
  return s;
}

export function shuffle<T>(r: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!]; // 0 <= j <= i < items.length
  }
  return items;
}
