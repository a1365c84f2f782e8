// A node-postgres 8 Client on the virtual clock: connect, query (text or a named prepared
// statement), end, and the events 'notice', 'notification', 'error' and 'end', with
// node-postgres's rules and texts (pg/lib/client.js): queries queue and go one at a time; a named
// statement is parsed once per connection and afterwards only bound and executed (so a different
// server connection behind a pooler does not have it); a FATAL that ends a query rejects that
// query, and the connection closing without end() is an 'error' event, "Connection terminated
// unexpectedly", after which the client is not queryable.
//
// Internally it is callbacks on the clock; the methods return promises for learner code. What it
// connects to is a Connect (wire.ts): PgBouncer, or a Postgres backend directly (direct.ts).
import { PostgresError } from "../postgres/errors.ts";
import type { VirtualClock } from "../shared/virtual-clock.ts";
import type { StatementResult } from "./execute.ts";
import type { ServerError } from "./server.ts";
import type { ClientEvents, ClientSocket, Connect, QueryReply } from "./wire.ts";

export interface ClientConfig {
  clock: VirtualClock;
  connect: Connect;
  database?: string;
  user?: string;
  application_name?: string;
  /** node-postgres sends it in the startup packet (PgBouncer refuses that parameter). */
  statement_timeout?: number;
  /**
   * An 'error' event with no listener: node-postgres's EventEmitter throws it (and Node.js then
   * ends the process); here it is thrown from the clock's next turn. Given, this is called instead.
   */
  unhandledError?: (error: Error) => void;
}

export interface QueryResult {
  command: string | null;
  rowCount: number | null;
  rows: Record<string, unknown>[];
  fields: { name: string }[];
}

/** What node-postgres emits for a NoticeResponse. */
export interface NoticeMessage {
  name: "notice";
  severity: string;
  code: string;
  message: string;
}

type ClientEventMap = {
  notice: NoticeMessage;
  notification: { processId: number; channel: string; payload: string };
  error: Error;
  end: undefined;
  connect: undefined;
};

interface Pending {
  text: string;
  name?: string;
  resolve: (result: QueryResult | QueryResult[]) => void;
  reject: (error: Error) => void;
}

/** A Postgres or PgBouncer error as node-postgres's DatabaseError (name "error"). */
const databaseError = (e: ServerError) => new PostgresError({ message: e.message, code: e.code, severity: e.severity });

function toResult(r: StatementResult | undefined): QueryResult {
  if (!r) return { command: null, rowCount: null, rows: [], fields: [] };
  const names = r.fields ?? Object.keys(r.rows[0] ?? {});
  return { command: r.command, rowCount: r.rowCount, rows: r.rows, fields: names.map((name) => ({ name })) };
}

export class Client {
  processID: number | null = null;
  /** ParameterStatus values the server sent (server_version, application_name, …). */
  readonly parameters: Record<string, string> = {};
  private socket: ClientSocket | null = null;
  private connectCalled = false;
  private connecting = false;
  private connected = false;
  private ending = false;
  private ended = false;
  private queryable = true;
  private connectionError = false;
  private connectWaiter: { resolve: () => void; reject: (e: Error) => void } | null = null;
  private readonly endWaiters: (() => void)[] = [];
  private readonly queue: Pending[] = [];
  private active: Pending | null = null;
  private readonly parsedStatements = new Map<string, string>();
  private readonly listeners = new Map<keyof ClientEventMap, ((value: never) => void)[]>();

  constructor(private readonly config: ClientConfig) {}

  on<K extends keyof ClientEventMap>(event: K, listener: (value: ClientEventMap[K]) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  off<K extends keyof ClientEventMap>(event: K, listener: (value: ClientEventMap[K]) => void): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== listener));
    return this;
  }

  connect(): Promise<void> {
    if (this.connectCalled) return Promise.reject(new Error("Client has already been connected. You cannot reuse a client."));
    this.connectCalled = true;
    this.connecting = true;
    const { database = "app", user = "app", application_name, statement_timeout } = this.config;
    const params: Record<string, string> = { database, user };
    if (application_name !== undefined) params.application_name = application_name;
    if (statement_timeout !== undefined) params.statement_timeout = String(statement_timeout);
    return new Promise((resolve, reject) => {
      this.connectWaiter = { resolve, reject };
      this.send(() => (this.socket = this.config.connect(params as never, this.events)));
    });
  }

  query(config: string | { text: string; name?: string }): Promise<QueryResult | QueryResult[]> {
    const { text, name } = typeof config === "string" ? { text: config, name: undefined } : config;
    return new Promise((resolve, reject) => {
      if (!this.queryable) return reject(new Error("Client has encountered a connection error and is not queryable"));
      if (this.ending) return reject(new Error("Client was closed and is not queryable"));
      this.queue.push({ text, name, resolve, reject });
      this.pump();
    });
  }

  end(): Promise<void> {
    this.ending = true;
    if (!this.connectCalled || this.ended) return Promise.resolve();
    return new Promise((resolve) => {
      this.endWaiters.push(resolve);
      this.send(() => this.socket?.terminate());
    });
  }

  /** Sends the next queued query once the connection is ready for one. */
  private pump(): void {
    if (!this.connected || this.active || this.queue.length === 0) return;
    const q = this.queue.shift()!;
    const previous = q.name === undefined ? undefined : this.parsedStatements.get(q.name);
    if (previous !== undefined && previous !== q.text) {
      q.reject(new Error(`Prepared statements must be unique - '${q.name}' was used for a different statement`));
      return this.pump();
    }
    this.active = q;
    const message = q.name === undefined ? { text: q.text } : { text: q.text, name: q.name, parse: previous === undefined };
    this.send(() => this.socket?.query(message));
  }

  /** Bytes leave on the next turn of the clock, never inside the caller's own call. */
  private send(write: () => void): void {
    this.config.clock.setTimeout(write, 0);
  }

  private emit<K extends keyof ClientEventMap>(event: K, value: ClientEventMap[K]): void {
    const listeners = (this.listeners.get(event) ?? []) as ((value: ClientEventMap[K]) => void)[];
    if (event === "error" && listeners.length === 0) {
      if (this.config.unhandledError) return this.config.unhandledError(value as Error);
      // Thrown on a turn of its own, as an uncaught exception is, not into the far end's handler.
      return void this.config.clock.setTimeout(() => {
        throw value;
      }, 0);
    }
    for (const listener of listeners) listener(value);
  }

  /** Every query still waiting gets `error` (pg's _errorAllQueries). */
  private errorAll(error: Error): void {
    const all = this.active ? [this.active, ...this.queue] : [...this.queue];
    this.active = null;
    this.queue.length = 0;
    for (const q of all) q.reject(error);
  }

  private errorWhileConnecting(error: Error): void {
    if (this.connectionError) return;
    this.connectionError = true;
    this.connectWaiter?.reject(error);
    this.connectWaiter = null;
  }

  /** pg's _handleErrorEvent: the client is broken; waiting queries fail; listeners hear it. */
  private errorEvent(error: Error): void {
    if (this.connecting) return this.errorWhileConnecting(error);
    this.queryable = false;
    this.errorAll(error);
    this.emit("error", error);
  }

  private readonly events: ClientEvents = {
    ready: ({ processId, parameters }) => {
      Object.assign(this.parameters, parameters);
      this.processID = processId;
      this.connecting = false;
      this.connected = true;
      this.connectWaiter?.resolve();
      this.connectWaiter = null;
      this.emit("connect", undefined);
      this.pump();
    },
    notice: (n) => this.emit("notice", { name: "notice", severity: n.severity, code: n.code, message: n.message }),
    notification: (n) => this.emit("notification", { processId: n.processId, channel: n.channel, payload: n.payload }),
    parameterStatus: (name, value) => void (this.parameters[name] = value),
    reply: (reply: QueryReply) => {
      const q = this.active;
      this.active = null;
      if (!q) return;
      if (reply.parsed && q.name !== undefined) this.parsedStatements.set(q.name, q.text);
      if (reply.error) q.reject(databaseError(reply.error));
      else q.resolve(reply.results.length > 1 ? reply.results.map(toResult) : toResult(reply.results[0]));
      this.pump();
    },
    error: (e) => {
      const error = databaseError(e);
      if (this.connecting) return this.errorWhileConnecting(error);
      const q = this.active;
      if (!q) return this.errorEvent(error);
      this.active = null;
      q.reject(error);
    },
    closed: () => {
      const error = new Error(this.ending ? "Connection terminated" : "Connection terminated unexpectedly");
      this.errorAll(error);
      this.ended = true;
      this.connected = false;
      if (!this.ending && !this.connectionError) this.errorEvent(error);
      this.connecting = false;
      this.emit("end", undefined);
      for (const resolve of this.endWaiters.splice(0)) resolve();
    },
  };
}
