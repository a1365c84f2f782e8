// A small seeded PRNG (mulberry32) for an engine's own randomness (Redis: active expiry
// sampling, SPOP, SRANDMEMBER, RANDOMKEY; DNS: query ids, source ports, packet loss, the
// attacker's guesses): the same seed gives the same run, so traces replay exactly.

export class Prng {
  private state: number;

  constructor(seed = 0x5eed) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }
}
