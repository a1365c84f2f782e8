// Streams against a real redis-server (7.0): a seeded random run of stream commands (errors, node
// sizes, groups, claims, transactions), scripted sequences per command, blocking reads served,
// timed out and cut off by other connections, keyspace events, and the command table's rows.
// Every reply must be the same RESP2 value; only clock readings (idle and delivery times) are
// blanked, and IDs are explicit so both servers make the same ones.
import { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { createRedis, Pending, type Connection, type Reply } from "./index.ts";
import { randomStreamScript, timeFree } from "./testing/random-stream-commands.ts";
import { useRealRedis, type RealRedis, type Resp, type RespClient } from "./testing/real-redis.ts";
import { big, outcome, typed } from "./testing/resp-compare.ts";

const SEED = Number(process.env.REDIS_DIFF_SEED ?? 20261206);

function show(r: Resp): string {
  return JSON.stringify(r, big).slice(0, 600);
}

/** Compare one command on both sides (EXEC's replies command by command, times blanked). */
function diff(want: Resp, got: Resp, args: string[], queued: string[][] | null): string | undefined {
  const view = (r: Resp): Resp => {
    if (args[0].toUpperCase() === "EXEC" && r.t === "array" && r.v !== null && queued !== null)
      return { t: "array", v: r.v.map((x, k) => (queued[k] ? timeFree(x, queued[k]) : x)) };
    return timeFree(r, args);
  };
  const a = show(view(want));
  const b = show(view(got));
  return a === b ? undefined : `  redis:  ${a}\n  engine: ${b}`;
}

/** Runs commands on both servers over one connection each, collecting the differences. */
class Both {
  readonly mismatches: string[] = [];
  queued: string[][] | null = null;
  count = 0;
  constructor(
    readonly real: RespClient,
    readonly engine: Connection,
  ) {}

  async run(args: string[], where = ""): Promise<Resp> {
    const want = await this.real.send(args);
    const got = outcome(this.engine.execute(args));
    this.count++;
    const d = diff(want, got, args, this.queued);
    if (d) this.mismatches.push(`${where} ${JSON.stringify(args)}\n${d}`);
    const name = args[0].toUpperCase();
    if (name === "MULTI" && want.t === "simple") this.queued = [];
    else if (name === "EXEC" || name === "DISCARD") this.queued = null;
    else if (this.queued !== null && want.t === "simple" && want.v === "QUEUED") this.queued.push(args);
    return want;
  }

  async script(lines: string[][], where: string): Promise<void> {
    for (const args of lines) await this.run(args, where);
  }
}

const split = (line: string) => line.split(" ").map((a) => (a === "''" ? "" : a));

/** Scripts of one command family each, errors included; each starts from an empty database. */
const SCRIPTS: Record<string, string[]> = {
  xadd: [
    "XADD s 1-1 a 1",
    "XADD s 1-1 a 1",
    "XADD s 1-0 a 1",
    "XADD s 1-* b 2",
    "XADD s 0-* b 2",
    "XADD s 5 c 3",
    "XADD s 5-* c 3",
    "XADD s 9-18446744073709551615 x y",
    "XADD s 9-* x y",
    "XADD s 0-0 a b",
    "XADD t 0-0 a b",
    "EXISTS t",
    "XADD t NOMKSTREAM 1-1 a b",
    "EXISTS t",
    "XADD s",
    "XADD s 10-0",
    "XADD s 10-0 a",
    "XADD s 10-0 a b c",
    "XADD s MAXLEN 10-0 a b",
    "XADD s MAXLEN -1 10-0 a b",
    "XADD s MAXLEN 2 MINID 1 10-0 a b",
    "XADD s LIMIT 5 10-0 a b",
    "XADD s MAXLEN 2 LIMIT 5 10-0 a b",
    "XADD s MAXLEN ~ 2 LIMIT -1 10-0 a b",
    "XADD s MAXLEN = 2 10-0 a b",
    "XRANGE s - +",
    "XADD s MINID ~ 1 11-0 a b",
    "XADD s MINID = 10 12-0 a b",
    "XRANGE s - +",
    "XADD s MAXLEN ~ 0 LIMIT 0 13-0 a b",
    "XADD s abc a b",
    "XADD s + a b",
    "XADD s - a b",
    "XADD s 18446744073709551615-18446744073709551615 a b",
    "XADD s * a b",
    "XADD s 18446744073709551615-* a b",
    "SET str v",
    "XADD str 1-1 a b",
    "XLEN str",
    "XLEN nokey",
    "XLEN s",
  ],
  xrange: [
    "XADD s 1-1 a 1",
    "XADD s 1-2 b 2",
    "XADD s 2-0 c 3",
    "XADD s 3-5 d 4",
    "XADD s 18446744073709551615-0 e 5",
    "XRANGE s - +",
    "XRANGE s 1 1",
    "XRANGE s (1-1 +",
    "XRANGE s - (2-0",
    "XRANGE s (1 (3",
    "XRANGE s ( +",
    "XRANGE s (- +",
    "XRANGE s - (+",
    "XRANGE s (18446744073709551615-18446744073709551615 +",
    "XRANGE s - (0-0",
    "XRANGE s - + COUNT 2",
    "XRANGE s - + COUNT 0",
    "XRANGE s - + COUNT -3",
    "XRANGE s - + COUNT",
    "XRANGE s - + COUNT x",
    "XRANGE s - + FOO 1",
    "XREVRANGE s + -",
    "XREVRANGE s + - COUNT 1",
    "XREVRANGE s (3-5 (1-1",
    "XREVRANGE s 2 1",
    "XRANGE s 3 1",
    "XRANGE nokey - +",
    "XRANGE nokey - + COUNT 0",
    "XRANGE s 1-x +",
    "SET str v",
    "XRANGE str - +",
    "XREVRANGE str + -",
  ],
  xdelTrim: [
    "CONFIG SET stream-node-max-entries 3",
    "XADD s 1 f v",
    "XADD s 2 f v",
    "XADD s 3 g w",
    "XADD s 4 f v",
    "XADD s 5 f v x y",
    "XADD s 6 f v",
    "XADD s 7 f v",
    "XDEL s 1 3 9",
    "XDEL s 1",
    "XDEL s abc 2",
    "XINFO STREAM s",
    "XTRIM s MAXLEN ~ 3",
    "XINFO STREAM s",
    "XTRIM s MAXLEN 3",
    "XRANGE s - +",
    "XTRIM s MINID 6",
    "XTRIM s",
    "XTRIM s FOO",
    "XTRIM s MAXLEN 1 LIMIT 1",
    "XTRIM s MAXLEN ~ 1 LIMIT 1",
    "XTRIM s MAXLEN ~ 0 LIMIT 100",
    "XTRIM s MINID ~ 100",
    "XTRIM s MINID -",
    "XINFO STREAM s",
    "XTRIM nokey MAXLEN 1",
    "XDEL nokey 1",
    "XADD s 8 a b",
    "XDEL s 8",
    "XINFO STREAM s",
    "EXISTS s",
  ],
  xsetid: [
    "XSETID nokey 1-1",
    "XADD s 5-0 a b",
    "XADD s 6-0 a b",
    "XDEL s 6-0",
    "XSETID s 5-0",
    "XSETID s 4-0",
    "XSETID s 7-0 ENTRIESADDED 1",
    "XSETID s 7-0 ENTRIESADDED -1",
    "XSETID s 7-0 ENTRIESADDED 5 MAXDELETEDID 8-0",
    "XSETID s 7-0 ENTRIESADDED 5 MAXDELETEDID 6-5",
    "XSETID s 7-0 FOO 1",
    "XSETID s 7-0 ENTRIESADDED",
    "XSETID s +",
    "XINFO STREAM s",
    "XADD s 7-0 a b",
    "XADD s 7-1 a b",
    "XINFO STREAM s",
  ],
  groups: [
    "XGROUP CREATE s g 0",
    "XGROUP CREATE s g $ MKSTREAM",
    "XGROUP CREATE s g $ MKSTREAM",
    "XGROUP CREATE s h 0 ENTRIESREAD 0",
    "XGROUP CREATE s i 0 ENTRIESREAD -2",
    "XGROUP CREATE s i 0 ENTRIESREAD x",
    "XGROUP CREATE s i 0 FOO",
    "XGROUP CREATE s i - ",
    "XGROUP CREATE s i +",
    "XGROUP SETID s nog 0",
    "XGROUP SETID s g - ENTRIESREAD 3",
    "XGROUP SETID s g 0 MKSTREAM",
    "XGROUP SETID s g 0 ENTRIESREAD",
    "XGROUP CREATECONSUMER s g alice",
    "XGROUP CREATECONSUMER s g alice",
    "XGROUP CREATECONSUMER s nog alice",
    "XGROUP DELCONSUMER s g bob",
    "XGROUP DESTROY s h",
    "XGROUP DESTROY s h",
    "XGROUP DESTROY nokey h",
    "XGROUP HELP",
    "XGROUP HELP x",
    "XGROUP FOO",
    "XGROUP CREATE s a b c d e f",
    "XINFO GROUPS s",
    "XINFO CONSUMERS s g",
    "XINFO CONSUMERS s nog",
    "XINFO CONSUMERS nokey g",
    "XINFO HELP",
    "XINFO HELP x",
    "XINFO FOO s",
    "XINFO STREAM s FULL COUNT",
    "XINFO STREAM s FOO",
    "XINFO STREAM s FULL FOO 1",
    "SET str v",
    "XGROUP CREATE str g 0",
    "XINFO STREAM str",
  ],
  readgroup: [
    "XADD s 1-0 a 1",
    "XADD s 2-0 b 2",
    "XADD s 3-0 c 3",
    "XGROUP CREATE s g 0",
    "XREADGROUP GROUP g alice COUNT 1 STREAMS s >",
    "XREADGROUP GROUP g bob STREAMS s >",
    "XREADGROUP GROUP g bob STREAMS s >",
    "XREADGROUP GROUP g alice STREAMS s 0",
    "XREADGROUP GROUP g bob COUNT 1 STREAMS s 0",
    "XREADGROUP GROUP g bob STREAMS s 2-0",
    "XPENDING s g",
    "XPENDING s g - + 10",
    "XPENDING s g - + 10 bob",
    "XPENDING s g - + 10 nobody",
    "XPENDING s g IDLE 0 - + 10",
    "XPENDING s g IDLE 100000000 - + 10",
    "XPENDING s g (1-0 + 1",
    "XPENDING s g - + -1",
    "XPENDING s g - +",
    "XPENDING s g IDLE 1 - +",
    "XPENDING s g - + x",
    "XPENDING s nog",
    "XDEL s 2-0",
    "XREADGROUP GROUP g bob STREAMS s 0",
    "XACK s g 1-0 1-0 9-0",
    "XACK s g abc",
    "XACK s nog 2-0",
    "XACK nokey g 2-0",
    "XINFO GROUPS s",
    "XINFO CONSUMERS s g",
    "XREADGROUP GROUP g carol NOACK STREAMS s >",
    "XADD s 4-0 d 4",
    "XREADGROUP GROUP g carol NOACK STREAMS s >",
    "XINFO GROUPS s",
    "XREADGROUP GROUP g alice STREAMS s $",
    "XREADGROUP GROUP nog alice STREAMS s >",
    "XREADGROUP GROUP g alice STREAMS s nokey > >",
    "XREADGROUP GROUP g alice STREAMS s",
    "XREADGROUP g alice STREAMS s >",
    "XREADGROUP GROUP g alice FOO STREAMS s >",
    "XREADGROUP STREAMS s >",
    "XREAD STREAMS s 0",
    "XREAD COUNT 1 STREAMS s 0",
    "XREAD STREAMS s nokey 0 0",
    "XREAD STREAMS s $",
    "XREAD STREAMS s >",
    "XREAD GROUP g a STREAMS s 0",
    "XREAD NOACK STREAMS s 0",
    "XREAD STREAMS s 0 1",
    "XREAD BLOCK -1 STREAMS s 0",
    "XREAD BLOCK x STREAMS s 0",
    "XREAD STREAMS s 4-0",
    "XINFO STREAM s FULL",
    "XINFO STREAM s FULL COUNT 1",
    "XGROUP DELCONSUMER s g bob",
    "XPENDING s g",
    "MEMORY USAGE s",
  ],
  claim: [
    "XADD s 1-0 a 1",
    "XADD s 2-0 b 2",
    "XADD s 3-0 c 3",
    "XADD s 4-0 d 4",
    "XGROUP CREATE s g 0",
    "XREADGROUP GROUP g alice STREAMS s >",
    "XCLAIM s g bob 100000000 1-0",
    "XCLAIM s g bob 0 1-0",
    "XCLAIM s g bob 0 2-0 JUSTID",
    "XCLAIM s g bob 0 3-0 RETRYCOUNT 7",
    "XCLAIM s g bob 0 3-0 IDLE 200000000 TIME 1",
    "XCLAIM s g bob 0 9-0 FORCE",
    "XCLAIM s g bob 0 4-0 5-0 FORCE",
    "XCLAIM s g bob 0 1-0 LASTID 3-0",
    "XCLAIM s g bob 0 1-0 LASTID 10-0",
    "XCLAIM s g bob 0 1-0 FOO",
    "XCLAIM s g bob 0 1-0 IDLE x",
    "XCLAIM s g bob 0 1-0 RETRYCOUNT",
    "XCLAIM s g bob x 1-0",
    "XCLAIM s nog bob 0 1-0",
    "XCLAIM nokey g bob 0 1-0",
    "XPENDING s g",
    "XPENDING s g - + 10",
    "XDEL s 2-0",
    "XCLAIM s g carol 0 2-0",
    "XPENDING s g",
    "XDEL s 3-0",
    "XAUTOCLAIM s g carol 0 0",
    "XAUTOCLAIM s g carol 0 0 COUNT 1",
    "XAUTOCLAIM s g carol 0 0 COUNT 1 JUSTID",
    "XAUTOCLAIM s g dave 100000000 0",
    "XAUTOCLAIM s g dave 0 (1-0",
    "XAUTOCLAIM s g dave 0 - COUNT 0",
    "XAUTOCLAIM s g dave 0 - COUNT x",
    "XAUTOCLAIM s g dave 0 - FOO",
    "XAUTOCLAIM s g dave x -",
    "XAUTOCLAIM s nog dave 0 -",
    "XAUTOCLAIM s g dave 0 (18446744073709551615-18446744073709551615",
    "XINFO CONSUMERS s g",
    "XINFO STREAM s FULL",
    "XGROUP SETID s g $",
    "XINFO GROUPS s",
    "MEMORY USAGE s",
  ],
  lag: [
    "XADD s 1-0 a 1",
    "XADD s 2-0 a 1",
    "XADD s 3-0 a 1",
    "XADD s 4-0 a 1",
    "XGROUP CREATE s g 0",
    "XGROUP CREATE s h $",
    "XGROUP CREATE s i 2-0 ENTRIESREAD 2",
    "XINFO GROUPS s",
    "XREADGROUP GROUP g a COUNT 1 STREAMS s >",
    "XINFO GROUPS s",
    "XDEL s 3-0",
    "XINFO GROUPS s",
    "XREADGROUP GROUP g a STREAMS s >",
    "XINFO GROUPS s",
    "XADD s 5-0 a 1",
    "XINFO GROUPS s",
    "XTRIM s MAXLEN 1",
    "XINFO GROUPS s",
    "XINFO STREAM s",
    "XGROUP SETID s g 0 ENTRIESREAD 0",
    "XINFO GROUPS s",
    "XREADGROUP GROUP g a STREAMS s >",
    "XINFO GROUPS s",
  ],
  types: [
    "XADD s 1-0 a 1",
    "TYPE s",
    "OBJECT ENCODING s",
    "COPY s t",
    "XGROUP CREATE s g 0",
    "XREADGROUP GROUP g a STREAMS s >",
    "COPY s u",
    "XPENDING u g",
    "XACK s g 1-0",
    "XPENDING u g",
    "RENAME s r",
    "XRANGE r - +",
    "EXISTS r s t u",
    "SORT r",
    "LPUSH r x",
    "GET r",
    "MULTI",
    "XADD r 2-0 b 2",
    "XLEN r",
    "XRANGE r (1-0 +",
    "XGROUP CREATE r g2 $",
    "XREADGROUP GROUP g2 a STREAMS r >",
    "EXEC",
    "WATCH r",
    "XADD r 3-0 c 3",
    "MULTI",
    "XLEN r",
    "EXEC",
    "WATCH r",
    "XREADGROUP GROUP g a STREAMS r >",
    "MULTI",
    "XLEN r",
    "EXEC",
    "WATCH r",
    "XTRIM r MAXLEN 100",
    "MULTI",
    "XLEN r",
    "EXEC",
  ],
};

/** Node sizes: many small nodes, so XINFO's radix tree counts and `~` trimming are exercised. */
async function nodes(both: Both, nodeSize: number, adds: number, then: string[]): Promise<void> {
  await both.run(["FLUSHALL"]);
  await both.run(["CONFIG", "SET", "stream-node-max-entries", String(nodeSize)]);
  for (let j = 1; j <= adds; j++) await both.run(["XADD", "s", `${j * 1000 + (j % 7)}-${j % 3}`, j % 5 ? "f" : "other", "v".repeat(j % 40)], `nodes ${nodeSize}`);
  for (const line of then) await both.run(split(line), `nodes ${nodeSize}`);
}

describe(`differential: streams against a real redis-server (seed ${SEED})`, () => {
  const realRedis = useRealRedis();
  const fresh = (real: RealRedis) => new Both(real.client, createRedis({ now: Date.now }).connect());

  it("answers scripted sequences of every stream command as redis-server does", async () => {
    const both = fresh(realRedis());
    for (const [name, lines] of Object.entries(SCRIPTS)) {
      await both.run(["FLUSHALL"], name);
      await both.run(["CONFIG", "SET", "stream-node-max-entries", "100"], name);
      await both.script(lines.map(split), name);
    }
    expect(both.count).toBeGreaterThan(300);
    expect(both.mismatches, both.mismatches.slice(0, 20).join("\n")).toEqual([]);
  });

  it("splits nodes, trims whole nodes with ~ and counts the radix tree as redis-server does", async () => {
    const both = fresh(realRedis());
    const probe = ["XINFO STREAM s", "XLEN s", "MEMORY USAGE s", "MEMORY USAGE s SAMPLES 0"];
    await nodes(both, 100, 1000, ["XTRIM s MAXLEN ~ 555", ...probe, "XTRIM s MAXLEN ~ 0 LIMIT 150", ...probe, "XTRIM s MINID ~ 800000", ...probe, "MEMORY USAGE nokey"]);
    await nodes(both, 10, 100, ["XADD s MAXLEN ~ 55 LIMIT 30 200000-0 a b", ...probe, "XADD s MAXLEN ~ 55 LIMIT 30 200001-0 a b", ...probe]);
    await nodes(both, 1, 102, ["XTRIM s MAXLEN ~ 1", ...probe, "XTRIM s MAXLEN 1", ...probe]);
    await nodes(both, 2, 3, ["XTRIM s MAXLEN ~ 0 LIMIT 1", "XTRIM s MAXLEN ~ 0 LIMIT 2", ...probe]);
    await nodes(both, 3, 40, ["XDEL s 3000-0 4003-1 5005-2 6006-0", "XTRIM s MINID 9000", ...probe, "XTRIM s MINID ~ 20000", ...probe]);
    await nodes(both, 0, 300, probe);
    // Big values fill a node by bytes (stream-node-max-bytes 4096) before it reaches 100 entries.
    await both.run(["FLUSHALL"]);
    await both.run(["CONFIG", "SET", "stream-node-max-entries", "100"]);
    for (let j = 1; j <= 120; j++) await both.run(["XADD", "b", `${j}-0`, "field", "x".repeat(j * 7), "n", String(j * 1000003)], "bytes");
    await both.run(["XINFO", "STREAM", "b"]);
    await both.run(["MEMORY", "USAGE", "b"]);
    await both.run(["XTRIM", "b", "MAXLEN", "~", "50"]);
    await both.run(["XINFO", "STREAM", "b"]);
    await both.run(["MEMORY", "USAGE", "b"]);
    await both.run(["CONFIG", "SET", "stream-node-max-bytes", "300"]);
    for (let j = 200; j <= 260; j++) await both.run(["XADD", "b", `${j}-0`, "field", String(j), "n", "-12"], "bytes");
    await both.run(["XINFO", "STREAM", "b"]);
    await both.run(["MEMORY", "USAGE", "b"]);
    await both.run(["CONFIG", "SET", "stream-node-max-bytes", "4096"]);
    expect(both.mismatches, both.mismatches.slice(0, 20).join("\n")).toEqual([]);
  });

  it("answers a seeded random run of stream commands as redis-server does", async () => {
    const both = fresh(realRedis());
    const script = randomStreamScript(SEED, 40, 60);
    for (const [n, args] of script.entries()) await both.run(args, `#${n}`);
    await both.run(["CONFIG", "SET", "stream-node-max-entries", "100"]);
    expect(both.count).toBeGreaterThan(2400);
    expect(both.mismatches, `${both.mismatches.length} differ:\n${both.mismatches.slice(0, 20).join("\n")}`).toEqual([]);
  });

  it("has the command table's rows (arity, flags, key positions) and COMMAND GETKEYS of redis-server", async () => {
    const both = fresh(realRedis());
    const names = ["xadd", "xlen", "xrange", "xrevrange", "xread", "xreadgroup", "xdel", "xtrim", "xsetid", "xack", "xpending", "xclaim", "xautoclaim", "xgroup", "xinfo"];
    const engine = both.engine;
    for (const name of names) {
      const want = await both.real.send(["COMMAND", "INFO", name]);
      const got = typed(engine.execute(["COMMAND", "INFO", name]) as Reply);
      // Name, arity, first key, last key, step; the flags the engine models (write, readonly).
      const row = (r: Resp) => {
        const v = (r as { v: Resp[] }).v[0] as { v: Resp[] };
        const flags = (v.v[2] as { v: Resp[] }).v.map((f) => (f as { v: string }).v).filter((f) => f === "write" || f === "readonly");
        return JSON.stringify([v.v[0], v.v[1], flags, v.v[3], v.v[4], v.v[5]], big);
      };
      expect(row(got), name).toBe(row(want));
    }
    for (const sub of ["create", "setid", "destroy", "createconsumer", "delconsumer"]) {
      const want = await both.real.send(["COMMAND", "INFO", `xgroup|${sub}`]);
      const got = typed(engine.execute(["COMMAND", "INFO", `xgroup|${sub}`]) as Reply);
      const v = (r: Resp) => JSON.stringify([1, 3, 4, 5].map((i) => ((r as { v: Resp[] }).v[0] as { v: Resp[] }).v[i]), big);
      expect(v(got), sub).toBe(v(want));
    }
    const lines = [
      "XREAD STREAMS a b 0 0",
      "XREAD COUNT 5 BLOCK 0 STREAMS a 0",
      "XREADGROUP GROUP g c NOACK STREAMS a b > >",
      "XREAD STREAMS a",
      "XREAD STREAMS a b 0",
      "XREAD FOO STREAMS a 0",
      "XREADGROUP GROUP g c COUNT 1 STREAMS streams >",
      "XADD k * a b",
      "XGROUP CREATE k g 0",
      "XINFO STREAM k",
      "XINFO CONSUMERS k g",
      "XCLAIM k g c 0 1-0",
      "XGROUP HELP",
    ];
    for (const line of lines) await both.run(["COMMAND", "GETKEYS", ...split(line)], "getkeys");
    expect(both.mismatches, both.mismatches.join("\n")).toEqual([]);
  });

  it("publishes the keyspace events redis-server publishes", async () => {
    const real = realRedis();
    const both = fresh(real);
    const server = both.engine.server;
    await both.run(["CONFIG", "SET", "notify-keyspace-events", "KEA"]);
    const engineEvents: string[] = [];
    const sub = server.connect();
    sub.onPushReply((f) => engineEvents.push(`${String(f[2])} ${String(f[3])}`));
    sub.execute(["PSUBSCRIBE", "__keyevent@0__:*"]);
    const realEvents: string[] = [];
    const socket = new Socket();
    await new Promise<void>((resolve) => socket.connect(real.port, "127.0.0.1", resolve));
    let raw = "";
    socket.on("data", (d) => (raw += d.toString("latin1")));
    socket.write("*2\r\n$10\r\nPSUBSCRIBE\r\n$16\r\n__keyevent@0__:*\r\n");
    await new Promise((r) => setTimeout(r, 100));
    const lines = [
      "XADD s 1-0 a 1",
      "XADD s MAXLEN 1 2-0 a 1",
      "XDEL s 2-0",
      "XDEL s 9-0",
      "XADD s 3-0 a 1",
      "XTRIM s MAXLEN 0",
      "XTRIM s MAXLEN 0",
      "XGROUP CREATE s g $",
      "XGROUP CREATE n g $ MKSTREAM",
      "XGROUP CREATECONSUMER s g c",
      "XGROUP SETID s g 0",
      "XADD s 4-0 a 1",
      "XREADGROUP GROUP g d STREAMS s >",
      "XCLAIM s g e 0 4-0",
      "XAUTOCLAIM s g f 0 0",
      "XGROUP DELCONSUMER s g c",
      "XGROUP DESTROY s g",
      "XSETID s 10-0",
      "DEL s n",
    ];
    await both.script(lines.map(split), "events");
    await new Promise((r) => setTimeout(r, 200));
    for (const m of raw.matchAll(/pmessage\r\n\$\d+\r\n[^\r]*\r\n\$\d+\r\n([^\r]+)\r\n\$\d+\r\n([^\r]*)\r\n/g)) realEvents.push(`${m[1]} ${m[2]}`);
    socket.destroy();
    await both.run(["CONFIG", "SET", "notify-keyspace-events", ""]);
    expect(realEvents.length).toBeGreaterThan(15);
    expect(engineEvents).toEqual(realEvents);
    expect(both.mismatches, both.mismatches.join("\n")).toEqual([]);
  });
});

/** Two or three connections: blocked reads served by another connection, cut off, or timed out. */
describe("differential: blocking XREAD / XREADGROUP against a real redis-server", () => {
  const realRedis = useRealRedis();

  interface Side {
    engine: Connection;
    real: RespClient;
  }

  async function sides(real: RealRedis, n: number, now: () => number): Promise<Side[]> {
    const server = createRedis({ now });
    const out: Side[] = [];
    for (let i = 0; i < n; i++) out.push({ engine: server.connect(), real: await real.connect() });
    return out;
  }

  function within(p: Promise<Resp>, ms: number): Promise<Resp | "still blocked"> {
    return Promise.race([p, new Promise<"still blocked">((r) => setTimeout(() => r("still blocked"), ms))]);
  }

  /**
   * Run a scenario: lines "i: command" run on connection i; a command that blocks on the engine
   * must block on redis too, and each served reply is compared when the engine serves it.
   */
  async function scenario(real: RealRedis, lines: string[], tick?: () => void): Promise<string[]> {
    let clock = Date.now();
    const s = await sides(real, 3, () => clock);
    const waiting = new Map<number, { args: string[]; engine: Promise<Reply | Error>; real: Promise<Resp>; settled: boolean }>();
    const problems: string[] = [];
    const check = async () => {
      for (const [i, w] of waiting) {
        await new Promise((r) => setTimeout(r, 0));
        if (!w.settled) {
          const early = await within(w.real, 30);
          if (early !== "still blocked") problems.push(`${i}: ${w.args.join(" ")}: redis answered ${show(early)}, the engine still blocks`);
          continue;
        }
        const got = await w.engine;
        const want = await within(w.real, 2000);
        waiting.delete(i);
        if (want === "still blocked") problems.push(`${i}: ${w.args.join(" ")}: the engine answered, redis still blocks`);
        else {
          const g = got instanceof Error ? ({ t: "error", v: got.message } as Resp) : typed(got);
          if (show(timeFree(want, w.args)) !== show(timeFree(g, w.args))) problems.push(`${i}: ${w.args.join(" ")} (served)\n  redis:  ${show(want)}\n  engine: ${show(g)}`);
        }
      }
    };
    for (const line of lines) {
      if (line.startsWith("wait ")) {
        const ms = Number(line.slice(5));
        await new Promise((r) => setTimeout(r, ms));
        clock += ms;
        s[0].engine.server.tick();
        tick?.();
        await check();
        continue;
      }
      const i = Number(line[0]);
      const args = split(line.slice(3));
      const realReply = s[i].real.send(args);
      const out = s[i].engine.execute(args);
      if (out instanceof Pending) {
        const w = { args, engine: out.promise.then((r) => r, (e: Error) => e), real: realReply, settled: false };
        void w.engine.then(() => (w.settled = true));
        waiting.set(i, w);
        const early = await within(realReply, 30);
        if (early !== "still blocked") problems.push(`${i}: ${line}: the engine blocked, redis answered ${show(early)}`);
      } else {
        const want = await realReply;
        const d = diff(want, outcome(out), args, null);
        if (d) problems.push(`${i}: ${line}\n${d}`);
      }
      await check();
    }
    if (waiting.size > 0) problems.push(`still waiting at the end: ${[...waiting.keys()].join(", ")}`);
    for (const side of s) side.real.close();
    return problems;
  }

  const SCENARIOS: Record<string, string[]> = {
    "XREAD BLOCK 0 with $ is served by the next XADD": [
      "0: FLUSHALL",
      "0: XADD s 1-0 old v",
      "1: XREAD BLOCK 0 STREAMS s nokey $ $",
      "0: XADD s 2-0 new v",
      "1: XREAD BLOCK 0 STREAMS nokey s $ 0",
      "1: XREAD BLOCK 0 COUNT 1 STREAMS s s s $ $ $",
      "0: MULTI",
      "0: XADD s 3-0 a 1",
      "0: XADD s 4-0 b 2",
      "0: EXEC",
    ],
    "XREAD waits for a key that gets a stream; DEL and a list do not wake it": [
      "0: FLUSHALL",
      "1: XREAD BLOCK 0 STREAMS s $",
      "0: MULTI",
      "0: XADD s 1-0 old v",
      "0: DEL s",
      "0: LPUSH s x",
      "0: EXEC",
      "0: DEL s",
      "0: XADD s 2-0 new v",
    ],
    "XREAD BLOCK times out with a nil reply; inside MULTI it never blocks": [
      "0: FLUSHALL",
      "0: XADD s 666-0 f v",
      "0: XADD s 667-0 f v",
      "0: XDEL s 667-0",
      "1: XREAD BLOCK 100 STREAMS s 666",
      "wait 250",
      "1: MULTI",
      "1: XREAD BLOCK 0 STREAMS s $",
      "1: XREADGROUP GROUP g c BLOCK 0 STREAMS s >",
      "1: EXEC",
    ],
    "XREADGROUP BLOCK is served in turn, the group's last ID moving between clients": [
      "0: FLUSHALL",
      "0: XGROUP CREATE s g $ MKSTREAM",
      "1: XREADGROUP GROUP g alice BLOCK 0 STREAMS s >",
      "2: XREADGROUP GROUP g bob BLOCK 0 NOACK STREAMS s >",
      "0: XADD s 1-0 a 1",
      "0: XADD s 2-0 b 2",
      "0: XPENDING s g",
      "0: XINFO GROUPS s",
      "0: XINFO CONSUMERS s g",
    ],
    "XREADGROUP BLOCK ends with an error when the group or the key goes": [
      "0: FLUSHALL",
      "0: XGROUP CREATE s g $ MKSTREAM",
      "1: XREADGROUP GROUP g alice BLOCK 0 STREAMS s >",
      "0: XGROUP DESTROY s g",
      "0: XGROUP CREATE s g $",
      "1: XREADGROUP GROUP g alice BLOCK 0 STREAMS s >",
      "2: XREAD BLOCK 0 STREAMS s $",
      "0: DEL s",
      "0: XADD s 5-0 a 1",
      "0: XGROUP CREATE s g $",
      "1: XREADGROUP GROUP g alice BLOCK 0 STREAMS s >",
      "0: SET s x",
      "0: DEL s",
      "0: XGROUP CREATE s g $ MKSTREAM",
      "1: XREADGROUP GROUP g alice BLOCK 0 STREAMS s >",
      "0: FLUSHALL",
      "0: XGROUP CREATE s g $ MKSTREAM",
      "1: XREADGROUP GROUP g alice BLOCK 0 STREAMS s >",
      "0: RENAME s t",
    ],
    "XREADGROUP BLOCK ends with an error when SWAPDB takes its stream away": [
      "0: FLUSHALL",
      "0: XGROUP CREATE s g $ MKSTREAM",
      "1: XREADGROUP GROUP g alice BLOCK 0 STREAMS s >",
      "0: SWAPDB 0 9",
      "0: SWAPDB 0 9",
      "0: SELECT 9",
      "0: LPUSH s x",
      "0: SELECT 0",
      "1: XREADGROUP GROUP g alice BLOCK 0 STREAMS s >",
      "0: SWAPDB 0 9",
      "0: SWAPDB 0 9",
      "1: XREAD BLOCK 0 STREAMS s $",
      "0: SWAPDB 0 9",
      "0: SWAPDB 0 9",
      "0: XADD s 7-0 a 1",
    ],
    "XREADGROUP with history IDs answers at once; BLOCK with a timeout ends nil": [
      "0: FLUSHALL",
      "0: XGROUP CREATE s g $ MKSTREAM",
      "1: XREADGROUP GROUP g alice BLOCK 0 STREAMS s 0",
      "1: XREADGROUP GROUP g alice BLOCK 100 STREAMS s >",
      "wait 250",
      "0: XINFO CONSUMERS s g",
    ],
  };

  for (const [name, lines] of Object.entries(SCENARIOS)) {
    it(name, async () => {
      const problems = await scenario(realRedis(), lines);
      expect(problems, problems.join("\n")).toEqual([]);
    });
  }
});
