// What `import … from "playground/pool"` gives lesson code: its types, for the editor and the
// typecheck. The values come from playground.ts, built per run. A simulation runs in virtual
// time: connections, pools, PgBouncer and the server's cores are modelled; every statement runs
// for real on the lesson's Postgres, and its measured time is what the simulation charges.

import type { PoolSummary } from "./summary.ts";

/** node-postgres's Pool options (pg-pool 3.14), with its defaults. */
export type { PoolOptions } from "./pg-pool/pool.ts";
import type { PoolOptions } from "./pg-pool/pool.ts";

export interface QueryResult<Row = Record<string, unknown>> {
  rows: Row[];
  rowCount: number | null;
  command: string;
}

/** A connection lent by a pool: query it, then release it, exactly once. */
export interface PoolClient {
  query<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<Row>>;
  /** Back to the pool; with an Error (or true) the connection is closed instead. */
  release(error?: Error | boolean): void;
  /** The Postgres backend serving this connection (behind PgBouncer: PgBouncer's client id). */
  readonly processID: number | null;
}

export interface Pool {
  /** An idle connection, a new one, or a place in the queue until one is released. */
  connect(): Promise<PoolClient>;
  /** connect, query and release in one call. */
  query<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<Row>>;
  /** Closes the idle connections, then the others as they are released. */
  end(): Promise<void>;
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
  on(event: "connect" | "acquire" | "remove", listener: (client: PoolClient) => void): this;
  on(event: "release", listener: (error: Error | undefined, client: PoolClient) => void): this;
  on(event: "error", listener: (error: Error, client: PoolClient) => void): this;
}

/** The simulated Postgres server. */
export interface ServerSettings {
  /** Default 100. */
  maxConnections?: number;
  /** Default 3. */
  superuserReservedConnections?: number;
  /** Cores the running statements share (default 4): past that, more connections only take turns. */
  cores?: number;
  /** What opening a connection costs, step by step, in ms (default: TCP 1, backend start 12, TLS 9, authentication 8). */
  connectMs?: { tcpMs?: number; backendStartMs?: number; tlsMs?: number; authMs?: number };
}

/** A PgBouncer 1.18 between the app and Postgres (its settings, in its own names). */
export interface PgBouncerSettings {
  pool_mode: "session" | "transaction" | "statement";
  /** Server connections per database and user (default 20). */
  default_pool_size?: number;
  /** Client connections PgBouncer accepts (default 100). */
  max_client_conn?: number;
  /** Seconds a client may wait for a server connection (default 120). */
  query_wait_timeout?: number;
}

export interface Setup {
  server?: ServerSettings;
  /** null or absent: straight to Postgres. */
  pgbouncer?: PgBouncerSettings | null;
}

export interface Invocation {
  /** 0, 1, … in arrival order. */
  invocation: number;
  /** This function instance's own pool (nothing is shared between instances). */
  pool: Pool;
}

/** What a simulation gives the code it runs. */
export interface World {
  /** node-postgres's Pool, connecting as this setup says. */
  Pool: new (options?: PoolOptions) => Pool;
  /** A burst of serverless function instances, each with its own pool (default { max: 1 }), all at once unless arrivalMs spreads them. */
  serverlessBurst(options: { invocations: number; handler: (invocation: Invocation) => Promise<unknown>; arrivalMs?: number; pool?: PoolOptions }): Promise<void>;
  /** A long-lived web server: `concurrency` requests in flight until `requests` are answered. */
  steadyServer(options: { concurrency: number; requests: number; handler: (index: number) => Promise<unknown> }): Promise<void>;
  /** Waits `ms` of virtual time. */
  sleep(ms: number): Promise<void>;
  /** Virtual ms since the simulation began. */
  now(): number;
}

export interface RunSummary extends PoolSummary {
  /** Why the simulation stopped: the code finished and nothing was left ("exited"), nothing could happen any more ("hangs"), the time limit, or an uncaught error. */
  stop: "exited" | "hangs" | "limit" | "crashed";
  /** Virtual ms at which it stopped. */
  endedAt: number;
  /** Statements the simulation's connections sent to Postgres (through PgBouncer, if any), each counted once. */
  statements: number;
}

/**
 * Runs `main` in a fresh simulation of `setup` (a new server, a new PgBouncer) and answers what
 * happened. The Visualization draws it; each call is drawn after the one before.
 */
export declare function simulate(setup: Setup, main: (world: World) => Promise<void>, options?: SimulateOptions): Promise<RunSummary>;

export interface SimulateOptions {
  /** Stop after this much virtual time (default 10 minutes). */
  limitMs?: number;
  /** Every statement on Postgres takes at least this long, in ms (default 5, so runs repeat on any machine): raise it to try a slow database. */
  statementMs?: number;
}
