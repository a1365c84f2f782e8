// What `import … from "playground/pool"` gives lesson code: its types, for the editor and the
// typecheck. The values come from playground.ts, built per run. A simulation runs in virtual
// time: connections, pools, PgBouncer and the server's cores are modelled; every statement runs
// for real on the lesson's Postgres, and its measured time is what the simulation charges.

/** node-postgres's Pool options (pg-pool 3.14), with its defaults. */
export interface PoolOptions {
  /** Most connections at once, the ones still opening included (default 10). */
  max?: number;
  /** Idle connections kept open however long they idle (default 0). */
  min?: number;
  /** How long a connection may idle before it is closed; 0: never (default 10,000). */
  idleTimeoutMillis?: number;
  /** How long connect() may wait for a connection; 0: forever (default). */
  connectionTimeoutMillis?: number;
  /** Close a connection after it was released this many times (default Infinity). */
  maxUses?: number;
  /** Idle connections do not keep the process running (default false). */
  allowExitOnIdle?: boolean;
}

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

export interface RunSummary {
  /** What served / failed / latency count: the callers' requests, or (without callers) queries. */
  counted: "requests" | "queries";
  served: number;
  failed: number;
  /** Nearest-rank percentiles of the counted durations, in virtual ms. */
  latency: { p50: number | null; p95: number | null; p99: number | null };
  connectionsOpened: number;
  connectionsRefused: number;
  /** The most server connections in use at once (opening ones included). */
  peakServerConnections: number;
  /** Clients checked out and never released: a leak. */
  leakedClients: number[];
  /** Why the simulation stopped: the code finished and nothing was left ("exited"), nothing could happen any more ("hangs"), the time limit, or an uncaught error. */
  stop: "exited" | "hangs" | "limit" | "crashed";
  /** Virtual ms at which it stopped. */
  endedAt: number;
}

/**
 * Runs `main` in a fresh simulation of `setup` (a new server, a new PgBouncer) and answers what
 * happened. The Visualization draws it; each call is drawn after the one before.
 */
export declare function simulate(setup: Setup, main: (world: World) => Promise<void>, options?: { limitMs?: number }): Promise<RunSummary>;
