// XINFO STREAM [FULL [COUNT n]], XINFO GROUPS, XINFO CONSUMERS (t_stream.c's xinfoCommand), with
// Redis 7.0's fields: a group's entries-read and lag, a consumer's pending count and idle time.
// RESP2 has no maps: each map is a flat array of name, value, name, value...
import { intArg, is } from "./args.ts";
import { cmd, type CommandSpec } from "./command.ts";
import type { Connection } from "./connection.ts";
import { ErrorReply, NO_SUCH_KEY, cstr, type Reply } from "./reply.ts";
import { groupList, INVALID_READ, type ConsumerGroup } from "./stream-groups-store.ts";
import { MAX_ID, formatId } from "./stream-id.ts";
import { radixNodeCount } from "./stream-rax.ts";
import type { Stream, StreamEntry } from "./stream-store.ts";
import { entryReply, readStream } from "./streams.ts";
import { helpReply, subcommandSyntax } from "./stream-groups.ts";

const XINFO_HELP = [
  "CONSUMERS <key> <groupname>",
  "    Show consumers of <groupname>.",
  "GROUPS <key>",
  "    Show the stream consumer groups.",
  "STREAM <key> [FULL [COUNT <count>]",
  "    Show information about the stream.",
];

/** streamReplyWithCGLag: entries the group has yet to read, or null when holes make it unknowable. */
function lag(s: Stream, g: ConsumerGroup): Reply {
  if (!s.entriesAdded) return 0;
  if (g.entriesRead !== INVALID_READ && !s.rangeHasTombstones(g.lastId)) return s.entriesAdded - g.entriesRead;
  const read = s.distanceFromFirstEver(g.lastId);
  return read === INVALID_READ ? null : s.entriesAdded - read;
}

/** Where a group is: its last delivered ID, read counter (null when unknown) and lag. */
function progress(s: Stream, g: ConsumerGroup): Reply[] {
  return ["last-delivered-id", formatId(g.lastId), "entries-read", g.entriesRead === INVALID_READ ? null : g.entriesRead, "lag", lag(s, g)];
}

function first(s: Stream, rev: boolean): Reply {
  let found: StreamEntry | undefined;
  s.scan(0n, MAX_ID, rev, (e) => {
    found = e;
    return false;
  });
  return found === undefined ? null : entryReply(found);
}

function streamInfo(argv: string[], s: Stream): Reply {
  const opts = argv.length - 3;
  let full = false;
  let count = 10;
  if (opts !== 0) {
    if (opts !== 1 && opts !== 3) return subcommandSyntax(argv);
    if (!is(argv[3], "full")) return subcommandSyntax(argv);
    if (opts === 3) {
      if (!is(argv[4], "count")) return subcommandSyntax(argv);
      count = intArg(argv[5]);
      if (count < 0) count = 10;
    }
    full = true;
  }
  const out: Reply[] = [
    "length",
    s.length,
    "radix-tree-keys",
    s.nodeCount,
    "radix-tree-nodes",
    radixNodeCount(s.masters()),
    "last-generated-id",
    formatId(s.lastId),
    "max-deleted-entry-id",
    formatId(s.maxDeletedId),
    "entries-added",
    s.entriesAdded,
    "recorded-first-entry-id",
    formatId(s.firstId),
  ];
  if (!full) {
    out.push("groups", s.groups?.size ?? 0, "first-entry", first(s, false), "last-entry", first(s, true));
    return out;
  }
  const entries: Reply[] = [];
  s.scan(0n, MAX_ID, false, (e) => {
    entries.push(entryReply(e));
    return entries.length !== count;
  });
  const groups: Reply[] = [];
  for (const [name, g] of groupList(s.groups)) {
    const pending: Reply[] = [];
    for (let i = 0; i < g.pel.size && (!count || pending.length < count); i++) {
      const id = g.pel.at(i)!;
      const nack = g.pel.get(id)!;
      pending.push([formatId(id), nack.consumer?.name ?? "", nack.deliveryTime, nack.deliveryCount]);
    }
    const consumers: Reply[] = [];
    for (const consumer of g.consumerList()) {
      const own: Reply[] = [];
      for (let i = 0; i < consumer.pel.size && (!count || own.length < count); i++) {
        const id = consumer.pel.at(i)!;
        const nack = consumer.pel.get(id)!;
        own.push([formatId(id), nack.deliveryTime, nack.deliveryCount]);
      }
      consumers.push(["name", consumer.name, "seen-time", consumer.seenTime, "pel-count", consumer.pel.size, "pending", own]);
    }
    groups.push(["name", name, ...progress(s, g), "pel-count", g.pel.size, "pending", pending, "consumers", consumers]);
  }
  out.push("entries", entries, "groups", groups);
  return out;
}

function xinfo(c: Connection, argv: string[]): Reply {
  if (is(argv[1], "help")) return argv.length !== 2 ? subcommandSyntax(argv) : helpReply(argv, XINFO_HELP);
  if (argv.length < 3) return subcommandSyntax(argv);
  const s = readStream(c, argv[2]);
  if (s === undefined) return NO_SUCH_KEY;
  if (is(argv[1], "consumers") && argv.length === 4) {
    const g = s.groups?.get(argv[3]);
    if (g === undefined) return new ErrorReply(`NOGROUP No such consumer group '${cstr(argv[3])}' for key name '${cstr(argv[2])}'`);
    const now = c.server.time();
    return g.consumerList().map((x) => ["name", x.name, "pending", x.pel.size, "idle", Math.max(0, now - x.seenTime)]);
  }
  if (is(argv[1], "groups") && argv.length === 3) {
    return groupList(s.groups).map(([name, g]) => ["name", name, "consumers", g.consumers.size, "pending", g.pel.size, ...progress(s, g)]);
  }
  if (is(argv[1], "stream")) return streamInfo(argv, s);
  return subcommandSyntax(argv);
}

export const streamInfoCommands: CommandSpec[] = [
  cmd("xinfo", -2, "", [0, 0, 0], () => null, [
    cmd("consumers", 4, "readonly", [2, 2, 1], xinfo),
    cmd("groups", 3, "readonly", [2, 2, 1], xinfo),
    cmd("stream", -3, "readonly", [2, 2, 1], xinfo),
    cmd("help", 2, "", [0, 0, 0], xinfo),
  ]),
];
