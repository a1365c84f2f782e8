// List commands (t_list.c), non-blocking. The blocking ones are in blocking.ts and share the
// pop and move helpers here.
import { lookupRead, lookupWrite, readList, touched, writeTyped } from "./access.ts";
import { intArg, is, positiveArg, rangeArg } from "./args.ts";
import { KEY1, cmd, type CommandSpec } from "./command.ts";
import type { Connection } from "./connection.ts";
import { NOTIFY, notify } from "./notify.ts";
import { ErrorReply, NIL_ARRAY, NO_SUCH_KEY, OK, OUT_OF_RANGE, SYNTAX, WRONGTYPE, fail, type Reply } from "./reply.ts";

export type Where = "left" | "right";

/** getListPositionFromObjectOrReply. */
export function whereArg(s: string): Where {
  if (is(s, "right")) return "right";
  if (is(s, "left")) return "left";
  fail(SYNTAX);
}

function push(c: Connection, argv: string[], where: Where, onlyIfExists: boolean): Reply {
  const key = argv[1];
  const e = writeTyped(c, key, "list");
  let list: string[];
  if (e === undefined) {
    if (onlyIfExists) return 0;
    list = [];
    c.db.add(key, "list", list);
  } else list = e.value as string[];
  if (where === "left") for (let i = 2; i < argv.length; i++) list.unshift(argv[i]);
  else for (let i = 2; i < argv.length; i++) list.push(argv[i]);
  touched(c, key);
  notify(c, NOTIFY.list, where === "left" ? "lpush" : "rpush", key);
  return list.length;
}

/** The keyspace event of a pop from this end. */
export function popEvent(where: Where): string {
  return where === "left" ? "lpop" : "rpop";
}

/** listElementsRemoved: notify the event (lpop, ltrim...), delete the key when the list emptied, signal the change. */
export function elementsRemoved(c: Connection, key: string, list: string[], event: string): void {
  notify(c, NOTIFY.list, event, key);
  if (list.length === 0) {
    c.db.delete(key);
    notify(c, NOTIFY.generic, "del", key);
  }
  touched(c, key);
}

/** Pop up to count elements from one end, in pop order. */
export function popRange(list: string[], where: Where, count: number): string[] {
  const n = Math.min(count, list.length);
  if (where === "left") return list.splice(0, n);
  return list.splice(list.length - n, n).reverse();
}

function pop(c: Connection, argv: string[], where: Where): Reply {
  const hasCount = argv.length === 3;
  if (argv.length > 3) return new ErrorReply(`ERR wrong number of arguments for '${argv[0].toLowerCase()}' command`);
  const count = hasCount ? positiveArg(argv[2]) : 0;
  const key = argv[1];
  const e = lookupWrite(c, key);
  if (e === undefined) return hasCount ? NIL_ARRAY : null;
  if (e.type !== "list") return WRONGTYPE;
  if (hasCount && count === 0) return [];
  const list = e.value as string[];
  let out: Reply;
  if (!hasCount) out = (where === "left" ? list.shift() : list.pop())!;
  else out = popRange(list, where, count);
  elementsRemoved(c, key, list, popEvent(where));
  return out;
}

function llen(c: Connection, argv: string[]): Reply {
  return readList(c, argv[1])?.length ?? 0;
}

function lindex(c: Connection, argv: string[]): Reply {
  const list = readList(c, argv[1]);
  if (list === undefined) return null;
  let i = intArg(argv[2]);
  if (i < 0) i += list.length;
  return i >= 0 && i < list.length ? list[i] : null;
}

function lset(c: Connection, argv: string[]): Reply {
  const e = lookupWrite(c, argv[1]);
  if (e === undefined) return NO_SUCH_KEY;
  if (e.type !== "list") return WRONGTYPE;
  const list = e.value as string[];
  let i = intArg(argv[2]);
  if (i < 0) i += list.length;
  if (i < 0 || i >= list.length) return OUT_OF_RANGE;
  list[i] = argv[3];
  touched(c, argv[1]);
  notify(c, NOTIFY.list, "lset", argv[1]);
  return OK;
}

/** addListRangeReply's index arithmetic: [start, end] inclusive, or null when empty. */
function clampRange(start: number, end: number, len: number): [number, number] | null {
  if (start < 0) start = len + start;
  if (end < 0) end = len + end;
  if (start < 0) start = 0;
  if (start > end || start >= len) return null;
  if (end >= len) end = len - 1;
  return [start, end];
}

function lrange(c: Connection, argv: string[]): Reply {
  const start = intArg(argv[2]);
  const end = intArg(argv[3]);
  const list = readList(c, argv[1]);
  if (list === undefined) return [];
  const r = clampRange(start, end, list.length);
  return r === null ? [] : list.slice(r[0], r[1] + 1);
}

function ltrim(c: Connection, argv: string[]): Reply {
  const start = intArg(argv[2]);
  const end = intArg(argv[3]);
  const e = lookupWrite(c, argv[1]);
  if (e === undefined) return OK;
  if (e.type !== "list") return WRONGTYPE;
  const list = e.value as string[];
  const r = clampRange(start, end, list.length);
  if (r === null) list.length = 0;
  else {
    list.splice(r[1] + 1);
    list.splice(0, r[0]);
  }
  elementsRemoved(c, argv[1], list, "ltrim");
  return OK;
}

function lrem(c: Connection, argv: string[]): Reply {
  const toRemove = intArg(argv[2]);
  const e = lookupWrite(c, argv[1]);
  if (e === undefined) return 0;
  if (e.type !== "list") return WRONGTYPE;
  const list = e.value as string[];
  const v = argv[3];
  let removed = 0;
  if (toRemove < 0) {
    for (let i = list.length - 1; i >= 0 && removed < -toRemove; i--) {
      if (list[i] === v) {
        list.splice(i, 1);
        removed++;
      }
    }
  } else {
    for (let i = 0; i < list.length && (toRemove === 0 || removed < toRemove); ) {
      if (list[i] === v) {
        list.splice(i, 1);
        removed++;
      } else i++;
    }
  }
  if (removed > 0) elementsRemoved(c, argv[1], list, "lrem");
  return removed;
}

function linsert(c: Connection, argv: string[]): Reply {
  let after: boolean;
  if (is(argv[2], "after")) after = true;
  else if (is(argv[2], "before")) after = false;
  else return SYNTAX;
  const e = lookupWrite(c, argv[1]);
  if (e === undefined) return 0;
  if (e.type !== "list") return WRONGTYPE;
  const list = e.value as string[];
  const i = list.indexOf(argv[3]);
  if (i < 0) return -1;
  list.splice(after ? i + 1 : i, 0, argv[4]);
  touched(c, argv[1]);
  notify(c, NOTIFY.list, "linsert", argv[1]);
  return list.length;
}

function lpos(c: Connection, argv: string[]): Reply {
  const ele = argv[2];
  let rank = 1;
  let count = -1;
  let maxlen = 0;
  for (let j = 3; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    if (is(argv[j], "rank") && more) {
      rank = intArg(argv[++j]);
      if (rank === 0)
        return new ErrorReply(
          "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list",
        );
    } else if (is(argv[j], "count") && more) count = positiveArg(argv[++j], "COUNT can't be negative");
    else if (is(argv[j], "maxlen") && more) maxlen = positiveArg(argv[++j], "MAXLEN can't be negative");
    else return SYNTAX;
  }
  let fromTail = false;
  // -LLONG_MIN overflows to itself in C: every match then satisfies `matches >= rank`.
  const minRank = rank === -(2 ** 63);
  if (rank < 0) {
    rank = -rank;
    fromTail = true;
  }
  const e = lookupRead(c, argv[1]);
  if (e === undefined) return count !== -1 ? [] : null;
  if (e.type !== "list") return WRONGTYPE;
  const list = e.value as string[];
  const n = list.length;
  const found: number[] = [];
  let matches = 0;
  for (let index = 0; index < n && (maxlen === 0 || index < maxlen); index++) {
    const pos = fromTail ? n - index - 1 : index;
    if (list[pos] !== ele) continue;
    matches++;
    if (minRank || matches >= rank) {
      found.push(pos);
      if (count === -1) break;
      if (count && !minRank && matches - rank + 1 >= count) break;
    }
  }
  if (count !== -1) return found;
  return found.length ? found[0] : null;
}

/** lmoveGenericCommand after the source was found non-empty: pop, push, reply with the element. */
export function moveElement(c: Connection, src: string, srcList: string[], dst: string, from: Where, to: Where): Reply {
  const d = lookupWrite(c, dst);
  if (d !== undefined && d.type !== "list") return WRONGTYPE;
  const value = (from === "left" ? srcList.shift() : srcList.pop())!;
  let dstList: string[];
  if (d === undefined) {
    dstList = [];
    c.db.add(dst, "list", dstList);
  } else dstList = d.value as string[];
  touched(c, dst);
  if (to === "left") dstList.unshift(value);
  else dstList.push(value);
  notify(c, NOTIFY.list, to === "left" ? "lpush" : "rpush", dst);
  notify(c, NOTIFY.list, popEvent(from), src);
  if (srcList.length === 0) {
    c.db.delete(src);
    notify(c, NOTIFY.generic, "del", src);
  }
  touched(c, src);
  return value;
}

function lmoveGeneric(c: Connection, argv: string[], from: Where, to: Where): Reply {
  const e = lookupWrite(c, argv[1]);
  if (e === undefined) return null;
  if (e.type !== "list") return WRONGTYPE;
  return moveElement(c, argv[1], e.value as string[], argv[2], from, to);
}

/** LMPOP / BLMPOP arguments from argv[numkeysIdx]: keys, side, count. */
export function mpopArgs(argv: string[], numkeysIdx: number, sideName: (s: string) => string): { keys: string[]; side: string; count: number } {
  const numkeys = rangeArg(argv[numkeysIdx], 1, Infinity, "numkeys should be greater than 0");
  const whereIdx = numkeysIdx + numkeys + 1;
  if (whereIdx >= argv.length) fail(SYNTAX);
  const side = sideName(argv[whereIdx]);
  let count = -1;
  for (let j = whereIdx + 1; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    if (count === -1 && is(argv[j], "count") && more) count = rangeArg(argv[++j], 1, Infinity, "count should be greater than 0");
    else fail(SYNTAX);
  }
  return { keys: argv.slice(numkeysIdx + 1, whereIdx), side, count: count === -1 ? 1 : count };
}

/** mpopGenericCommand for lists: the first non-empty list of keys, or undefined. */
export function lmpopFrom(c: Connection, keys: string[], where: Where, count: number): Reply | undefined {
  for (const key of keys) {
    const e = lookupWrite(c, key);
    if (e === undefined) continue;
    if (e.type !== "list") fail(WRONGTYPE);
    const list = e.value as string[];
    if (list.length === 0) continue;
    const out = popRange(list, where, count);
    elementsRemoved(c, key, list, popEvent(where));
    return [key, out];
  }
  return undefined;
}

function lmpop(c: Connection, argv: string[]): Reply {
  const { keys, side, count } = mpopArgs(argv, 1, whereArg);
  return lmpopFrom(c, keys, side as Where, count) ?? NIL_ARRAY;
}

export const listCommands: CommandSpec[] = [
  cmd("lpush", -3, "write", KEY1, (c, a) => push(c, a, "left", false)),
  cmd("rpush", -3, "write", KEY1, (c, a) => push(c, a, "right", false)),
  cmd("lpushx", -3, "write", KEY1, (c, a) => push(c, a, "left", true)),
  cmd("rpushx", -3, "write", KEY1, (c, a) => push(c, a, "right", true)),
  cmd("lpop", -2, "write", KEY1, (c, a) => pop(c, a, "left")),
  cmd("rpop", -2, "write", KEY1, (c, a) => pop(c, a, "right")),
  cmd("llen", 2, "readonly", KEY1, llen),
  cmd("lindex", 3, "readonly", KEY1, lindex),
  cmd("lset", 4, "write", KEY1, lset),
  cmd("lrange", 4, "readonly", KEY1, lrange),
  cmd("ltrim", 4, "write", KEY1, ltrim),
  cmd("lrem", 4, "write", KEY1, lrem),
  cmd("linsert", 5, "write", KEY1, linsert),
  cmd("lpos", -3, "readonly", KEY1, lpos),
  cmd("rpoplpush", 3, "write", [1, 2, 1], (c, a) => lmoveGeneric(c, a, "right", "left")),
  cmd("lmove", 5, "write", [1, 2, 1], (c, a) => {
    const from = whereArg(a[3]);
    const to = whereArg(a[4]);
    return lmoveGeneric(c, a, from, to);
  }),
  cmd("lmpop", -4, "write", [2, 2, 1], lmpop),
];
