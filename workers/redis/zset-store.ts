// A sorted set: member -> score, plus the members ordered by (score, member bytes) as Redis
// orders them. A sorted array with binary search stands in for Redis's listpack / skiplist;
// lexicographic ranges scan as the listpack does (first member >= min, then while <= max).
import { limit } from "./config.ts";

export interface ScoreRange {
  min: number;
  max: number;
  minex: boolean;
  maxex: boolean;
}

/** A lex bound: "-" / "+" as -inf / +inf, else a member with inclusive or exclusive edge. */
export type LexBound = { kind: "-inf" } | { kind: "+inf" } | { kind: "value"; value: string; ex: boolean };

export interface LexRange {
  min: LexBound;
  max: LexBound;
}

/** zset-max-listpack-entries / zset-max-listpack-value: past these Redis converts to a skiplist, for good. */
export function fitsListpack(entries: number, longest: number): boolean {
  return entries <= limit("zset-max-listpack-entries") && longest <= limit("zset-max-listpack-value");
}

export class ZSet {
  readonly scores = new Map<string, number>();
  /** Members in order. */
  readonly order: string[] = [];
  /**
   * Still listpack-encoded. A listpack stores integral scores as integers, so -0 reads back as 0
   * there, while a skiplist keeps -0.
   */
  listpack = true;

  get size(): number {
    return this.order.length;
  }

  score(m: string): number | undefined {
    return this.scores.get(m);
  }

  /** Index where (score, member) is or would go. */
  private position(score: number, m: string): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const om = this.order[mid];
      const os = this.scores.get(om)!;
      if (os < score || (os === score && om < m)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Insert or move a member to a new score. */
  set(m: string, score: number): void {
    if (this.listpack && !fitsListpack(this.order.length + (this.scores.has(m) ? 0 : 1), m.length)) this.listpack = false;
    if (this.listpack && score === 0) score = 0; // -0 stored as the integer 0
    const old = this.scores.get(m);
    if (old !== undefined) {
      if (old === score) return;
      this.order.splice(this.position(old, m), 1);
    }
    this.scores.set(m, score);
    this.order.splice(this.position(score, m), 0, m);
  }

  /** zsetConvertToListpackIfNeeded: a small result built as a skiplist becomes a listpack (-0 reads back as 0). */
  convertToListpackIfNeeded(): void {
    if (this.listpack || !fitsListpack(this.order.length, 0)) return;
    if (!fitsListpack(0, Math.max(0, ...this.order.map((m) => m.length)))) return;
    this.listpack = true;
    for (const [m, s] of this.scores) if (s === 0) this.scores.set(m, 0);
  }

  delete(m: string): boolean {
    const old = this.scores.get(m);
    if (old === undefined) return false;
    this.order.splice(this.position(old, m), 1);
    this.scores.delete(m);
    return true;
  }

  rank(m: string): number | undefined {
    const s = this.scores.get(m);
    return s === undefined ? undefined : this.position(s, m);
  }

  /** First index whose score is inside the range's lower edge. */
  firstInScore(r: ScoreRange): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const s = this.scores.get(this.order[mid])!;
      if (r.minex ? s <= r.min : s < r.min) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** One past the last index whose score is inside the range's upper edge. */
  endInScore(r: ScoreRange): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const s = this.scores.get(this.order[mid])!;
      if (r.maxex ? s < r.max : s <= r.max) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * zzlIsInLexRange: false for ranges that are always empty, or when the last member is below
   * min or the first above max (members of different scores need not be in lex order).
   */
  private inLexRange(r: LexRange): boolean {
    const cmp = compareBounds(r.min, r.max);
    if (cmp > 0 || (cmp === 0 && (boundEx(r.min) || boundEx(r.max)))) return false;
    const n = this.order.length;
    if (n === 0) return false;
    return lexGteMin(this.order[n - 1], r.min) && lexLteMax(this.order[0], r.max);
  }

  /**
   * Indexes [start, end) of a forward lex scan, as the listpack does it: the first member >= min
   * (which must also be <= max), then on while members are <= max. Empty: [size, size].
   */
  lexSpan(r: LexRange): [number, number] {
    const n = this.order.length;
    if (!this.inLexRange(r)) return [n, n];
    let i = 0;
    while (i < n && !lexGteMin(this.order[i], r.min)) i++;
    if (i === n || !lexLteMax(this.order[i], r.max)) return [n, n];
    let j = i;
    while (j < n && lexLteMax(this.order[j], r.max)) j++;
    return [i, j];
  }

  /** A reverse lex scan: from the last member <= max (which must be >= min), back while >= min. Empty: [0, 0]. */
  lexSpanRev(r: LexRange): [number, number] {
    if (!this.inLexRange(r)) return [0, 0];
    let j = this.order.length - 1;
    while (j >= 0 && !lexLteMax(this.order[j], r.max)) j--;
    if (j < 0 || !lexGteMin(this.order[j], r.min)) return [0, 0];
    let i = j;
    while (i >= 0 && lexGteMin(this.order[i], r.min)) i--;
    return [i + 1, j + 1];
  }

  clone(): ZSet {
    const z = new ZSet();
    for (const m of this.order) z.scores.set(m, this.scores.get(m)!);
    z.order.push(...this.order);
    z.listpack = this.listpack;
    return z;
  }
}

export function lexGteMin(m: string, min: LexBound): boolean {
  if (min.kind === "-inf") return true;
  if (min.kind === "+inf") return false;
  return min.ex ? m > min.value : m >= min.value;
}

export function lexLteMax(m: string, max: LexBound): boolean {
  if (max.kind === "+inf") return true;
  if (max.kind === "-inf") return false;
  return max.ex ? m < max.value : m <= max.value;
}

export function inScoreRange(s: number, r: ScoreRange): boolean {
  return (r.minex ? s > r.min : s >= r.min) && (r.maxex ? s < r.max : s <= r.max);
}

function boundEx(b: LexBound): boolean {
  return b.kind !== "value" || b.ex;
}

/** sdscmplex: "-" below every string, "+" above. */
function compareBounds(a: LexBound, b: LexBound): number {
  const rank = (x: LexBound) => (x.kind === "-inf" ? 0 : x.kind === "value" ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (a.kind !== "value" || b.kind !== "value") return 0;
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}
