// Hashes are Maps in field insertion order, as a listpack-encoded hash iterates. Redis 7.0
// (as packaged, hash-max-listpack-entries 512, hash-max-listpack-value 64) converts a hash to a
// hash table, for good, once it outgrows those; the conversion is remembered here for OBJECT
// ENCODING (a hash table's iteration order is Redis's own, which no client may rely on).

export const HASH_MAX_LISTPACK_ENTRIES = 512;
export const HASH_MAX_LISTPACK_VALUE = 64;

const hashtables = new WeakSet<Map<string, string>>();

export function isHashtable(h: Map<string, string>): boolean {
  return hashtables.has(h);
}

/** After writing these fields and values: convert when something outgrew the listpack. */
export function noteHashWrite(h: Map<string, string>, ...strings: string[]): void {
  if (hashtables.has(h)) return;
  if (h.size > HASH_MAX_LISTPACK_ENTRIES || strings.some((x) => x.length > HASH_MAX_LISTPACK_VALUE)) hashtables.add(h);
}

export function cloneHash(h: Map<string, string>): Map<string, string> {
  const copy = new Map(h);
  if (hashtables.has(h)) hashtables.add(copy);
  return copy;
}
