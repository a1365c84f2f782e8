// MEMORY USAGE (object.c's memoryCommand): how many bytes a key and its value take. The
// engine keeps JavaScript objects, not Redis's structures, so the figure is an estimate built
// the way objectComputeSize builds it: the key's sds and its dict entry, the value's robj, then
// the encoding's own layout (listpack bytes, or a hash table's entries), each allocation
// rounded up to a jemalloc size class. Small strings and integers come out as Redis says them
// (SET foo bar: 64; SET n 12345: 48); containers are near, not exact. Redis samples 5 elements
// of a big container and extrapolates; here every element is counted, so SAMPLES changes
// nothing but is still checked as Redis checks it.
import { is } from "./args.ts";
import { NO_KEYS, cmd, type CommandSpec } from "./command.ts";
import type { Connection } from "./connection.ts";
import { isHashtable } from "./hash-store.ts";
import type { Entry } from "./keyspace.ts";
import { encodingOf } from "./keys.ts";
import { parseLL } from "./numbers.ts";
import { NOT_INTEGER, SYNTAX, type Reply } from "./reply.ts";
import type { RSet } from "./set-store.ts";
import type { Stream } from "./stream-store.ts";
import { radixNodeCount } from "./stream-rax.ts";
import type { ZSet } from "./zset-store.ts";

const ROBJ = 16;
const DICT_ENTRY = 24;
const DICT = 56;
const QUICKLIST = 40;
const QUICKLIST_NODE = 32;

/** jemalloc's size class for a request of n bytes (its small classes, then quarter steps). */
function alloc(n: number): number {
  if (n <= 8) return 8;
  if (n <= 128) return Math.ceil(n / 16) * 16;
  const step = 2 ** (Math.ceil(Math.log2(n)) - 3);
  return Math.ceil(n / step) * step;
}

/** An sds string: header (sdshdr8 up to 255 bytes, else sdshdr32), bytes, NUL. */
function sds(len: number): number {
  return alloc((len < 256 ? 3 : 9) + len + 1);
}

/** A listpack of these strings: header, one entry each (integers packed), terminator. */
function listpack(items: string[]): number {
  let bytes = 7;
  for (const s of items) bytes += parseLL(s) !== undefined ? 9 : s.length + (s.length < 64 ? 2 : 5);
  return alloc(bytes);
}

/** A dict's table: a pointer per bucket, buckets a power of two at least the entry count. */
function buckets(n: number): number {
  return n === 0 ? 0 : alloc(8 * 2 ** Math.ceil(Math.log2(n)));
}

function valueSize(e: Entry): number {
  const enc = encodingOf(e);
  switch (e.type) {
    case "string": {
      const s = e.value as string;
      if (enc === "int") return ROBJ;
      return enc === "embstr" ? alloc(ROBJ + 3 + s.length + 1) : ROBJ + sds(s.length);
    }
    case "list":
      return ROBJ + QUICKLIST + QUICKLIST_NODE + listpack(e.value as string[]);
    case "hash": {
      const h = e.value as Map<string, string>;
      if (!isHashtable(h)) return ROBJ + listpack([...h].flat());
      let size = ROBJ + DICT + buckets(h.size);
      for (const [f, v] of h) size += DICT_ENTRY + sds(f.length) + sds(v.length);
      return size;
    }
    case "set": {
      const s = e.value as RSet;
      if (s.intset) return ROBJ + alloc(8 + 8 * s.size);
      let size = ROBJ + DICT + buckets(s.size);
      for (const m of s.members) size += DICT_ENTRY + sds(m.length);
      return size;
    }
    case "zset": {
      const z = e.value as ZSet;
      if (z.listpack) return ROBJ + listpack(z.order.flatMap((m) => [m, String(z.score(m))]));
      // A skiplist node (score, backward pointer, a level or two) plus the dict entry to it.
      let size = ROBJ + DICT + buckets(z.size) + alloc(32 + 32 * 16);
      for (const m of z.order) size += alloc(32 + 16) + sds(m.length) + DICT_ENTRY;
      return size;
    }
    case "stream": {
      // The stream struct, a rax node per radix tree node, each listpack (Redis counts the tail
      // one with its preallocation, which is not modelled), and the groups' PEL entries.
      const s = e.value as Stream;
      let size = ROBJ + 88 + 4 * radixNodeCount(s.masters()) + 24;
      for (const bytes of s.nodeBytes()) size += alloc(bytes);
      for (const g of s.groups?.values() ?? []) {
        size += 40 + 24 + 4 + g.pel.size * 24;
        for (const c of g.consumers.values()) size += 32 + c.name.length + 28;
      }
      return size;
    }
  }
}

function usage(c: Connection, argv: string[]): Reply {
  for (let j = 3; j < argv.length; j++) {
    if (!is(argv[j], "samples") || j + 1 >= argv.length) return SYNTAX;
    const samples = parseLL(argv[++j]);
    if (samples === undefined) return NOT_INTEGER;
    if (samples < 0n) return SYNTAX;
  }
  const e = c.db.lookup(argv[2], c.server);
  if (e === undefined) return null;
  return sds(argv[2].length) + DICT_ENTRY + valueSize(e);
}

export const memoryCommands: CommandSpec[] = [
  cmd("memory", -2, "", NO_KEYS, () => null, [cmd("usage", -3, "readonly", [2, 2, 1], usage)]),
];
