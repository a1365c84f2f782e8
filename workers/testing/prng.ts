// A small seeded PRNG (mulberry32) for tests and benchmarks that need repeatable randomness:
// engines never call Math.random themselves (docs/architecture.md, "The parts").
import { Prng } from "../shared/prng.ts";

export type Rng = () => number;

/** Uniform floats in [0, 1), the same sequence for the same 32-bit seed (the engines' own Prng). */
export function mulberry32(seed: number): Rng {
  const prng = new Prng(seed);
  return () => prng.next();
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}
