// The node-redis (v5) commands a lesson uses, as camelCase methods: how each turns its arguments
// into a Redis command and, where node-redis does, how it reshapes the reply (HGETALL into an
// object, ZRANGE WITHSCORES into { value, score } pairs, SCAN into { cursor, keys }, ...).
type Arg = string | number;
export type Reply = string | number | null | Reply[];

export interface SetOptions {
  EX?: number;
  PX?: number;
  EXAT?: number;
  PXAT?: number;
  KEEPTTL?: boolean;
  NX?: boolean;
  XX?: boolean;
  GET?: boolean;
}

export interface ZMember {
  score: number;
  value: string;
}

const list = (x: Arg | Arg[]): string[] => (Array.isArray(x) ? x.map(String) : [String(x)]);

function setArgs(key: string, value: Arg, options: SetOptions = {}): string[] {
  const args = ["SET", key, String(value)];
  for (const flag of ["EX", "PX", "EXAT", "PXAT"] as const) if (options[flag] !== undefined) args.push(flag, String(options[flag]));
  for (const flag of ["KEEPTTL", "NX", "XX", "GET"] as const) if (options[flag]) args.push(flag);
  return args;
}

function pairsToObject(reply: Reply): Record<string, string> {
  const out: Record<string, string> = {};
  const items = reply as string[];
  for (let i = 0; i < items.length; i += 2) out[items[i]] = items[i + 1];
  return out;
}

function withScores(reply: Reply): ZMember[] {
  const items = reply as string[];
  const out: ZMember[] = [];
  for (let i = 0; i < items.length; i += 2) out.push({ value: items[i], score: Number(items[i + 1]) });
  return out;
}

type Send = (args: string[]) => Promise<Reply>;

/** The command methods, bound to a way of sending. */
export function commandMethods(send: Send) {
  const s = <T = Reply>(args: string[]) => send(args) as Promise<T>;
  return {
    ping: (message?: string) => s<string>(message === undefined ? ["PING"] : ["PING", message]),
    get: (key: string) => s<string | null>(["GET", key]),
    set: (key: string, value: Arg, options?: SetOptions) => s<string | null>(setArgs(key, value, options)),
    setNX: (key: string, value: Arg) => s<number>(["SETNX", key, String(value)]),
    setEx: (key: string, seconds: number, value: Arg) => s<string>(["SETEX", key, String(seconds), String(value)]),
    getDel: (key: string) => s<string | null>(["GETDEL", key]),
    mGet: (keys: string[]) => s<(string | null)[]>(["MGET", ...keys]),
    mSet: (entries: Record<string, Arg> | [string, Arg][]) =>
      s<string>(["MSET", ...(Array.isArray(entries) ? entries : Object.entries(entries)).flatMap(([k, v]) => [k, String(v)])]),
    incr: (key: string) => s<number>(["INCR", key]),
    incrBy: (key: string, by: number) => s<number>(["INCRBY", key, String(by)]),
    incrByFloat: (key: string, by: number) => s<string>(["INCRBYFLOAT", key, String(by)]),
    decr: (key: string) => s<number>(["DECR", key]),
    decrBy: (key: string, by: number) => s<number>(["DECRBY", key, String(by)]),
    append: (key: string, value: Arg) => s<number>(["APPEND", key, String(value)]),
    strLen: (key: string) => s<number>(["STRLEN", key]),
    del: (keys: string | string[]) => s<number>(["DEL", ...list(keys)]),
    unlink: (keys: string | string[]) => s<number>(["UNLINK", ...list(keys)]),
    exists: (keys: string | string[]) => s<number>(["EXISTS", ...list(keys)]),
    expire: (key: string, seconds: number, mode?: "NX" | "XX" | "GT" | "LT") => s<number>(["EXPIRE", key, String(seconds), ...(mode ? [mode] : [])]),
    pExpire: (key: string, ms: number, mode?: "NX" | "XX" | "GT" | "LT") => s<number>(["PEXPIRE", key, String(ms), ...(mode ? [mode] : [])]),
    ttl: (key: string) => s<number>(["TTL", key]),
    pTTL: (key: string) => s<number>(["PTTL", key]),
    persist: (key: string) => s<number>(["PERSIST", key]),
    type: (key: string) => s<string>(["TYPE", key]),
    keys: (pattern: string) => s<string[]>(["KEYS", pattern]),
    scan: async (cursor: Arg, options: { MATCH?: string; COUNT?: number; TYPE?: string } = {}) => {
      const args = ["SCAN", String(cursor)];
      if (options.MATCH !== undefined) args.push("MATCH", options.MATCH);
      if (options.COUNT !== undefined) args.push("COUNT", String(options.COUNT));
      if (options.TYPE !== undefined) args.push("TYPE", options.TYPE);
      const [next, keys] = (await send(args)) as [string, string[]];
      return { cursor: next, keys };
    },
    dbSize: () => s<number>(["DBSIZE"]),
    flushAll: () => s<string>(["FLUSHALL"]),
    flushDb: () => s<string>(["FLUSHDB"]),
    hSet: (key: string, fieldOrObject: string | Record<string, Arg>, value?: Arg) =>
      s<number>(["HSET", key, ...(typeof fieldOrObject === "string" ? [fieldOrObject, String(value)] : Object.entries(fieldOrObject).flatMap(([f, v]) => [f, String(v)]))]),
    hGet: (key: string, field: string) => s<string | null>(["HGET", key, field]),
    hGetAll: async (key: string) => pairsToObject(await send(["HGETALL", key])),
    hDel: (key: string, fields: string | string[]) => s<number>(["HDEL", key, ...list(fields)]),
    hExists: (key: string, field: string) => s<number>(["HEXISTS", key, field]),
    hIncrBy: (key: string, field: string, by: number) => s<number>(["HINCRBY", key, field, String(by)]),
    hKeys: (key: string) => s<string[]>(["HKEYS", key]),
    hVals: (key: string) => s<string[]>(["HVALS", key]),
    hLen: (key: string) => s<number>(["HLEN", key]),
    lPush: (key: string, elements: Arg | Arg[]) => s<number>(["LPUSH", key, ...list(elements)]),
    rPush: (key: string, elements: Arg | Arg[]) => s<number>(["RPUSH", key, ...list(elements)]),
    lPop: (key: string) => s<string | null>(["LPOP", key]),
    rPop: (key: string) => s<string | null>(["RPOP", key]),
    lRange: (key: string, start: number, stop: number) => s<string[]>(["LRANGE", key, String(start), String(stop)]),
    lLen: (key: string) => s<number>(["LLEN", key]),
    lTrim: (key: string, start: number, stop: number) => s<string>(["LTRIM", key, String(start), String(stop)]),
    blPop: async (keys: string | string[], timeout: number) => {
      const reply = (await send(["BLPOP", ...list(keys), String(timeout)])) as [string, string] | null;
      return reply && { key: reply[0], element: reply[1] };
    },
    brPop: async (keys: string | string[], timeout: number) => {
      const reply = (await send(["BRPOP", ...list(keys), String(timeout)])) as [string, string] | null;
      return reply && { key: reply[0], element: reply[1] };
    },
    sAdd: (key: string, members: Arg | Arg[]) => s<number>(["SADD", key, ...list(members)]),
    sRem: (key: string, members: Arg | Arg[]) => s<number>(["SREM", key, ...list(members)]),
    sMembers: (key: string) => s<string[]>(["SMEMBERS", key]),
    sIsMember: (key: string, member: Arg) => s<number>(["SISMEMBER", key, String(member)]),
    sCard: (key: string) => s<number>(["SCARD", key]),
    sInter: (keys: string[]) => s<string[]>(["SINTER", ...keys]),
    zAdd: (key: string, members: ZMember | ZMember[], options: { NX?: boolean; XX?: boolean; GT?: boolean; LT?: boolean; CH?: boolean } = {}) =>
      s<number>([
        "ZADD",
        key,
        ...(["NX", "XX", "GT", "LT", "CH"] as const).filter((f) => options[f]),
        ...(Array.isArray(members) ? members : [members]).flatMap((m) => [String(m.score), m.value]),
      ]),
    zIncrBy: (key: string, by: number, member: string) => s<string>(["ZINCRBY", key, String(by), member]),
    zScore: (key: string, member: string) => s<string | null>(["ZSCORE", key, member]),
    zRank: (key: string, member: string) => s<number | null>(["ZRANK", key, member]),
    zCard: (key: string) => s<number>(["ZCARD", key]),
    zRem: (key: string, members: string | string[]) => s<number>(["ZREM", key, ...list(members)]),
    zRange: (key: string, min: Arg, max: Arg, options: { REV?: boolean; BY?: "SCORE" | "LEX"; LIMIT?: { offset: number; count: number } } = {}) =>
      s<string[]>(zRangeArgs(key, min, max, options)),
    zRangeWithScores: async (key: string, min: Arg, max: Arg, options: { REV?: boolean; BY?: "SCORE" | "LEX"; LIMIT?: { offset: number; count: number } } = {}) =>
      withScores(await send([...zRangeArgs(key, min, max, options), "WITHSCORES"])),
    publish: (channel: string, message: Arg) => s<number>(["PUBLISH", channel, String(message)]),
  };
}

function zRangeArgs(key: string, min: Arg, max: Arg, options: { REV?: boolean; BY?: "SCORE" | "LEX"; LIMIT?: { offset: number; count: number } }): string[] {
  const args = ["ZRANGE", key, String(min), String(max)];
  if (options.BY) args.push(`BY${options.BY}`);
  if (options.REV) args.push("REV");
  if (options.LIMIT) args.push("LIMIT", String(options.LIMIT.offset), String(options.LIMIT.count));
  return args;
}

export type CommandMethods = ReturnType<typeof commandMethods>;
