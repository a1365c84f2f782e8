// MEMORY USAGE (object.c's memoryCommand): how many bytes a key and its value take. The
// engine keeps JavaScript objects, not Redis's structures, so the figure is an estimate built
// the way objectComputeSize builds it: the key's sds and its dict entry, the value's robj, then
// the encoding's own layout (listpack bytes, or a hash table's entries), each allocation
// rounded up to a jemalloc size class. Small strings and integers come out as Redis says them
// (SET foo bar: 64; SET n 12345: 48); containers are near, not exact — but a stream, whose nodes
// track their listpacks' allocations, is Redis's figure, with SAMPLES (5 by default) listpacks
// averaged as Redis averages them. For the other types every element is counted, so SAMPLES
// changes nothing but is still checked as Redis checks it.
import { is } from "./args.ts";
import { NO_KEYS, cmd, type CommandSpec } from "./command.ts";
import type { Connection } from "./connection.ts";
import { isHashtable } from "./hash-store.ts";
import type { Entry } from "./keyspace.ts";
import { encodingOf } from "./keys.ts";
import { jemallocSize as alloc } from "./listpack-size.ts";
import { parseLL } from "./numbers.ts";
import { NOT_INTEGER, SYNTAX, type Reply } from "./reply.ts";
import type { RSet } from "./set-store.ts";
import type { Stream } from "./stream-store.ts";
import type { StreamID } from "./stream-id.ts";
import { radixNodeCount } from "./stream-rax.ts";
import type { ZSet } from "./zset-store.ts";

const ROBJ = 16;
const DICT_ENTRY = 24;
const DICT = 56;
const QUICKLIST = 40;
const QUICKLIST_NODE = 32;


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

function valueSize(e: Entry, samples: number): number {
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
    case "stream":
      return streamSize(e.value as Stream, samples);
  }
}

/** streamRadixTreeMemoryUsage: 16 bytes per key, and a node header plus 30 words per node. */
function raxUsage(keys: StreamID[]): number {
  return keys.length * 16 + radixNodeCount(keys) * (4 + 8 * 30);
}

/**
 * objectComputeSize for a stream: the robj and stream structs, the radix tree, the listpacks as
 * allocated (the first `samples` averaged over all but the last, which is added as it is), and
 * each group with its PEL's NACKs and its consumers.
 */
function streamSize(s: Stream, samples: number): number {
  let size = ROBJ + 80 + raxUsage(s.masters());
  const allocs = s.nodeAllocations();
  const sampled = allocs.slice(0, Math.min(samples, allocs.length));
  const sum = sampled.reduce((a, b) => a + b, 0);
  if (allocs.length <= sampled.length) size += sum;
  else size += (sampled.length ? Math.floor(sum / sampled.length) : 0) * (allocs.length - 1) + allocs[allocs.length - 1];
  for (const g of s.groups?.values() ?? []) {
    size += 40 + raxUsage(g.pel.idList()) + 24 * g.pel.size;
    for (const c of g.consumers.values()) size += 24 + c.name.length + raxUsage(c.pel.idList());
  }
  return size;
}

function usage(c: Connection, argv: string[]): Reply {
  let samples = 5;
  for (let j = 3; j < argv.length; j++) {
    if (!is(argv[j], "samples") || j + 1 >= argv.length) return SYNTAX;
    const n = parseLL(argv[++j]);
    if (n === undefined) return NOT_INTEGER;
    if (n < 0n) return SYNTAX;
    samples = n === 0n ? Infinity : Number(n);
  }
  const e = c.db.lookup(argv[2], c.server);
  if (e === undefined) return null;
  return sds(argv[2].length) + DICT_ENTRY + valueSize(e, samples);
}

export const memoryCommands: CommandSpec[] = [
  cmd("memory", -2, "", NO_KEYS, () => null, [cmd("usage", -3, "readonly", [2, 2, 1], usage)]),
];
