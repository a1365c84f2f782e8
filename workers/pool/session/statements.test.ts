import { describe, expect, it } from "vitest";
import { splitStatements } from "./sql.ts";
import { readCommand } from "./statements.ts";

const read = (sql: string) => readCommand(splitStatements(sql)[0]);

describe("readCommand: the statements a session answers itself", () => {
  it("reads transaction control in its spellings", () => {
    for (const sql of ["BEGIN", "begin work", "START TRANSACTION", "BEGIN ISOLATION LEVEL SERIALIZABLE"]) expect(read(sql)).toEqual({ kind: "begin" });
    for (const sql of ["COMMIT", "END TRANSACTION", "commit and no chain"]) expect(read(sql)).toEqual({ kind: "commit" });
    for (const sql of ["ROLLBACK", "ABORT", "rollback work"]) expect(read(sql)).toEqual({ kind: "rollback" });
    expect(read("ROLLBACK TO SAVEPOINT a")).toEqual({ kind: "rollback_to", name: "a" });
    expect(read("release b")).toEqual({ kind: "release", name: "b" });
  });

  it("reads SET, RESET and SHOW", () => {
    expect(read("SET statement_timeout = '7s'")).toEqual({ kind: "set", name: "statement_timeout", value: [{ kind: "string", text: "7s" }], local: false });
    expect(read("set local work_mem to 8192")).toEqual({ kind: "set", name: "work_mem", value: [{ kind: "number", text: "8192" }], local: true });
    expect(read("SET SESSION myapp.user_id = 42")).toEqual({ kind: "set", name: "myapp.user_id", value: [{ kind: "number", text: "42" }], local: false });
    expect(read("SET TIME ZONE 'UTC'")).toEqual({ kind: "set", name: "TimeZone", value: [{ kind: "string", text: "UTC" }], local: false });
    expect(read("SET search_path TO app, public")).toMatchObject({ value: [{ text: "app" }, { text: "public" }] });
    expect(read("RESET ALL")).toEqual({ kind: "reset", name: null });
    expect(read("SHOW TRANSACTION ISOLATION LEVEL")).toEqual({ kind: "show", name: "transaction_isolation" });
  });

  it("reads SELECTs made only of session functions, with their column names", () => {
    expect(read("SELECT current_setting('work_mem') AS wm, pg_advisory_lock(42), pg_try_advisory_lock(-1::bigint) got")).toEqual({
      kind: "select",
      items: [
        { fn: "current_setting", args: [{ kind: "string", text: "work_mem" }], column: "wm" },
        { fn: "pg_advisory_lock", args: [{ kind: "number", text: "42" }], column: "pg_advisory_lock" },
        { fn: "pg_try_advisory_lock", args: [{ kind: "number", text: "-1" }], column: "got" },
      ],
    });
  });

  it("reads LISTEN, NOTIFY, DISCARD and prepared statements", () => {
    expect(read('LISTEN "Jobs"')).toEqual({ kind: "listen", channel: "Jobs" });
    expect(read("UNLISTEN *")).toEqual({ kind: "unlisten", channel: null });
    expect(read("NOTIFY jobs, 'job-1'")).toEqual({ kind: "notify", channel: "jobs", payload: "job-1" });
    expect(read("DISCARD ALL")).toEqual({ kind: "discard", what: "ALL" });
    expect(read("PREPARE q (int) AS SELECT $1 AS n")).toEqual({ kind: "prepare", name: "q", text: "SELECT $1 AS n" });
    expect(read("EXECUTE q(1 + 2, 'x')")).toEqual({ kind: "execute", name: "q", args: ["1 + 2", "'x'"] });
    expect(read("DEALLOCATE PREPARE ALL")).toEqual({ kind: "deallocate", name: null });
  });

  it("leaves everything else to Postgres", () => {
    for (const sql of [
      "SELECT 1 AS n", "SELECT pg_advisory_lock(id) FROM jobs", "SELECT pg_backend_pid() AS pid FROM pg_sleep(0.1)",
      "SET ROLE admin", "SET SESSION AUTHORIZATION bob", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE", "SHOW ALL",
      "SET statement_timeout = 5 * 1000", "COMMIT AND CHAIN", "PREPARE TRANSACTION 'x'", "ROLLBACK PREPARED 'x'", "SELECT 'open",
    ]) expect(read(sql), sql).toEqual({ kind: "plain" });
  });
});
