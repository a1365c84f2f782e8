// Behaviour the recordings cannot show: time passing on the engine's clock (expiry, blocking
// timeouts), several connections (blocking pops served by pushes, WATCH), pushes, the typed
// replies under sendCommand, and the trace.
import { describe, expect, it } from "vitest";
import { createRedis, ErrorReply, NIL_ARRAY, Pending, SimpleString, type RedisTrace } from "./index.ts";
import { Frames } from "./reply.ts";
import { formatDouble } from "./numbers.ts";
import { addLD, formatLongDoubleHuman, parseLongDouble } from "./longdouble.ts";

function clock(start = 1_700_000_000_000) {
  const c = { t: start, now: () => c.t };
  return c;
}

describe("expiry on the engine's clock", () => {
  it("removes a key lazily when touched after its time, and DBSIZE counts it until then", async () => {
    const time = clock();
    const server = createRedis({ now: time.now });
    const a = server.connect();
    const b = server.connect();
    expect(await a.sendCommand(["SET", "k", "v", "PX", "1000"])).toBe("OK");
    time.t += 1000;
    expect(await a.sendCommand(["PTTL", "k"])).toBe(0);
    expect(await a.sendCommand(["GET", "k"])).toBe("v"); // expires only when now > expireAt
    time.t += 1;
    // No command ran since the clock moved: the key is still in the table.
    expect(server.dbs[0].size).toBe(1);
    expect(await b.sendCommand(["GET", "k"])).toBe(null);
    expect(await b.sendCommand(["DBSIZE"])).toBe(0);
  });

  it("tick() runs the active cycle, which reclaims keys nobody reads", () => {
    const time = clock();
    const events: RedisTrace[] = [];
    const server = createRedis({ now: time.now, trace: (e) => events.push(e) });
    const c = server.connect();
    for (let i = 0; i < 50; i++) c.execute(["SET", `k${i}`, "v", "EX", "10"]);
    c.execute(["SET", "forever", "v"]);
    expect(c.execute(["DBSIZE"])).toBe(51);
    time.t += 10_001;
    server.tick();
    expect(c.execute(["DBSIZE"])).toBe(1);
    const expired = events.filter((e) => e.kind === "expired");
    expect(expired).toHaveLength(50);
    expect(expired.every((e) => e.kind === "expired" && e.how === "active" && e.t === time.t)).toBe(true);
  });

  it("EXPIRETIME rounds an expiry inside a second to the nearest second, as TTL does (expire.c ttlGenericCommand)", () => {
    const c = createRedis({ now: clock().now }).connect();
    const second = 1_800_000_000;
    // What redis-server 7.0.15 answers after SET k v PXAT <second * 1000 + ms>.
    const nearest: [number, number][] = [[0, second], [1, second], [499, second], [500, second + 1], [501, second + 1], [999, second + 1]];
    for (const [ms, answer] of nearest) {
      c.execute(["SET", "k", "v", "PXAT", String(second * 1000 + ms)]);
      expect(c.execute(["EXPIRETIME", "k"]), `PXAT …${ms}`).toBe(answer);
      expect(c.execute(["PEXPIRETIME", "k"])).toBe(second * 1000 + ms);
    }
  });

  it("TTL rounds to the nearest second and keeps the expiry through INCR, drops it on SET", () => {
    const time = clock();
    const c = createRedis({ now: time.now }).connect();
    c.execute(["SET", "n", "1", "EX", "100"]);
    time.t += 1499;
    expect(c.execute(["TTL", "n"])).toBe(99);
    c.execute(["INCR", "n"]);
    expect(c.execute(["PTTL", "n"])).toBe(98_501);
    c.execute(["SET", "n", "5"]);
    expect(c.execute(["TTL", "n"])).toBe(-1);
  });
});

describe("a fractional clock", () => {
  it("is read in whole milliseconds, as Redis's mstime", () => {
    const time = { t: 1_700_000_000_000.75 };
    const c = createRedis({ now: () => time.t }).connect();
    expect(c.execute(["SET", "k", "v", "PX", "1000"])).toBeInstanceOf(SimpleString);
    expect(c.execute(["PTTL", "k"])).toBe(1000);
    time.t += 0.5;
    expect(c.execute(["PTTL", "k"])).toBe(999);
    expect(c.execute(["PEXPIRETIME", "k"])).toBe(1_700_000_001_000);
  });
});

describe("blocking pops", () => {
  it("a push from another connection serves the oldest blocked client first", async () => {
    const server = createRedis({ now: clock().now });
    const [a, b, c] = [server.connect(), server.connect(), server.connect()];
    const first = a.sendCommand(["BLPOP", "q", "other", "0"]);
    const second = b.sendCommand(["BRPOP", "q", "0"]);
    expect(await c.sendCommand(["RPUSH", "q", "x", "y", "z"])).toBe(3);
    expect(await first).toEqual(["q", "x"]);
    expect(await second).toEqual(["q", "z"]);
    expect(await c.sendCommand(["LRANGE", "q", "0", "-1"])).toEqual(["y"]);
  });

  it("times out on the engine's clock (strictly after the deadline) with a nil array", () => {
    const time = clock();
    const server = createRedis({ now: time.now });
    const a = server.connect();
    const out = a.execute(["BLPOP", "q", "1.5"]);
    expect(out).toBeInstanceOf(Pending);
    let settled: unknown = "pending";
    void (out as Pending).promise.then((r) => (settled = r));
    time.t += 1500;
    server.tick();
    expect(a.block).not.toBeNull();
    time.t += 1;
    server.tick();
    expect(a.block).toBeNull();
    return Promise.resolve().then(() => expect(settled).toBe(NIL_ARRAY));
  });

  // What redis-server 7.0.15 did with each timeout (redis-cli, 2026-12-07): the seconds are
  // multiplied by 1000 as long doubles and rounded UP, so a sliver of a millisecond waits 1 ms,
  // "-0.001" (a hair above -1 ms as a long double) means no timeout, and 1e20 or inf overflow the
  // conversion into a negative number.
  it.each([
    ["0.0001", 1],
    ["1e-400", 1],
    ["0.0009", 1],
    ["1.0005", 1001],
    ["-0.001", 0],
    ["-1e-400", 0],
  ])("a timeout of %s seconds waits %s ms (0: for good)", (arg, ms) => {
    const time = clock();
    const server = createRedis({ now: time.now });
    const a = server.connect();
    expect(a.execute(["BLPOP", "q", arg])).toBeInstanceOf(Pending);
    const deadline = a.block!.deadline;
    expect(deadline === 0 ? 0 : deadline - time.t).toBe(ms);
  });

  it("a timeout near 2^63 ms waits for good (7.0 adds the clock without a range check)", () => {
    const time = clock();
    const a = createRedis({ now: time.now }).connect();
    expect(a.execute(["BLPOP", "q", "9223372036854775"])).toBeInstanceOf(Pending);
    expect(a.block!.deadline).toBeGreaterThan(9.2e18);
  });

  it.each(["1e20", "inf", "-1", "-0.0011"])("a timeout of %s seconds is negative", (arg) => {
    const a = createRedis({ now: clock().now }).connect();
    expect(a.execute(["BLPOP", "q", arg])).toEqual(new ErrorReply("ERR timeout is negative"));
  });

  it("BLMOVE parks until the source gets an element, then moves it", async () => {
    const server = createRedis({ now: clock().now });
    const [a, b] = [server.connect(), server.connect()];
    const moved = a.sendCommand(["BLMOVE", "src", "dst", "LEFT", "RIGHT", "0"]);
    await b.sendCommand(["LPUSH", "src", "job"]);
    expect(await moved).toBe("job");
    expect(await b.sendCommand(["LRANGE", "dst", "0", "-1"])).toEqual(["job"]);
    expect(await b.sendCommand(["EXISTS", "src"])).toBe(0);
  });

  it("never blocks inside MULTI, and commands sent while blocked wait their turn", async () => {
    const server = createRedis({ now: clock().now });
    const [a, b] = [server.connect(), server.connect()];
    await a.sendCommand(["MULTI"]);
    await a.sendCommand(["BLPOP", "q", "0"]);
    expect(await a.sendCommand(["EXEC"])).toEqual([null]);
    const popped = a.sendCommand(["BLPOP", "q", "0"]);
    const after = a.sendCommand(["LLEN", "q"]);
    await b.sendCommand(["RPUSH", "q", "1", "2"]);
    expect(await popped).toEqual(["q", "1"]);
    expect(await after).toBe(1);
  });

  it("CLIENT UNBLOCK releases a blocked client with a nil or an UNBLOCKED error", async () => {
    const server = createRedis({ now: clock().now });
    const [a, b] = [server.connect(), server.connect()];
    const first = a.sendCommand(["BLPOP", "q", "0"]);
    expect(await b.sendCommand(["CLIENT", "UNBLOCK", String(a.id)])).toBe(1);
    expect(await first).toBe(null);
    const second = a.sendCommand(["BRPOP", "q", "0"]);
    expect(await b.sendCommand(["CLIENT", "UNBLOCK", String(a.id), "ERROR"])).toBe(1);
    await expect(second).rejects.toThrow("UNBLOCKED client unblocked via CLIENT UNBLOCK");
    expect(await b.sendCommand(["CLIENT", "UNBLOCK", String(a.id)])).toBe(0);
  });

  it("BZPOPMIN is served by ZADD", async () => {
    const server = createRedis({ now: clock().now });
    const [a, b] = [server.connect(), server.connect()];
    const p = a.sendCommand(["BZPOPMIN", "z", "0"]);
    await b.sendCommand(["ZADD", "z", "2", "b", "1", "a"]);
    expect(await p).toEqual(["z", "a", "1"]);
  });
});

describe("transactions across connections", () => {
  it("EXEC answers nil when a watched key changed, and runs when it did not", async () => {
    const server = createRedis({ now: clock().now });
    const [a, b] = [server.connect(), server.connect()];
    await a.sendCommand(["WATCH", "k"]);
    await b.sendCommand(["SET", "k", "1"]);
    await a.sendCommand(["MULTI"]);
    await a.sendCommand(["INCR", "k"]);
    expect(await a.sendCommand(["EXEC"])).toBe(null);
    await a.sendCommand(["WATCH", "k"]);
    await a.sendCommand(["MULTI"]);
    await a.sendCommand(["INCR", "k"]);
    expect(await a.sendCommand(["EXEC"])).toEqual([2]);
  });

  it("a watched key that expires fails the transaction", async () => {
    const time = clock();
    const c = createRedis({ now: time.now }).connect();
    await c.sendCommand(["SET", "k", "v", "PX", "100"]);
    await c.sendCommand(["WATCH", "k"]);
    time.t += 200;
    await c.sendCommand(["MULTI"]);
    await c.sendCommand(["PING"]);
    expect(await c.sendCommand(["EXEC"])).toBe(null);
  });
});

describe("pub/sub through sendCommand", () => {
  it("delivers messages and pattern messages to onPush listeners", async () => {
    const server = createRedis({ now: clock().now });
    const [sub, pub] = [server.connect(), server.connect()];
    const frames: unknown[] = [];
    sub.onPush((f) => frames.push(f));
    expect(await sub.sendCommand(["SUBSCRIBE", "news"])).toEqual([["subscribe", "news", 1]]);
    expect(await sub.sendCommand(["PSUBSCRIBE", "n*"])).toEqual([["psubscribe", "n*", 2]]);
    expect(await pub.sendCommand(["PUBLISH", "news", "héllo"])).toBe(2);
    expect(frames).toEqual([
      ["message", "news", "héllo"],
      ["pmessage", "n*", "news", "héllo"],
    ]);
    await expect(sub.sendCommand(["GET", "k"])).rejects.toThrow(
      "ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context",
    );
  });
});

describe("typed replies and the node-redis view", () => {
  it("tells simple strings, bulk strings, nil bulk and nil arrays apart", () => {
    const c = createRedis({ now: clock().now }).connect();
    expect(c.execute(["SET", "k", "OK"])).toBeInstanceOf(SimpleString);
    expect(c.execute(["GET", "k"])).toBe("OK");
    expect(c.execute(["GET", "nope"])).toBe(null);
    expect(c.execute(["LPOP", "nope", "2"])).toBe(NIL_ARRAY);
    expect(c.execute(["INCRBY", "n", "9007199254740993"])).toBe(9007199254740993n);
    expect(c.execute(["GET"])).toEqual(new ErrorReply("ERR wrong number of arguments for 'get' command"));
  });

  it("counts bytes as Redis does: UTF-8 through sendCommand, one byte per char through execute", async () => {
    const c = createRedis({ now: clock().now }).connect();
    await c.sendCommand(["SET", "k", "é"]);
    expect(await c.sendCommand(["STRLEN", "k"])).toBe(2);
    expect(await c.sendCommand(["GET", "k"])).toBe("é");
    expect(c.execute(["GET", "k"])).toBe("\xc3\xa9");
  });

  it("answers what redis-cli and redis-benchmark send on connect", async () => {
    const c = createRedis({ now: clock().now }).connect();
    expect(await c.sendCommand(["CONFIG", "GET", "save"])).toEqual(["save", ""]);
    expect(await c.sendCommand(["CONFIG", "GET", "appendonly"])).toEqual(["appendonly", "no"]);
    expect(await c.sendCommand(["CLIENT", "SETNAME", "me"])).toBe("OK");
    expect(await c.sendCommand(["CLIENT", "GETNAME"])).toBe("me");
    expect(await c.sendCommand(["HELLO", "2"])).toEqual(["server", "redis", "version", "7.0.15", "proto", 2, "id", c.id, "mode", "standalone", "role", "master", "modules", []]);
    expect(await c.sendCommand(["QUIT"])).toBe("OK");
    expect(c.closed).toBe(true);
  });
});

describe("trace", () => {
  it("reports each command with its key and hit or miss, stamped with the clock", async () => {
    const time = clock();
    const events: RedisTrace[] = [];
    const server = createRedis({ now: time.now, trace: (e) => events.push(e) });
    const c = server.connect();
    await c.sendCommand(["GET", "k"]);
    await c.sendCommand(["SET", "k", "v", "EX", "5"]);
    time.t += 10;
    await c.sendCommand(["GET", "k"]);
    const commands = events.filter((e) => e.kind === "command");
    expect(commands.map((e) => e.kind === "command" && [e.name, e.key, e.hit, e.t])).toEqual([
      ["get", "k", false, time.t - 10],
      ["set", "k", undefined, time.t - 10],
      ["get", "k", true, time.t],
    ]);
    expect(events.find((e) => e.kind === "expire")).toMatchObject({ key: "k", at: time.t - 10 + 5000 });
  });

  it("reports pub/sub deliveries", async () => {
    const events: RedisTrace[] = [];
    const server = createRedis({ now: clock().now, trace: (e) => events.push(e) });
    const [sub, pub] = [server.connect(), server.connect()];
    await sub.sendCommand(["SUBSCRIBE", "ch"]);
    await pub.sendCommand(["PUBLISH", "ch", "m"]);
    expect(events.filter((e) => e.kind === "deliver" || e.kind === "publish")).toMatchObject([
      { kind: "deliver", conn: sub.id, channel: "ch" },
      { kind: "publish", conn: pub.id, channel: "ch", receivers: 1 },
    ]);
  });
});

describe("number formatting", () => {
  it("prints doubles with %.17g, rounding exact ties to even", () => {
    expect(formatDouble(0.1)).toBe("0.10000000000000001");
    expect(formatDouble(2 ** -25)).toBe("2.9802322387695312e-08");
    expect(formatDouble(1e21)).toBe("1e+21");
    expect(formatDouble(-0)).toBe("-0");
    expect(formatDouble(-Infinity)).toBe("-inf");
  });

  it("adds long doubles with x87 precision and prints them as INCRBYFLOAT does", () => {
    const sum = addLD(parseLongDouble("3000")!, parseLongDouble("1e-5")!);
    expect(formatLongDoubleHuman(sum)).toBe("3000.00001000000000007");
    expect(formatLongDoubleHuman(parseLongDouble("0x1p-2")!)).toBe("0.25");
    expect(parseLongDouble(" 1")).toBeUndefined();
    expect(parseLongDouble("1e99999")).toBeUndefined();
  });
});

describe("errno, as SORT reads it", () => {
  it("a float that overflowed earlier makes SORT refuse non-integer strings, until string2d clears errno", async () => {
    const c = createRedis({ now: clock().now }).connect();
    await c.sendCommand(["RPUSH", "l", "1.5", "007", "2"]);
    expect(await c.sendCommand(["SORT", "l"])).toEqual(["1.5", "2", "007"]);
    await expect(c.sendCommand(["ZADD", "z", "1e400", "m"])).rejects.toThrow("ERR value is not a valid float");
    await expect(c.sendCommand(["SORT", "l"])).rejects.toThrow("ERR One or more scores can't be converted into double");
    await c.sendCommand(["ZADD", "z", "1", "m"]);
    expect(await c.sendCommand(["SORT", "l"])).toEqual(["1.5", "2", "007"]);
    await expect(c.sendCommand(["INCRBYFLOAT", "f", "1e5000"])).rejects.toThrow("ERR value is not a valid float");
    await expect(c.sendCommand(["SORT", "l"])).rejects.toThrow("ERR One or more scores can't be converted into double");
    c.server.connect(); // accept() ends with EAGAIN
    expect(await c.sendCommand(["SORT", "l"])).toEqual(["1.5", "2", "007"]);
  });
});

// What Redis's own Tcl suite (scripts/redis-tcl-suite.sh) leans on, each as redis-server 7.0.15 answers.
describe("as Redis's test suite uses it", () => {
  it("CONFIG SET of an encoding threshold, under its ziplist alias too, converts the next write that outgrows it", async () => {
    const server = createRedis({ now: clock().now });
    const c = server.connect();
    expect(await c.sendCommand(["CONFIG", "SET", "hash-max-ziplist-entries", "2", "set-max-intset-entries", "2"])).toBe("OK");
    expect(await c.sendCommand(["CONFIG", "GET", "hash-max-*-entries"])).toEqual(["hash-max-listpack-entries", "2", "hash-max-ziplist-entries", "2"]);
    await c.sendCommand(["HSET", "h", "a", "1", "b", "2"]);
    expect(await c.sendCommand(["OBJECT", "ENCODING", "h"])).toBe("listpack");
    await c.sendCommand(["HSET", "h", "c", "3"]);
    expect(await c.sendCommand(["OBJECT", "ENCODING", "h"])).toBe("hashtable");
    await c.sendCommand(["SADD", "s", "1", "2", "3"]);
    expect(await c.sendCommand(["OBJECT", "ENCODING", "s"])).toBe("hashtable");
    await c.sendCommand(["CONFIG", "SET", "zset-max-ziplist-value", "1k"]);
    expect(await c.sendCommand(["CONFIG", "GET", "zset-max-listpack-value"])).toEqual(["zset-max-listpack-value", "1000"]);
    await c.sendCommand(["ZADD", "z", "1", "x".repeat(999)]);
    expect(await c.sendCommand(["OBJECT", "ENCODING", "z"])).toBe("listpack");
    // Each server has its own configuration.
    expect(await createRedis().connect().sendCommand(["CONFIG", "GET", "hash-max-listpack-entries"])).toEqual(["hash-max-listpack-entries", "512"]);
  });

  it("CONFIG SET checks every pair before applying any, with config.c's error texts", async () => {
    const c = createRedis({ now: clock().now }).connect();
    const failed = (name: string, why: string) => `ERR CONFIG SET failed (possibly related to argument '${name}') - ${why}`;
    await expect(c.sendCommand(["CONFIG", "SET", "hash-max-listpack-entries", "7", "HZ", "abc"])).rejects.toThrow(failed("hz", "argument couldn't be parsed into an integer"));
    expect(await c.sendCommand(["CONFIG", "GET", "hash-max-listpack-entries"])).toEqual(["hash-max-listpack-entries", "512"]);
    await expect(c.sendCommand(["CONFIG", "SET", "hash-max-ziplist-value", "1x"])).rejects.toThrow(failed("hash-max-ziplist-value", "argument must be a memory value"));
    await expect(c.sendCommand(["CONFIG", "SET", "proto-max-bulk-len", "1"])).rejects.toThrow(
      failed("proto-max-bulk-len", "argument must be between 1048576 and 9223372036854775807 inclusive"),
    );
    await expect(c.sendCommand(["CONFIG", "SET", "list-max-ziplist-size", "3000000000"])).rejects.toThrow(
      failed("list-max-ziplist-size", "argument must be between -2147483648 and 2147483647 inclusive"),
    );
    await expect(c.sendCommand(["CONFIG", "SET", "appendonly", "maybe"])).rejects.toThrow(failed("appendonly", "argument must be 'yes' or 'no'"));
    await expect(c.sendCommand(["CONFIG", "SET", "databases", "3"])).rejects.toThrow(failed("databases", "can't set immutable config"));
    await expect(c.sendCommand(["CONFIG", "SET", "hz", "1", "hz", "2"])).rejects.toThrow(failed("hz", "duplicate parameter"));
    await expect(c.sendCommand(["CONFIG", "SET", "NOPE", "1"])).rejects.toThrow("ERR Unknown option or number of arguments for CONFIG SET - 'NOPE'");
    // A name without glob characters is answered as written.
    expect(await c.sendCommand(["CONFIG", "GET", "HZ", "hz"])).toEqual(["HZ", "10"]);
    expect(await c.sendCommand(["CONFIG", "SET", "maxmemory", "1GB", "maxmemory-policy", "ALLKEYS-LRU"])).toBe("OK");
    expect(await c.sendCommand(["CONFIG", "GET", "maxmemory", "maxmemory-policy"])).toEqual(["maxmemory", "1073741824", "maxmemory-policy", "allkeys-lru"]);
  });

  it("SRANDMEMBER, HRANDFIELD and ZRANDMEMBER refuse a count of LONG_MIN (and past LONG_MAX/2 with pairs)", async () => {
    const c = createRedis({ now: clock().now }).connect();
    await c.sendCommand(["SADD", "s", "a"]);
    await c.sendCommand(["HSET", "h", "a", "1"]);
    await c.sendCommand(["ZADD", "z", "1", "a"]);
    const range = "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";
    await expect(c.sendCommand(["SRANDMEMBER", "s", "-9223372036854775808"])).rejects.toThrow(range);
    await expect(c.sendCommand(["HRANDFIELD", "h", "-9223372036854775808"])).rejects.toThrow(range);
    await expect(c.sendCommand(["ZRANDMEMBER", "z", "-9223372036854775808"])).rejects.toThrow(range);
    await expect(c.sendCommand(["HRANDFIELD", "h", "-9223372036854775807", "WITHVALUES"])).rejects.toThrow(/^ERR value is out of range$/);
    await expect(c.sendCommand(["ZRANDMEMBER", "z", "4611686018427387904", "WITHSCORES"])).rejects.toThrow(/^ERR value is out of range$/);
    expect(await c.sendCommand(["ZRANDMEMBER", "z", "4611686018427387903", "WITHSCORES"])).toEqual(["a", "1"]);
  });

  it("MEMORY USAGE: nil for a missing key, SAMPLES checked, strings sized as Redis sizes them", async () => {
    const c = createRedis({ now: clock().now }).connect();
    await c.sendCommand(["SET", "foo", "bar"]);
    await c.sendCommand(["SET", "n", "12345"]);
    expect(await c.sendCommand(["MEMORY", "USAGE", "foo"])).toBe(64);
    expect(await c.sendCommand(["MEMORY", "USAGE", "n", "SAMPLES", "0"])).toBe(48);
    expect(await c.sendCommand(["MEMORY", "USAGE", "nokey"])).toBe(null);
    await expect(c.sendCommand(["MEMORY", "USAGE", "foo", "SAMPLES", "-1"])).rejects.toThrow("ERR syntax error");
    await expect(c.sendCommand(["MEMORY", "USAGE", "foo", "SAMPLES", "x"])).rejects.toThrow("ERR value is not an integer or out of range");
    await c.sendCommand(["RPUSH", "l", "a", "b"]);
    expect(await c.sendCommand(["MEMORY", "USAGE", "l"])).toBeGreaterThan(64);
  });

  it("COMMAND GETKEYS: key ranges, numkeys, SORT's last STORE, and getKeysSubcommandImpl's errors", async () => {
    const c = createRedis({ now: clock().now }).connect();
    const keys = (...line: string[]) => c.sendCommand(["COMMAND", "GETKEYS", ...line]);
    expect(await keys("sort", "abc", "store", "invalid", "store", "stillbad", "store", "def")).toEqual(["abc", "def"]);
    expect(await keys("sort", "abc", "by", "store", "limit", "0", "1", "get", "#")).toEqual(["abc"]);
    expect(await keys("sort_ro", "abc")).toEqual(["abc"]);
    expect(await keys("mset", "a", "1", "b", "2")).toEqual(["a", "b"]);
    expect(await keys("blpop", "a", "b", "0")).toEqual(["a", "b"]);
    expect(await keys("zunionstore", "d", "2", "a", "b", "weights", "1", "2")).toEqual(["d", "a", "b"]);
    expect(await keys("blmpop", "0", "2", "a", "b", "left")).toEqual(["a", "b"]);
    expect(await keys("object", "encoding", "k")).toEqual(["k"]);
    await expect(keys("zunion", "5", "a", "b")).rejects.toThrow("ERR Invalid arguments specified for command");
    await expect(keys("nope", "a")).rejects.toThrow("ERR Invalid command specified");
    await expect(keys("config", "get", "x")).rejects.toThrow("ERR The command has no key arguments");
    await expect(keys("get", "a", "b")).rejects.toThrow("ERR Invalid number of arguments specified for command");
  });

  it("OBJECT IDLETIME counts whole seconds since the last access; TTL, TYPE and EXISTS do not touch the key, GET and TOUCH do", async () => {
    const time = clock(1_700_000_000_000);
    const server = createRedis({ now: time.now });
    const c = server.connect();
    for (const k of ["a", "b", "c"]) await c.sendCommand(["SET", k, "v"]);
    // Lookups stamp Redis's LRU clock, which the cron refreshes: the host ticks after moving time.
    time.t += 3000;
    server.tick();
    for (const cmd of ["TTL", "PTTL", "TYPE", "EXISTS", "EXPIRETIME"]) await c.sendCommand([cmd, "a"]);
    await c.sendCommand(["GET", "b"]);
    await c.sendCommand(["TOUCH", "c"]);
    expect(await c.sendCommand(["OBJECT", "IDLETIME", "a"])).toBe(3);
    expect(await c.sendCommand(["OBJECT", "IDLETIME", "b"])).toBe(0);
    expect(await c.sendCommand(["OBJECT", "IDLETIME", "c"])).toBe(0);
    await c.sendCommand(["CONFIG", "SET", "maxmemory-policy", "allkeys-lfu"]);
    await expect(c.sendCommand(["OBJECT", "IDLETIME", "a"])).rejects.toThrow("ERR An LFU maxmemory policy is selected, idle time not tracked.");
  });

  it("keyspace notifications: each command's events in Redis's order, the classes switched on, CONFIG GET normalized", async () => {
    const time = clock();
    const server = createRedis({ now: time.now });
    const [sub, c] = [server.connect(), server.connect()];
    const frames: unknown[] = [];
    sub.onPush((f) => frames.push(f));
    await sub.sendCommand(["PSUBSCRIBE", "*"]);
    expect(await c.sendCommand(["CONFIG", "SET", "notify-keyspace-events", "Kgl$n"])).toBe("OK");
    expect(await c.sendCommand(["CONFIG", "GET", "notify-keyspace-events"])).toEqual(["notify-keyspace-events", "g$lnK"]);
    await c.sendCommand(["SET", "foo", "bar", "EX", "100"]);
    await c.sendCommand(["SADD", "s", "a"]); // sets are off: only "new"
    await c.sendCommand(["RPUSH", "l", "a"]);
    await c.sendCommand(["LMOVE", "l", "m", "LEFT", "RIGHT"]);
    await c.sendCommand(["RENAME", "m", "n"]);
    const events = () => frames.map((f) => (f as string[]).slice(2).join(" "));
    expect(events()).toEqual([
      "__keyspace@0__:foo new",
      "__keyspace@0__:foo set",
      "__keyspace@0__:foo expire",
      "__keyspace@0__:s new",
      "__keyspace@0__:l new",
      "__keyspace@0__:l rpush",
      "__keyspace@0__:m new",
      "__keyspace@0__:m rpush",
      "__keyspace@0__:l lpop",
      "__keyspace@0__:l del",
      "__keyspace@0__:n new",
      "__keyspace@0__:m rename_from",
      "__keyspace@0__:n rename_to",
    ]);
    frames.length = 0;
    await c.sendCommand(["CONFIG", "SET", "notify-keyspace-events", "Exm"]);
    await c.sendCommand(["PSETEX", "gone", "100", "v"]);
    await c.sendCommand(["GET", "nokey"]);
    time.t += 101;
    server.tick(); // the active cycle expires it
    await c.sendCommand(["PING"]); // pushes arrive asynchronously
    expect(events()).toEqual(["__keyevent@0__:keymiss nokey", "__keyevent@0__:expired gone"]);
    await expect(c.sendCommand(["CONFIG", "SET", "notify-keyspace-events", "Kq"])).rejects.toThrow(
      "ERR CONFIG SET failed (possibly related to argument 'notify-keyspace-events') - Invalid event class character. Use 'Ag$lshzxeKEtmdn'.",
    );
  });

  it("CLIENT REPLY OFF silences replies until ON, SKIP the next one; SUBSCRIBE's confirmations still go out", () => {
    const c = createRedis({ now: clock().now }).connect();
    const silent = (out: unknown) => out instanceof Frames && out.frames.length === 0;
    expect(silent(c.execute(["CLIENT", "REPLY", "OFF"]))).toBe(true);
    expect(silent(c.execute(["SET", "a", "1"]))).toBe(true);
    expect(String((c.execute(["CLIENT", "REPLY", "ON"]) as SimpleString).value)).toBe("OK");
    expect(silent(c.execute(["CLIENT", "REPLY", "SKIP"]))).toBe(true);
    expect(silent(c.execute(["GET", "a"]))).toBe(true);
    expect(c.execute(["GET", "a"])).toBe("1");
    expect(c.execute(["CLIENT", "REPLY", "FOO"])).toEqual(new ErrorReply("ERR syntax error"));
    c.execute(["CLIENT", "REPLY", "OFF"]);
    expect(c.execute(["SUBSCRIBE", "ch"])).toEqual(new Frames([["subscribe", "ch", 1]]));
  });

  it("SAVE is refused inside MULTI, which then aborts", async () => {
    const c = createRedis({ now: clock().now }).connect();
    await c.sendCommand(["MULTI"]);
    await expect(c.sendCommand(["SAVE"])).rejects.toThrow("ERR Command not allowed inside a transaction");
    await expect(c.sendCommand(["EXEC"])).rejects.toThrow("EXECABORT Transaction discarded because of previous errors.");
  });
});
