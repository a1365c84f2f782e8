// node-postgres's Client (pg 8.23.1, lib/client.js) over a model connection: what the Pool relies
// on, with pg's state flags, its order of callbacks and its error texts word for word. The socket
// is the server model's connection (server.ts); each statement runs through the runtime's Execute
// and ends on the virtual clock. A FATAL from the server and the socket's end are separate network
// events, as in pg: the ErrorResponse is handled first, the end after it.
import type { StatementOutcome } from "../execute.ts";
import type { Backend, ConnectAttempt, ServerError } from "../server.ts";
import type { ClientSocket, Connect } from "../wire.ts";
import type { PoolRuntime } from "../sim-runtime.ts";
import type { TraceError } from "../trace.ts";
import { Emitter } from "./emitter.ts";

/** An error the server sent (pg-protocol's DatabaseError): its SQLSTATE and severity with it. */
export class DatabaseError extends Error {
  readonly code: string;
  readonly severity: string;
  constructor(error: ServerError) {
    super(error.message);
    this.name = "error";
    this.code = error.code;
    this.severity = error.severity;
  }
}

/** node-postgres's result, as far as the model knows it. */
export interface QueryResult {
  command: string;
  rowCount: number | null;
  rows: Record<string, unknown>[];
}

export type QueryCallback = (err: Error | undefined, result?: QueryResult) => void;

export interface ClientConfig {
  /** The role to log in as (default "app"; "postgres" is a superuser). */
  user?: string;
  /** Default: the user's name, as libpq does. */
  database?: string;
}

interface PendingQuery {
  sql: string;
  values?: readonly unknown[];
  callback: QueryCallback;
  startedAt: number;
}

export function traceError(error: unknown): TraceError {
  if (error instanceof DatabaseError) return { message: error.message, code: error.code, severity: error.severity };
  return { message: error instanceof Error ? error.message : String(error) };
}

export class Client extends Emitter<{ error: [Error]; end: []; connect: [] }> {
  /** The client's number in the run's trace. */
  readonly id: number;
  /** The backend's pid, once connected. */
  processID: number | null = null;
  /** Set by a pool while the client is checked out (pg-pool assigns client.release). */
  release?: (err?: unknown) => void;
  /** pg-pool's _poolUseCount: how many times a pool took it back. */
  poolUseCount = 0;
  /** pg's _queryable: false once the connection failed. */
  queryable = true;
  /** pg's _ending: end() was called. */
  ending = false;
  private ended = false;
  private connectCalled = false;
  private connecting = false;
  private connectionError = false;
  private readyForQuery = false;
  private socketOpen = false;
  private socketClosing = false;
  private refed = true;
  private attempt: ConnectAttempt | null = null;
  private backend: Backend | null = null;
  /** The connection, when the runtime connects over a wire (sessions or PgBouncer). */
  private socket: ClientSocket | null = null;
  private connectionCallback: ((err?: Error) => void) | null = null;
  private endCallbacks: (() => void)[] = [];
  private queue: PendingQuery[] = [];
  private active: PendingQuery | null = null;

  constructor(
    private readonly runtime: PoolRuntime,
    private readonly config: ClientConfig = {},
  ) {
    super();
    this.id = runtime.newClientId();
  }

  connect(): Promise<this> {
    return new Promise((resolve, reject) => this.connectWith((err) => (err ? reject(err) : resolve(this))));
  }

  /** pg's client.connect(callback). */
  connectWith(callback: (err?: Error) => void): void {
    if (this.connectCalled) {
      const err = new Error("Client has already been connected. You cannot reuse a client.");
      return this.runtime.nextTick(() => callback(err));
    }
    this.connectCalled = this.connecting = this.socketOpen = true;
    this.connectionCallback = callback;
    this.runtime.holdSocket(this, this.refed);
    const user = this.config.user ?? "app";
    const request = { role: user, database: this.config.database ?? user, superuser: user === "postgres" };
    if (this.runtime.wire) return this.connectByWire(this.runtime.wire, user);
    this.attempt = this.runtime.open(request, this.id, (result) => {
      this.attempt = null;
      if ("error" in result) {
        this.handleErrorWhileConnecting(new DatabaseError(result.error));
        return this.socketEnd();
      }
      this.connected(result.backend);
    });
  }

  /**
   * The same client over a wire connection (wire.ts): to a backend's session, which keeps
   * SET, transactions and the rest per connection, or to PgBouncer in front of them.
   */
  private connectByWire(connect: Connect, user: string): void {
    let ready = false;
    this.socket = connect(
      { user, database: this.config.database ?? user },
      {
        ready: (info) => {
          ready = true;
          this.connected({ pid: info.processId } as Backend);
        },
        notice: () => {},
        notification: () => {},
        parameterStatus: () => {},
        reply: (reply) => {
          const query = this.active;
          if (!query) return;
          const last = reply.results[reply.results.length - 1];
          const ms = this.runtime.now() - query.startedAt;
          this.statementDone(query, reply.error ? { ok: false, error: reply.error, ms } : { ok: true, rows: last?.rows ?? [], rowCount: last?.rowCount ?? null, command: last?.command ?? "", ms });
        },
        error: (error) => {
          if (!ready) this.handleErrorWhileConnecting(new DatabaseError(error));
          else this.serverClosed(error, false);
        },
        closed: () => this.runtime.setTimer(() => this.socketEnd(), 0, false),
      },
    );
  }

  private connected(backend: Backend): void {
    this.backend = backend;
    this.processID = backend.pid;
    // The ErrorResponse reaches the client over the network: after whatever runs now.
    backend.onTerminated = (error) => this.runtime.setTimer(() => this.serverClosed(error), 0, false);
    this.connecting = false;
    this.readyForQuery = true;
    const callback = this.connectionCallback;
    this.connectionCallback = null;
    callback?.();
    this.emit("connect");
    this.pulseQueryQueue();
  }

  query(sql: string, values?: readonly unknown[]): Promise<QueryResult> {
    return new Promise((resolve, reject) => this.submit(sql, (err, result) => (err ? reject(err) : resolve(result!)), values));
  }

  /** pg's client.query(text, callback): queued behind the statements already sent on this client. */
  submit(sql: string, callback: QueryCallback, values?: readonly unknown[]): void {
    if (sql == null) throw new TypeError("Client was passed a null or undefined query");
    if (!this.queryable) return this.failSoon(callback, "Client has encountered a connection error and is not queryable");
    if (this.ending) return this.failSoon(callback, "Client was closed and is not queryable");
    this.queue.push({ sql, values, callback, startedAt: 0 });
    this.pulseQueryQueue();
  }

  private failSoon(callback: QueryCallback, message: string): void {
    const err = new Error(message);
    this.runtime.nextTick(() => callback(err));
  }

  private pulseQueryQueue(): void {
    if (!this.readyForQuery || !this.backend) return;
    const query = this.queue.shift();
    if (!query) return;
    this.active = query;
    this.readyForQuery = false;
    query.startedAt = this.runtime.now();
    const pid = this.backend.pid;
    this.runtime.trace({ kind: "query.start", client: this.id, pid, sql: query.sql });
    if (this.socket) {
      this.runtime.activity++;
      return this.socket.query(query.values === undefined ? { text: query.sql } : { text: query.sql, values: query.values });
    }
    this.runtime.run(query.sql, this.backend, (outcome) => this.statementDone(query, outcome), query.values);
  }

  private statementDone(query: PendingQuery, outcome: StatementOutcome): void {
    if (this.active !== query) return; // the connection failed meanwhile: the query has its error already
    this.active = null;
    this.readyForQuery = true;
    if (outcome.ok) {
      this.traceQueryEnd(query, true, outcome.rowCount);
      query.callback(undefined, { command: outcome.command, rowCount: outcome.rowCount, rows: outcome.rows });
    } else {
      const err = new DatabaseError(outcome.error);
      this.traceQueryEnd(query, false, err);
      query.callback(err);
    }
    this.pulseQueryQueue();
  }

  private traceQueryEnd(query: PendingQuery, ok: true, rowCount: number | null): void;
  private traceQueryEnd(query: PendingQuery, ok: false, error: Error): void;
  private traceQueryEnd(query: PendingQuery, ok: boolean, detail: number | null | Error): void {
    const ms = this.runtime.now() - query.startedAt;
    const pid = this.processID ?? 0;
    if (ok) this.runtime.trace({ kind: "query.end", client: this.id, pid, ms, ok, rowCount: detail as number | null });
    else this.runtime.trace({ kind: "query.end", client: this.id, pid, ms, ok, error: traceError(detail) });
  }

  /** The server ended the connection (pg_terminate_backend): its FATAL, then the socket's end. */
  /** `andEnd`: the socket's end follows at once (the model); over a wire its own `closed` comes. */
  private serverClosed(error: ServerError, andEnd = true): void {
    if (this.ended) return;
    const err = new DatabaseError(error);
    if (this.connecting) this.handleErrorWhileConnecting(err);
    else if (this.active) {
      const query = this.active;
      this.active = null;
      this.traceQueryEnd(query, false, err);
      query.callback(err);
    } else this.handleErrorEvent(err);
    if (andEnd) this.socketEnd();
  }

  private handleErrorWhileConnecting(err: Error): void {
    if (this.connectionError) return;
    this.connectionError = true;
    if (this.connectionCallback) return this.connectionCallback(err);
    this.emit("error", err);
  }

  /** The socket is dead: every query fails, and the client emits 'error'. */
  private handleErrorEvent(err: Error): void {
    if (this.connecting) return this.handleErrorWhileConnecting(err);
    this.queryable = false;
    this.errorAllQueries(err);
    this.emit("error", err);
  }

  private errorAllQueries(err: Error): void {
    const queries = this.active ? [this.active, ...this.queue] : this.queue;
    if (this.active) this.traceQueryEnd(this.active, false, err);
    this.active = null;
    this.queue = [];
    for (const query of queries) this.runtime.nextTick(() => query.callback(err));
  }

  /** The connection's 'end' (pg's con.once('end') handler, then end()'s callbacks). */
  private socketEnd(): void {
    if (this.ended) return;
    const error = new Error(this.ending ? "Connection terminated" : "Connection terminated unexpectedly");
    this.errorAllQueries(error);
    this.ended = true;
    this.socketOpen = false;
    this.runtime.holdSocket(this, false);
    if (!this.ending) {
      if (this.connecting && !this.connectionError) {
        if (this.connectionCallback) this.connectionCallback(error);
        else this.handleErrorEvent(error);
      } else if (!this.connectionError) this.handleErrorEvent(error);
    }
    const callbacks = this.endCallbacks;
    this.endCallbacks = [];
    for (const callback of callbacks) callback();
    this.runtime.nextTick(() => this.emit("end"));
  }

  /** connection.stream.destroy(): the socket closes now; the backend notices and exits. */
  destroySocket(): void {
    if (this.ended || this.socketClosing) return;
    this.socketClosing = true;
    this.attempt?.abort();
    this.attempt = null;
    if (this.socket) this.socket.terminate();
    else if (this.backend && this.backend.state !== "closed") this.runtime.server.close(this.backend);
    this.runtime.setTimer(() => this.socketEnd(), 0, false);
  }

  end(): Promise<void> {
    return new Promise((resolve) => this.endWith(resolve));
  }

  /** pg's client.end(callback): a Terminate, or the socket destroyed when it is dead or busy. */
  endWith(callback?: () => void): void {
    this.ending = true;
    if (!this.connectCalled || this.ended) return callback?.();
    if (callback) this.endCallbacks.push(callback);
    if (!this.queryable || this.active || this.attempt || !this.backend) return this.destroySocket();
    if (this.socket) {
      this.socketClosing = true;
      return this.socket.terminate(); // its `closed` ends the socket
    }
    if (this.socketClosing) return;
    this.socketClosing = true;
    this.runtime.server.close(this.backend, () => this.socketEnd());
  }

  /** Lets the process exit while this connection is open (allowExitOnIdle), or not. */
  unref(): void {
    this.refed = false;
    this.runtime.holdSocket(this, false);
  }

  ref(): void {
    this.refed = true;
    if (this.socketOpen) this.runtime.holdSocket(this, true);
  }
}
