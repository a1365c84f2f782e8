// Hashes are Maps in field insertion order, as a listpack-encoded hash iterates. Redis 7.0
// converts a hash to a hash table, for good, once it outgrows hash-max-listpack-entries or
// hash-max-listpack-value (512 and 64 unless CONFIG SET); the conversion is remembered here for
// OBJECT ENCODING (a hash table's iteration order is Redis's own, which no client may rely on).
import { limit } from "./config.ts";

const hashtables = new WeakSet<Map<string, string>>();

export function isHashtable(h: Map<string, string>): boolean {
  return hashtables.has(h);
}

/** After writing these fields and values: convert when something outgrew the listpack. */
export function noteHashWrite(h: Map<string, string>, ...strings: string[]): void {
  if (hashtables.has(h)) return;
  const maxValue = limit("hash-max-listpack-value");
  if (h.size > limit("hash-max-listpack-entries") || strings.some((x) => x.length > maxValue)) hashtables.add(h);
}

export function cloneHash(h: Map<string, string>): Map<string, string> {
  const copy = new Map(h);
  if (hashtables.has(h)) hashtables.add(copy);
  return copy;
}
