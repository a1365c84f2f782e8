// The server (server.c): 16 databases, the connections, the command dispatcher (processCommand's
// checks in Redis's order) and the clock-driven cron. Its state is Redis's server struct; the
// rest of what Redis does with it is split as Redis splits its C sources:
//   server.c   → engine.ts       (this file: RedisServer, processCommand, call, serverCron)
//   blocked.c  → blocked.ts      (blocked clients, their timeouts, serving them from ready keys)
//   pubsub.c   → pubsub.ts       (publishing to the subscription registries kept here; the commands)
//   expire.c   → expire.ts       (the active expiry cycle)
//   multi.c    → transactions.ts (queueing inside MULTI, EXEC's loop; the commands)
// The other server commands (INFO, CONFIG, CLIENT…) are in server.ts, the command table in table.ts.
import { F, type CommandSpec, type CommandTable } from "./command.ts";
import { Connection } from "./connection.ts";
import { handleBlockedClientsTimeout, handleClientsBlockedOnKeys, signalKeyAsReady } from "./blocked.ts";
import { ServerConfig, useConfig } from "./config.ts";
import { useErrno, type Errno } from "./errno.ts";
import { activeExpireCycle } from "./expire.ts";
import { NOTIFY, publishEvent } from "./notify.ts";
import { DATABASES, Db, type KeyspaceHooks } from "./keyspace.ts";
import { Prng } from "../shared/prng.ts";
import { ErrorReply, Frames, cstr, NO_REPLY, Pending, QUEUED, type Outcome } from "./reply.ts";
import { commandTable, lookupCommand } from "./table.ts";
import type { RedisTrace, RedisTraceBody, RedisTraceSink } from "./trace.ts";
import { execCommandAbort, flagTransaction, queueMultiCommand } from "./transactions.ts";

export type { BlockState } from "./blocked.ts";

export interface RedisOptions {
  /** The clock, in unix milliseconds (default Date.now). Lessons pass their own to fast-forward time. */
  now?: () => number;
  /** Receives trace events; without it none are built. */
  trace?: RedisTraceSink;
  /** Seed of the engine's PRNG (active expiry sampling, SPOP, SRANDMEMBER, RANDOMKEY). */
  seed?: number;
}

/** serverCron's frequency (hz 10): the active expiry cycle runs at most every 100 ms of the clock. */
const CRON_PERIOD_MS = 100;

export class RedisServer implements KeyspaceHooks {
  readonly dbs: Db[] = [];
  readonly prng: Prng;
  readonly clock: () => number;
  readonly sink: RedisTraceSink | undefined;
  readonly stats = { hits: 0, misses: 0, expired: 0, commands: 0, connections: 0, published: 0 };
  readonly startedAt: number;
  readonly connections = new Set<Connection>();
  /** channel -> subscribers, in subscription order (pubsub.ts). */
  readonly channels = new Map<string, Set<Connection>>();
  readonly patterns = new Map<string, Set<Connection>>();
  readonly shardChannels = new Map<string, Set<Connection>>();
  /** Connections parked by a blocking command (blocked.ts). */
  readonly blocked = new Set<Connection>();
  /** Keys that got a list or sorted set while clients block on them, to serve after the command (blocked.ts). */
  readyKeys: { db: Db; key: string }[] = [];
  private nextId = 1;
  private cachedNow = NaN;
  private lastCron = -Infinity;
  volatileKeys = 0;
  /** This server's C errno (see errno.ts). */
  readonly errno: Errno = { erange: false };
  /** The command table (server.commands), for the commands that list or look up commands (COMMAND...). */
  readonly commands: CommandTable = commandTable;
  /** CONFIG GET / SET parameters, the encoding thresholds among them (see config.ts). */
  readonly config = new ServerConfig();
  /**
   * A byte above 0x7f has entered the engine (in some argument). Until then no reply can hold
   * one, so sendCommand skips UTF-8 decoding of its replies.
   */
  binary = false;
  /** Whether the current command's first read found its key (for the trace). */
  hit: boolean | undefined = undefined;

  constructor(options: RedisOptions = {}) {
    this.clock = options.now ?? Date.now;
    this.sink = options.trace;
    this.prng = new Prng(options.seed ?? 0x5eed);
    for (let i = 0; i < DATABASES; i++) this.dbs.push(new Db(i, this));
    this.lruClock = this.startedAt = Math.floor(this.clock());
  }

  connect(): Connection {
    // Redis accepts until accept() fails with EAGAIN: a new connection leaves errno clear of ERANGE.
    this.errno.erange = false;
    const c = new Connection(this, this.nextId++);
    this.connections.add(c);
    this.stats.connections++;
    if (this.sink) this.emit({ kind: "connect", conn: c.id });
    return c;
  }

  /**
   * Redis's LRU clock: in Redis serverCron refreshes server.lruclock ten times a second and key
   * lookups stamp it, reading no clock of their own. Here every clock reading refreshes it, and
   * tick() (the host's cron) reads the clock — so a GET or SET of a key without an expiry reads
   * no clock at all, as in Redis.
   */
  lruClock = 0;

  /** The clock in whole milliseconds (Redis's mstime), read once per command (its command time snapshot). */
  time(): number {
    if (this.cachedNow !== this.cachedNow) this.lruClock = this.cachedNow = Math.floor(this.clock());
    return this.cachedNow;
  }

  /**
   * Something happens outside any command (the host closes a connection): what it reports reads
   * the clock afresh instead of the last command's snapshot.
   */
  outsideCommand(): void {
    this.cachedNow = NaN;
  }

  /** The host moved the clock: time out blocked clients and run the active expiry cycle. */
  tick(): void {
    this.cachedNow = NaN;
    useConfig(this.config);
    this.time();
    this.cron(true);
    this.cachedNow = NaN;
  }

  emit(body: RedisTraceBody): void {
    this.sink!({ t: this.time(), source: "redis", ...body } as RedisTrace);
  }

  // ---- keyspace hooks ----

  expired(db: Db, key: string, how: "lazy" | "active"): void {
    this.stats.expired++;
    if (this.sink) this.emit({ kind: "expired", db: db.id, key, how });
    publishEvent(this, db, NOTIFY.expired, "expired", key);
  }

  added(db: Db, key: string): void {
    publishEvent(this, db, NOTIFY.new, "new", key);
  }

  keyReady(db: Db, key: string): void {
    signalKeyAsReady(this, db, key);
  }

  expireChanged(db: Db, key: string, at: number | null): void {
    if (this.sink) this.emit({ kind: "expire", db: db.id, key, at });
  }

  // ---- dispatch ----

  /** processCommand: lookup, arity, subscribed-mode rules, MULTI queueing, then call. */
  process(c: Connection, argv: string[]): Outcome {
    if (c.closed) throw new Error("the connection is closed");
    if (c.block !== null) throw new Error("the connection is blocked: wait for its pending reply");
    this.cachedNow = NaN;
    this.hit = undefined;
    useErrno(this.errno);
    useConfig(this.config);
    if (this.volatileKeys > 0 || this.blocked.size > 0) this.cron(false);
    if (argv.length === 0) return new ErrorReply("ERR empty command");
    const spec = lookupCommand(argv);
    let out: Outcome;
    if (spec === undefined || typeof spec === "string") {
      out = this.reject(c, undefined, spec ?? unknownCommandText(argv));
    } else if ((spec.arity > 0 && spec.arity !== argv.length) || argv.length < -spec.arity) {
      out = this.reject(c, spec, `wrong number of arguments for '${spec.fullname}' command`);
    } else if (c.multi !== null && (spec.flags & F.noMulti) !== 0) {
      out = this.reject(c, spec, "Command not allowed inside a transaction");
    } else if (c.subscribed && (spec.flags & F.pubsub) === 0) {
      out = this.reject(
        c,
        spec,
        `Can't execute '${spec.fullname}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`,
      );
    } else if (c.multi !== null && (spec.flags & F.noQueue) === 0) {
      queueMultiCommand(c, spec, argv);
      if (this.sink) this.traceCommand(c, spec, argv, QUEUED, true);
      return this.silence(c, QUEUED);
    } else {
      this.stats.commands++;
      out = this.call(c, spec, argv);
      if (this.readyKeys.length > 0) handleClientsBlockedOnKeys(this);
    }
    if (this.sink) this.traceCommand(c, typeof spec === "object" ? spec : undefined, argv, out, false);
    return this.silence(c, out);
  }

  /**
   * CLIENT REPLY OFF / SKIP: no reply goes out (an empty Frames), pub/sub frames excepted. A
   * command that blocks still answers when served (Redis would drop that reply too).
   */
  private silence(c: Connection, out: Outcome): Outcome {
    const mode = c.replyMode;
    if (mode === "on") return out;
    if (mode === "skip") c.replyMode = "on";
    else if (mode === "skip-next") {
      c.replyMode = "skip";
      return out;
    }
    return out instanceof Frames || out instanceof Pending ? out : NO_REPLY;
  }

  /** call(): run a handler; reply errors raised inside become the reply. */
  call(c: Connection, spec: CommandSpec, argv: string[]): Outcome {
    try {
      return spec.run(c, argv);
    } catch (e) {
      if (e instanceof ErrorReply) return e;
      // A value past what a JS string can hold (about 512 MB): Redis would have had the memory.
      if (e instanceof RangeError) return new ErrorReply("ERR value exceeds what the engine can hold (" + e.message + ")");
      throw e;
    }
  }

  /** rejectCommand: flags an open MULTI; EXEC itself aborts the transaction with the reason. */
  private reject(c: Connection, spec: CommandSpec | undefined, msg: string): ErrorReply {
    flagTransaction(c);
    if (spec !== undefined && spec.fullname === "exec") return execCommandAbort(c, msg);
    return new ErrorReply("ERR " + msg);
  }

  private traceCommand(c: Connection, spec: CommandSpec | undefined, argv: string[], out: Outcome, queued: boolean): void {
    const body: RedisTraceBody & { kind: "command" } = {
      kind: "command",
      conn: c.id,
      db: c.db.id,
      name: spec ? spec.fullname : argv[0].toLowerCase(),
      args: argv.slice(1),
    };
    if (spec && spec.firstKey > 0 && argv.length > spec.firstKey) body.key = argv[spec.firstKey];
    if (this.hit !== undefined && !queued) body.hit = this.hit;
    if (queued) body.queued = true;
    if (out instanceof ErrorReply) body.error = out.message;
    this.emit(body);
  }

  // ---- cron ----

  /** serverCron: time out blocked clients, then (at most every CRON_PERIOD_MS, or when forced) the active expiry cycle. */
  private cron(force: boolean): void {
    const now = this.time();
    if (this.blocked.size > 0) handleBlockedClientsTimeout(this, now);
    if (force || now - this.lastCron >= CRON_PERIOD_MS) {
      this.lastCron = now;
      activeExpireCycle(this, now);
    }
  }
}

/** "unknown command 'X', with args beginning with: 'a' 'b' " — each arg cut so the list stays under 128 chars. */
function unknownCommandText(argv: string[]): string {
  let args = "";
  for (let i = 1; i < argv.length && args.length < 128; i++) args += `'${cstr(argv[i], 128 - args.length)}' `;
  return `unknown command '${cstr(argv[0], 128)}', with args beginning with: ${args}`;
}
