// One client connection: its selected database, name, transaction, watched keys,
// subscriptions and blocked state, and the two ways to talk to it:
//   execute(args)      typed RESP replies over byte strings (for a socket bridge)
//   sendCommand(args)  what node-redis's client.sendCommand resolves to (UTF-8 strings)
import type { CommandSpec } from "./command.ts";
import { unblockClient, type BlockState } from "./blocked.ts";
import type { RedisServer } from "./engine.ts";
import type { Db, WatchedKey } from "./keyspace.ts";
import {
  bytesToUtf8,
  ErrorReply,
  SimpleString,
  Frames,
  Pending,
  toNodeRedis,
  utf8ToBytes,
  type NodeRedisReply,
  type Outcome,
  type Reply,
} from "./reply.ts";

export type PushListener = (frame: NodeRedisReply[]) => void;
export type RawPushListener = (frame: Reply[]) => void;

export class Connection {
  db: Db;
  name: string | null = null;
  /** Commands queued since MULTI, or null outside a transaction. */
  multi: { spec: CommandSpec; argv: string[] }[] | null = null;
  /** A command was refused while queueing: EXEC will abort. */
  dirtyExec = false;
  /** A watched key changed: EXEC will answer nil. */
  dirtyCas = false;
  inExec = false;
  /**
   * CLIENT REPLY: "off" silences every reply, "skip" the current command's, "skip-next" the next
   * one's. Pub/sub frames (SUBSCRIBE's confirmations, messages) are pushes and still go out.
   */
  replyMode: "on" | "off" | "skip" | "skip-next" = "on";
  watched: WatchedKey[] = [];
  readonly channels = new Set<string>();
  readonly patterns: string[] = [];
  readonly shardChannels = new Set<string>();
  block: BlockState | null = null;
  closed = false;
  private pushListeners: PushListener[] = [];
  private rawPushListeners: RawPushListener[] = [];
  private closeListeners: (() => void)[] = [];
  /** Commands sent with sendCommand while the connection is blocked wait their turn here. */
  private queue: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(
    readonly server: RedisServer,
    readonly id: number,
  ) {
    this.db = server.dbs[0];
  }

  /** In RESP2 subscribed mode (any channel, pattern or shard channel); see updateSubscribed. */
  subscribed = false;

  /** Recompute `subscribed` after the subscriptions changed. */
  updateSubscribed(): void {
    this.subscribed = this.channels.size + this.patterns.length + this.shardChannels.size > 0;
  }

  /**
   * Run one command; arguments and bulk replies are byte strings (one char per byte). Answers
   * with a typed reply, Frames (SUBSCRIBE and friends: one reply per channel), or Pending (the
   * connection is blocked until the promise settles; do not send it more commands until then).
   */
  execute(args: string[]): Outcome {
    if (!this.server.binary && !allAscii(args)) this.server.binary = true;
    return this.server.process(this, args);
  }

  /** node-redis's `client.sendCommand(args)`: resolves to its reply shape, rejects with Redis's error text. */
  sendCommand(args: string[]): Promise<NodeRedisReply> {
    if (this.block !== null || this.waiting > 0) {
      this.waiting++;
      const run = this.queue.then(
        () => {
          this.waiting--;
          return this.sendNow(args);
        },
        () => {
          this.waiting--;
          return this.sendNow(args);
        },
      );
      this.queue = run.catch(() => undefined);
      return run;
    }
    return this.sendNow(args);
  }

  private sendNow(args: string[]): Promise<NodeRedisReply> {
    if (this.closed) return Promise.reject(new Error("The client is closed"));
    let bytes = args;
    if (!allAscii(args)) {
      bytes = args.map((x) => utf8ToBytes(String(x)));
      this.server.binary = true;
    }
    const out = this.server.process(this, bytes);
    const decode = this.server.binary;
    // Fast paths for the common shapes, then the rest.
    if (typeof out === "string") return Promise.resolve(decode ? bytesToUtf8(out) : out);
    if (out === null || typeof out === "number") return Promise.resolve(out);
    if (out instanceof SimpleString) return (out.resolved ??= Promise.resolve(out.value));
    if (out instanceof Pending) {
      const p = out.promise.then((r) => settle(r, this.server.binary));
      this.queue = p.catch(() => undefined);
      return p;
    }
    if (out instanceof ErrorReply) return Promise.reject(new Error(out.message));
    if (out instanceof Frames) return Promise.resolve(out.frames.map((f) => toNodeRedis(f, decode)));
    return Promise.resolve(toNodeRedis(out, decode));
  }

  /** Frames pushed to this connection (pub/sub messages), in node-redis's shape, delivered asynchronously. */
  onPush(fn: PushListener): () => void {
    this.pushListeners.push(fn);
    return () => {
      this.pushListeners = this.pushListeners.filter((f) => f !== fn);
    };
  }

  /** The same frames as typed replies over byte strings, delivered synchronously (for a socket bridge). */
  onPushReply(fn: RawPushListener): () => void {
    this.rawPushListeners.push(fn);
    return () => {
      this.rawPushListeners = this.rawPushListeners.filter((f) => f !== fn);
    };
  }

  /** Called once when the connection closes (QUIT, close()). */
  onClose(fn: () => void): void {
    this.closeListeners.push(fn);
  }

  /** Deliver a pushed frame. */
  deliver(frame: Reply[]): void {
    for (const fn of this.rawPushListeners) fn(frame);
    if (this.pushListeners.length > 0) {
      const decode = this.server.binary;
      const shaped = frame.map((x) => toNodeRedis(x, decode));
      const fns = this.pushListeners;
      queueMicrotask(() => {
        for (const fn of fns) fn(shaped);
      });
    }
  }

  /** Close the connection: leave subscriptions, watches and any blocking wait. */
  close(): void {
    if (this.closed) return;
    this.server.outsideCommand();
    unblockClient(this, new Error("The client is closed"), "closed");
    this.discardTransaction();
    this.unsubscribeAll();
    this.closed = true;
    this.server.connections.delete(this);
    if (this.server.sink) this.server.emit({ kind: "disconnect", conn: this.id });
    for (const fn of this.closeListeners) fn();
  }

  // ---- transaction state ----

  watch(db: Db, key: string): void {
    for (const wk of this.watched) if (wk.db === db && wk.key === key) return;
    const wk: WatchedKey = { db, key, watcher: this, expired: db.isExpired(key, this.server.time()) };
    this.watched.push(wk);
    let set = db.watched.get(key);
    if (set === undefined) db.watched.set(key, (set = new Set()));
    set.add(wk);
  }

  dirty(): void {
    this.dirtyCas = true;
  }

  unwatchAll(): void {
    for (const wk of this.watched) {
      const set = wk.db.watched.get(wk.key);
      if (set === undefined) continue;
      set.delete(wk);
      if (set.size === 0) wk.db.watched.delete(wk.key);
    }
    this.watched = [];
  }

  /** discardTransaction: forget the queue and the flags, unwatch everything. */
  discardTransaction(): void {
    this.multi = null;
    this.dirtyExec = false;
    this.dirtyCas = false;
    this.unwatchAll();
  }

  // ---- subscriptions ----

  unsubscribeAll(): void {
    const s = this.server;
    for (const ch of this.channels) removeFrom(s.channels, ch, this);
    this.channels.clear();
    for (const p of this.patterns) removeFrom(s.patterns, p, this);
    this.patterns.length = 0;
    for (const ch of this.shardChannels) removeFrom(s.shardChannels, ch, this);
    this.shardChannels.clear();
    this.subscribed = false;
  }
}

function removeFrom(map: Map<string, Set<Connection>>, key: string, c: Connection): void {
  const set = map.get(key);
  if (set === undefined) return;
  set.delete(c);
  if (set.size === 0) map.delete(key);
}

/** Every argument is a string of 7-bit characters (so its UTF-8 bytes are its chars). */
function allAscii(args: string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (typeof a !== "string") return false;
    // OR the code units together: one test at the end instead of a branch per character.
    let bits = 0;
    for (let j = 0; j < a.length; j++) bits |= a.charCodeAt(j);
    if (bits > 0x7f) return false;
  }
  return true;
}

function settle(r: Reply, decode: boolean): NodeRedisReply {
  if (r instanceof ErrorReply) throw new Error(r.message);
  return toNodeRedis(r, decode);
}
