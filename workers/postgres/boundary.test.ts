// The boundary (docs/architecture.md, "The boundary"), tested as an attacker would try it: learner
// code holds the run's port to the Postgres worker and may send it anything; the page holds the
// worker itself. Each door is tried after a `DROP TABLE feed_items`, and the seeded table must
// still be there, whole, in the next run.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { serveHost } from "./api.ts";
import { PostgresEngine } from "./engine.ts";
import { connectHost, type PostgresHostClient } from "./host-client.ts";
import { pgliteOptions } from "./pglite-options.ts";
import { connectLearnerClient } from "./port-client.ts";

const ROWS = 1_000;
let db: PGlite;
let engine: PostgresEngine;
/** The page's end of the worker's main scope, raw, for messages the page would never send. */
let mainPort: MessagePort;
let main: PostgresHostClient;
const ports: MessagePort[] = [];

interface OpenRun {
  client: { query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>; explain(text: string): Promise<unknown> };
  /** The sandbox's end of the run's port, raw. */
  port: MessagePort;
  finish(): Promise<void>;
}

beforeAll(async () => {
  db = new PGlite(pgliteOptions());
  engine = new PostgresEngine(db, { now: () => performance.now() });
  await engine.seed("feed_items", { rows: ROWS });
  const c = new MessageChannel();
  ports.push(c.port1, c.port2);
  serveHost(c.port1, { now: () => performance.now(), boot: async () => ({ engine, loaded: [] }) });
  mainPort = c.port2;
  main = connectHost(c.port2);
});

/** A run as the page opens it (host.ts prepareRun). */
async function openRun(statementTimeoutMs = 5_000): Promise<OpenRun> {
  const c = new MessageChannel();
  ports.push(c.port1, c.port2);
  const run = await main.beginRun(statementTimeoutMs);
  await main.connect(run, c.port1);
  const client = connectLearnerClient(c.port2, { now: () => 0, trace: () => {} });
  return { client, port: c.port2, finish: () => main.endRun(run).then(() => {}) };
}

afterAll(async () => {
  for (const port of ports) port.close();
  await db.close();
});

/** The seeded table as it was: restored here when a test let an attack through. */
afterEach(async () => {
  const intact = await engine.query("SELECT count(*) AS n FROM feed_items").then(
    (r) => r.rows[0].n === String(ROWS),
    () => false,
  );
  if (!intact) {
    await db.exec(`ROLLBACK; SET SESSION AUTHORIZATION postgres`).catch(() => {});
    await db.exec(`DISCARD ALL`);
    await engine.seed("feed_items", { rows: ROWS });
  }
});

/** Posts `message` and waits up to `ms` for an answer carrying its id; null if none came. */
function ask(port: MessagePort, message: Record<string, unknown>, ms = 300): Promise<unknown> {
  return new Promise((resolve) => {
    const listener = (event: MessageEvent) => {
      if ((event.data as { id?: unknown })?.id !== message.id) return;
      done(event.data);
    };
    const timer = setTimeout(() => done(null), ms);
    function done(answer: unknown) {
      clearTimeout(timer);
      port.removeEventListener("message", listener);
      resolve(answer);
    }
    port.addEventListener("message", listener);
    port.start();
    port.postMessage(message);
  });
}

/** Whether an answer grants anything: no answer, or an answer that says no, is a refusal. */
function refused(answer: unknown): boolean {
  if (answer === null) return true;
  const a = answer as { reply?: { ok?: unknown }; ok?: unknown };
  return a.reply?.ok === false || a.ok === false;
}

/** What the next run sees of the seeded table. */
async function feedItemsInNextRun(): Promise<unknown> {
  const run = await openRun();
  try {
    return (await run.client.query("SELECT count(*) AS n FROM feed_items")).rows[0].n;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await run.finish();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the run's port speaks no general object protocol", () => {
  it("a comlink APPLY of endRun({ commit: true }) is not answered and commits nothing", async () => {
    const run = await openRun();
    await run.client.query("DROP TABLE feed_items");
    const answer = await ask(run.port, {
      id: "attack",
      type: "APPLY",
      path: ["endRun"],
      argumentList: [{ type: "RAW", value: { commit: true } }],
    });
    expect(refused(answer)).toBe(true);
    await run.finish();
    expect(await feedItemsInNextRun()).toBe(String(ROWS));
  });

  it("comlink GET and CONSTRUCT along `constructor` are not answered", async () => {
    const run = await openRun();
    const get = await ask(run.port, { id: "g", type: "GET", path: ["constructor", "name"] });
    const construct = await ask(run.port, {
      id: "c",
      type: "CONSTRUCT",
      path: ["query", "constructor"],
      argumentList: [{ type: "RAW", value: "return fetch" }],
    });
    expect(refused(get)).toBe(true);
    expect(refused(construct)).toBe(true);
    await run.finish();
  });

  it("ops the port does not have (endRun, commit, seed, reset, beginRun) are refused, in any dress", async () => {
    const run = await openRun();
    await run.client.query("DROP TABLE feed_items");
    const attempts: Record<string, unknown>[] = [
      { id: 901, op: "endRun", commit: true },
      { id: 902, op: "commit" },
      { id: 903, op: "query", text: "SELECT 1", commit: true },
      { id: 904, op: "seed", dataset: "feed_items" },
      { id: 905, op: "reset" },
      { id: 906, op: "beginRun", statementTimeoutMs: 0 },
      { id: 907, op: "connect" },
      { id: 908, type: "APPLY", path: ["endRun"], argumentList: [{ type: "RAW", value: { commit: true } }] },
    ];
    for (const attempt of attempts) expect(refused(await ask(run.port, attempt)), JSON.stringify(attempt)).toBe(true);
    await run.finish();
    expect(await feedItemsInNextRun()).toBe(String(ROWS));
  });

  it("malformed statements are refused: wrong types, oversize text, unknown fields", async () => {
    const run = await openRun();
    const attempts: Record<string, unknown>[] = [
      { id: 911, op: "query", text: 42 },
      { id: 912, op: "query", text: "SELECT $1", values: "not an array" },
      { id: 913, op: "query", text: "x".repeat(2_000_001) },
      { id: 914, op: "query", text: "SELECT $1", values: [new Map()] },
      { id: 915, op: "explain", text: "SELECT 1", path: ["constructor"] },
    ];
    // Answered (the request had an id) with an error, and nothing run.
    for (const attempt of attempts) expect(await ask(run.port, attempt), String(attempt.id)).toMatchObject({ id: attempt.id, reply: { ok: false } });
    expect(refused(await ask(run.port, { id: -1, op: "query", text: "SELECT 1" }))).toBe(true);
    await run.finish();
  });

  it("a run's port is dead once the run has ended: later statements on it do nothing", async () => {
    const run = await openRun();
    await run.client.query("SELECT 1");
    await run.finish();
    const late = await Promise.race([run.client.query("SELECT 1").then(() => "answered", () => "refused"), sleep(300).then(() => "silent")]);
    expect(late).not.toBe("answered");
  });
});

describe("the worker's main scope speaks no general object protocol", () => {
  it("a comlink CONSTRUCT of Function is not answered", async () => {
    const answer = await ask(mainPort, {
      id: "f",
      type: "CONSTRUCT",
      path: ["constructor", "constructor"],
      argumentList: [{ type: "RAW", value: "return 1" }],
    });
    expect(refused(answer)).toBe(true);
  });

  it("a comlink APPLY of endRun({ commit: true }) is not answered and commits nothing", async () => {
    const run = await openRun();
    await run.client.query("DROP TABLE feed_items");
    const answer = await ask(mainPort, { id: "e", type: "APPLY", path: ["endRun"], argumentList: [{ type: "RAW", value: { commit: true } }] });
    expect(refused(answer)).toBe(true);
    await run.finish();
    expect(await feedItemsInNextRun()).toBe(String(ROWS));
  });
});

describe("no learner statement ends the run's transaction", () => {
  const doors = [
    ";COMMIT",
    "-- x\rCOMMIT",
    "/* /* nested */ */ COMMIT",
    "\fCOMMIT",
    "\vCOMMIT",
    " ; ; commit work",
    "END",
    "ABORT",
    "COMMIT AND CHAIN",
    "ROLLBACK AND CHAIN",
    "PREPARE TRANSACTION 'x'",
    "SELECT 1; COMMIT",
    "DO $$ BEGIN COMMIT; END $$",
    "PREPARE p AS COMMIT",
    "\u00a0COMMIT", // no-break space: not whitespace to Postgres, so an identifier (a syntax error)
    '"COMMIT"', // keywords cannot be quoted: an identifier
    "SELECT 1\0; COMMIT", // Postgres would read only up to the NUL
  ];
  it.each(doors.map((door) => [JSON.stringify(door), door]))("%s after a DROP TABLE is refused, and the table is there in the next run", async (_name, door) => {
    const run = await openRun();
    await run.client.query("DROP TABLE feed_items");
    const outcome = await run.client.query(door).then(() => "ran", (e: Error) => e);
    expect(outcome).toBeInstanceOf(Error);
    await run.finish();
    expect(await feedItemsInNextRun()).toBe(String(ROWS));
  });

  it("COMMIT refused with 0A000 wherever the lexer finds it", async () => {
    const run = await openRun();
    for (const door of [";COMMIT", "-- x\rCOMMIT", "/* /* nested */ */ COMMIT", "\fCOMMIT", "\vCOMMIT"]) {
      await expect(run.client.query(door), JSON.stringify(door)).rejects.toMatchObject({ code: "0A000" });
    }
    await run.finish();
  });

  it("a procedure that commits, CALLed, cannot commit", async () => {
    // The learner role may not write procedures (learner-role.ts), so the engine's own session
    // makes one, inside a run it rolls back, and the learner's run CALLs it.
    await db.exec("BEGIN; CREATE PROCEDURE public.sneaky() LANGUAGE plpgsql AS $$ BEGIN COMMIT; END $$; GRANT EXECUTE ON PROCEDURE public.sneaky() TO PUBLIC");
    try {
      await db.exec("DROP TABLE feed_items");
      await expect(db.query("CALL sneaky()")).rejects.toMatchObject({ code: "2D000" }); // invalid_transaction_termination
    } finally {
      await db.exec("ROLLBACK");
    }
    const run = await openRun();
    await expect(run.client.query("CREATE PROCEDURE sneaky() LANGUAGE plpgsql AS $$ BEGIN COMMIT; END $$")).rejects.toMatchObject({ code: "42501" });
    await run.finish();
    expect(await feedItemsInNextRun()).toBe(String(ROWS));
  });

  it("EXPLAIN cannot carry a COMMIT", async () => {
    const run = await openRun();
    await run.client.query("DROP TABLE feed_items");
    await expect(run.client.explain(";COMMIT")).rejects.toBeInstanceOf(Error);
    await expect(run.client.explain("SELECT 1; COMMIT")).rejects.toBeInstanceOf(Error);
    await run.finish();
    expect(await feedItemsInNextRun()).toBe(String(ROWS));
  });
});

describe("session state does not outlive a run", () => {
  it("a PREPAREd statement is gone in the next run", async () => {
    const run = await openRun();
    await run.client.query("PREPARE mine AS SELECT 1");
    await run.finish();
    const next = await openRun();
    expect((await next.client.query("SELECT name FROM pg_prepared_statements")).rows).toEqual([]);
    await next.finish();
  });

  it("a session advisory lock is released before the next run", async () => {
    const run = await openRun();
    await run.client.query("SELECT pg_advisory_lock(42)");
    await run.finish();
    const next = await openRun();
    expect((await next.client.query("SELECT objid FROM pg_locks WHERE locktype = 'advisory'")).rows).toEqual([]);
    await next.finish();
  });

  it("the run's role (which PGlite's ROLLBACK does not undo) is the engine's again between runs, and the learner's in the next", async () => {
    const run = await openRun();
    await run.client.query("SET ROLE NONE");
    await run.finish();
    expect((await db.query("SELECT session_user::text AS s, current_user::text AS c")).rows).toEqual([{ s: "postgres", c: "postgres" }]);
    const next = await openRun();
    expect((await next.client.query("SELECT session_user::text AS s, current_user::text AS c")).rows).toEqual([{ s: "playground_learner", c: "playground_learner" }]);
    await next.finish();
  });

  it("a session SET statement_timeout, a temp table and LISTEN are gone in the next run too", async () => {
    const run = await openRun(700);
    await run.client.query("SET statement_timeout = 0");
    await run.client.query("SET ROLE NONE");
    await run.client.query("RESET ROLE");
    await run.client.query("CREATE TEMP TABLE scratch (x int)");
    await run.client.query("LISTEN somewhere");
    await run.finish();
    const next = await openRun(700);
    expect((await next.client.query("SELECT current_setting('statement_timeout') AS t")).rows).toEqual([{ t: "700ms" }]);
    expect((await next.client.query("SELECT count(*) AS n FROM pg_class WHERE relname = 'scratch'")).rows).toEqual([{ n: "0" }]);
    expect((await next.client.query("SELECT pg_listening_channels() AS c")).rows).toEqual([]);
    await next.finish();
  });
});

describe("statement_timeout cannot be lifted", () => {
  const lifts = [
    "SET statement_timeout = 0",
    "SET LOCAL statement_timeout = 0",
    "SET statement_timeout = '1h'",
    "SELECT set_config('statement_timeout', '0', false)",
    "SELECT set_config('statement_timeout', '0', true)",
    "RESET statement_timeout",
    "SET SESSION AUTHORIZATION DEFAULT",
  ];
  it.each(lifts)("after `%s` a long statement is still stopped at the run's limit", async (lift) => {
    const run = await openRun(300);
    await run.client.query(lift).catch(() => {}); // refused or taken: the limit holds either way
    const started = performance.now();
    await expect(run.client.query("SELECT pg_sleep(3)")).rejects.toMatchObject({ code: "57014" });
    expect(performance.now() - started).toBeLessThan(2_500);
    await run.finish();
  });

  it("lifting it inside the long statement itself does not help either", async () => {
    const run = await openRun(300);
    for (const text of [
      "SELECT set_config('statement_timeout', '0', false), pg_sleep(3)",
      "DO $$ BEGIN PERFORM set_config('statement_timeout', '0', false); PERFORM pg_sleep(3); END $$",
    ]) {
      const started = performance.now();
      // 57014: stopped by the timeout; 42501: set_config and DO are not the learner role's at all
      await expect(run.client.query(text)).rejects.toMatchObject({ code: expect.stringMatching(/^(57014|42501)$/) });
      expect(performance.now() - started).toBeLessThan(2_500);
    }
    await run.finish();
  });
});

describe("a run's statements are not a superuser's, and cannot become one", () => {
  /** The seeded table's data file, asked of the engine's own (superuser) session. */
  async function dataFile(): Promise<string> {
    await db.exec("CHECKPOINT");
    const { rows } = await db.query<{ path: string }>("SELECT current_setting('data_directory') || '/' || pg_relation_filepath('feed_items') AS path");
    return rows[0].path;
  }

  it("COPY TO the seeded table's own data file is refused, and the table is whole in the next run", async () => {
    const path = await dataFile();
    const run = await openRun();
    await expect(run.client.query(`COPY (SELECT 'overwritten') TO '${path}'`)).rejects.toMatchObject({ code: "42501" });
    await run.finish();
    expect(await feedItemsInNextRun()).toBe(String(ROWS));
  });

  it("lo_export and the server-file functions are refused", async () => {
    const path = await dataFile();
    const run = await openRun();
    for (const text of [
      `SELECT lo_export(lo_from_bytea(0, 'x'::bytea), '${path}')`,
      `SELECT pg_read_file('postgresql.conf')`,
      `COPY feed_items FROM '${path}'`,
    ]) {
      await expect(run.client.query(text), text).rejects.toMatchObject({ code: "42501" });
    }
    await run.finish();
    expect(await feedItemsInNextRun()).toBe(String(ROWS));
  });

  it("every spelling of SET SESSION AUTHORIZATION is refused, and the run stays the learner role", async () => {
    const run = await openRun();
    for (const text of [
      "SET SESSION AUTHORIZATION postgres",
      "SET SESSION AUTHORIZATION DEFAULT",
      "RESET SESSION AUTHORIZATION",
      "set local session authorization 'postgres'",
      "SET SESSION SESSION AUTHORIZATION postgres",
      ";/* a */ SET -- b\r session_authorization = postgres",
      'SET "session_authorization" TO postgres',
      'SET SESSION "session_authorization" TO DEFAULT',
      'SET U&"session_authorizatio\\006E" = postgres',
      "RESET session_authorization",
      "SELECT set_config('session_authorization', 'postgres', false)",
      "DO $$ BEGIN EXECUTE 'SET SESSION AUTHORIZATION postgres'; END $$",
      "CREATE FUNCTION up() RETURNS int LANGUAGE sql SET session_authorization = 'postgres' AS 'SELECT 1'",
      "SET ROLE postgres",
      "ALTER ROLE playground_learner SUPERUSER",
    ]) {
      await expect(run.client.query(text), text).rejects.toMatchObject({ code: "42501" });
    }
    const { rows } = await run.client.query("SELECT session_user::text AS s, current_user::text AS c, rolsuper FROM pg_roles WHERE rolname = current_user");
    expect(rows[0]).toEqual({ s: "playground_learner", c: "playground_learner", rolsuper: false });
    await run.finish();
  });

  it("what the lessons do still works: indexes on the seeded tables, tables of one's own, EXPLAIN", async () => {
    const run = await openRun();
    await run.client.query("CREATE INDEX feed_items_created_at_id ON feed_items (created_at, id)");
    await run.client.query("CREATE TABLE notes (id int PRIMARY KEY, body text)");
    await run.client.query("INSERT INTO notes VALUES (1, 'hi')");
    const plan = (await run.client.explain("SELECT * FROM feed_items ORDER BY created_at, id LIMIT 5")) as { Plan: { "Node Type": string } };
    expect(plan.Plan["Node Type"]).toBe("Limit");
    await run.finish();
    expect(await feedItemsInNextRun()).toBe(String(ROWS));
  });
});
