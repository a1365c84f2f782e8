// Blocking pops (t_list.c, t_zset.c, blocked.c): BLPOP, BRPOP, BRPOPLPUSH, BLMOVE, BLMPOP,
// BZPOPMIN, BZPOPMAX, BZMPOP. When a key can serve at once they answer like their non-blocking
// forms; inside MULTI they never block; otherwise the connection parks (blockForKeys, blocked.ts) until a
// push serves it (oldest blocked client first) or the clock passes its timeout.
import { lookupWrite } from "./access.ts";
import { longDoubleArg } from "./args.ts";
import { blockForKeys } from "./blocked.ts";
import { cmd, type CommandSpec } from "./command.ts";
import type { Connection } from "./connection.ts";
import { ceilMillis } from "./longdouble.ts";
import { ErrorReply, NIL_ARRAY, WRONGTYPE, fail, type Outcome, type Reply } from "./reply.ts";
import { elementsRemoved, lmpopFrom, moveElement, mpopArgs, popEvent, popRange, whereArg, type Where } from "./lists.ts";
import { minMaxArg, popMembers, zmpopFrom } from "./zsets.ts";
import type { ZSet } from "./zset-store.ts";

/**
 * getTimeoutFromObjectOrReply (seconds, as a long double): the absolute deadline, or 0 for none.
 * 7.0 adds the clock without a range check; a sum past 2^63 wraps, and the timeout table keys it
 * unsigned, so such a client waits for good, as it does here with a deadline no clock reaches.
 */
function timeoutArg(c: Connection, s: string): number {
  const ms = ceilMillis(longDoubleArg(s, "timeout is not a float or out of range"));
  if (ms < 0n) fail(new ErrorReply("ERR timeout is negative"));
  return ms > 0n ? Number(ms) + c.server.time() : 0;
}

/** A non-empty list under key; a key of another type is WRONGTYPE, or (when serving) just not ready. */
function listOf(c: Connection, key: string, serving = false): string[] | undefined {
  const e = lookupWrite(c, key);
  if (e === undefined) return undefined;
  if (e.type !== "list") {
    if (serving) return undefined;
    fail(WRONGTYPE);
  }
  const l = e.value as string[];
  return l.length ? l : undefined;
}

function zsetOf(c: Connection, key: string, serving = false): ZSet | undefined {
  const e = lookupWrite(c, key);
  if (e === undefined) return undefined;
  if (e.type !== "zset") {
    if (serving) return undefined;
    fail(WRONGTYPE);
  }
  const z = e.value as ZSet;
  return z.size ? z : undefined;
}

/** Serve wrapper: the key may have changed type or emptied by the time it is served. */
function attempt(fn: () => Reply | undefined): Reply | undefined {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ErrorReply) return e;
    throw e;
  }
}

function bpop(c: Connection, argv: string[], where: Where): Outcome {
  const timeout = timeoutArg(c, argv[argv.length - 1]);
  const keys = argv.slice(1, -1);
  const popFrom = (key: string, serving = false): Reply | undefined => {
    const list = listOf(c, key, serving);
    if (list === undefined) return undefined;
    const v = (where === "left" ? list.shift() : list.pop())!;
    elementsRemoved(c, key, list, popEvent(where));
    return [key, v];
  };
  for (const key of keys) {
    const r = popFrom(key);
    if (r !== undefined) return r;
  }
  if (c.inExec) return NIL_ARRAY;
  return blockForKeys(c, keys, timeout, (key) => attempt(() => popFrom(key, true)));
}

function blmoveGeneric(c: Connection, argv: string[], from: Where, to: Where, timeout: number): Outcome {
  const src = argv[1];
  const dst = argv[2];
  const list = listOf(c, src);
  if (list !== undefined) return moveElement(c, src, list, dst, from, to);
  if (c.inExec) return null;
  return blockForKeys(c, [src], timeout, (key) =>
    attempt(() => {
      const l = listOf(c, key, true);
      return l === undefined ? undefined : moveElement(c, key, l, dst, from, to);
    }),
  );
}

function blmpop(c: Connection, argv: string[]): Outcome {
  const { keys, side, count } = mpopArgs(argv, 2, whereArg);
  const timeout = timeoutArg(c, argv[1]);
  const r = lmpopFrom(c, keys, side as Where, count);
  if (r !== undefined) return r;
  if (c.inExec) return NIL_ARRAY;
  return blockForKeys(c, keys, timeout, (key) =>
    attempt(() => {
      const l = listOf(c, key, true);
      if (l === undefined) return undefined;
      const out = popRange(l, side as Where, count);
      elementsRemoved(c, key, l, popEvent(side as Where));
      return [key, out];
    }),
  );
}

function bzpop(c: Connection, argv: string[], max: boolean): Outcome {
  const timeout = timeoutArg(c, argv[argv.length - 1]);
  const keys = argv.slice(1, -1);
  const popFrom = (key: string, serving = false): Reply | undefined => {
    const z = zsetOf(c, key, serving);
    if (z === undefined) return undefined;
    const [[m, s]] = popMembers(c, key, z, max, 1);
    return [key, m, s];
  };
  for (const key of keys) {
    const r = popFrom(key);
    if (r !== undefined) return r;
  }
  if (c.inExec) return NIL_ARRAY;
  return blockForKeys(c, keys, timeout, (key) => attempt(() => popFrom(key, true)));
}

function bzmpop(c: Connection, argv: string[]): Outcome {
  const { keys, side, count } = mpopArgs(argv, 2, minMaxArg);
  const timeout = timeoutArg(c, argv[1]);
  const max = side === "max";
  const r = zmpopFrom(c, keys, max, count);
  if (r !== undefined) return r;
  if (c.inExec) return NIL_ARRAY;
  return blockForKeys(c, keys, timeout, (key) =>
    attempt(() => {
      const z = zsetOf(c, key, true);
      return z === undefined ? undefined : [key, popMembers(c, key, z, max, count)];
    }),
  );
}

export const blockingCommands: CommandSpec[] = [
  cmd("blpop", -3, "write blocking", [1, -2, 1], (c, a) => bpop(c, a, "left")),
  cmd("brpop", -3, "write blocking", [1, -2, 1], (c, a) => bpop(c, a, "right")),
  cmd("brpoplpush", 4, "write blocking", [1, 2, 1], (c, a) => blmoveGeneric(c, a, "right", "left", timeoutArg(c, a[3]))),
  cmd("blmove", 6, "write blocking", [1, 2, 1], (c, a) => {
    const from = whereArg(a[3]);
    const to = whereArg(a[4]);
    return blmoveGeneric(c, a, from, to, timeoutArg(c, a[5]));
  }),
  cmd("blmpop", -5, "write blocking", [3, 3, 1], blmpop),
  cmd("bzpopmin", -3, "write blocking", [1, -2, 1], (c, a) => bzpop(c, a, false)),
  cmd("bzpopmax", -3, "write blocking", [1, -2, 1], (c, a) => bzpop(c, a, true)),
  cmd("bzmpop", -5, "write blocking", [3, 3, 1], bzmpop),
];
