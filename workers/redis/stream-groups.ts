// Consumer group commands (t_stream.c): XGROUP's subcommands, XACK, XPENDING, XCLAIM and
// XAUTOCLAIM. Reading through a group (XREADGROUP) is in stream-read.ts. Idle times are the
// engine's clock minus the delivery time, so a lesson that moves its clock moves them too.
import { lookupRead, touched } from "./access.ts";
import { intArg, is, rangeArg } from "./args.ts";
import { cmd, type CommandSpec } from "./command.ts";
import type { Connection } from "./connection.ts";
import { NOTIFY, notify } from "./notify.ts";
import { ErrorReply, NIL_ARRAY, OK, SYNTAX, SimpleString, WRONGTYPE, cstr, type Reply } from "./reply.ts";
import { Consumer, ConsumerGroup, INVALID_READ, type Nack } from "./stream-groups-store.ts";
import { MAX_ID, formatId, parseId, parseIdOrFail, parseRangeBound, type StreamID } from "./stream-id.ts";
import { lookupOrCreateConsumer } from "./stream-read.ts";
import { Stream } from "./stream-store.ts";
import { entryReply, signalStream, writeStream } from "./streams.ts";

/** addReplySubcommandSyntaxError. */
export function subcommandSyntax(argv: string[]): ErrorReply {
  return new ErrorReply(`ERR unknown subcommand or wrong number of arguments for '${cstr(argv[1], 128)}'. Try ${cstr(argv[0]).toUpperCase()} HELP.`);
}

/** addReplyHelp: the usage line, the command's lines, then HELP's own, as status replies. */
export function helpReply(argv: string[], lines: string[]): Reply {
  const name = cstr(argv[0]).toUpperCase();
  return [`${name} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:`, ...lines, "HELP", "    Prints this help."].map((l) => new SimpleString(l));
}

const XGROUP_HELP = [
  "CREATE <key> <groupname> <id|$> [option]",
  "    Create a new consumer group. Options are:",
  "    * MKSTREAM",
  "      Create the empty stream if it does not exist.",
  "    * ENTRIESREAD entries_read",
  "      Set the group's entries_read counter (internal use).",
  "CREATECONSUMER <key> <groupname> <consumer>",
  "    Create a new consumer in the specified group.",
  "DELCONSUMER <key> <groupname> <consumer>",
  "    Remove the specified consumer.",
  "DESTROY <key> <groupname>",
  "    Remove the specified group.",
  "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
  "    Set the current group ID and entries_read counter.",
];

/** A stream and one of its groups, or the NOGROUP error XACK's siblings give. */
function groupOf(c: Connection, argv: string[]): { s: Stream; g: ConsumerGroup } | ErrorReply {
  const e = lookupRead(c, argv[1]);
  if (e !== undefined && e.type !== "stream") return WRONGTYPE;
  const s = e?.value as Stream | undefined;
  const g = s?.groups?.get(argv[2]);
  if (s === undefined || g === undefined) return new ErrorReply(`NOGROUP No such key '${cstr(argv[1])}' or consumer group '${cstr(argv[2])}'`);
  return { s, g };
}

/** xgroupCommand: one handler for every subcommand, checking in Redis's order. */
function xgroup(c: Connection, argv: string[]): Reply {
  const opt = argv[1];
  const key = argv[2];
  let s: Stream | undefined;
  let g: ConsumerGroup | undefined;
  let mkstream = false;
  let entriesRead = INVALID_READ;
  if (argv.length >= 4) {
    const create = is(opt, "create");
    for (let i = 5; i < argv.length; ) {
      if (create && is(argv[i], "mkstream")) {
        mkstream = true;
        i++;
      } else if ((create || is(opt, "setid")) && is(argv[i], "entriesread") && i + 1 < argv.length) {
        entriesRead = intArg(argv[i + 1]);
        if (entriesRead < 0 && entriesRead !== INVALID_READ) return new ErrorReply("ERR value for ENTRIESREAD must be positive or -1");
        i += 2;
      } else return subcommandSyntax(argv);
    }
    s = writeStream(c, key);
  }
  const name = argv[3];
  if (argv.length >= 4 && !mkstream) {
    if (s === undefined)
      return new ErrorReply(
        "ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.",
      );
    g = s.groups?.get(name);
    if (g === undefined && (is(opt, "setid") || is(opt, "createconsumer") || is(opt, "delconsumer")))
      return new ErrorReply(`NOGROUP No such consumer group '${cstr(name)}' for key name '${cstr(key)}'`);
  }
  if (argv.length === 2 && is(opt, "help")) return helpReply(argv, XGROUP_HELP);
  if (is(opt, "create") && argv.length >= 5 && argv.length <= 8) {
    const id = argv[4] === "$" ? (s?.lastId ?? 0n) : parseIdOrFail(argv[4], 0n, true).id;
    if (s === undefined) {
      s = new Stream();
      c.db.add(key, "stream", s);
      touched(c, key);
    }
    if (s.groups?.has(name)) return new ErrorReply("BUSYGROUP Consumer Group name already exists");
    (s.groups ??= new Map()).set(name, new ConsumerGroup(id, entriesRead));
    notify(c, NOTIFY.stream, "xgroup-create", key);
    return OK;
  }
  if (is(opt, "setid") && (argv.length === 5 || argv.length === 7)) {
    g!.lastId = argv[4] === "$" ? s!.lastId : parseIdOrFail(argv[4], 0n, false).id;
    g!.entriesRead = entriesRead;
    notify(c, NOTIFY.stream, "xgroup-setid", key);
    return OK;
  }
  if (is(opt, "destroy") && argv.length === 4) {
    if (g === undefined) return 0;
    s!.groups!.delete(name);
    notify(c, NOTIFY.stream, "xgroup-destroy", key);
    // Clients blocked in XREADGROUP on this group get their -NOGROUP.
    signalStream(c, key);
    return 1;
  }
  if (is(opt, "createconsumer") && argv.length === 5) {
    if (g!.consumers.has(argv[4])) return 0;
    g!.consumers.set(argv[4], new Consumer(argv[4], c.server.time()));
    notify(c, NOTIFY.stream, "xgroup-createconsumer", key);
    return 1;
  }
  if (is(opt, "delconsumer") && argv.length === 5) {
    const consumer = g!.consumers.get(argv[4]);
    if (consumer === undefined) return 0;
    const pending = consumer.pel.size;
    g!.deleteConsumer(consumer);
    notify(c, NOTIFY.stream, "xgroup-delconsumer", key);
    return pending;
  }
  return subcommandSyntax(argv);
}

function xack(c: Connection, argv: string[]): Reply {
  const e = lookupRead(c, argv[1]);
  if (e !== undefined && e.type !== "stream") return WRONGTYPE;
  const g = (e?.value as Stream | undefined)?.groups?.get(argv[2]);
  if (g === undefined) return 0;
  // All or nothing: every ID parses before any is acknowledged.
  const ids = argv.slice(3).map((a) => parseIdOrFail(a, 0n, true).id);
  let acked = 0;
  for (const id of ids) {
    const nack = g.pel.get(id);
    if (nack === undefined) continue;
    g.pel.remove(id);
    nack.consumer?.pel.remove(id);
    acked++;
  }
  return acked;
}

function xpending(c: Connection, argv: string[]): Reply {
  const n = argv.length;
  if (n !== 3 && (n < 6 || n > 9)) return SYNTAX;
  let start: StreamID = 0n;
  let end: StreamID = MAX_ID;
  let count = 0;
  let minIdle = 0;
  let consumerName: string | undefined;
  if (n >= 6) {
    let at = 3;
    if (is(argv[3], "idle")) {
      minIdle = intArg(argv[4]);
      if (n < 8) return SYNTAX;
      at += 2;
    }
    count = intArg(argv[at + 2]);
    if (count < 0) count = 0;
    start = parseRangeBound(argv[at], false);
    end = parseRangeBound(argv[at + 1], true);
    if (at + 3 < n) consumerName = argv[at + 3];
  }
  const found = groupOf(c, argv);
  if (found instanceof ErrorReply) return found;
  const { g } = found;
  if (n === 3) {
    if (g.pel.size === 0) return [0, null, null, NIL_ARRAY];
    const owners: Reply[] = [];
    for (const consumer of g.consumerList()) if (consumer.pel.size > 0) owners.push([consumer.name, String(consumer.pel.size)]);
    return [g.pel.size, formatId(g.pel.first()!), formatId(g.pel.last()!), owners];
  }
  let pel = g.pel;
  if (consumerName !== undefined) {
    const consumer = g.consumers.get(consumerName);
    if (consumer === undefined) return [];
    pel = consumer.pel;
  }
  const now = c.server.time();
  const out: Reply[] = [];
  for (let i = pel.lowerBound(start); count && i < pel.size; i++) {
    const id = pel.at(i)!;
    if (id > end) break;
    const nack = pel.get(id)!;
    if (minIdle && now - nack.deliveryTime < minIdle) continue;
    count--;
    out.push([formatId(id), nack.consumer?.name ?? "", Math.max(0, now - nack.deliveryTime), nack.deliveryCount]);
  }
  return out;
}

/** Move a pending entry to a consumer (from its owner, if another), as XCLAIM and XAUTOCLAIM do. */
function takeOver(nack: Nack, id: StreamID, consumer: Consumer): void {
  if (nack.consumer === consumer) return;
  nack.consumer?.pel.remove(id);
  consumer.pel.insert(id, nack);
  nack.consumer = consumer;
}

function xclaim(c: Connection, argv: string[]): Reply {
  const found = groupOf(c, argv);
  if (found instanceof ErrorReply) return found;
  const { s, g } = found;
  let minIdle = intArg(argv[4], "Invalid min-idle-time argument for XCLAIM");
  if (minIdle < 0) minIdle = 0;
  // IDs run until the first argument that is not one; the options follow.
  const ids: StreamID[] = [];
  let j = 5;
  for (; j < argv.length; j++) {
    const p = parseId(argv[j], 0n, true);
    if (p === undefined) break;
    ids.push(p.id);
  }
  const now = c.server.time();
  let deliveryTime = -1;
  let retryCount = -1;
  let force = false;
  let justId = false;
  let lastId: StreamID = 0n;
  for (; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    const opt = argv[j];
    if (is(opt, "force")) force = true;
    else if (is(opt, "justid")) justId = true;
    else if (is(opt, "idle") && more) deliveryTime = now - intArg(argv[++j], "Invalid IDLE option argument for XCLAIM");
    else if (is(opt, "time") && more) deliveryTime = intArg(argv[++j], "Invalid TIME option argument for XCLAIM");
    else if (is(opt, "retrycount") && more) retryCount = intArg(argv[++j], "Invalid RETRYCOUNT option argument for XCLAIM");
    else if (is(opt, "lastid") && more) lastId = parseIdOrFail(argv[++j], 0n, true).id;
    else return new ErrorReply(`ERR Unrecognized XCLAIM option '${cstr(opt)}'`);
  }
  if (lastId > g.lastId) g.lastId = lastId;
  if (deliveryTime === -1 || deliveryTime < 0 || deliveryTime > now) deliveryTime = now;
  let consumer: Consumer | undefined;
  const out: Reply[] = [];
  for (const id of ids) {
    let nack = g.pel.get(id);
    const entry = s.get(id);
    if (entry === undefined) {
      // A pending entry whose message was deleted leaves the PELs.
      if (nack !== undefined) {
        g.pel.remove(id);
        nack.consumer?.pel.remove(id);
      }
      continue;
    }
    if (force && nack === undefined) {
      nack = { deliveryTime: now, deliveryCount: 1, consumer: null };
      g.pel.insert(id, nack);
    }
    if (nack === undefined) continue;
    if (nack.consumer !== null && minIdle && now - nack.deliveryTime < minIdle) continue;
    consumer ??= lookupOrCreateConsumer(c, argv[1], g, argv[3]);
    nack.deliveryTime = deliveryTime;
    if (retryCount >= 0) nack.deliveryCount = retryCount;
    else if (!justId) nack.deliveryCount++;
    takeOver(nack, id, consumer);
    out.push(justId ? formatId(id) : entryReply(entry));
  }
  return out;
}

/** LONG_MAX / max(sizeof(streamID), attempts factor 10): COUNT's upper bound. */
const AUTOCLAIM_MAX_COUNT = Number(9223372036854775807n / 16n);

function xautoclaim(c: Connection, argv: string[]): Reply {
  let minIdle = intArg(argv[4], "Invalid min-idle-time argument for XAUTOCLAIM");
  if (minIdle < 0) minIdle = 0;
  const start = parseRangeBound(argv[5], false);
  let count = 100;
  let justId = false;
  for (let j = 6; j < argv.length; j++) {
    if (is(argv[j], "count") && argv.length - 1 - j > 0) count = rangeArg(argv[++j], 1, AUTOCLAIM_MAX_COUNT, "COUNT must be > 0");
    else if (is(argv[j], "justid")) justId = true;
    else return SYNTAX;
  }
  const found = groupOf(c, argv);
  if (found instanceof ErrorReply) return found;
  const { s, g } = found;
  let attempts = count * 10;
  const now = c.server.time();
  const claimed: Reply[] = [];
  const deleted: Reply[] = [];
  let consumer: Consumer | undefined;
  let i = g.pel.lowerBound(start);
  while (attempts-- && count && i < g.pel.size) {
    const id = g.pel.at(i)!;
    const nack = g.pel.get(id)!;
    const entry = s.get(id);
    if (entry === undefined) {
      g.pel.remove(id);
      nack.consumer?.pel.remove(id);
      deleted.push(formatId(id));
      count--;
      continue;
    }
    i++;
    if (minIdle && now - nack.deliveryTime < minIdle) continue;
    consumer ??= lookupOrCreateConsumer(c, argv[1], g, argv[3]);
    nack.deliveryTime = now;
    if (!justId) nack.deliveryCount++;
    takeOver(nack, id, consumer);
    claimed.push(justId ? formatId(id) : entryReply(entry));
    count--;
  }
  const next = g.pel.at(i);
  return [next === undefined ? "0-0" : formatId(next), claimed, deleted];
}

export const streamGroupCommands: CommandSpec[] = [
  cmd("xgroup", -2, "", [0, 0, 0], () => null, [
    cmd("create", -5, "write", [2, 2, 1], xgroup),
    cmd("setid", -5, "write", [2, 2, 1], xgroup),
    cmd("destroy", 4, "write", [2, 2, 1], xgroup),
    cmd("createconsumer", 5, "write", [2, 2, 1], xgroup),
    cmd("delconsumer", 5, "write", [2, 2, 1], xgroup),
    cmd("help", 2, "", [0, 0, 0], xgroup),
  ]),
  cmd("xack", -4, "write", [1, 1, 1], xack),
  cmd("xpending", -3, "readonly", [1, 1, 1], xpending),
  cmd("xclaim", -6, "write", [1, 1, 1], xclaim),
  cmd("xautoclaim", -6, "write", [1, 1, 1], xautoclaim),
];
