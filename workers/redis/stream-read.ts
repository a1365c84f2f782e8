// XREAD and XREADGROUP (t_stream.c's xreadCommand, blocked.c's serveClientsBlockedOnStreamKey):
// read entries after an ID from one or more streams, or — in a consumer group — the entries never
// delivered to the group (">") or a consumer's own pending history (any other ID). With BLOCK the
// connection waits (blocked.ts) until an XADD gives it something, the clock passes the timeout
// (a nil reply), or — for XREADGROUP — the group or the key goes away (an error).
import { lookupRead } from "./access.ts";
import { intArg, is } from "./args.ts";
import { blockForKeys } from "./blocked.ts";
import { cmd, type CommandSpec } from "./command.ts";
import type { Connection } from "./connection.ts";
import { NOTIFY, notify } from "./notify.ts";
import { ErrorReply, NIL_ARRAY, SYNTAX, WRONGTYPE, fail, type Outcome, type Reply } from "./reply.ts";
import { Consumer, INVALID_READ, type ConsumerGroup } from "./stream-groups-store.ts";
import { MAX_ID, formatId, parseIdOrFail, type StreamID } from "./stream-id.ts";
import type { Stream } from "./stream-store.ts";
import { entryReply } from "./streams.ts";

/** XREAD_BLOCKED_DEFAULT_COUNT: a blocked reader with no COUNT gets at most this many entries. */
const BLOCKED_DEFAULT_COUNT = 1000;

/** streamLookupConsumer (refreshing its seen time) or streamCreateConsumer (with its keyspace event). */
export function lookupOrCreateConsumer(c: Connection, key: string, group: ConsumerGroup, name: string): Consumer {
  const now = c.server.time();
  let consumer = group.consumers.get(name);
  if (consumer !== undefined) {
    consumer.seenTime = now;
    return consumer;
  }
  consumer = new Consumer(name, now);
  group.consumers.set(name, consumer);
  notify(c, NOTIFY.stream, "xgroup-createconsumer", key);
  return consumer;
}

/**
 * streamReplyWithRange for a group: entries from start on (at most count; 0 for all), moving the
 * group's last delivered ID and read counter, and — unless noack — adding each entry to the
 * group's and the consumer's PEL (taking it from another consumer that had it).
 */
function deliverNew(c: Connection, s: Stream, start: StreamID, count: number, group: ConsumerGroup, consumer: Consumer, noack: boolean): Reply[] {
  const out: Reply[] = [];
  const now = c.server.time();
  s.scan(start, MAX_ID, false, (e) => {
    if (e.id > group.lastId) {
      if (group.entriesRead !== INVALID_READ && !s.rangeHasTombstones(e.id)) group.entriesRead++;
      else if (s.entriesAdded) group.entriesRead = s.distanceFromFirstEver(e.id);
      group.lastId = e.id;
    }
    out.push(entryReply(e));
    if (!noack) {
      const nack = { deliveryTime: now, deliveryCount: 1, consumer };
      if (group.pel.insert(e.id, nack)) consumer.pel.insert(e.id, nack);
      else {
        const owned = group.pel.get(e.id)!;
        owned.consumer?.pel.remove(e.id);
        owned.consumer = consumer;
        owned.deliveryTime = now;
        owned.deliveryCount = 1;
        consumer.pel.insert(e.id, owned);
      }
    }
    return out.length !== count;
  });
  return out;
}

/** streamReplyWithRangeFromConsumerPEL: the consumer's pending entries from start on; a deleted one as [id, nil]. */
function deliverHistory(c: Connection, s: Stream, start: StreamID, count: number, consumer: Consumer): Reply[] {
  const out: Reply[] = [];
  const now = c.server.time();
  const pel = consumer.pel;
  for (let i = pel.lowerBound(start); i < pel.size && (!count || out.length < count); i++) {
    const id = pel.at(i)!;
    const e = s.get(id);
    if (e === undefined) out.push([formatId(id), NIL_ARRAY]);
    else {
      out.push(entryReply(e));
      const nack = pel.get(id)!;
      nack.deliveryTime = now;
      nack.deliveryCount++;
    }
  }
  return out;
}

interface ReadArgs {
  timeout: number;
  count: number;
  noack: boolean;
  group: string | null;
  consumer: string;
  keys: string[];
  idArgs: string[];
}

const UNBALANCED = "ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.";

/** The options before STREAMS, in xreadCommand's order and with its errors. */
function readArgs(c: Connection, argv: string[], xreadgroup: boolean): ReadArgs {
  const a: ReadArgs = { timeout: -1, count: 0, noack: false, group: null, consumer: "", keys: [], idArgs: [] };
  let streamsAt = 0;
  for (let i = 1; i < argv.length; i++) {
    const more = argv.length - i - 1;
    const o = argv[i];
    if (is(o, "block") && more) {
      const t = intArg(argv[++i], "timeout is not an integer or out of range");
      if (t < 0) fail("ERR timeout is negative");
      a.timeout = t > 0 ? t + c.server.time() : 0;
    } else if (is(o, "count") && more) {
      a.count = intArg(argv[++i]);
      if (a.count < 0) a.count = 0;
    } else if (is(o, "streams") && more) {
      streamsAt = i + 1;
      if ((argv.length - streamsAt) % 2 !== 0) fail(UNBALANCED);
      break;
    } else if (is(o, "group") && more >= 2) {
      if (!xreadgroup) fail("ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.");
      a.group = argv[i + 1];
      a.consumer = argv[i + 2];
      i += 2;
    } else if (is(o, "noack")) {
      if (!xreadgroup) fail("ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.");
      a.noack = true;
    } else fail(SYNTAX);
  }
  if (streamsAt === 0) fail(SYNTAX);
  if (xreadgroup && a.group === null) fail("ERR Missing GROUP option for XREADGROUP");
  const n = (argv.length - streamsAt) / 2;
  a.keys = argv.slice(streamsAt, streamsAt + n);
  a.idArgs = argv.slice(streamsAt + n);
  return a;
}

function xread(c: Connection, argv: string[], xreadgroup: boolean): Outcome {
  const a = readArgs(c, argv, xreadgroup);
  const n = a.keys.length;
  const ids: StreamID[] = [];
  const groups: ConsumerGroup[] = [];
  // Resolve every key's group and ID first: any error leaves nothing read.
  for (let i = 0; i < n; i++) {
    const key = a.keys[i];
    const e = lookupRead(c, key);
    if (e !== undefined && e.type !== "stream") return WRONGTYPE;
    const s = e?.value as Stream | undefined;
    if (a.group !== null) {
      const g = s?.groups?.get(a.group);
      if (g === undefined) return new ErrorReply(`NOGROUP No such key '${key}' or consumer group '${a.group}' in XREADGROUP with GROUP option`);
      groups.push(g);
    }
    const arg = a.idArgs[i];
    if (arg === "$") {
      if (xreadgroup)
        return new ErrorReply(
          "ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.",
        );
      ids.push(s ? s.lastId : 0n);
    } else if (arg === ">") {
      if (!xreadgroup) return new ErrorReply("ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.");
      ids.push(MAX_ID);
    } else ids.push(parseIdOrFail(arg, 0n, true).id);
  }
  const out: Reply[] = [];
  for (let i = 0; i < n; i++) {
    const key = a.keys[i];
    const e = lookupRead(c, key);
    if (e === undefined) continue;
    const s = e.value as Stream;
    let gt = ids[i];
    let history = false;
    let serve = false;
    if (a.group !== null) {
      if (gt !== MAX_ID) serve = history = true;
      else if (s.length && s.edgeId(false)! > groups[i].lastId) {
        serve = true;
        gt = groups[i].lastId;
      }
    } else if (s.length && s.edgeId(false)! > gt) serve = true;
    if (!serve) continue;
    if (a.group === null) {
      const entries: Reply[] = [];
      s.scan(gt + 1n, MAX_ID, false, (x) => {
        entries.push(entryReply(x));
        return entries.length !== a.count;
      });
      out.push([key, entries]);
      continue;
    }
    const consumer = lookupOrCreateConsumer(c, key, groups[i], a.consumer);
    out.push([key, history ? deliverHistory(c, s, gt + 1n, a.count, consumer) : deliverNew(c, s, gt + 1n, a.count, groups[i], consumer, a.noack)]);
  }
  if (out.length > 0) return out;
  if (a.timeout === -1 || c.inExec) return NIL_ARRAY;
  return block(c, a, ids);
}

/** blockForKeys for streams: each key with the ID to read after (the first one given for a key named twice). */
function block(c: Connection, a: ReadArgs, ids: StreamID[]): Outcome {
  const after = new Map<string, StreamID>();
  for (let i = 0; i < a.keys.length; i++) if (!after.has(a.keys[i])) after.set(a.keys[i], ids[i]);
  const count = a.count || BLOCKED_DEFAULT_COUNT;
  const db = c.db;
  const serve = (key: string): Reply | undefined => {
    const e = db.lookup(key, c.server);
    if (e === undefined || e.type !== "stream") return a.group === null ? undefined : GONE;
    const s = e.value as Stream;
    let gt = after.get(key)!;
    let group: ConsumerGroup | undefined;
    if (a.group !== null) {
      group = s.groups?.get(a.group);
      if (group === undefined) return NO_GROUP;
      gt = group.lastId;
    }
    if (s.lastId <= gt) return undefined;
    if (group === undefined) {
      const entries: Reply[] = [];
      s.scan(gt + 1n, MAX_ID, false, (x) => {
        entries.push(entryReply(x));
        return entries.length !== count;
      });
      return [[key, entries]];
    }
    const consumer = lookupOrCreateConsumer(c, key, group, a.consumer);
    return [[key, deliverNew(c, s, gt + 1n, count, group, consumer, a.noack)]];
  };
  const gone = a.group === null ? undefined : () => GONE;
  return blockForKeys(c, [...after.keys()], a.timeout, serve, gone);
}

const GONE = new ErrorReply("UNBLOCKED the stream key no longer exists");
const NO_GROUP = new ErrorReply("NOGROUP the consumer group this client was blocked on no longer exists");

/**
 * COMMAND GETKEYS for XREAD / XREADGROUP: Redis 7.0 reads their key specs — the first STREAMS at or
 * after argument 1 (XREADGROUP: 4), never the last argument, then half of what follows it.
 */
export function xreadKeyPositions(argv: string[], startFrom: number): number[] {
  const argc = argv.length;
  let first = 0;
  for (let i = startFrom; i !== argc - 1 && i < argc; i++) {
    if (is(argv[i], "streams")) {
      first = i + 1;
      break;
    }
  }
  if (!first) return [];
  const last = first + Math.floor((argc - first) / 2) - 1;
  if (last >= argc || last < first || first >= argc) return [];
  const keys: number[] = [];
  for (let i = first; i <= last; i++) keys.push(i);
  return keys;
}

export const streamReadCommands: CommandSpec[] = [
  cmd("xread", -4, "readonly blocking", [0, 0, 0], (c, a) => xread(c, a, false)),
  cmd("xreadgroup", -7, "write blocking", [0, 0, 0], (c, a) => xread(c, a, true)),
];
