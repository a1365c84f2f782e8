// Pub/sub (pubsub.c): SUBSCRIBE / PSUBSCRIBE / SSUBSCRIBE and their UNSUBSCRIBEs answer with one
// confirmation frame per channel, each carrying the connection's subscription count after it;
// PUBLISH fans a message out to channel subscribers, then to matching patterns. The registries
// (channel, pattern and shard channel -> subscribers) are the server's, as in Redis's server
// struct (engine.ts); a connection keeps its own side of each subscription (connection.ts).
import { NO_KEYS, cmd, type CommandSpec } from "./command.ts";
import type { Connection } from "./connection.ts";
import type { RedisServer } from "./engine.ts";
import { globMatch } from "./glob.ts";
import { ErrorReply, Frames, SimpleString, cstr, type Reply } from "./reply.ts";

type Registry = Map<string, Set<Connection>>;

/** clientSubscriptionsCount: channels and patterns (shard channels count apart). */
function count(c: Connection): number {
  return c.channels.size + c.patterns.length;
}

function join(reg: Registry, name: string, c: Connection): void {
  let set = reg.get(name);
  if (set === undefined) reg.set(name, (set = new Set()));
  set.add(c);
}

function leave(reg: Registry, name: string, c: Connection): void {
  const set = reg.get(name);
  if (set === undefined) return;
  set.delete(c);
  if (set.size === 0) reg.delete(name);
}

/**
 * pubsubPublishMessage: channel subscribers first, then pattern subscriptions; returns the
 * receivers. `from` is the publishing connection, undefined for a keyspace notification.
 */
export function publishMessage(s: RedisServer, from: Connection | undefined, channel: string, message: string): number {
  let receivers = 0;
  const subs = s.channels.get(channel);
  if (subs !== undefined) {
    for (const c of subs) {
      c.deliver(["message", channel, message]);
      if (s.sink) s.emit({ kind: "deliver", conn: c.id, channel });
      receivers++;
    }
  }
  if (s.patterns.size > 0) {
    for (const [pattern, conns] of s.patterns) {
      if (!globMatch(pattern, channel)) continue;
      for (const c of conns) {
        c.deliver(["pmessage", pattern, channel, message]);
        if (s.sink) s.emit({ kind: "deliver", conn: c.id, channel, pattern });
        receivers++;
      }
    }
  }
  s.stats.published++;
  // Keyspace notifications come from no connection: their deliveries are traced, not a publish.
  if (s.sink && from !== undefined) s.emit({ kind: "publish", conn: from.id, channel, receivers });
  return receivers;
}

/** pubsubPublishMessage for shard channels (SPUBLISH): returns the receivers. */
export function publishShardMessage(s: RedisServer, channel: string, message: string): number {
  const subs = s.shardChannels.get(channel);
  if (subs === undefined) return 0;
  for (const c of subs) c.deliver(["smessage", channel, message]);
  return subs.size;
}

function subscribe(c: Connection, argv: string[]): Frames {
  const frames: Reply[] = [];
  for (let i = 1; i < argv.length; i++) {
    const ch = argv[i];
    if (!c.channels.has(ch)) {
      c.channels.add(ch);
      join(c.server.channels, ch, c);
    }
    frames.push(["subscribe", ch, count(c)]);
  }
  c.updateSubscribed();
  return new Frames(frames);
}

function psubscribe(c: Connection, argv: string[]): Frames {
  const frames: Reply[] = [];
  for (let i = 1; i < argv.length; i++) {
    const p = argv[i];
    if (!c.patterns.includes(p)) {
      c.patterns.push(p);
      join(c.server.patterns, p, c);
    }
    frames.push(["psubscribe", p, count(c)]);
  }
  c.updateSubscribed();
  return new Frames(frames);
}

function unsubscribeOne(c: Connection, ch: string): Reply {
  if (c.channels.delete(ch)) leave(c.server.channels, ch, c);
  return ["unsubscribe", ch, count(c)];
}

function unsubscribe(c: Connection, argv: string[]): Frames {
  const frames: Reply[] = [];
  if (argv.length === 1) {
    for (const ch of [...c.channels]) frames.push(unsubscribeOne(c, ch));
    if (frames.length === 0) frames.push(["unsubscribe", null, count(c)]);
  } else for (let i = 1; i < argv.length; i++) frames.push(unsubscribeOne(c, argv[i]));
  c.updateSubscribed();
  return new Frames(frames);
}

function punsubscribeOne(c: Connection, p: string): Reply {
  const i = c.patterns.indexOf(p);
  if (i >= 0) {
    c.patterns.splice(i, 1);
    leave(c.server.patterns, p, c);
  }
  return ["punsubscribe", p, count(c)];
}

function punsubscribe(c: Connection, argv: string[]): Frames {
  const frames: Reply[] = [];
  if (argv.length === 1) {
    for (const p of [...c.patterns]) frames.push(punsubscribeOne(c, p));
    if (frames.length === 0) frames.push(["punsubscribe", null, count(c)]);
  } else for (let i = 1; i < argv.length; i++) frames.push(punsubscribeOne(c, argv[i]));
  c.updateSubscribed();
  return new Frames(frames);
}

function ssubscribe(c: Connection, argv: string[]): Frames {
  const frames: Reply[] = [];
  for (let i = 1; i < argv.length; i++) {
    const ch = argv[i];
    if (!c.shardChannels.has(ch)) {
      c.shardChannels.add(ch);
      join(c.server.shardChannels, ch, c);
    }
    frames.push(["ssubscribe", ch, c.shardChannels.size]);
  }
  c.updateSubscribed();
  return new Frames(frames);
}

function sunsubscribe(c: Connection, argv: string[]): Frames {
  const frames: Reply[] = [];
  const one = (ch: string) => {
    if (c.shardChannels.delete(ch)) leave(c.server.shardChannels, ch, c);
    frames.push(["sunsubscribe", ch, c.shardChannels.size]);
  };
  if (argv.length === 1) {
    for (const ch of [...c.shardChannels]) one(ch);
    if (frames.length === 0) frames.push(["sunsubscribe", null, 0]);
  } else for (let i = 1; i < argv.length; i++) one(argv[i]);
  c.updateSubscribed();
  return new Frames(frames);
}

function channelsMatching(reg: Registry, argv: string[]): Reply {
  if (argv.length !== 2 && argv.length !== 3)
    return new ErrorReply(`ERR unknown subcommand or wrong number of arguments for '${cstr(argv[1], 128)}'. Try ${cstr(argv[0]).toUpperCase()} HELP.`);
  const pattern = argv.length === 3 ? argv[2] : null;
  const out: Reply[] = [];
  for (const ch of reg.keys()) if (pattern === null || globMatch(pattern, ch)) out.push(ch);
  return out;
}

function numsub(reg: Registry, argv: string[]): Reply {
  const out: Reply[] = [];
  for (let i = 2; i < argv.length; i++) out.push(argv[i], reg.get(argv[i])?.size ?? 0);
  return out;
}

const PUBSUB_HELP = [
  "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
  "CHANNELS [<pattern>]",
  "    Return the currently active channels matching a <pattern> (default: '*').",
  "NUMPAT",
  "    Return number of subscriptions to patterns.",
  "NUMSUB [<channel> ...]",
  "    Return the number of subscribers for the specified channels, excluding",
  "    pattern subscriptions(default: no channels).",
  "SHARDCHANNELS [<pattern>]",
  "    Return the currently active shard level channels matching a <pattern> (default: '*').",
  "SHARDNUMSUB [<shardchannel> ...]",
  "    Return the number of subscribers for the specified shard level channel(s)",
  "HELP",
  "    Prints this help.",
].map((l) => new SimpleString(l));

export const pubsubCommands: CommandSpec[] = [
  cmd("subscribe", -2, "pubsub", NO_KEYS, subscribe),
  cmd("unsubscribe", -1, "pubsub", NO_KEYS, unsubscribe),
  cmd("psubscribe", -2, "pubsub", NO_KEYS, psubscribe),
  cmd("punsubscribe", -1, "pubsub", NO_KEYS, punsubscribe),
  cmd("ssubscribe", -2, "pubsub", [1, -1, 1], ssubscribe),
  cmd("sunsubscribe", -1, "pubsub", [1, -1, 1], sunsubscribe),
  cmd("publish", 3, "", NO_KEYS, (c, a) => publishMessage(c.server, c, a[1], a[2])),
  cmd("spublish", 3, "", [1, 1, 1], (c, a) => publishShardMessage(c.server, a[1], a[2])),
  cmd("pubsub", -2, "", NO_KEYS, () => null, [
    cmd("channels", -2, "", NO_KEYS, (c, a) => channelsMatching(c.server.channels, a)),
    cmd("numsub", -2, "", NO_KEYS, (c, a) => numsub(c.server.channels, a)),
    cmd("numpat", 2, "", NO_KEYS, (c) => c.server.patterns.size),
    cmd("shardchannels", -2, "", NO_KEYS, (c, a) => channelsMatching(c.server.shardChannels, a)),
    cmd("shardnumsub", -2, "", NO_KEYS, (c, a) => numsub(c.server.shardChannels, a)),
    cmd("help", 2, "", NO_KEYS, () => PUBSUB_HELP),
  ]),
];
