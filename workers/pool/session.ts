// A Postgres backend's session on the virtual clock: the state one connection carries, which a
// single shared Postgres engine (PGlite) cannot keep apart for many model connections — settings
// (SET / SET LOCAL / RESET, read by SHOW and current_setting), named prepared statements,
// advisory locks, LISTEN channels and the notifications waiting for them, the transaction
// block — and the statements that act on it (session/statements.ts), answered here in Postgres's
// words. Every other statement goes to the injected Execute, and its time is charged on the clock
// (under statement_timeout, which the session enforces because it is session state too).
//
// It speaks the wire protocol (wire.ts) to whoever holds the connection: a node-postgres-like
// Client directly, or PgBouncer, which hands the connection from client to client — and with it
// everything in here.
import type { TimerId, VirtualClock } from "../shared/virtual-clock.ts";
import type { Execute, StatementOutcome, StatementResult } from "./execute.ts";
import type { Backend, PostgresServer, ServerError } from "./server.ts";
import { endsTransaction, perform, type CommandScope, type Outcome } from "./session/commands.ts";
import { inBaseUnit } from "./session/gucs.ts";
import type { AdvisoryLocks, LockOwner } from "./session/locks.ts";
import type { NotifyHub, NotifyTarget } from "./session/notify.ts";
import { Settings } from "./session/settings.ts";
import { sharedState } from "./session/shared.ts";
import { splitStatements, type SqlStatement } from "./session/sql.ts";
import { readCommand } from "./session/statements.ts";
import { Transaction } from "./session/transaction.ts";
import type { ClientEvents, Notice, Notification, QueryMessage } from "./wire.ts";

/** What a backend tells the connection it serves (a client, or PgBouncer's server socket). */
export type BackendEvents = Omit<ClientEvents, "ready">;

export interface SessionOptions {
  clock: VirtualClock;
  server: PostgresServer;
  backend: Backend;
  execute: Execute;
  events: BackendEvents;
  /** Settings from the startup packet (application_name, client_encoding, …). */
  startup?: Record<string, string>;
  /** How long a statement the session answers itself takes, in ms (a local round trip). */
  statementMs?: number;
}

const error = (message: string, code: string, severity: "ERROR" | "FATAL" = "ERROR"): ServerError => ({ message, code, severity });
const ABORTED = error("current transaction is aborted, commands ignored until end of transaction block", "25P02");
const STATEMENT_TIMEOUT = error("canceling statement due to statement timeout", "57014");
const LOCK_TIMEOUT = error("canceling statement due to lock timeout", "55P03");
const DEADLOCK = error("deadlock detected", "40P01");
const IDLE_IN_TRANSACTION = error("terminating connection due to idle-in-transaction timeout", "25P03", "FATAL");
const IDLE_SESSION = error("terminating connection due to idle-session timeout", "57P05", "FATAL");

/** The query under way: what it has produced so far. */
interface Run {
  results: StatementResult[];
  error?: ServerError;
  notices: Notice[];
  parsed: boolean;
  /** The reported settings before it, to tell the client which changed. */
  reported: Map<string, string>;
  /** Bind's values, for the one statement of an extended-protocol query. */
  values?: readonly unknown[];
}

export class PostgresSession implements LockOwner, NotifyTarget {
  readonly pid: number;
  readonly settings: Settings;
  readonly prepared = new Map<string, string>();
  private readonly tx: Transaction;
  private readonly locks: AdvisoryLocks;
  private readonly hub: NotifyHub;
  private readonly scope: CommandScope;
  private readonly statementMs: number;
  private run: Run | null = null;
  private closed = false;
  private queued: Notification[] = [];
  private idleTimer: TimerId | undefined;

  constructor(private readonly options: SessionOptions) {
    const { server, backend } = options;
    this.pid = backend.pid;
    this.statementMs = options.statementMs ?? 1;
    ({ locks: this.locks, notify: this.hub } = sharedState(server));
    this.settings = new Settings(options.startup, { max_connections: String(server.maxConnections) });
    this.tx = new Transaction(this, this.settings, this.locks, this.hub);
    this.scope = this.commandScope();
    backend.onTerminated = (e) => this.fatal(e);
    this.armIdleTimer();
  }

  /** ReadyForQuery's status: idle, in a transaction block, in a failed one. */
  get txStatus(): "I" | "T" | "E" {
    return this.tx.status;
  }

  get busy(): boolean {
    return this.run !== null;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** The channels this session listens to. */
  listening(): string[] {
    return this.hub.listening(this);
  }

  /** Runs one Query (or Parse/Bind/Execute/Sync); the reply comes through events.reply. */
  query(message: QueryMessage): void {
    if (this.closed) return;
    if (this.run) throw new Error("a query is already running on this connection");
    this.options.clock.clearTimeout(this.idleTimer);
    const run: Run = { results: [], notices: [], parsed: false, reported: this.settings.reported(), values: message.values };
    this.run = run;
    const statements = this.statementsOf(message, run);
    if (run.error) return this.scope.after(() => this.finish());
    const implicit = statements.length > 1 && this.tx.block === null;
    if (implicit) this.tx.begin("implicit");
    const next = (i: number): void => {
      if (this.closed) return;
      if (i < statements.length && !run.error) return this.runStatement(statements[i], () => next(i + 1));
      if (implicit && this.tx.block === "implicit") this.tx.commit();
      this.finish();
    };
    next(0);
  }

  /** The client's Terminate: the backend rolls back, lets go of everything and exits. */
  terminate(): void {
    if (this.closed) return;
    this.exit(() => this.options.events.closed());
  }

  /** A committed notification for a channel this session listens to (NotifyTarget). */
  notify(notification: Notification): void {
    if (this.closed) return;
    // Postgres hands notifications over only between transactions, before ReadyForQuery.
    if (!this.run && this.tx.status === "I") this.options.events.notification(notification);
    else this.queued.push(notification);
  }

  /** The statements of a message; for the extended protocol, Parse's and Bind's checks first. */
  private statementsOf(message: QueryMessage, run: Run): SqlStatement[] {
    if (!("name" in message)) return splitStatements(message.text);
    if (this.tx.failed) return (run.error = ABORTED), [];
    let text = message.text;
    if (message.parse) {
      if (this.prepared.has(message.name)) return (run.error = error(`prepared statement "${message.name}" already exists`, "42P05")), [];
      if (splitStatements(text).length > 1) return (run.error = error("cannot insert multiple commands into a prepared statement", "42601")), [];
      this.prepared.set(message.name, text);
      run.parsed = true;
    } else {
      const stored = this.prepared.get(message.name);
      if (stored === undefined) return (run.error = error(`prepared statement "${message.name}" does not exist`, "26000")), [];
      text = stored;
    }
    return splitStatements(text);
  }

  private runStatement(statement: SqlStatement, done: () => void): void {
    const run = this.run!;
    const command = readCommand(statement);
    if (this.tx.failed && !endsTransaction(command)) {
      run.error = ABORTED;
      return this.scope.after(done);
    }
    // Outside a block, a statement is a transaction of its own.
    const own = this.tx.block === null;
    if (own) this.tx.begin("statement");
    perform(this.scope, command, statement.text, (outcome) => {
      if (this.closed) return;
      for (const notice of run.notices.splice(0)) this.options.events.notice(notice);
      if ("error" in outcome) {
        run.error = outcome.error;
        this.tx.fail();
      } else {
        run.results.push(outcome.result);
        if (own && this.tx.block === "statement") this.tx.commit();
      }
      done();
    });
  }

  /** ParameterStatus for what changed, waiting notifications, then ReadyForQuery. */
  private finish(): void {
    const run = this.run!;
    const { events } = this.options;
    for (const [name, value] of this.settings.reported()) if (run.reported.get(name) !== value) events.parameterStatus(name, value);
    this.run = null;
    if (this.tx.status === "I") for (const n of this.queued.splice(0)) events.notification(n);
    this.armIdleTimer();
    events.reply({ results: run.results, error: run.error, txStatus: this.tx.status, ...(run.parsed ? { parsed: true } : {}) });
  }

  private commandScope(): CommandScope {
    const { clock } = this.options;
    return {
      pid: this.pid,
      owner: this,
      settings: this.settings,
      locks: this.locks,
      tx: this.tx,
      prepared: this.prepared,
      notify: (channel, payload) => this.tx.notify(channel, payload),
      notice: (notice) => this.run?.notices.push(notice),
      after: (then) => void clock.setTimeout(() => !this.closed && then(), this.statementMs),
      runPlain: (sql, done) => this.runPlain(sql, done),
      waitForLock: (request, done) => this.waitForLock(request, done),
    };
  }

  /** A statement for the Execute: its time is charged on the clock, cut short by statement_timeout. */
  private runPlain(sql: string, done: (outcome: Outcome) => void): void {
    const { clock, execute, backend } = this.options;
    const started = clock.now();
    const timeout = this.ms("statement_timeout");
    let settled = false;
    let timer: TimerId | undefined;
    const complete = (outcome: Outcome) => {
      if (settled || this.closed) return;
      settled = true;
      clock.clearTimeout(timer);
      done(outcome);
    };
    if (timeout > 0) timer = clock.setTimeout(() => complete({ error: STATEMENT_TIMEOUT }), timeout);
    const land = (o: StatementOutcome) => {
      if (timeout > 0 && o.ms > timeout) return; // the timer cancels it first
      const outcome: Outcome = o.ok ? { result: { rows: o.rows, rowCount: o.rowCount, command: o.command, ...(o.fields && { fields: o.fields }) } } : { error: o.error };
      // Its time on the server's cores (shared with every statement running at once, cpu.ts).
      this.options.server.work(Math.max(0, started + o.ms - clock.now()), () => complete(outcome));
    };
    const failed = (e: unknown): StatementOutcome => ({ ok: false, error: error(e instanceof Error ? e.message : String(e), "XX000"), ms: 0 });
    let result: StatementOutcome | Promise<StatementOutcome>;
    try {
      result = execute(sql, backend, this.run?.values);
    } catch (e) {
      result = failed(e);
    }
    if (result instanceof Promise) result.then(land, (e) => land(failed(e)));
    else land(result);
  }

  /** pg_advisory_lock that must wait: until granted, or lock_timeout, statement_timeout, a deadlock. */
  private waitForLock(request: { key: string; mode: "exclusive" | "share"; xact: boolean }, done: (error?: ServerError) => void): void {
    const { clock } = this.options;
    const timers: TimerId[] = [];
    let finished = false;
    const end = (failure?: ServerError) => {
      if (finished || this.closed) return;
      finished = true;
      for (const t of timers) clock.clearTimeout(t);
      if (failure) giveUp();
      done(failure);
    };
    // Granted at once, `end` runs before giveUp exists; it needs giveUp only to abandon a wait.
    const giveUp = this.locks.acquire(this, request.key, request.mode, request.xact, () => end());
    if (finished) return;
    const statement = this.ms("statement_timeout");
    const lock = this.ms("lock_timeout");
    if (lock > 0) timers.push(clock.setTimeout(() => end(LOCK_TIMEOUT), lock));
    if (statement > 0) timers.push(clock.setTimeout(() => end(STATEMENT_TIMEOUT), statement));
    // deadlock.c looks for a cycle once, deadlock_timeout after the wait began.
    timers.push(clock.setTimeout(() => this.locks.deadlocked(this) && end(DEADLOCK), this.ms("deadlock_timeout")));
  }

  private ms(name: string): number {
    return inBaseUnit(this.settings.value(name), "ms");
  }

  /** idle_in_transaction_session_timeout and idle_session_timeout, re-armed whenever it goes idle. */
  private armIdleTimer(): void {
    const { clock } = this.options;
    clock.clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.run || this.closed) return;
    const inTransaction = this.tx.status !== "I";
    const ms = this.ms(inTransaction ? "idle_in_transaction_session_timeout" : "idle_session_timeout");
    if (ms > 0) this.idleTimer = clock.setTimeout(() => this.fatal(inTransaction ? IDLE_IN_TRANSACTION : IDLE_SESSION), ms);
  }

  /** The backend ends the connection itself: a FATAL to its client, then the socket closes. */
  private fatal(failure: ServerError): void {
    if (this.closed) return;
    this.options.events.error(failure);
    this.exit(() => this.options.events.closed());
  }

  /** The backend exits: its transaction rolls back, its locks and LISTENs go, its slot frees. */
  private exit(gone: () => void): void {
    this.closed = true;
    this.run = null;
    this.options.clock.clearTimeout(this.idleTimer);
    if (this.tx.block) this.tx.rollback();
    this.locks.releaseAll(this);
    this.hub.unlisten(this, null);
    this.options.server.close(this.options.backend, gone);
  }
}
