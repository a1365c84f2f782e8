// A Postgres 15 server as a pool sees it, in virtual time: connection slots (max_connections,
// superuser_reserved_connections, per-role and per-database CONNECTION LIMIT), what opening a
// connection costs and in which steps, memory per backend, and the refusals in Postgres's own
// words. What a connection runs is not modelled here: the pool engine sends its queries to the
// real Postgres engine (PGlite) and only charges their time.
//
// The order of the checks is Postgres's (postmaster.c, proc.c, postinit.c): a backend is forked
// and takes a slot (PGPROC) — none free: "sorry, too many clients already"; TLS and
// authentication follow; then the role's limit, the reserved slots (a count, not particular
// slots: superusers use the shared ones first), and the database's limit.
import type { VirtualClock } from "../shared/virtual-clock.ts";
import { Processors } from "./cpu.ts";

/** The steps of opening one connection, in order, each with its cost in ms of the run's clock. */
export interface ConnectionCosts {
  /** TCP handshake (one round trip). */
  tcpMs: number;
  /** The postmaster forks a backend, which sets up its process. */
  backendStartMs: number;
  /** TLS handshake. */
  tlsMs: number;
  /** Authentication (SCRAM-SHA-256 is a few round trips and a deliberately slow hash). */
  authMs: number;
}

/** About 30 ms: inside the 20–100 ms a real connection takes, on the fast side (same data centre). */
export const DEFAULT_COSTS: ConnectionCosts = { tcpMs: 1, backendStartMs: 12, tlsMs: 9, authMs: 8 };

export interface ServerOptions {
  /** Postgres's default is 100. */
  maxConnections?: number;
  /** Postgres's default is 3. */
  superuserReservedConnections?: number;
  /** ALTER ROLE … CONNECTION LIMIT n (superusers are not limited). */
  roleConnectionLimits?: Record<string, number>;
  /** ALTER DATABASE … CONNECTION LIMIT n (superusers are not limited). */
  databaseConnectionLimits?: Record<string, number>;
  costs?: Partial<ConnectionCosts>;
  /** From a client's Terminate to its backend gone and its slot free. */
  closeMs?: number;
  /** A backend's own memory, before work_mem and caches: a few MB. */
  memoryPerBackendMb?: number;
  /** Accepts TCP connections and never sends a byte (a hung server, a firewall that drops). */
  unresponsive?: boolean;
  /**
   * CPU cores statements share (cpu.ts); absent, every statement runs in its own measured time
   * however many run at once (right for pg_sleep, wrong for real work on a busy server).
   */
  cores?: number;
}

/** An error Postgres sent, with node-postgres's fields. */
export interface ServerError {
  message: string;
  code: string;
  severity: "FATAL" | "ERROR";
}

export interface ConnectRequest {
  role: string;
  database: string;
  superuser?: boolean;
}

export type BackendState = "starting" | "ready" | "closed";

export interface Backend {
  readonly pid: number;
  readonly role: string;
  readonly database: string;
  readonly superuser: boolean;
  state: BackendState;
  /** Called when the server ends the connection itself (pg_terminate_backend, a restart). */
  onTerminated?: (error: ServerError) => void;
}

export type ServerEvent =
  | { kind: "open.step"; pid: number | null; attempt: number; step: keyof ConnectionCosts; ms: number }
  | { kind: "opened"; pid: number; attempt: number; costMs: number; connections: number }
  | { kind: "refused"; attempt: number; error: ServerError; connections: number }
  | { kind: "closed"; pid: number; connections: number; terminated?: ServerError };

/** An attempt under way; abort() gives up on it (the client's connect timeout). */
export interface ConnectAttempt {
  abort(): void;
}

const fatal = (message: string): ServerError => ({ message, code: "53300", severity: "FATAL" });
export const TOO_MANY_CLIENTS = fatal("sorry, too many clients already");
export const RESERVED_SLOTS = fatal("remaining connection slots are reserved for non-replication superuser connections");
export const roleLimit = (role: string) => fatal(`too many connections for role "${role}"`);
export const databaseLimit = (database: string) => fatal(`too many connections for database "${database}"`);
export const ADMIN_SHUTDOWN: ServerError = { message: "terminating connection due to administrator command", code: "57P01", severity: "FATAL" };

export class PostgresServer {
  readonly maxConnections: number;
  readonly superuserReservedConnections: number;
  readonly costs: ConnectionCosts;
  readonly memoryPerBackendMb: number;
  /** Backends holding a slot (starting or ready), in the order they took it. */
  private readonly backends = new Set<Backend>();
  private nextPid = 1001;
  private attempts = 0;
  /** The most slots ever in use at once. */
  peak = 0;
  opened = 0;
  refused = 0;
  /** The cores statements share, when the server has a count (options.cores). */
  private readonly cpu: Processors | null;

  constructor(
    private readonly clock: VirtualClock,
    private readonly options: ServerOptions = {},
    private readonly listener: (event: ServerEvent) => void = () => {},
  ) {
    this.maxConnections = options.maxConnections ?? 100;
    this.superuserReservedConnections = options.superuserReservedConnections ?? 3;
    this.costs = { ...DEFAULT_COSTS, ...options.costs };
    this.memoryPerBackendMb = options.memoryPerBackendMb ?? 10;
    this.cpu = options.cores !== undefined && Number.isFinite(options.cores) ? new Processors(clock, options.cores) : null;
  }

  /** The server's core count, when it has one. */
  get cores(): number | null {
    return this.cpu?.cores ?? null;
  }

  /**
   * A statement's `ms` of work, done on the server: `done` when it is finished. With a core count
   * the statements running at once share the cores (cpu.ts); without, each takes its own time.
   */
  work(ms: number, done: () => void): void {
    if (this.cpu) this.cpu.run(ms, done);
    else this.clock.setTimeout(done, ms);
  }

  /** Slots in use (starting or ready backends). */
  get connections(): number {
    return this.backends.size;
  }

  get memoryMb(): number {
    return this.backends.size * this.memoryPerBackendMb;
  }

  /** Total cost of a connection that is let in. */
  get connectMs(): number {
    const c = this.costs;
    return c.tcpMs + c.backendStartMs + c.tlsMs + c.authMs;
  }

  /**
   * Opens a connection: `done` is called on the clock when it is ready or refused. An
   * unresponsive server never calls it; the caller's timeout aborts the attempt.
   */
  connect(request: ConnectRequest, done: (result: { backend: Backend } | { error: ServerError }) => void): ConnectAttempt {
    const attempt = ++this.attempts;
    const superuser = request.superuser ?? false;
    let aborted = false;
    let backend: Backend | null = null;
    let timer: number | undefined;
    const after = (step: keyof ConnectionCosts, then: () => void) => {
      const ms = this.costs[step];
      this.listener({ kind: "open.step", pid: backend?.pid ?? null, attempt, step, ms });
      timer = this.clock.setTimeout(() => !aborted && then(), ms);
    };
    const refuse = (error: ServerError) => {
      if (backend) this.free(backend);
      this.refused++;
      this.listener({ kind: "refused", attempt, error, connections: this.connections });
      done({ error });
    };
    const checks = () => {
      const others = this.connections - 1;
      if (!superuser) {
        const roleMax = this.options.roleConnectionLimits?.[request.role];
        if (roleMax !== undefined && roleMax >= 0 && this.count((b) => b.role === request.role && !b.superuser) - 1 >= roleMax) return refuse(roleLimit(request.role));
        if (this.superuserReservedConnections > 0 && others >= this.maxConnections - this.superuserReservedConnections) return refuse(RESERVED_SLOTS);
        const dbMax = this.options.databaseConnectionLimits?.[request.database];
        if (dbMax !== undefined && dbMax >= 0 && this.count((b) => b.database === request.database && !b.superuser) - 1 >= dbMax) return refuse(databaseLimit(request.database));
      }
      backend!.state = "ready";
      this.opened++;
      this.listener({ kind: "opened", pid: backend!.pid, attempt, costMs: this.connectMs, connections: this.connections });
      done({ backend: backend! });
    };
    after("tcpMs", () => {
      if (this.options.unresponsive) return; // the handshake never comes
      after("backendStartMs", () => {
        if (this.connections >= this.maxConnections) return refuse(TOO_MANY_CLIENTS);
        backend = { pid: this.nextPid++, role: request.role, database: request.database, superuser, state: "starting" };
        this.backends.add(backend);
        this.peak = Math.max(this.peak, this.connections);
        after("tlsMs", () => after("authMs", checks));
      });
    });
    return {
      abort: () => {
        aborted = true;
        this.clock.clearTimeout(timer);
        if (backend && backend.state !== "closed") this.close(backend);
      },
    };
  }

  /** The client ends its connection: the backend exits and its slot is free `closeMs` later. */
  close(backend: Backend, onGone?: () => void): void {
    if (backend.state === "closed") return void onGone?.();
    backend.state = "closed";
    this.clock.setTimeout(() => {
      this.free(backend);
      this.listener({ kind: "closed", pid: backend.pid, connections: this.connections });
      onGone?.();
    }, this.options.closeMs ?? 1);
  }

  /** pg_terminate_backend(pid): the backend exits at once and its client hears why. */
  terminate(backend: Backend): void {
    if (backend.state === "closed") return;
    backend.state = "closed";
    this.free(backend);
    this.listener({ kind: "closed", pid: backend.pid, connections: this.connections, terminated: ADMIN_SHUTDOWN });
    backend.onTerminated?.(ADMIN_SHUTDOWN);
  }

  private free(backend: Backend): void {
    this.backends.delete(backend);
  }

  private count(match: (b: Backend) => boolean): number {
    let n = 0;
    for (const b of this.backends) if (match(b)) n++;
    return n;
  }
}
