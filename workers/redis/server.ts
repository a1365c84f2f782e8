// Connection and server commands (server.c, networking.c, config.c): PING, ECHO, SELECT,
// DBSIZE, FLUSHDB/FLUSHALL, QUIT, RESET, HELLO, AUTH, CLIENT, CONFIG, COMMAND, INFO, TIME — what
// redis-cli and redis-benchmark send on connect, and a minimal INFO.
import { intArg, is } from "./args.ts";
import { unblockClient } from "./blocked.ts";
import { NO_KEYS, cmd, type CommandSpec } from "./command.ts";
import type { Connection } from "./connection.ts";
import { commandGetKeys } from "./getkeys.ts";
import { globMatch } from "./glob.ts";
import { DB_OUT_OF_RANGE, ErrorReply, Frames, NIL_ARRAY, NO_REPLY, OK, PONG, SYNTAX, SimpleString, cstr, type Reply } from "./reply.ts";

export const REDIS_VERSION = "7.0.15";

function ping(c: Connection, argv: string[]): Reply {
  if (argv.length > 2) return new ErrorReply("ERR wrong number of arguments for 'ping' command");
  if (c.subscribed) return ["pong", argv.length === 1 ? "" : argv[1]];
  return argv.length === 1 ? PONG : argv[1];
}

function select(c: Connection, argv: string[]): Reply {
  const id = intArg(argv[1]);
  if (id < -2147483648 || id > 2147483647) return new ErrorReply("ERR value is out of range");
  const db = c.server.dbs[id];
  if (db === undefined) return DB_OUT_OF_RANGE;
  c.db = db;
  return OK;
}

function flushFlags(argv: string[]): ErrorReply | undefined {
  if (argv.length === 1) return undefined;
  if (argv.length === 2 && (is(argv[1], "sync") || is(argv[1], "async"))) return undefined;
  return SYNTAX;
}

function flushdb(c: Connection, argv: string[]): Reply {
  const e = flushFlags(argv);
  if (e) return e;
  c.db.flush();
  return OK;
}

function flushall(c: Connection, argv: string[]): Reply {
  const e = flushFlags(argv);
  if (e) return e;
  for (const db of c.server.dbs) db.flush();
  return OK;
}

function quit(c: Connection): Reply {
  // The reply is written, then the connection closes (`closed` tells a bridge to hang up).
  c.close();
  return OK;
}

const RESET = new SimpleString("RESET");

function reset(c: Connection): Reply {
  c.discardTransaction();
  c.unsubscribeAll();
  c.db = c.server.dbs[0];
  c.name = null;
  c.replyMode = "on";
  return RESET;
}

function hello(c: Connection, argv: string[]): Reply {
  let next = 1;
  if (argv.length >= 2) {
    const ver = intArg(argv[next++], "Protocol version is not an integer or out of range");
    // RESP3 is not spoken here: only RESP2 replies exist in this engine.
    if (ver !== 2) return new ErrorReply("NOPROTO unsupported protocol version");
  }
  let name: string | undefined;
  for (let j = next; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    if (is(argv[j], "auth") && more >= 2) {
      if (argv[j + 1] !== "default") return new ErrorReply("WRONGPASS invalid username-password pair or user is disabled.");
      j += 2;
    } else if (is(argv[j], "setname") && more) name = argv[++j];
    else return new ErrorReply(`ERR Syntax error in HELLO option '${cstr(argv[j])}'`);
  }
  if (name !== undefined) {
    const err = setName(c, name);
    if (err) return err;
  }
  return ["server", "redis", "version", REDIS_VERSION, "proto", 2, "id", c.id, "mode", "standalone", "role", "master", "modules", []];
}

function auth(_c: Connection, argv: string[]): Reply {
  if (argv.length > 3) return SYNTAX;
  if (argv.length === 2)
    return new ErrorReply(
      "ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?",
    );
  if (argv[1] !== "default") return new ErrorReply("WRONGPASS invalid username-password pair or user is disabled.");
  return OK;
}

function setName(c: Connection, name: string): ErrorReply | undefined {
  for (let i = 0; i < name.length; i++) {
    const ch = name.charCodeAt(i);
    if (ch < 33 || ch > 126) return new ErrorReply("ERR Client names cannot contain spaces, newlines or special characters.");
  }
  c.name = name.length ? name : null;
  return undefined;
}

function clientLine(c: Connection, self: Connection): string {
  const now = c.server.time();
  const flags = c.multi !== null ? "x" : c.block !== null ? "b" : c.subscribed ? "P" : "N";
  void now;
  return (
    `id=${c.id} addr=127.0.0.1:${40000 + c.id} laddr=127.0.0.1:6379 fd=${7 + c.id} name=${c.name ?? ""} age=0 idle=0 ` +
    `flags=${flags} db=${c.db.id} sub=${c.channels.size} psub=${c.patterns.length} ssub=${c.shardChannels.size} ` +
    `multi=${c.multi === null ? -1 : c.multi.length} qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0 omem=0 ` +
    `tot-mem=0 events=r cmd=${c === self ? "client|list" : "NULL"} user=default redir=-1 resp=2\n`
  );
}

/** CLIENT UNBLOCK id [TIMEOUT|ERROR]: release a client parked by a blocking command. */
/** CLIENT REPLY ON | OFF | SKIP: only ON answers; SKIP does nothing while replies are off. */
function clientReply(c: Connection, argv: string[]): Reply | Frames {
  if (is(argv[2], "on")) {
    c.replyMode = "on";
    return OK;
  }
  if (is(argv[2], "off")) c.replyMode = "off";
  else if (is(argv[2], "skip")) {
    if (c.replyMode !== "off") c.replyMode = "skip-next";
  } else return SYNTAX;
  return NO_REPLY;
}

function clientUnblock(c: Connection, argv: string[]): Reply {
  if (argv.length > 4)
    return new ErrorReply(`ERR unknown subcommand or wrong number of arguments for '${cstr(argv[1], 128)}'. Try CLIENT HELP.`);
  let error = false;
  if (argv.length === 4) {
    if (is(argv[3], "error")) error = true;
    else if (!is(argv[3], "timeout")) return new ErrorReply("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
  }
  const id = intArg(argv[2]);
  for (const target of c.server.connections) {
    if (target.id !== id || target.block === null) continue;
    unblockClient(target, error ? new ErrorReply("UNBLOCKED client unblocked via CLIENT UNBLOCK") : NIL_ARRAY, "timeout");
    return 1;
  }
  return 0;
}

const clientSubs: CommandSpec[] = [
  cmd("id", 2, "", NO_KEYS, (c) => c.id),
  cmd("getname", 2, "", NO_KEYS, (c) => c.name),
  cmd("setname", 3, "", NO_KEYS, (c, a) => setName(c, a[2]) ?? OK),
  cmd("list", -2, "", NO_KEYS, (c) => [...c.server.connections].map((x) => clientLine(x, c)).join("")),
  cmd("info", 2, "", NO_KEYS, (c) => clientLine(c, c)),
  cmd("unblock", -3, "", NO_KEYS, clientUnblock),
  cmd("reply", 3, "", NO_KEYS, clientReply),
  cmd("no-evict", 3, "", NO_KEYS, (_c, a) => (is(a[2], "on") || is(a[2], "off") ? OK : SYNTAX)),
  cmd("setinfo", -4, "", NO_KEYS, () => OK),
];

function configGet(c: Connection, argv: string[]): Reply {
  return c.server.config.get(argv.slice(2), (pattern, name) => globMatch(pattern, name, true));
}

function configSet(c: Connection, argv: string[]): Reply {
  if (argv.length % 2 !== 0) return new ErrorReply("ERR wrong number of arguments for 'config|set' command");
  const pairs: [string, string][] = [];
  for (let i = 2; i < argv.length; i += 2) pairs.push([cstr(argv[i]), argv[i + 1]]);
  const error = c.server.config.set(pairs);
  return error === undefined ? OK : new ErrorReply(error);
}

function commandInfo(spec: CommandSpec): Reply {
  const flags: Reply[] = [];
  if (spec.flags & 1) flags.push(new SimpleString("write"));
  if (spec.flags & 2) flags.push(new SimpleString("readonly"));
  return [spec.fullname, spec.arity, flags, spec.firstKey, spec.lastKey, spec.step, [], [], [], []];
}

function info(c: Connection, argv: string[]): Reply {
  const s = c.server;
  const now = s.time();
  const sections: Record<string, string[]> = {
    server: [
      `redis_version:${REDIS_VERSION}`,
      "redis_mode:standalone",
      "os:Backend Playground",
      "arch_bits:64",
      "tcp_port:6379",
      `uptime_in_seconds:${Math.floor((now - s.startedAt) / 1000)}`,
      "hz:10",
    ],
    clients: [`connected_clients:${s.connections.size}`, `blocked_clients:${s.blocked.size}`],
    memory: ["used_memory:0", "maxmemory:0", "maxmemory_policy:noeviction"],
    stats: [
      `total_connections_received:${s.stats.connections}`,
      `total_commands_processed:${s.stats.commands}`,
      `expired_keys:${s.stats.expired}`,
      "evicted_keys:0",
      `keyspace_hits:${s.stats.hits}`,
      `keyspace_misses:${s.stats.misses}`,
      `pubsub_channels:${s.channels.size}`,
      `pubsub_patterns:${s.patterns.size}`,
    ],
    replication: ["role:master", "connected_slaves:0"],
    keyspace: s.dbs
      .filter((db) => db.size > 0)
      .map((db) => `db${db.id}:keys=${db.size},expires=${db.volatile.length},avg_ttl=0`),
  };
  const names: Record<string, string> = { server: "Server", clients: "Clients", memory: "Memory", stats: "Stats", replication: "Replication", keyspace: "Keyspace" };
  const wanted = argv.length === 1 || argv.slice(1).some((a) => is(a, "all") || is(a, "default") || is(a, "everything"))
    ? Object.keys(sections)
    : argv.slice(1).map((a) => a.toLowerCase()).filter((a) => a in sections);
  return wanted.map((k) => `# ${names[k]}\r\n${sections[k].map((l) => l + "\r\n").join("")}`).join("\r\n");
}

function swapdb(c: Connection, argv: string[]): Reply {
  const id1 = intArg(argv[1], "invalid first DB index");
  if (id1 < -2147483648 || id1 > 2147483647) return new ErrorReply("ERR invalid first DB index");
  const id2 = intArg(argv[2], "invalid second DB index");
  if (id2 < -2147483648 || id2 > 2147483647) return new ErrorReply("ERR invalid second DB index");
  const a = c.server.dbs[id1];
  const b = c.server.dbs[id2];
  if (a === undefined || b === undefined) return DB_OUT_OF_RANGE;
  if (a !== b) a.swapWith(b);
  return OK;
}

export const serverCommands: CommandSpec[] = [
  cmd("ping", -1, "pubsub", NO_KEYS, ping),
  cmd("echo", 2, "", NO_KEYS, (_c, a) => a[1]),
  cmd("select", 2, "", NO_KEYS, select),
  cmd("dbsize", 1, "readonly", NO_KEYS, (c) => c.db.size),
  cmd("swapdb", 3, "write", NO_KEYS, swapdb),
  cmd("flushdb", -1, "write", NO_KEYS, flushdb),
  cmd("flushall", -1, "write", NO_KEYS, flushall),
  cmd("quit", -1, "pubsub noqueue", NO_KEYS, quit),
  cmd("reset", 1, "pubsub noqueue", NO_KEYS, reset),
  cmd("hello", -1, "", NO_KEYS, hello),
  cmd("auth", -2, "", NO_KEYS, auth),
  cmd("client", -2, "", NO_KEYS, () => null, clientSubs),
  cmd("config", -2, "", NO_KEYS, () => null, [
    cmd("get", -3, "", NO_KEYS, configGet),
    cmd("set", -4, "", NO_KEYS, configSet),
    cmd("resetstat", 2, "", NO_KEYS, (c) => {
      Object.assign(c.server.stats, { hits: 0, misses: 0, expired: 0, commands: 0 });
      return OK;
    }),
  ]),
  cmd("command", -1, "", NO_KEYS, (c) => c.server.commands.all().map(commandInfo), [
    cmd("count", 2, "", NO_KEYS, (c) => c.server.commands.all().length),
    cmd("docs", -2, "", NO_KEYS, () => []),
    cmd("info", -2, "", NO_KEYS, (c, a) =>
      a.slice(2).map((n) => {
        // "container|sub" names a subcommand (XGROUP|CREATE, CONFIG|GET...).
        const [name, sub] = n.toLowerCase().split("|", 2);
        const top = c.server.commands.all().find((s) => s.fullname === name);
        const spec = sub === undefined ? top : top?.subcommands?.get(sub);
        return spec ? commandInfo(spec) : null;
      }),
    ),
    cmd("list", -2, "", NO_KEYS, (c) => c.server.commands.all().map((s) => s.fullname)),
    cmd("getkeys", -4, "", NO_KEYS, commandGetKeys),
  ]),
  cmd("info", -1, "", NO_KEYS, info),
  cmd("time", 1, "", NO_KEYS, (c) => {
    const ms = c.server.time();
    return [String(Math.floor(ms / 1000)), String(Math.floor((ms % 1000) * 1000))];
  }),
  cmd("lastsave", 1, "", NO_KEYS, (c) => Math.floor(c.server.startedAt / 1000)),
  cmd("save", 1, "no-multi", NO_KEYS, () => OK),
  cmd("bgsave", -1, "", NO_KEYS, () => new SimpleString("Background saving started")),
];
