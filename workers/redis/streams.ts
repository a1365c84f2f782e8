// Stream commands that add, read by range, delete and trim (t_stream.c): XADD, XLEN, XRANGE,
// XREVRANGE, XDEL, XTRIM, XSETID. XREAD and XREADGROUP are in stream-read.ts, the consumer
// group commands in stream-groups.ts, XINFO in stream-info.ts; the stream itself in stream-store.ts.
import { lookupRead, lookupWrite, touched } from "./access.ts";
import { intArg, is } from "./args.ts";
import { KEY1, cmd, type CommandSpec } from "./command.ts";
import { limit } from "./config.ts";
import type { Connection } from "./connection.ts";
import { NOTIFY, notify } from "./notify.ts";
import { ErrorReply, NIL_ARRAY, NO_SUCH_KEY, OK, SYNTAX, WRONGTYPE, fail, type Reply } from "./reply.ts";
import { formatId, parseIdOrFail, parseRangeBound, type StreamID } from "./stream-id.ts";
import { Stream, type StreamEntry, type TrimArgs } from "./stream-store.ts";

/** A stream under key for reading (lookupKeyRead: counts hits and misses); WRONGTYPE for another type. */
export function readStream(c: Connection, key: string): Stream | undefined {
  const e = lookupRead(c, key);
  if (e === undefined) return undefined;
  if (e.type !== "stream") fail(WRONGTYPE);
  return e.value as Stream;
}

export function writeStream(c: Connection, key: string): Stream | undefined {
  const e = lookupWrite(c, key);
  if (e === undefined) return undefined;
  if (e.type !== "stream") fail(WRONGTYPE);
  return e.value as Stream;
}

/** An entry as the range replies give it: its ID and its field-value pairs. */
export function entryReply(e: StreamEntry): Reply {
  return [formatId(e.id), e.fields];
}

/** Tell clients blocked on the key (XREAD, XREADGROUP) that it may serve them. */
export function signalStream(c: Connection, key: string): void {
  if (c.db.blockingKeys.has(key)) c.server.keyReady(c.db, key);
}

/** A C string compared with a one-character option ("*", "~", "="): Redis reads up to the first NUL. */
function isChar(arg: string, ch: string): boolean {
  return arg[0] === ch && (arg.length === 1 || arg[1] === "\0");
}

interface AddTrimArgs {
  trim: TrimArgs | null;
  approx: boolean;
  limit: number;
  id?: { id: StreamID; seqGiven: boolean };
  noMkStream: boolean;
  /** Where XADD's ID is. */
  idPos: number;
}

const INCOMPATIBLE = "ERR syntax error, MAXLEN and MINID options at the same time are not compatible";

/** streamParseAddOrTrimArgsOrReply. */
function addTrimArgs(argv: string[], xadd: boolean): AddTrimArgs {
  const a: AddTrimArgs = { trim: null, approx: false, limit: 0, noMkStream: false, idPos: 0 };
  let i = 2;
  let limitGiven = false;
  for (; i < argv.length; i++) {
    const more = argv.length - 1 - i;
    const opt = argv[i];
    if (xadd && isChar(opt, "*")) break;
    if ((is(opt, "maxlen") || is(opt, "minid")) && more) {
      if (a.trim !== null) fail(INCOMPATIBLE);
      a.approx = false;
      if (more >= 2 && isChar(argv[i + 1], "~")) {
        a.approx = true;
        i++;
      } else if (more >= 2 && isChar(argv[i + 1], "=")) i++;
      if (is(opt, "maxlen")) {
        const maxlen = intArg(argv[i + 1]);
        if (maxlen < 0) fail("ERR The MAXLEN argument must be >= 0.");
        a.trim = { strategy: "maxlen", maxlen };
      } else {
        a.trim = { strategy: "minid", minid: parseIdOrFail(argv[i + 1], 0n, true).id };
      }
      i++;
    } else if (is(opt, "limit") && more) {
      a.limit = intArg(argv[i + 1]);
      if (a.limit < 0) fail("ERR The LIMIT argument must be >= 0.");
      limitGiven = true;
      i++;
    } else if (xadd && is(opt, "nomkstream")) {
      a.noMkStream = true;
    } else if (xadd) {
      a.id = parseIdOrFail(opt, 0n, true, true);
      break;
    } else fail(SYNTAX);
  }
  if (a.limit && a.trim === null) fail("ERR syntax error, LIMIT cannot be used without specifying a trimming strategy");
  if (!xadd && a.trim === null) fail("ERR syntax error, XTRIM must be called with a trimming strategy");
  if (limitGiven) {
    if (!a.approx) fail("ERR syntax error, LIMIT cannot be used without the special ~ option");
  } else if (a.approx) {
    // At most 100 nodes' worth of work per call, capped both ways.
    a.limit = 100 * limit("stream-node-max-entries");
    if (a.limit <= 0) a.limit = 10000;
    if (a.limit > 1000000) a.limit = 1000000;
  } else a.limit = 0;
  a.idPos = i;
  return a;
}

function xadd(c: Connection, argv: string[]): Reply {
  const a = addTrimArgs(argv, true);
  const fieldPos = a.idPos + 1;
  const pairs = argv.length - fieldPos;
  if (pairs < 2 || pairs % 2 === 1) return new ErrorReply("ERR wrong number of arguments for 'xadd' command");
  if (a.id !== undefined && a.id.seqGiven && a.id.id === 0n) return new ErrorReply("ERR The ID specified in XADD must be greater than 0-0");
  const key = argv[1];
  let s = writeStream(c, key);
  if (s === undefined) {
    if (a.noMkStream) return null;
    s = new Stream();
    c.db.add(key, "stream", s);
  }
  if (s.lastId === (1n << 128n) - 1n) return new ErrorReply("ERR The stream has exhausted the last possible ID, unable to add more items");
  const id = s.append(argv.slice(fieldPos), c.server.time(), a.id);
  if (id === "smaller") return new ErrorReply("ERR The ID specified in XADD is equal or smaller than the target stream top item");
  if (id === "too-large") return new ErrorReply("ERR Elements are too large to be stored");
  touched(c, key);
  notify(c, NOTIFY.stream, "xadd", key);
  if (a.trim !== null && s.trim(a.trim, a.approx, a.limit)) notify(c, NOTIFY.stream, "xtrim", key);
  signalStream(c, key);
  return formatId(id);
}

function xrange(c: Connection, argv: string[], rev: boolean): Reply {
  const start = parseRangeBound(rev ? argv[3] : argv[2], false);
  const end = parseRangeBound(rev ? argv[2] : argv[3], true);
  let count = -1;
  for (let j = 4; j < argv.length; j++) {
    if (is(argv[j], "count") && argv.length - j - 1 >= 1) {
      count = intArg(argv[++j]);
      if (count < 0) count = 0;
    } else return SYNTAX;
  }
  const s = readStream(c, argv[1]);
  if (s === undefined) return [];
  if (count === 0) return NIL_ARRAY;
  const out: Reply[] = [];
  s.scan(start, end, rev, (e) => {
    out.push(entryReply(e));
    return out.length !== count;
  });
  return out;
}

function xdel(c: Connection, argv: string[]): Reply {
  const key = argv[1];
  const s = writeStream(c, key);
  if (s === undefined) return 0;
  const ids = argv.slice(2).map((a) => parseIdOrFail(a, 0n, true).id);
  let deleted = 0;
  let firstEntry = false;
  for (const id of ids) {
    if (!s.delete(id)) continue;
    if (id === s.firstId) firstEntry = true;
    if (id > s.maxDeletedId) s.maxDeletedId = id;
    deleted++;
  }
  if (deleted) {
    if (s.length === 0) s.firstId = 0n;
    else if (firstEntry) s.firstId = s.edgeId(true)!;
    touched(c, key);
    notify(c, NOTIFY.stream, "xdel", key);
  }
  return deleted;
}

function xtrim(c: Connection, argv: string[]): Reply {
  const a = addTrimArgs(argv, false);
  const key = argv[1];
  const s = writeStream(c, key);
  if (s === undefined) return 0;
  const deleted = s.trim(a.trim!, a.approx, a.limit);
  if (deleted) {
    notify(c, NOTIFY.stream, "xtrim", key);
    touched(c, key);
  }
  return deleted;
}

function xsetid(c: Connection, argv: string[]): Reply {
  const { id } = parseIdOrFail(argv[2], 0n, true);
  let entriesAdded = -1;
  let maxXdel = 0n;
  for (let i = 3; i < argv.length; i += 2) {
    const more = argv.length - 1 - i;
    if (is(argv[i], "entriesadded") && more) {
      entriesAdded = intArg(argv[i + 1]);
      if (entriesAdded < 0) return new ErrorReply("ERR entries_added must be positive");
    } else if (is(argv[i], "maxdeletedid") && more) {
      maxXdel = parseIdOrFail(argv[i + 1], 0n, true).id;
      if (id < maxXdel) return new ErrorReply("ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id");
    } else return SYNTAX;
  }
  const s = writeStream(c, argv[1]);
  if (s === undefined) return NO_SUCH_KEY;
  if (s.length > 0) {
    if (id < s.edgeId(false)!) return new ErrorReply("ERR The ID specified in XSETID is smaller than the target stream top item");
    if (entriesAdded !== -1 && s.length > entriesAdded)
      return new ErrorReply("ERR The entries_added specified in XSETID is smaller than the target stream length");
  }
  s.lastId = id;
  if (entriesAdded !== -1) s.entriesAdded = entriesAdded;
  if (maxXdel !== 0n) s.maxDeletedId = maxXdel;
  notify(c, NOTIFY.stream, "xsetid", argv[1]);
  return OK;
}

export const streamCommands: CommandSpec[] = [
  cmd("xadd", -5, "write", KEY1, xadd),
  cmd("xlen", 2, "readonly", KEY1, (c, a) => readStream(c, a[1])?.length ?? 0),
  cmd("xrange", -4, "readonly", KEY1, (c, a) => xrange(c, a, false)),
  cmd("xrevrange", -4, "readonly", KEY1, (c, a) => xrange(c, a, true)),
  cmd("xdel", -3, "write", KEY1, xdel),
  cmd("xtrim", -4, "write", KEY1, xtrim),
  cmd("xsetid", -3, "write", KEY1, xsetid),
];
