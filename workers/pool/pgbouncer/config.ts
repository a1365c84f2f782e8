// PgBouncer 1.18's settings that the model reads, with PgBouncer's defaults (doc/config.md,
// src/main.c). Times are in PgBouncer's units as written in pgbouncer.ini: seconds.

export type PoolMode = "session" | "transaction" | "statement";

export interface PgBouncerConfig {
  pool_mode: PoolMode;
  default_pool_size: number;
  min_pool_size: number;
  reserve_pool_size: number;
  max_client_conn: number;
  /** A client waiting this long for a server is dropped; 0 = wait forever. */
  query_wait_timeout: number;
  /** Run on a server when a client lets it go, in session mode (or always, see below). */
  server_reset_query: string;
  server_reset_query_always: boolean;
  /** 0: the most recently used idle server first (LIFO); 1: the longest idle first. */
  server_round_robin: boolean;
  /** After a failed server login, no new connection is tried for this long. */
  server_login_retry: number;
  server_connect_timeout: number;
  client_login_timeout: number;
  server_idle_timeout: number;
  server_lifetime: number;
  /** A server idle longer than server_check_delay gets server_check_query before reuse. */
  server_check_query: string;
  server_check_delay: number;
  /** Startup parameters accepted and ignored (PgBouncer refuses any other it does not track). */
  ignore_startup_parameters: string[];
  /** The pooled databases: the name clients ask for → the Postgres database behind it. */
  databases: Record<string, { dbname: string; pool_mode?: PoolMode; pool_size?: number }>;
  /** The auth_file's users (auth_type trust: any password); others fail to log in. */
  users: string[];
  /** Users who may log in to the admin console (database "pgbouncer"). */
  admin_users: string[];
}

export const DEFAULTS: PgBouncerConfig = {
  pool_mode: "session",
  default_pool_size: 20,
  min_pool_size: 0,
  reserve_pool_size: 0,
  max_client_conn: 100,
  query_wait_timeout: 120,
  server_reset_query: "DISCARD ALL",
  server_reset_query_always: false,
  server_round_robin: false,
  server_login_retry: 15,
  server_connect_timeout: 15,
  client_login_timeout: 60,
  server_idle_timeout: 600,
  server_lifetime: 3600,
  server_check_query: "select 1",
  server_check_delay: 30,
  ignore_startup_parameters: [],
  databases: { app: { dbname: "app" } },
  users: ["app"],
  admin_users: ["pgbouncer"],
};

/** The costs of the pooler's own work, in ms of the virtual clock (loopback, a fast machine). */
export interface PgBouncerCosts {
  /** TCP connect, startup packet and trust authentication of a client to PgBouncer. */
  clientLoginMs: number;
}

export const DEFAULT_COSTS: PgBouncerCosts = { clientLoginMs: 1 };
