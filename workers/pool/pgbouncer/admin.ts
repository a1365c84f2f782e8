// The admin console (admin.c): the virtual database "pgbouncer" answers SHOW POOLS, SHOW STATS,
// SHOW SERVERS and SHOW CLIENTS with PgBouncer 1.18's columns, in its order. Each column has
// PgBouncer's wire type, which decides what node-postgres makes of it: int4 ('i') a number,
// int8 ('q', the STATS counters) a string, text a string.
import type { StatementResult } from "../execute.ts";
import type { QueryReply } from "../wire.ts";
import type { BouncerContext } from "./context.ts";
import type { BouncerClient, BouncerServer, Pool } from "./pool.ts";

type Type = "s" | "i" | "q";
type Column = [name: string, type: Type];
type Table = { columns: Column[]; rows: unknown[][] };

const POOLS: Column[] = [
  ["database", "s"], ["user", "s"], ["cl_active", "i"], ["cl_waiting", "i"], ["cl_active_cancel_req", "i"], ["cl_waiting_cancel_req", "i"],
  ["sv_active", "i"], ["sv_active_cancel", "i"], ["sv_being_canceled", "i"], ["sv_idle", "i"], ["sv_used", "i"], ["sv_tested", "i"],
  ["sv_login", "i"], ["maxwait", "i"], ["maxwait_us", "i"], ["pool_mode", "s"],
];

const STATS: Column[] = [
  ["database", "s"],
  ...["total_xact_count", "total_query_count", "total_received", "total_sent", "total_xact_time", "total_query_time", "total_wait_time",
    "avg_xact_count", "avg_query_count", "avg_recv", "avg_sent", "avg_xact_time", "avg_query_time", "avg_wait_time"].map((n): Column => [n, "q"]),
];

/** SHOW CLIENTS and SHOW SERVERS share one layout (show_socket_list). */
const SOCKETS: Column[] = [
  ["type", "s"], ["user", "s"], ["database", "s"], ["state", "s"], ["addr", "s"], ["port", "i"], ["local_addr", "s"], ["local_port", "i"],
  ["connect_time", "s"], ["request_time", "s"], ["wait", "i"], ["wait_us", "i"], ["close_needed", "i"], ["ptr", "s"], ["link", "s"],
  ["remote_pid", "i"], ["tls", "s"], ["application_name", "s"],
];

const COMMANDS: Record<string, (ctx: BouncerContext) => Table> = { pools, stats, servers, clients };

/** Runs an admin console command: its rows as node-postgres returns them, or the console's error. */
export function adminQuery(ctx: BouncerContext, sql: string): QueryReply {
  const m = /^\s*(\w+)(?:\s+(\w+))?\s*;?\s*$/.exec(sql);
  const command = m && m[1].toLowerCase() === "show" && m[2] ? COMMANDS[m[2].toLowerCase()] : undefined;
  if (!command) return { results: [], error: { message: `invalid command '${sql}', use SHOW HELP;`, code: "08P01", severity: "ERROR" }, txStatus: "I" };
  return { results: [toResult(command(ctx))], txStatus: "I" };
}

function toResult(table: Table): StatementResult {
  const rows = table.rows.map((values) => {
    const row: Record<string, unknown> = {};
    table.columns.forEach(([name, type], i) => (row[name] = values[i] === null || type !== "q" ? values[i] : String(values[i])));
    return row;
  });
  return { command: "SHOW", rowCount: null, rows, fields: table.columns.map(([name]) => name) };
}

/** Pools in PgBouncer's order: by database, then user (the admin console's own included). */
function allPools(ctx: BouncerContext): Pool[] {
  return [ctx.adminPool, ...ctx.pools.values()].sort((a, b) => a.database.localeCompare(b.database) || a.user.localeCompare(b.user));
}

function pools(ctx: BouncerContext): Table {
  const now = ctx.clock.now();
  const rows = allPools(ctx).map((p) => {
    const first = p.waitingClients[0];
    const waitedUs = first ? Math.round((now - (first.queryStart || first.waitStart)) * 1000) : 0;
    const c = p.counts();
    return [p.database, p.user, c.clActive, c.clWaiting, 0, 0, c.svActive, 0, 0, c.svIdle, c.svUsed, c.svTested, c.svLogin, Math.floor(waitedUs / 1e6), waitedUs % 1e6, p.mode];
  });
  return { columns: POOLS, rows };
}

function stats(ctx: BouncerContext): Table {
  const now = ctx.clock.now();
  const byDatabase = new Map<string, Pool[]>();
  for (const p of allPools(ctx)) byDatabase.set(p.database, [...(byDatabase.get(p.database) ?? []), p]);
  const rows = [...byDatabase].map(([database, list]) => {
    const sum = (pick: (p: Pool) => number) => list.reduce((n, p) => n + pick(p), 0);
    const t = (key: keyof Pool["stats"]["totals"]) => sum((p) => (p.stats.roll(now), p.stats.totals[key]));
    const a = (key: keyof Pool["stats"]["totals"]) => sum((p) => p.stats.averages(now)[key]);
    const keys = ["xactCount", "queryCount", "clientBytes", "serverBytes", "xactTime", "queryTime", "waitTime"] as const;
    return [database, ...keys.map((k) => Math.round(t(k))), ...keys.map((k) => Math.round(a(k)))];
  });
  return { columns: STATS, rows };
}

/** A timestamp as the console prints it; the virtual clock's 0 is the Unix epoch. */
const time = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")} UTC`;
const ptr = (id: number) => `0x${(0x5600_0000 + id * 0x210).toString(16)}`;

function socketRow(ctx: BouncerContext, type: "C" | "S", s: BouncerClient | BouncerServer, pool: Pool, state: string, link: BouncerClient | BouncerServer | null): unknown[] {
  const server = type === "S" ? (s as BouncerServer) : null;
  const client = type === "C" ? (s as BouncerClient) : (link as BouncerClient | null);
  const waitedUs = type === "C" && s.state === "waiting" ? Math.round((ctx.clock.now() - (s as BouncerClient).waitStart) * 1000) : 0;
  return [
    type, pool.user, pool.database, state, "127.0.0.1", type === "S" ? 5432 : 40000 + s.id, "127.0.0.1", type === "S" ? 40000 + s.id : 6432,
    time(s.connectTime), time(s.requestTime), Math.floor(waitedUs / 1e6), waitedUs % 1e6, 0, ptr(s.id), link ? ptr(link.id) : "",
    server?.pid ?? 0, "", client?.vars.get("application_name") ?? "",
  ];
}

function servers(ctx: BouncerContext): Table {
  const rows: unknown[][] = [];
  for (const p of allPools(ctx)) {
    const lists: [string, BouncerServer[]][] = [["active", p.activeServers], ["idle", p.idleServers], ["used", p.usedServers], ["tested", p.testedServers], ["login", p.newServers]];
    for (const [state, list] of lists) for (const s of list) rows.push(socketRow(ctx, "S", s, p, state, s.link));
  }
  return { columns: SOCKETS, rows };
}

function clients(ctx: BouncerContext): Table {
  const rows: unknown[][] = [];
  for (const p of allPools(ctx)) {
    for (const [state, list] of [["active", p.activeClients], ["waiting", p.waitingClients]] as const) {
      for (const c of list) rows.push(socketRow(ctx, "C", c, p, state, c.link));
    }
  }
  return { columns: SOCKETS, rows };
}
