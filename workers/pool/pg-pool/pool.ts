// node-postgres's Pool (pg-pool 3.14.0, index.js) in virtual time, ported step for step so that its
// order of events, counters and error texts are pg-pool's own (golden/pool.json, kind 'pool',
// replays it): idle clients are a stack (the most recently released goes out first), waiters a
// FIFO queue; totalCount counts a connection while it opens; connect() with idle clients queues and
// serves on the next tick; release(err) — any truthy value — destroys the client, and so does
// maxUses; idle clients are evicted after idleTimeoutMillis down to `min`; end() closes the idle
// clients at once and resolves when the last checked-out one has come back and gone.
//
// What Node gives pg-pool comes from the simulation's runtime: timers on the virtual clock (ref'ed
// or not, as pg-pool sets them, so allowExitOnIdle is observable), nextTick, the sockets.
import type { TimerId } from "../../shared/virtual-clock.ts";
import type { PoolRuntime } from "../sim-runtime.ts";
import type { PoolTraceBody, RemoveReason } from "../trace.ts";
import { Client, traceError, type ClientConfig, type QueryResult } from "./client.ts";
import { Emitter } from "./emitter.ts";
import { Fifo } from "./fifo.ts";

export interface PoolOptions extends ClientConfig {
  /** Most clients at once, opening ones included (default 10). */
  max?: number;
  /** Idle eviction stops at this many clients (default 0). */
  min?: number;
  /** How long a client may stay idle before it is closed; 0 = never (default 10,000). */
  idleTimeoutMillis?: number;
  /** How long connect() may wait, for a client or for a connection to open; 0 = forever (default). */
  connectionTimeoutMillis?: number;
  /** A client is closed when released this many times (default Infinity). */
  maxUses?: number;
  /** Idle clients and their timers do not keep the process alive (default false). */
  allowExitOnIdle?: boolean;
}

/** A client handed out by a pool: give it back with release() (an error, or true, destroys it). */
export type PoolClient = Client & { release: (err?: Error | boolean) => void };

type Callback = (err: Error | undefined, client?: PoolClient) => void;

interface PendingItem {
  callback: Callback;
  timedOut: boolean;
  /** When the caller asked (the acquire's waitedMs). */
  at: number;
}

interface IdleItem {
  client: Client;
  idleListener: (err: Error) => void;
  timeoutId: TimerId | undefined;
}

type PoolEvents = {
  connect: [PoolClient];
  acquire: [PoolClient];
  release: [unknown, PoolClient];
  remove: [PoolClient];
  error: [Error, PoolClient];
};

function removeWhere<T>(list: T[], predicate: (item: T) => boolean): T | undefined {
  const i = list.findIndex(predicate);
  return i === -1 ? undefined : list.splice(i, 1)[0];
}

export class Pool extends Emitter<PoolEvents> {
  readonly options: Required<Omit<PoolOptions, keyof ClientConfig>> & ClientConfig;
  /** The pool's number in the run's trace. */
  readonly id: number;
  ending = false;
  ended = false;
  private clients: Client[] = [];
  private idle: IdleItem[] = [];
  private pendingQueue = new Fifo<PendingItem>();
  private endCallback: ((err?: Error) => void) | undefined;

  constructor(
    options: PoolOptions,
    private readonly runtime: PoolRuntime,
  ) {
    super();
    this.id = runtime.newPoolId();
    const o = options ?? {};
    this.options = {
      ...o,
      max: o.max || 10,
      min: o.min || 0,
      idleTimeoutMillis: o.idleTimeoutMillis === undefined ? 10_000 : o.idleTimeoutMillis,
      connectionTimeoutMillis: o.connectionTimeoutMillis || 0,
      maxUses: o.maxUses || Infinity,
      allowExitOnIdle: o.allowExitOnIdle || false,
    };
  }

  get totalCount(): number {
    return this.clients.length;
  }

  get idleCount(): number {
    return this.idle.length;
  }

  get waitingCount(): number {
    return this.pendingQueue.length;
  }

  connect(): Promise<PoolClient> {
    return new Promise((resolve, reject) => this.connectWith((err, client) => (err ? reject(err) : resolve(client!))));
  }

  query(sql: string, values?: readonly unknown[]): Promise<QueryResult> {
    return new Promise((resolve, reject) => {
      this.connectWith((err, client) => {
        if (err) return reject(err);
        const c = client!;
        let released = false;
        const onError = (error: Error) => {
          if (released) return;
          released = true;
          c.release(error);
          reject(error);
        };
        c.once("error", onError);
        c.submit(sql, (error, result) => {
          c.removeListener("error", onError);
          if (released) return;
          released = true;
          c.release(error);
          if (error) reject(error);
          else resolve(result!);
        }, values);
      });
    });
  }

  end(): Promise<void> {
    if (this.ending) return Promise.reject(this.misuse("Called end on pool more than once"));
    this.ending = true;
    return new Promise((resolve, reject) => {
      this.endCallback = (err) => (err ? reject(err) : resolve());
      this.pulseQueue();
    });
  }

  private misuse(message: string): Error {
    const err = new Error(message);
    this.runtime.trace({ kind: "error", pool: this.id, what: "ended", error: traceError(err) });
    return err;
  }

  /** pg-pool's connect(callback). */
  private connectWith(callback: Callback): void {
    if (this.ending) return callback(this.misuse("Cannot use a pool after calling end on the pool"));
    const item: PendingItem = { callback, timedOut: false, at: this.runtime.now() };
    if (!this.isFull() && this.idle.length === 0) return this.newClient(item);
    // With idle clients the pulse comes on the next tick; until then the caller counts as waiting.
    if (this.idle.length) this.runtime.nextTick(() => this.pulseQueue());
    if (this.options.connectionTimeoutMillis) {
      // Not ref'ed (pg-pool unrefs it): a waiter alone does not keep the process alive.
      const tid = this.runtime.setTimer(
        () => {
          this.pendingQueue.remove(item);
          item.timedOut = true;
          const err = new Error("timeout exceeded when trying to connect");
          this.runtime.trace({ kind: "error", pool: this.id, what: "acquire-timeout", error: traceError(err) });
          callback(err);
        },
        this.options.connectionTimeoutMillis,
        false,
      );
      item.callback = (err, client) => {
        this.runtime.clearTimer(tid);
        callback(err, client);
      };
    }
    this.pendingQueue.push(item);
    if (!this.idle.length) this.runtime.trace({ kind: "wait", pool: this.id, waiting: this.pendingQueue.length });
  }

  private isFull(): boolean {
    return this.clients.length >= this.options.max;
  }

  private isAboveMin(): boolean {
    return this.clients.length > this.options.min;
  }

  private pulseQueue(): void {
    if (this.ended) return;
    if (this.ending) {
      for (const item of this.idle.slice()) this.remove(item.client, "end");
      if (!this.clients.length) {
        this.ended = true;
        this.endCallback!();
      }
      return;
    }
    if (!this.pendingQueue.length) return;
    if (!this.idle.length && this.isFull()) return;
    const item = this.pendingQueue.shift()!;
    const idle = this.idle.pop();
    if (idle) {
      this.runtime.clearTimer(idle.timeoutId);
      idle.client.ref();
      return this.acquireClient(idle.client, item, idle.idleListener, false);
    }
    this.newClient(item);
  }

  private newClient(item: PendingItem): void {
    const client = new Client(this.runtime, { user: this.options.user, database: this.options.database });
    this.clients.push(client);
    const idleListener = this.makeIdleListener(client);
    let timeoutHit = false;
    // Ref'ed (pg-pool leaves it so): a connection being opened keeps the process alive.
    const tid = this.options.connectionTimeoutMillis
      ? this.runtime.setTimer(() => {
          timeoutHit = true;
          client.destroySocket();
        }, this.options.connectionTimeoutMillis)
      : undefined;
    client.connectWith((error) => {
      this.runtime.clearTimer(tid);
      client.on("error", idleListener);
      if (!error) return this.acquireClient(client, item, idleListener, true);
      this.clients = this.clients.filter((c) => c !== client);
      const err = timeoutHit ? new Error("Connection terminated due to connection timeout", { cause: error }) : error;
      this.runtime.trace({ kind: "error", pool: this.id, client: client.id, what: "connect-failed", error: traceError(err) });
      // This client will not be released: let the queue move on now.
      this.pulseQueue();
      if (!item.timedOut) item.callback(err);
    });
  }

  private acquireClient(client: Client, item: PendingItem, idleListener: (err: Error) => void, isNew: boolean): void {
    const handed = client as PoolClient;
    this.runtime.trace({ kind: "acquire", pool: this.id, client: client.id, waitedMs: this.runtime.now() - item.at, fresh: isNew });
    if (isNew) this.emit("connect", handed);
    this.emit("acquire", handed);
    client.release = this.releaseOnce(client, idleListener);
    client.removeListener("error", idleListener);
    if (!item.timedOut) item.callback(undefined, handed);
    else handed.release();
  }

  private releaseOnce(client: Client, idleListener: (err: Error) => void): (err?: unknown) => void {
    let released = false;
    return (err) => {
      if (released) throw new Error("Release called on client which has already been released to the pool.");
      released = true;
      this.release(client, idleListener, err);
    };
  }

  private release(client: Client, idleListener: (err: Error) => void, err: unknown): void {
    client.on("error", idleListener);
    client.poolUseCount++;
    const why: RemoveReason | null = err
      ? "released-with-error"
      : this.ending
        ? "end"
        : !client.queryable || client.ending
          ? "broken"
          : client.poolUseCount >= this.options.maxUses
            ? "max-uses"
            : null;
    const event: PoolTraceBody = { kind: "release", pool: this.id, client: client.id, destroy: why !== null };
    if (err !== undefined) event.error = err instanceof Error ? err.message : String(err);
    this.runtime.trace(event);
    this.emit("release", err, client as PoolClient);
    if (why) return this.remove(client, why, () => this.pulseQueue());
    // A waiter takes this client back at once (pulseQueue pops the newest idle client): pg-pool's
    // idle timer would be set and cleared in the same instant, so it is not set at all.
    const handedOn = this.pendingQueue.length > 0;
    let tid: TimerId | undefined;
    if (!handedOn && this.options.idleTimeoutMillis && this.isAboveMin()) {
      tid = this.runtime.setTimer(
        () => {
          if (this.isAboveMin()) this.remove(client, "idle-timeout", () => this.pulseQueue());
        },
        this.options.idleTimeoutMillis,
        !this.options.allowExitOnIdle,
      );
    }
    if (this.options.allowExitOnIdle && !handedOn) client.unref();
    this.idle.push({ client, idleListener, timeoutId: tid });
    this.pulseQueue();
  }

  private remove(client: Client, why: RemoveReason, callback?: () => void): void {
    const removed = removeWhere(this.idle, (item) => item.client === client);
    if (removed) this.runtime.clearTimer(removed.timeoutId);
    this.clients = this.clients.filter((c) => c !== client);
    client.endWith(() => {
      this.runtime.trace({ kind: "remove", pool: this.id, client: client.id, why });
      this.emit("remove", client as PoolClient);
      callback?.();
    });
  }

  /** While idle, a client's 'error' (its connection failed) removes it and is the pool's 'error'. */
  private makeIdleListener(client: Client): (err: Error) => void {
    const idleListener = (err: Error) => {
      (err as Error & { client?: Client }).client = client;
      client.removeListener("error", idleListener);
      client.on("error", () => {}); // pg-pool only logs later errors of this client
      this.runtime.trace({ kind: "error", pool: this.id, client: client.id, what: "idle-client", error: traceError(err) });
      this.remove(client, "idle-error");
      this.emit("error", err, client as PoolClient);
    };
    return idleListener;
  }
}
