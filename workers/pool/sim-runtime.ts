// What the pools and clients of one simulation share: the virtual clock, the Postgres server model,
// the statement runner, the trace, and the bookkeeping a Node process does for them — which
// timers and sockets keep the process alive (Node's ref / unref: allowExitOnIdle is about exactly
// that), and `nextTick`. The run loop (simulation.ts) reads three things from here: `activity`
// (something happened: keep draining), `inflight` (real statements to await before time may move)
// and `keepsAlive()` (whether Node would still be running).
import { VirtualClock, type TimerId } from "../shared/virtual-clock.ts";
import type { Execute, StatementOutcome } from "./execute.ts";
import { directConnect } from "./direct.ts";
import { PgBouncer, type PgBouncerConfig } from "./pgbouncer/index.ts";
import type { PgBouncerTraceSink } from "./pgbouncer-trace.ts";
import type { Connect } from "./wire.ts";
import { PostgresServer, type Backend, type ConnectAttempt, type ConnectRequest, type ServerError, type ServerEvent, type ServerOptions } from "./server.ts";
import type { OpenStep, PoolTrace, PoolTraceBody, PoolTraceSink } from "./trace.ts";

/**
 * The least a statement is charged, in ms: most lesson statements take less on PGlite, and their
 * measured times vary from run to run; charged at this floor, the same lesson gives the same
 * timeline every run. Only statements slower than the floor carry their measured time.
 */
export const DEFAULT_STATEMENT_FLOOR_MS = 0.5;

/**
 * How clients reach Postgres. "server" (the default): straight to the server model, statements
 * sent to the Execute as they are — what the recordings of node-postgres's Pool need. "sessions":
 * straight to Postgres too, but each connection a backend session (session.ts) that keeps SET,
 * transactions, advisory locks and LISTEN per connection, as a real one does. `{ pgbouncer }`:
 * through a PgBouncer 1.18 (pgbouncer/) in front of those sessions.
 */
export type Transport = "server" | "sessions" | { pgbouncer: Partial<PgBouncerConfig> };

export interface RuntimeOptions {
  execute: Execute;
  server?: ServerOptions;
  statementFloorMs?: number;
  trace?: PoolTraceSink;
  via?: Transport;
  /** Receives PgBouncer's events (source "pgbouncer"), when clients go through one. */
  pgbouncerTrace?: PgBouncerTraceSink;
}

const STEP_NAMES: Record<string, OpenStep> = { tcpMs: "tcp", backendStartMs: "backendStart", tlsMs: "tls", authMs: "auth" };

export class PoolRuntime {
  readonly clock = new VirtualClock();
  readonly server: PostgresServer;
  /** How clients connect when they do not go straight to the server model (Transport). */
  readonly wire: Connect | null = null;
  /** The PgBouncer in front of the server, when there is one (its admin console: pgbouncer.admin). */
  readonly pgbouncer: PgBouncer | null = null;
  readonly statementFloorMs: number;
  /** Bumped by everything the engine does; the drain (simulation.ts) waits until it stays still. */
  activity = 0;
  /** Real statements under way (an Execute that returned a promise): time waits for them. */
  readonly inflight = new Set<Promise<void>>();
  /**
   * The first uncaught error: thrown where Node would crash the process (an 'error' event nobody
   * listens to, a throwing listener on the next tick) or the statement runner's own failure (not a
   * SQL error). It ends the run.
   */
  failure: { error: unknown } | null = null;
  private readonly execute: Execute;
  private readonly sink: PoolTraceSink | undefined;
  private readonly refTimers = new Set<TimerId>();
  private readonly refSockets = new Set<object>();
  private readonly backends = new Map<number, Backend>();
  /** Which client each connection attempt belongs to (the server numbers attempts). */
  private readonly attemptClient = new Map<number, number>();
  private opening: number | null = null;
  private openingAttempt = 0;
  private clients = 0;
  private pools = 0;
  private requests = 0;

  constructor(options: RuntimeOptions) {
    this.execute = options.execute;
    this.sink = options.trace;
    this.statementFloorMs = options.statementFloorMs ?? DEFAULT_STATEMENT_FLOOR_MS;
    this.server = new PostgresServer(this.clock, options.server, (e) => this.serverEvent(e));
    // The server's limits, first in the trace: a picture draws max_connections from it.
    const via = options.via ?? "server";
    if (via === "sessions") this.wire = directConnect({ clock: this.clock, server: this.server, execute: this.sessionExecute() });
    else if (via !== "server") {
      const sink = options.pgbouncerTrace;
      this.pgbouncer = new PgBouncer({
        clock: this.clock,
        server: this.server,
        execute: this.sessionExecute(),
        config: via.pgbouncer,
        trace: (event) => {
          this.activity++;
          sink?.(event);
        },
      });
      this.wire = this.pgbouncer.connect;
    }
    this.trace({ kind: "server", maxConnections: this.server.maxConnections, superuserReservedConnections: this.server.superuserReservedConnections, cores: this.server.cores });
  }

  now(): number {
    return this.clock.now();
  }

  /** Stamps `body` (a fresh object, made into the event itself: no copy) and hands it to the sink. */
  trace(body: PoolTraceBody): void {
    this.activity++;
    if (!this.sink) return;
    const event = body as PoolTrace;
    event.t = this.clock.now();
    event.source = "pool";
    this.sink(event);
  }

  newPoolId(): number {
    return ++this.pools;
  }

  newClientId(): number {
    return ++this.clients;
  }

  newRequestId(): number {
    return ++this.requests;
  }

  /** setTimeout on the virtual clock; a `ref` timer keeps the process alive until it fires or is cleared. */
  setTimer(fire: () => void, ms: number, ref = true): TimerId {
    this.activity++;
    if (!ref) return this.clock.setTimeout(fire, ms);
    const id = this.clock.setTimeout(() => {
      this.refTimers.delete(id);
      fire();
    }, ms);
    this.refTimers.add(id);
    return id;
  }

  /** timer.unref(): the timer no longer keeps the process alive. */
  unrefTimer(id: TimerId): void {
    this.refTimers.delete(id);
  }

  clearTimer(id: TimerId | undefined): void {
    if (id === undefined) return;
    this.refTimers.delete(id);
    this.clock.clearTimeout(id);
  }

  /** process.nextTick: after the current code, before the clock moves. */
  nextTick(fn: () => void): void {
    this.activity++;
    queueMicrotask(() => {
      try {
        fn();
      } catch (error) {
        this.fail(error);
      }
    });
  }

  /** A socket that keeps the process alive (an open, ref'ed connection) or no longer does. */
  holdSocket(socket: object, held: boolean): void {
    if (held) this.refSockets.add(socket);
    else this.refSockets.delete(socket);
  }

  /** Whether Node would keep running: a ref'ed timer pending or a ref'ed socket open. */
  keepsAlive(): boolean {
    return this.refTimers.size > 0 || this.refSockets.size > 0;
  }

  /** Opens a connection for `client` (the server reports its steps, named after the client). */
  open(request: ConnectRequest, client: number, done: (result: { backend: Backend } | { error: ServerError }) => void): ConnectAttempt {
    this.activity++;
    this.opening = client;
    let attempt: ConnectAttempt;
    try {
      attempt = this.server.connect(request, (result) => {
        if ("backend" in result) this.backends.set(result.backend.pid, result.backend);
        done(result);
      });
    } finally {
      this.opening = null;
    }
    const number = this.openingAttempt;
    return {
      abort: () => {
        attempt.abort();
        this.attemptClient.delete(number);
      },
    };
  }

  /** pg_terminate_backend(pid) from a session outside the pools; false when there is no such backend. */
  terminate(pid: number): boolean {
    const backend = this.backends.get(pid);
    if (!backend || backend.state === "closed") return false;
    this.activity++;
    this.server.terminate(backend);
    return true;
  }

  /**
   * Runs a statement and calls `done` when it ends on the clock: `ms` after now, the outcome's
   * measured time floored. A real statement (a promise) is awaited by the run loop before the
   * clock moves, so "now" is still the moment it was sent. The statement really runs at that
   * moment (one at a time, on the one Postgres session): its effects are visible to statements
   * sent after it even before its modelled end.
   */
  run(sql: string, backend: Backend, done: (outcome: StatementOutcome, ms: number) => void, values?: readonly unknown[]): void {
    this.activity++;
    let result: ReturnType<Execute>;
    try {
      result = this.execute(sql, backend, values);
    } catch (error) {
      return this.fail(error);
    }
    if (!("then" in result)) return this.charge(result, done);
    this.awaitBeforeTime(
      Promise.resolve(result).then(
        (outcome) => this.charge(outcome, done),
        (error) => this.fail(error),
      ),
    );
  }

  /** A real statement under way: the run loop waits for `settled` before the clock moves. */
  private awaitBeforeTime(settled: Promise<void>): void {
    this.inflight.add(settled);
    void settled.then(() => this.inflight.delete(settled));
  }

  /**
   * The Execute as sessions call it: the floor applied, and a real statement (a promise) counted
   * in flight, so the run loop waits for it before the clock moves.
   */
  private sessionExecute(): Execute {
    const floor = (o: StatementOutcome): StatementOutcome => ({ ...o, ms: Math.max(this.statementFloorMs, o.ms) });
    return (sql, backend, values) => {
      this.activity++;
      const result = this.execute(sql, backend, values);
      if (!("then" in result)) return floor(result);
      const floored = Promise.resolve(result).then(floor);
      this.awaitBeforeTime(
        floored.then(
          () => void this.activity++,
          () => void this.activity++,
        ),
      );
      return floored;
    };
  }

  private charge(outcome: StatementOutcome, done: (outcome: StatementOutcome, ms: number) => void): void {
    const ms = Math.max(this.statementFloorMs, outcome.ms);
    // A server with a core count shares its cores among the statements running at once (cpu.ts):
    // the statement's measured time is its work, and it may take longer than that.
    if (this.server.cores !== null) {
      const start = this.clock.now();
      this.activity++;
      return this.server.work(ms, () => {
        this.activity++;
        done(outcome, this.clock.now() - start);
      });
    }
    // Not ref'ed: the connection's socket is what keeps the process alive during a query.
    this.setTimer(() => done(outcome, ms), ms, false);
  }

  fail(error: unknown): void {
    this.activity++;
    this.failure ??= { error };
  }

  private serverEvent(e: ServerEvent): void {
    const connections = this.server?.connections ?? 0;
    switch (e.kind) {
      case "open.step":
        if (this.opening !== null && !this.attemptClient.has(e.attempt)) {
          this.attemptClient.set(e.attempt, this.opening);
          this.openingAttempt = e.attempt;
        }
        return this.trace({ kind: "open.step", client: this.attemptClient.get(e.attempt) ?? null, pid: e.pid, step: STEP_NAMES[e.step], ms: e.ms, connections });
      case "opened":
        this.trace({ kind: "opened", client: this.attemptClient.get(e.attempt) ?? null, pid: e.pid, costMs: e.costMs, connections: e.connections });
        return void this.attemptClient.delete(e.attempt);
      case "refused":
        this.trace({ kind: "refused", client: this.attemptClient.get(e.attempt) ?? null, error: e.error, connections: e.connections });
        return void this.attemptClient.delete(e.attempt);
      case "closed":
        this.backends.delete(e.pid);
        return this.trace({ kind: "closed", pid: e.pid, connections: e.connections, ...(e.terminated ? { terminated: e.terminated } : {}) });
    }
  }
}
