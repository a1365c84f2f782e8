// A Redis set. Redis 7.0 keeps a set of integers (string2ll-valid members, at most
// set-max-intset-entries of them) as an intset, which iterates in ascending numeric order; any
// other member converts it, for good, to a hash table, whose order Redis leaves unspecified.
import { limit } from "./config.ts";
import { parseLL } from "./numbers.ts";

export class RSet {
  readonly members = new Set<string>();
  /** Still an intset. */
  intset = true;
  private sorted: string[] | null = null;

  get size(): number {
    return this.members.size;
  }

  has(m: string): boolean {
    return this.members.has(m);
  }

  add(m: string): boolean {
    if (this.members.has(m)) return false;
    if (this.intset && (parseLL(m) === undefined || this.members.size + 1 > limit("set-max-intset-entries"))) this.intset = false;
    this.members.add(m);
    this.sorted = null;
    return true;
  }

  delete(m: string): boolean {
    const had = this.members.delete(m);
    if (had) this.sorted = null;
    return had;
  }

  /** Members in the order Redis iterates them (ascending for an intset). */
  list(): string[] {
    if (!this.intset) return [...this.members];
    if (this.sorted === null) {
      this.sorted = [...this.members].sort((a, b) => {
        const x = BigInt(a);
        const y = BigInt(b);
        return x < y ? -1 : x > y ? 1 : 0;
      });
    }
    return this.sorted;
  }

  clone(): RSet {
    const s = new RSet();
    for (const m of this.members) s.members.add(m);
    s.intset = this.intset;
    return s;
  }
}

/** setTypeCreate + adds: a new set holding these members, encoded as Redis would. */
export function setFrom(members: Iterable<string>): RSet {
  const s = new RSet();
  for (const m of members) s.add(m);
  return s;
}
