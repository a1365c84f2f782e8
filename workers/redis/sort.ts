// SORT and SORT_RO (sort.c): numeric or ALPHA order, BY patterns (with "nosort" constants and
// hash fields via "->"), LIMIT, GET patterns ("#" is the element itself), STORE into a list.
import { lookupRead, touched } from "./access.ts";
import { intArg, is } from "./args.ts";
import { cmd, type CommandSpec } from "./command.ts";
import type { Connection } from "./connection.ts";
import { errno } from "./errno.ts";
import { encodingOf } from "./keys.ts";
import { NOTIFY, notify } from "./notify.ts";
import { parseLL, strtodPrefix } from "./numbers.ts";
import { ErrorReply, SYNTAX, WRONGTYPE, type Reply } from "./reply.ts";
import { RSet } from "./set-store.ts";
import type { ZSet } from "./zset-store.ts";

/** byPattern's value and whether Redis holds it int-encoded (a string key SET to an integer). */
function byPatternEntry(c: Connection, pattern: string, subst: string): { value: string; int: boolean } | null {
  if (pattern === "#") return { value: subst, int: false };
  const value = byPattern(c, pattern, subst);
  if (value === null) return null;
  const star = pattern.indexOf("*");
  if (pattern.includes("->", star + 1)) return { value, int: parseLL(value) !== undefined };
  const e = c.db.map.get(pattern.slice(0, star) + subst + pattern.slice(star + 1));
  return { value, int: e !== undefined && encodingOf(e) === "int" };
}

/** lookupKeyByPattern: "#" is the element; the first '*' is replaced; "key->field" reads a hash field. */
function byPattern(c: Connection, pattern: string, subst: string): string | null {
  if (pattern === "#") return subst;
  const star = pattern.indexOf("*");
  if (star < 0) return null;
  const arrow = pattern.indexOf("->", star + 1);
  let field: string | null = null;
  let keyPattern = pattern;
  if (arrow >= 0 && arrow + 2 < pattern.length) {
    field = pattern.slice(arrow + 2);
    keyPattern = pattern.slice(0, arrow);
  }
  const key = keyPattern.slice(0, star) + subst + keyPattern.slice(star + 1);
  const e = lookupRead(c, key);
  if (e === undefined) return null;
  if (field !== null) return e.type === "hash" ? ((e.value as Map<string, string>).get(field) ?? null) : null;
  return e.type === "string" ? (e.value as string) : null;
}

interface Item {
  obj: string;
  score: number;
  cmp: string | null;
}

function sortGeneric(c: Connection, argv: string[], readonly: boolean): Reply {
  let desc = false,
    alpha = false,
    dontsort = false;
  let limitStart = 0,
    limitCount = -1;
  let storeKey: string | null = null;
  let sortBy: string | null = null;
  const gets: string[] = [];
  for (let j = 2; j < argv.length; j++) {
    const left = argv.length - j - 1;
    const o = argv[j];
    if (is(o, "asc")) desc = false;
    else if (is(o, "desc")) desc = true;
    else if (is(o, "alpha")) alpha = true;
    else if (is(o, "limit") && left >= 2) {
      limitStart = intArg(argv[j + 1]);
      limitCount = intArg(argv[j + 2]);
      j += 2;
    } else if (!readonly && is(o, "store") && left >= 1) storeKey = argv[++j];
    else if (is(o, "by") && left >= 1) {
      sortBy = argv[++j];
      if (!sortBy.includes("*")) dontsort = true;
    } else if (is(o, "get") && left >= 1) gets.push(argv[++j]);
    else return SYNTAX;
  }
  const e = lookupRead(c, argv[1]);
  if (e !== undefined && e.type !== "set" && e.type !== "list" && e.type !== "zset") return WRONGTYPE;
  const type = e?.type ?? "list";
  if (dontsort && type === "set" && storeKey !== null) {
    dontsort = false;
    alpha = true;
    sortBy = null;
  }
  let elements: string[];
  if (e === undefined) elements = [];
  else if (type === "list") elements = (e.value as string[]).slice();
  else if (type === "set") elements = (e.value as RSet).list().slice();
  else {
    // SORT converts a sorted set to a skiplist for good (sort.c).
    (e.value as ZSet).listpack = false;
    elements = (e.value as ZSet).order.slice();
  }
  const len = elements.length;
  let start = Math.min(Math.max(limitStart, 0), len);
  const count = Math.min(Math.max(limitCount, -1), len);
  let end = count < 0 ? len - 1 : start + count - 1;
  if (start >= len) {
    start = len - 1;
    end = len - 2;
  }
  if (end >= len) end = len - 1;
  if (dontsort && (type === "list" || type === "zset")) {
    // Native order (reversed for DESC), only the LIMIT range.
    if (desc) elements.reverse();
    elements = end >= start ? elements.slice(start, end + 1) : [];
    end -= start;
    start = 0;
  }
  const items: Item[] = elements.map((obj) => ({ obj, score: 0, cmp: null }));
  // Elements Redis holds as integers: list entries and intset members that string2ll reads.
  const intElements = type === "list" || (type === "set" && (e!.value as RSet).intset);
  let conversionError = false;
  if (!dontsort) {
    for (const it of items) {
      let by: string | null = it.obj;
      let isInt = intElements && parseLL(it.obj) !== undefined;
      if (sortBy !== null) {
        const found = byPatternEntry(c, sortBy, it.obj);
        if (found === null) continue;
        by = found.value;
        isInt = found.int;
      }
      if (alpha) {
        if (sortBy !== null) it.cmp = by;
      } else if (isInt) {
        it.score = Number(by);
      } else {
        // strtod reads a C string (a NUL byte ends it); errno is not cleared first (sort.c).
        const nul = by.indexOf("\0");
        if (nul >= 0) by = by.slice(0, nul);
        const { value, end: stop } = strtodPrefix(by);
        it.score = value;
        if ((by.length > 0 && stop !== by.length) || errno().erange || Number.isNaN(value)) conversionError = true;
      }
    }
    const byte = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    items.sort((x, y) => {
      let r: number;
      if (!alpha) r = x.score > y.score ? 1 : x.score < y.score ? -1 : byte(x.obj, y.obj);
      else if (sortBy !== null) {
        if (x.cmp === null || y.cmp === null) r = x.cmp === y.cmp ? 0 : x.cmp === null ? -1 : 1;
        else r = byte(x.cmp, y.cmp);
      } else r = byte(x.obj, y.obj);
      return desc ? -r : r;
    });
  }
  if (conversionError) return new ErrorReply("ERR One or more scores can't be converted into double");
  const out: Reply[] = [];
  for (let j = start; j <= end; j++) {
    if (gets.length === 0) out.push(items[j].obj);
    for (const g of gets) out.push(byPattern(c, g, items[j].obj));
  }
  if (storeKey === null) return out;
  const list = out.map((v) => (v === null ? "" : (v as string)));
  if (list.length > 0) {
    c.db.set(storeKey, "list", list);
    notify(c, NOTIFY.list, "sortstore", storeKey);
  } else if (c.db.delete(storeKey)) notify(c, NOTIFY.generic, "del", storeKey);
  touched(c, storeKey);
  return list.length;
}

export const sortCommands: CommandSpec[] = [
  cmd("sort", -2, "write", [1, 1, 1], (c, a) => sortGeneric(c, a, false)),
  cmd("sort_ro", -2, "readonly", [1, 1, 1], (c, a) => sortGeneric(c, a, true)),
];
