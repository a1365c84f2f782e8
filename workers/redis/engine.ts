// The server: 16 databases, the connections, the command dispatcher (processCommand's checks in
// Redis's order), blocked clients, pub/sub subscriptions, and the clock-driven cron (blocked
// client timeouts and the active expiry cycle).
import { F, type CommandSpec } from "./command.ts";
import { Connection } from "./connection.ts";
import { ServerConfig, useConfig } from "./config.ts";
import { useErrno, type Errno } from "./errno.ts";
import { NOTIFY, publishEvent } from "./notify.ts";
import { globMatch } from "./glob.ts";
import { DATABASES, Db, type KeyspaceHooks } from "./keyspace.ts";
import { Prng } from "./prng.ts";
import { ErrorReply, Frames, cstr, NIL_ARRAY, NO_REPLY, Pending, QUEUED, type Outcome, type Reply } from "./reply.ts";
import { lookupCommand } from "./table.ts";
import type { RedisTrace, RedisTraceBody, RedisTraceSink } from "./trace.ts";

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
const ACTIVE_EXPIRE_SAMPLES = 20;
const ACTIVE_EXPIRE_STALE_PERCENT = 10;
const ACTIVE_EXPIRE_MAX_ROUNDS = 16;

export interface BlockState {
  db: Db;
  keys: string[];
  /** Absolute unix ms; 0 blocks forever. */
  deadline: number;
  /** Try to serve from this key (it holds a value); undefined when it cannot. */
  serve: (key: string) => Reply | undefined;
  resolve: (r: Reply) => void;
  reject: (e: Error) => void;
}

export class RedisServer implements KeyspaceHooks {
  readonly dbs: Db[] = [];
  readonly prng: Prng;
  readonly clock: () => number;
  readonly sink: RedisTraceSink | undefined;
  readonly stats = { hits: 0, misses: 0, expired: 0, commands: 0, connections: 0, published: 0 };
  readonly startedAt: number;
  readonly connections = new Set<Connection>();
  /** channel -> subscribers, in subscription order. */
  readonly channels = new Map<string, Set<Connection>>();
  readonly patterns = new Map<string, Set<Connection>>();
  readonly shardChannels = new Map<string, Set<Connection>>();
  readonly blocked = new Set<Connection>();
  private readyKeys: { db: Db; key: string }[] = [];
  private nextId = 1;
  private cachedNow = NaN;
  private lastCron = -Infinity;
  volatileKeys = 0;
  /** This server's C errno (see errno.ts). */
  readonly errno: Errno = { erange: false };
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
    for (const r of this.readyKeys) if (r.db === db && r.key === key) return;
    this.readyKeys.push({ db, key });
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
      c.multi.push({ spec, argv });
      if (this.sink) this.traceCommand(c, spec, argv, QUEUED, true);
      return this.silence(c, QUEUED);
    } else {
      this.stats.commands++;
      out = this.call(c, spec, argv);
      if (this.readyKeys.length > 0) this.serveReadyKeys();
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
    if (c.multi !== null) c.dirtyExec = true;
    if (spec !== undefined && spec.fullname === "exec") {
      c.discardTransaction();
      return new ErrorReply("EXECABORT Transaction discarded because of: " + msg);
    }
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

  // ---- blocking ----

  /** Park a connection on keys until one can serve it or the deadline passes. */
  block(c: Connection, db: Db, keys: string[], deadline: number, serve: (key: string) => Reply | undefined): Pending {
    let resolve!: (r: Reply) => void;
    let reject!: (e: Error) => void;
    const promise = new Promise<Reply>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    c.block = { db, keys, deadline, serve, resolve, reject };
    for (const key of keys) {
      let q = db.blockingKeys.get(key) as Connection[] | undefined;
      if (q === undefined) db.blockingKeys.set(key, (q = []));
      if (!q.includes(c)) q.push(c);
    }
    this.blocked.add(c);
    if (this.sink) this.emit({ kind: "block", conn: c.id, db: db.id, keys: [...keys], deadline: deadline === 0 ? null : deadline });
    return new Pending(promise);
  }

  /** Release a blocked connection with a reply (or, when closing, with an error). */
  unblock(c: Connection, reply: Reply | Error, reason: "served" | "timeout" | "closed", key?: string): void {
    const b = c.block;
    if (b === null) return;
    for (const k of b.keys) {
      const q = b.db.blockingKeys.get(k) as Connection[] | undefined;
      if (q === undefined) continue;
      const i = q.indexOf(c);
      if (i >= 0) q.splice(i, 1);
      if (q.length === 0) b.db.blockingKeys.delete(k);
    }
    this.blocked.delete(c);
    c.block = null;
    if (this.sink) this.emit({ kind: "unblock", conn: c.id, reason, ...(key === undefined ? {} : { key }) });
    if (reply instanceof Error) b.reject(reply);
    else b.resolve(reply);
  }

  /** handleClientsBlockedOnKeys: serve blocked clients, oldest first, from keys that got values. */
  serveReadyKeys(): void {
    while (this.readyKeys.length > 0) {
      const ready = this.readyKeys;
      this.readyKeys = [];
      for (const { db, key } of ready) {
        const q = db.blockingKeys.get(key) as Connection[] | undefined;
        if (q === undefined) continue;
        for (const c of [...q]) {
          if (db.lookup(key, this) === undefined) break;
          const reply = c.block!.serve(key);
          if (reply === undefined) continue;
          this.unblock(c, reply, "served", key);
        }
      }
    }
  }

  // ---- cron ----

  private cron(force: boolean): void {
    const now = this.time();
    if (this.blocked.size > 0) {
      for (const c of [...this.blocked]) {
        const d = c.block!.deadline;
        if (d !== 0 && d < now) this.unblock(c, NIL_ARRAY, "timeout");
      }
    }
    if (force || now - this.lastCron >= CRON_PERIOD_MS) {
      this.lastCron = now;
      this.activeExpireCycle(now);
    }
  }

  /** activeExpireCycle: sample keys with an expiry at random; go on while many of them were stale. */
  private activeExpireCycle(now: number): void {
    for (const db of this.dbs) {
      for (let round = 0; round < ACTIVE_EXPIRE_MAX_ROUNDS && db.volatile.length > 0; round++) {
        const n = Math.min(ACTIVE_EXPIRE_SAMPLES, db.volatile.length);
        let expired = 0;
        for (let i = 0; i < n && db.volatile.length > 0; i++) {
          const e = db.randomVolatile(this.prng)!;
          if (e.expireAt < now) {
            db.expireEntry(e, "active");
            expired++;
          }
        }
        if ((expired * 100) / n <= ACTIVE_EXPIRE_STALE_PERCENT) break;
      }
    }
  }

  // ---- pub/sub ----

  /** PUBLISH: channel subscribers first, then pattern subscriptions; returns the receivers. */
  publish(from: Connection | undefined, channel: string, message: string): number {
    let receivers = 0;
    const subs = this.channels.get(channel);
    if (subs !== undefined) {
      for (const c of subs) {
        c.deliver(["message", channel, message]);
        if (this.sink) this.emit({ kind: "deliver", conn: c.id, channel });
        receivers++;
      }
    }
    if (this.patterns.size > 0) {
      for (const [pattern, conns] of this.patterns) {
        if (!globMatch(pattern, channel)) continue;
        for (const c of conns) {
          c.deliver(["pmessage", pattern, channel, message]);
          if (this.sink) this.emit({ kind: "deliver", conn: c.id, channel, pattern });
          receivers++;
        }
      }
    }
    this.stats.published++;
    // Keyspace notifications come from no connection: their deliveries are traced, not a publish.
    if (this.sink && from !== undefined) this.emit({ kind: "publish", conn: from.id, channel, receivers });
    return receivers;
  }

  spublish(channel: string, message: string): number {
    const subs = this.shardChannels.get(channel);
    if (subs === undefined) return 0;
    for (const c of subs) c.deliver(["smessage", channel, message]);
    return subs.size;
  }

  /** EXEC: run the queued commands with one clock reading; blocking commands do not block. */
  runQueued(c: Connection, queue: { spec: CommandSpec; argv: string[] }[]): Reply[] {
    const replies: Reply[] = [];
    c.inExec = true;
    try {
      for (const { spec, argv } of queue) {
        this.stats.commands++;
        const out = this.call(c, spec, argv);
        if (out instanceof Frames) replies.push(...out.frames);
        else if (out instanceof Pending) replies.push(NIL_ARRAY);
        else replies.push(out);
      }
    } finally {
      c.inExec = false;
    }
    return replies;
  }
}

/** "unknown command 'X', with args beginning with: 'a' 'b' " — each arg cut so the list stays under 128 chars. */
function unknownCommandText(argv: string[]): string {
  let args = "";
  for (let i = 1; i < argv.length && args.length < 128; i++) args += `'${cstr(argv[i], 128 - args.length)}' `;
  return `unknown command '${cstr(argv[0], 128)}', with args beginning with: ${args}`;
}
