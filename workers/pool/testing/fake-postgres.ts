// A stand-in for Postgres for the recordings' statements (golden/pool.json): `SELECT <n> AS n`,
// `SELECT pg_backend_pid() AS pid FROM pg_sleep(s)` (the model backend's pid, after s seconds),
// `SELECT pg_sleep(s)` (s seconds), `SELECT 1/0 …` (fails at once) and `… / (random() * 0)::int
// … FROM pg_sleep(s)` (fails after s seconds), both with division by zero. Anything else is
// answered as an empty SELECT after `queryMs`. Session state (SET, SHOW, LISTEN, …) is the
// engine's own business, not this stand-in's.
import type { Execute, StatementOutcome } from "../execute.ts";
import type { Backend } from "../server.ts";

const DIVISION_BY_ZERO = { message: "division by zero", code: "22012", severity: "ERROR" as const };

export function fakePostgres(options: { queryMs?: number } = {}): Execute {
  const queryMs = options.queryMs ?? 2;
  return (sql: string, backend: Backend): StatementOutcome => {
    const sleep = /pg_sleep\(\s*([\d.]+)\s*\)/i.exec(sql);
    const ms = sleep ? Number(sleep[1]) * 1000 : queryMs;
    if (/\/\s*0\b|\(random\(\)\s*\*\s*0\)/i.test(sql)) return { ok: false, error: DIVISION_BY_ZERO, ms };
    const literal = /^\s*SELECT\s+(\d+)\s+AS\s+(\w+)\s*$/i.exec(sql);
    if (literal) return { ok: true, rows: [{ [literal[2]]: Number(literal[1]) }], rowCount: 1, command: "SELECT", ms };
    const pid = /^\s*SELECT\s+pg_backend_pid\(\)\s+AS\s+(\w+)\b/i.exec(sql);
    if (pid) return { ok: true, rows: [{ [pid[1]]: backend.pid }], rowCount: 1, command: "SELECT", ms };
    if (sleep) return { ok: true, rows: [{ pg_sleep: "" }], rowCount: 1, command: "SELECT", ms };
    return { ok: true, rows: [], rowCount: 0, command: "SELECT", ms };
  };
}
