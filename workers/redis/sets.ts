// Set commands (t_set.c).
import { lookupRead, lookupWrite, readSet, touched, writeTyped } from "./access.ts";
import { countArg, is, positiveArg, rangeArg } from "./args.ts";
import { KEY1, cmd, type CommandSpec } from "./command.ts";
import type { Connection } from "./connection.ts";
import { globMatch } from "./glob.ts";
import { scanCursor, scanOptions } from "./keys.ts";
import { NOTIFY, notify } from "./notify.ts";
import { ErrorReply, SYNTAX, WRONGTYPE, fail, type Reply } from "./reply.ts";
import { RSet, setFrom } from "./set-store.ts";

function sadd(c: Connection, argv: string[]): Reply {
  const e = writeTyped(c, argv[1], "set");
  let s: RSet;
  if (e === undefined) {
    s = new RSet();
    c.db.add(argv[1], "set", s);
  } else s = e.value as RSet;
  let n = 0;
  for (let i = 2; i < argv.length; i++) if (s.add(argv[i])) n++;
  if (n) {
    touched(c, argv[1]);
    notify(c, NOTIFY.set, "sadd", argv[1]);
  }
  return n;
}

function srem(c: Connection, argv: string[]): Reply {
  const e = writeTyped(c, argv[1], "set");
  if (e === undefined) return 0;
  const s = e.value as RSet;
  let n = 0;
  for (let i = 2; i < argv.length; i++) {
    if (s.delete(argv[i])) n++;
    if (s.size === 0) {
      c.db.delete(argv[1]);
      break;
    }
  }
  if (n) {
    touched(c, argv[1]);
    notify(c, NOTIFY.set, "srem", argv[1]);
    if (s.size === 0) notify(c, NOTIFY.generic, "del", argv[1]);
  }
  return n;
}

function smove(c: Connection, argv: string[]): Reply {
  const [, src, dst, ele] = argv;
  const se = lookupWrite(c, src);
  const de = lookupWrite(c, dst);
  if (se === undefined) return 0;
  if (se.type !== "set" || (de !== undefined && de.type !== "set")) return WRONGTYPE;
  const s = se.value as RSet;
  if (se === de) return s.has(ele) ? 1 : 0;
  if (!s.delete(ele)) return 0;
  notify(c, NOTIFY.set, "srem", src);
  if (s.size === 0) {
    c.db.delete(src);
    notify(c, NOTIFY.generic, "del", src);
  }
  let d: RSet;
  if (de === undefined) {
    d = new RSet();
    c.db.add(dst, "set", d);
  } else d = de.value as RSet;
  touched(c, src);
  if (d.add(ele)) {
    touched(c, dst);
    notify(c, NOTIFY.set, "sadd", dst);
  }
  return 1;
}

/** The sets under keys (undefined for missing ones), WRONGTYPE on the first non-set. */
function setsOf(c: Connection, keys: string[]): (RSet | undefined)[] {
  return keys.map((k) => {
    const e = lookupRead(c, k);
    if (e !== undefined && e.type !== "set") fail(WRONGTYPE);
    return e?.value as RSet | undefined;
  });
}

/** Store a SUNIONSTORE / SDIFFSTORE / SINTERSTORE result: an empty one deletes the destination. */
function store(c: Connection, dst: string, result: RSet, event: string): Reply {
  if (result.size > 0) {
    c.db.set(dst, "set", result);
    notify(c, NOTIFY.set, event, dst);
  } else if (c.db.delete(dst)) notify(c, NOTIFY.generic, "del", dst);
  touched(c, dst);
  return result.size;
}

/** sinterGenericCommand. */
function sinter(c: Connection, keys: string[], dst: string | undefined, cardOnly: boolean, limit: number): Reply {
  const sets = setsOf(c, keys);
  if (sets.some((s) => s === undefined)) {
    if (dst !== undefined) {
      if (c.db.delete(dst)) {
        touched(c, dst);
        notify(c, NOTIFY.generic, "del", dst);
      }
      return 0;
    }
    return cardOnly ? 0 : [];
  }
  const sorted = (sets as RSet[]).slice().sort((a, b) => a.size - b.size);
  const out: string[] = [];
  for (const m of sorted[0].list()) {
    let all = true;
    for (let k = 1; k < sorted.length; k++) {
      if (!sorted[k].has(m)) {
        all = false;
        break;
      }
    }
    if (!all) continue;
    out.push(m);
    if (cardOnly && limit && out.length >= limit) break;
  }
  if (cardOnly) return out.length;
  if (dst !== undefined) {
    const result = setFrom(out);
    if (result.size > 0) {
      c.db.set(dst, "set", result);
      touched(c, dst);
      notify(c, NOTIFY.set, "sinterstore", dst);
    } else if (c.db.delete(dst)) {
      touched(c, dst);
      notify(c, NOTIFY.generic, "del", dst);
    }
    return result.size;
  }
  return out;
}

/** sunionDiffGenericCommand: the result is built as a new set (an intset while it can be). */
function sunionDiff(c: Connection, keys: string[], dst: string | undefined, diff: boolean): Reply {
  const sets = setsOf(c, keys);
  let result: RSet;
  if (!diff) {
    result = new RSet();
    for (const s of sets) if (s) for (const m of s.list()) result.add(m);
  } else {
    result = new RSet();
    const first = sets[0];
    if (first) {
      for (const m of first.list()) {
        let found = false;
        for (let k = 1; k < sets.length; k++) {
          if (sets[k]?.has(m)) {
            found = true;
            break;
          }
        }
        if (!found) result.add(m);
      }
    }
  }
  if (dst !== undefined) return store(c, dst, result, diff ? "sdiffstore" : "sunionstore");
  return result.list().slice();
}

function spop(c: Connection, argv: string[]): Reply {
  if (argv.length > 3) return SYNTAX;
  const key = argv[1];
  if (argv.length === 3) {
    const count = positiveArg(argv[2]);
    const e = lookupWrite(c, key);
    if (e === undefined) return [];
    if (e.type !== "set") return WRONGTYPE;
    if (count === 0) return [];
    const s = e.value as RSet;
    notify(c, NOTIFY.set, "spop", key);
    let out: string[];
    if (count >= s.size) {
      out = s.list().slice();
      c.db.delete(key);
      notify(c, NOTIFY.generic, "del", key);
    } else {
      out = [];
      for (let i = 0; i < count; i++) {
        const all = s.list();
        const m = all[c.server.prng.below(all.length)];
        s.delete(m);
        out.push(m);
      }
    }
    touched(c, key);
    return out;
  }
  const e = lookupWrite(c, key);
  if (e === undefined) return null;
  if (e.type !== "set") return WRONGTYPE;
  const s = e.value as RSet;
  const all = s.list();
  const m = all[c.server.prng.below(all.length)];
  s.delete(m);
  notify(c, NOTIFY.set, "spop", key);
  if (s.size === 0) {
    c.db.delete(key);
    notify(c, NOTIFY.generic, "del", key);
  }
  touched(c, key);
  return m;
}

function srandmember(c: Connection, argv: string[]): Reply {
  if (argv.length > 3) return SYNTAX;
  const prng = c.server.prng;
  if (argv.length === 3) {
    const l = countArg(argv[2]);
    const s = readSet(c, argv[1]);
    if (s === undefined || l === 0) return [];
    const all = s.list();
    if (l < 0) {
      const out: string[] = [];
      for (let i = 0; i < -l; i++) out.push(all[prng.below(all.length)]);
      return out;
    }
    if (l >= all.length) return all.slice();
    const pool = all.slice();
    for (let i = 0; i < l; i++) {
      const j = i + prng.below(pool.length - i);
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    return pool.slice(0, l);
  }
  const s = readSet(c, argv[1]);
  if (s === undefined) return null;
  const all = s.list();
  return all[prng.below(all.length)];
}

function sintercard(c: Connection, argv: string[]): Reply {
  const numkeys = rangeArg(argv[1], 1, Infinity, "numkeys should be greater than 0");
  if (numkeys > argv.length - 2) return new ErrorReply("ERR Number of keys can't be greater than number of args");
  let limit = 0;
  for (let j = 2 + numkeys; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    if (is(argv[j], "limit") && more) limit = positiveArg(argv[++j], "LIMIT can't be negative");
    else return SYNTAX;
  }
  return sinter(c, argv.slice(2, 2 + numkeys), undefined, true, limit);
}

function sscan(c: Connection, argv: string[]): Reply {
  scanCursor(argv[2]);
  const o = scanOptions(argv, 3, false);
  const s = readSet(c, argv[1]);
  const out: Reply[] = [];
  if (s !== undefined) for (const m of s.list()) if (o.pattern === null || globMatch(o.pattern, m)) out.push(m);
  return ["0", out];
}

export const setCommands: CommandSpec[] = [
  cmd("sadd", -3, "write", KEY1, sadd),
  cmd("srem", -3, "write", KEY1, srem),
  cmd("smove", 4, "write", [1, 2, 1], smove),
  cmd("sismember", 3, "readonly", KEY1, (c, a) => (readSet(c, a[1])?.has(a[2]) ? 1 : 0)),
  cmd("smismember", -3, "readonly", KEY1, (c, a) => {
    const s = readSet(c, a[1]);
    return a.slice(2).map((m) => (s?.has(m) ? 1 : 0));
  }),
  cmd("scard", 2, "readonly", KEY1, (c, a) => readSet(c, a[1])?.size ?? 0),
  cmd("smembers", 2, "readonly", KEY1, (c, a) => readSet(c, a[1])?.list().slice() ?? []),
  cmd("spop", -2, "write", KEY1, spop),
  cmd("srandmember", -2, "readonly", KEY1, srandmember),
  cmd("sinter", -2, "readonly", [1, -1, 1], (c, a) => sinter(c, a.slice(1), undefined, false, 0)),
  cmd("sinterstore", -3, "write", [1, -1, 1], (c, a) => sinter(c, a.slice(2), a[1], false, 0)),
  cmd("sintercard", -3, "readonly", [2, 2, 1], sintercard),
  cmd("sunion", -2, "readonly", [1, -1, 1], (c, a) => sunionDiff(c, a.slice(1), undefined, false)),
  cmd("sunionstore", -3, "write", [1, -1, 1], (c, a) => sunionDiff(c, a.slice(2), a[1], false)),
  cmd("sdiff", -2, "readonly", [1, -1, 1], (c, a) => sunionDiff(c, a.slice(1), undefined, true)),
  cmd("sdiffstore", -3, "write", [1, -1, 1], (c, a) => sunionDiff(c, a.slice(2), a[1], true)),
  cmd("sscan", -3, "readonly", KEY1, sscan),
];

