// The Postgres engine: a PGlite instance it is given, the seeded datasets, and the learner API in
// node-postgres's style. Plain TypeScript (docs/architecture.md, "The parts"): the clock is passed
// in; Node tests hand it a real `new PGlite(pgliteOptions())`, the worker one created in the
// worker.
//
// A run is a session: beginRun opens a transaction, every learner statement runs inside it under
// its own SAVEPOINT (so a failed statement does not abort the rest of the run) with the run's
// statement_timeout armed again, and endRun rolls back and resets the session, so the seeded data
// and the session are as they were. Nothing commits a run (transaction-control.ts), and a run's
// statements run as a role that is not a superuser (learner-role.ts). PGlite is one
// connection: every call is queued and runs alone, whichever thread sent it.
import type { PGlite, PGliteInterface, Results } from "@electric-sql/pglite";
import { DEFAULT_ROWS, seedSteps, type DatasetName, type SeedStep } from "./datasets.ts";
import { fromDatabaseError, PostgresError } from "./errors.ts";
import { LearnerSavepoints } from "./savepoints.ts";
import { scanSummary } from "./scan-summary.ts";
import { authorizationControl } from "./authorization-control.ts";
import { BECOME_LEARNER, CREATE_LEARNER_ROLE, HAND_TABLES_TO_LEARNER } from "./learner-role.ts";
import { transactionControl } from "./transaction-control.ts";
import type { PostgresQueryTrace } from "./trace.ts";

export interface EngineOptions {
  /** Milliseconds on a monotonic clock (performance.now in the worker). */
  now: () => number;
}

export interface SeedOptions {
  /** Rows to generate; DEFAULT_ROWS (1,000,000 feed items, 200,000 documents) when left out. */
  rows?: number;
  onProgress?: (progress: SeedProgress) => void;
}

/** Sent before each step and once at the end (done === total). */
export interface SeedProgress {
  dataset: DatasetName;
  phase: SeedStep["phase"] | "done";
  /** What is happening now, for the progress bar's label. */
  label: string;
  /** Work done and total work, in estimated milliseconds: done / total is the bar's fraction. */
  done: number;
  total: number;
  /** This step's own share of the work (0 once done): it reports nothing until it ends, so the page estimates meanwhile. */
  step: number;
  rowsLoaded: number;
  rows: number;
}

export interface RunOptions {
  /** Postgres's statement_timeout for each statement of the run; 0 disables it. Default 5,000. */
  statementTimeoutMs?: number;
  /**
   * Capture each query's plan from its own execution (auto_explain with ANALYZE, BUFFERS and
   * TIMING OFF) so its trace event carries the plan and scan summary. Default true; it adds
   * roughly a fifth to a big scan's time, so a latency measurement may turn it off.
   */
  plans?: boolean;
}

export interface RunReport {
  /**
   * A learner statement left the run's transaction by a door nobody foresaw (none is known):
   * its effects may have been committed, so the seeded data can no longer be trusted.
   */
  escaped: boolean;
}

export interface Field {
  name: string;
  dataTypeID: number;
}

/** node-postgres's QueryResult: rows as objects, int8 and numeric as strings (as pg gives them). */
export interface QueryResult<Row = Record<string, unknown>> {
  command: string | null;
  rows: Row[];
  rowCount: number | null;
  fields: Field[];
}

export interface EngineStatus {
  /** Rows seeded per dataset. */
  datasets: Partial<Record<DatasetName, number>>;
  running: boolean;
  /** Whether each query's plan can be captured (the auto_explain extension loaded). */
  plans: boolean;
  /** Whether pg_trgm is available for the documents' trigram index. */
  trigram: boolean;
}

/** A learner statement's result or error, with its trace event either way. */
export type Outcome<T> = { ok: true; result: T; event: PostgresQueryTrace } | { ok: false; error: unknown; event: PostgresQueryTrace };

export const DEFAULT_STATEMENT_TIMEOUT_MS = 5_000;
/** Postgres's own ceiling for statement_timeout (INT_MAX milliseconds). */
const MAX_STATEMENT_TIMEOUT_MS = 2_147_483_647;

const SAVEPOINT = "playground_statement";
const EXPLAIN_PREFIX = "EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, FORMAT JSON) ";
const INT8 = 20;
/** node-postgres leaves int8 as a string (it may not fit a double); PGlite would parse it. */
const PARSERS = { [INT8]: (value: string) => value };

interface Run {
  id: number;
  startedAt: number;
  options: Required<RunOptions>;
  escaped: boolean;
}

/** What the engine needs of PGlite: its interface, and whether a transaction block is open. */
export type EngineDatabase = PGliteInterface & Pick<PGlite, "isInTransaction">;

/** How a kept copy's data directory is dumped (kept-copy.ts): gzip keeps it a fifth of the size. */
export type DumpCompression = "none" | "gzip";

export class PostgresEngine {
  private readonly db: EngineDatabase;
  private readonly options: EngineOptions;
  private queue: Promise<unknown> = Promise.resolve();
  private run: Run | null = null;
  private lastRunId = 0;
  /**
   * The run whose statements may still run: set when it is asked for, cleared the moment it is
   * asked to end (or a seed / reset ends it), so statements of an ended run still in the queue
   * are refused instead of run.
   */
  private live = 0;
  private readonly seeded: Partial<Record<DatasetName, number>> = {};
  private features: { plans: boolean; trigram: boolean; user: string } | null = null;
  private readonly savepoints = new LearnerSavepoints();

  constructor(db: EngineDatabase, options: EngineOptions) {
    this.db = db;
    this.options = options;
  }

  /** Builds a dataset (dropping it first if it exists), reporting progress step by step. */
  seed(dataset: DatasetName, options: SeedOptions = {}): Promise<void> {
    this.live = 0;
    return this.serial(() => this.seedNow(dataset, options));
  }

  /** Rebuilds every dataset seeded so far, at the same size ("Reset database"). */
  reset(options: Pick<SeedOptions, "onProgress"> = {}): Promise<void> {
    this.live = 0;
    return this.serial(async () => {
      for (const [dataset, rows] of Object.entries(this.seeded) as [DatasetName, number][]) {
        await this.seedNow(dataset, { rows, onProgress: options.onProgress });
      }
    });
  }

  /** The datasets a loaded copy holds (kept-copy.ts): seeded already, at these sizes. */
  adopt(datasets: Partial<Record<DatasetName, number>>): void {
    Object.assign(this.seeded, datasets);
  }

  /**
   * The data directory as it is now, for keeping (kept-copy.ts), or null with nothing seeded. In
   * the queue from the moment it is asked for, so a run asked for later waits for it; any open
   * run is ended first (as a seed does). `marker` gives the SQL of the marker for the datasets
   * seeded, committed last; a CHECKPOINT then writes every page to the files, so the copy starts
   * without recovery.
   */
  snapshot(marker: (datasets: Partial<Record<DatasetName, number>>) => Promise<string>, compression: DumpCompression): Promise<Blob | null> {
    this.live = 0;
    return this.serial(async () => {
      if (Object.keys(this.seeded).length === 0) return null;
      if (this.run) await this.close();
      await this.db.exec(await marker({ ...this.seeded }));
      await this.db.exec("CHECKPOINT");
      return this.db.dumpDataDir(compression);
    });
  }

  /**
   * Runs `work` with the database to itself, after what is queued and before what comes later: a
   * run asked for meanwhile waits for it (file-room.ts, after a kept copy is loaded).
   */
  exclusive<T>(work: () => T | Promise<T>): Promise<T> {
    return this.serial(async () => work());
  }

  status(): Promise<EngineStatus> {
    return this.serial(async () => {
      const { plans, trigram } = await this.detectFeatures();
      return { datasets: { ...this.seeded }, running: this.run !== null, plans, trigram };
    });
  }

  /**
   * Opens a run and answers its id; a run still open (its sandbox was stopped) is ended first.
   * Statements that name a run (`run` below) are run only while that run is open and not yet
   * asked to end.
   */
  beginRun(options: RunOptions = {}): Promise<number> {
    const id = ++this.lastRunId;
    this.live = id;
    return this.serial(async () => {
      if (this.run) await this.close();
      await this.open(options, id);
      return id;
    });
  }

  /**
   * Ends the run — `run` if given, and only if it is still the open one; otherwise the open run —
   * with a rollback and a reset of the session. Its statements' trace events went out with
   * their answers (tracedQuery, tracedExplain).
   */
  endRun(run?: number): Promise<RunReport> {
    if (run !== undefined && run !== this.live) return Promise.resolve({ escaped: false });
    this.live = 0;
    return this.serial(() => this.close());
  }

  /** Whether `run` is open and may still take statements. */
  isLive(run: number): boolean {
    return run !== 0 && run === this.live;
  }

  /** Runs one statement, as node-postgres's `client.query(text, values)`. */
  query<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<Row>> {
    return this.tracedQuery<Row>(text, values).then(unwrap);
  }

  /**
   * EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, FORMAT JSON) of one statement: the plan as Postgres
   * gives it (`{ Plan, Planning, "Planning Time", Triggers, "Execution Time" }`). The statement
   * really runs, inside the run's transaction. Error positions point into `text`.
   */
  explain(text: string, values?: unknown[]): Promise<unknown> {
    return this.tracedExplain(text, values).then(unwrap);
  }

  /**
   * query, answering with the statement's trace event too, and with its error instead of throwing.
   * With `run`, the statement runs only inside that run (see beginRun).
   */
  tracedQuery<Row = Record<string, unknown>>(text: string, values?: unknown[], run?: number): Promise<Outcome<QueryResult<Row>>> {
    return this.serial(() =>
      this.statement("query", text, values, run, async (onNotice) => {
        const result = await this.db.query<Row>(text, values, { parsers: PARSERS, onNotice });
        return toQueryResult(result);
      }),
    );
  }

  /** explain, answering with the statement's trace event too, and with its error instead of throwing. */
  tracedExplain(text: string, values?: unknown[], run?: number): Promise<Outcome<unknown>> {
    return this.serial(() =>
      this.statement("explain", text, values, run, async () => {
        const result = await this.db.query<{ "QUERY PLAN": unknown }>(EXPLAIN_PREFIX + text, values, { parsers: PARSERS });
        const raw = result.rows[0]?.["QUERY PLAN"];
        return (Array.isArray(raw) ? raw[0] : typeof raw === "string" ? JSON.parse(raw)[0] : raw) as unknown;
      }),
    );
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async seedNow(dataset: DatasetName, options: SeedOptions): Promise<void> {
    if (this.run) await this.close(); // VACUUM cannot run inside the run's transaction
    const rows = options.rows ?? DEFAULT_ROWS[dataset];
    if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`rows must be a positive integer, not ${rows}`);
    const { trigram } = await this.detectFeatures();
    const steps = seedSteps(dataset, rows, { trigram });
    const total = steps.reduce((sum, step) => sum + step.cost, 0);
    let done = 0;
    let rowsLoaded = 0;
    delete this.seeded[dataset];
    // One transaction up to the VACUUM (which cannot run in one): with wal_level = minimal
    // (pglite-options.ts), a table created, loaded and indexed in the transaction that commits it
    // writes no WAL for its rows, as UNLOGGED would, yet survives a dump and load (kept-copy.ts).
    await this.db.exec("BEGIN");
    try {
      for (const step of steps) {
        options.onProgress?.({ dataset, phase: step.phase, label: step.label, done, total, step: step.cost, rowsLoaded, rows });
        if (step.phase === "analyze" && this.db.isInTransaction()) await this.db.exec("COMMIT");
        if (step.params) await this.db.query(step.sql, step.params);
        else await this.db.exec(step.sql);
        done += step.cost;
        rowsLoaded = step.rows ?? rowsLoaded;
      }
      if (this.db.isInTransaction()) await this.db.exec("COMMIT");
    } catch (error) {
      if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
      throw error;
    }
    await this.db.exec(HAND_TABLES_TO_LEARNER);
    this.seeded[dataset] = rows;
    options.onProgress?.({ dataset, phase: "done", label: `${dataset} ready`, done: total, total, step: 0, rowsLoaded, rows });
  }

  /** Once, before any learner statement: so also the session's own user, as PGlite started it. */
  private async detectFeatures(): Promise<{ plans: boolean; trigram: boolean; user: string }> {
    if (this.features) return this.features;
    let plans = true;
    try {
      // Loaded for the session: DISCARD ALL between runs keeps it loaded (and resets its
      // settings, which each run sets with SET LOCAL anyway).
      await this.db.exec(`LOAD 'auto_explain'`);
    } catch {
      plans = false; // PGlite was made without the auto_explain extension
    }
    const trgm = await this.db.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'`);
    const user = await this.db.query<{ user: string }>(`SELECT session_user::text AS user`);
    await this.db.exec(CREATE_LEARNER_ROLE);
    this.features = { plans, trigram: trgm.rows.length > 0, user: user.rows[0].user };
    return this.features;
  }

  private async open(options: RunOptions, id: number): Promise<void> {
    const { plans } = await this.detectFeatures();
    const timeout = Math.round(options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS);
    if (!(timeout >= 0 && timeout <= MAX_STATEMENT_TIMEOUT_MS)) {
      throw new RangeError(`statementTimeoutMs must be from 0 to ${MAX_STATEMENT_TIMEOUT_MS}, not ${options.statementTimeoutMs}`);
    }
    const run: Run = {
      id,
      startedAt: this.options.now(),
      options: { statementTimeoutMs: timeout, plans: (options.plans ?? true) && plans },
      escaped: false,
    };
    // SET LOCAL: the settings end with the transaction, whichever way it ends.
    let sql = `BEGIN; SET LOCAL statement_timeout = ${timeout};`;
    if (run.options.plans) {
      sql += `SET LOCAL auto_explain.log_min_duration = 0; SET LOCAL auto_explain.log_analyze = on;
        SET LOCAL auto_explain.log_timing = off; SET LOCAL auto_explain.log_buffers = on;
        SET LOCAL auto_explain.log_format = json; SET LOCAL auto_explain.log_level = notice;`;
    }
    // Last: the settings above are for superusers, and the learner may not change them.
    sql += `${BECOME_LEARNER};`;
    await this.db.exec(sql);
    this.run = run;
    this.savepoints.clear();
  }

  private async close(): Promise<RunReport> {
    const run = this.run;
    this.run = null;
    this.savepoints.clear();
    await this.resetSession();
    return { escaped: run?.escaped ?? false };
  }

  /**
   * Rolls back and puts the session back as PGlite started it: rollback(), then DISCARD ALL (which
   * cannot run in a transaction block, so on its own) for what a rollback leaves behind: prepared
   * statements, session advisory locks, LISTEN, temp tables, held cursors, session settings
   * (RESET ALL). auto_explain stays LOADed; each run sets its settings again with SET LOCAL.
   */
  private async resetSession(): Promise<void> {
    await this.rollback();
    await this.db.exec("DISCARD ALL");
  }

  /**
   * ROLLBACK (outside a transaction it only warns, so this works whatever state a run left), and
   * the session's own user again: in PGlite (a single-user backend) neither ROLLBACK nor RESET nor
   * DISCARD ALL undoes a SET SESSION AUTHORIZATION (the setting has no reset value to go back
   * to), and the run's statements ran as the learner role (learner-role.ts).
   */
  private async rollback(): Promise<void> {
    const { user } = await this.detectFeatures();
    await this.db.exec(`ROLLBACK; SET SESSION AUTHORIZATION "${user.replace(/"/g, '""')}"`);
  }

  /**
   * One learner statement under its own savepoint; outside a run, inside a one-statement run
   * that is rolled back. Traces it and turns a Postgres error into a PostgresError. With `runId`,
   * only inside that run, while it is live.
   */
  private async statement<T>(
    via: "query" | "explain",
    text: string,
    values: unknown[] | undefined,
    runId: number | undefined,
    execute: (onNotice: (notice: { message?: string }) => void) => Promise<T>,
  ): Promise<Outcome<T>> {
    if (runId !== undefined && (!this.isLive(runId) || this.run?.id !== runId)) return notRun(via, text, values);
    const implicit = this.run === null;
    if (implicit) await this.open({}, 0);
    const run = this.run as Run;
    const startedAt = this.options.now();
    const event: PostgresQueryTrace = {
      t: startedAt - run.startedAt,
      source: "postgres",
      kind: "query",
      via,
      text,
      ...(values && values.length ? { values } : {}),
      durationMs: 0,
      rowCount: null,
    };
    try {
      if (text.includes("\0")) throw nulCharacter(text);
      const refused = transactionControl(text) ?? authorizationControl(text);
      if (refused) throw refused;
      const wrapped = !this.savepoints.unwrapped(text);
      // The run's statement_timeout is armed again with every statement, in the same message as
      // its savepoint, so whatever the learner did to the setting (SET, SET LOCAL, set_config,
      // RESET) lasts one statement at most; and Postgres arms the timer as a statement starts, so
      // a statement that lifts it for itself is stopped all the same. The savepoint commands run
      // unwrapped only when they are the whole text: they cannot run long.
      if (wrapped) {
        try {
          await this.db.exec(`SAVEPOINT ${SAVEPOINT}; SET LOCAL statement_timeout = ${run.options.statementTimeoutMs}`);
        } catch (error) {
          await this.reopen(); // not expected: the run's transaction is not as the engine left it
          throw error;
        }
      }
      // auto_explain writes a query's plan at ExecutorEnd, which for a statement inside a
      // transaction block comes when its portal is dropped: during the next message, the RELEASE.
      const notices: string[] = [];
      const onNotice = (notice: { message?: string }) => void notices.push(notice.message ?? "");
      let result: T | undefined;
      let failure: { error: unknown } | null = null;
      try {
        result = await execute(onNotice);
      } catch (error) {
        failure = { error };
      }
      event.durationMs = this.options.now() - startedAt;
      // The last line of defence (transaction-control.ts): costs a read of a flag in the backend.
      if (!this.db.isInTransaction()) {
        run.escaped = true;
        await this.reopen();
        throw escapedTransaction();
      }
      if (failure) {
        if (wrapped) await this.restoreSavepoint();
        else await this.reopen(); // not expected: unwrapped commands are the ones that cannot fail
        throw fromDatabaseError(failure.error, via === "explain" ? EXPLAIN_PREFIX.length : 0);
      }
      if (wrapped) await this.releaseSavepoint(onNotice);
      else this.savepoints.done(text);
      // EXPLAIN's own result is the plan; auto_explain's notice then is about the same run.
      const plan = via === "explain" ? result : capturedPlan(notices);
      if (plan) {
        event.plan = plan;
        event.summary = scanSummary(plan);
      }
      event.rowCount = via === "query" ? (result as QueryResult).rowCount : (event.summary?.returned ?? null);
      return { ok: true, result: result as T, event };
    } catch (error) {
      if (error instanceof PostgresError) {
        event.error = { message: error.message, code: error.code, position: error.position };
      } else {
        event.error = { message: error instanceof Error ? error.message : String(error) };
      }
      return { ok: false, error, event };
    } finally {
      if (implicit) await this.close();
    }
  }

  private async releaseSavepoint(onNotice: (notice: { message?: string }) => void): Promise<void> {
    try {
      await this.db.exec(`RELEASE SAVEPOINT ${SAVEPOINT}`, { onNotice });
    } catch {
      await this.reopen(); // the statement undid the savepoint (ROLLBACK TO an outer savepoint, …)
    }
  }

  private async restoreSavepoint(): Promise<void> {
    try {
      await this.db.exec(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}; RELEASE SAVEPOINT ${SAVEPOINT}`);
    } catch {
      await this.reopen();
    }
  }

  /**
   * Last resort when the run's transaction is not as the engine left it: roll back and start it
   * again (the same run: its id, clock and escaped flag).
   */
  private async reopen(): Promise<void> {
    const run = this.run;
    this.run = null;
    await this.rollback();
    if (run) {
      await this.open(run.options, run.id);
      const reopened = this.run as Run | null;
      if (reopened) Object.assign(reopened, { startedAt: run.startedAt, escaped: run.escaped });
    }
  }
}

/** The answer to a statement of a run that has ended: not run. */
function notRun<T>(via: "query" | "explain", text: string, values: unknown[] | undefined): Outcome<T> {
  const message = "This run has ended: the statement was not run.";
  const event: PostgresQueryTrace = { t: 0, source: "postgres", kind: "query", via, text, ...(values && values.length ? { values } : {}), durationMs: 0, rowCount: null, error: { message } };
  return { ok: false, error: new Error(message), event };
}

function escapedTransaction(): PostgresError {
  return new PostgresError({
    message: "This statement ended the run's transaction, which a run may not do: it goes on in a new transaction, and the database is rebuilt when the run ends",
    severity: "ERROR",
    code: "0A000",
  });
}

function nulCharacter(text: string): PostgresError {
  return new PostgresError({
    message: "The statement contains a NUL character (\\0), which Postgres cannot read",
    severity: "ERROR",
    code: "42601", // syntax_error
    position: [...text.slice(0, text.indexOf("\0"))].length + 1,
  });
}

function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.result;
  throw outcome.error;
}

function toQueryResult<Row>(result: Results<Row>): QueryResult<Row> {
  const command = (result as { command?: string }).command ?? null;
  const counted = (result as { rowCount?: number }).rowCount;
  let rowCount: number | null;
  if (command === "SELECT") rowCount = result.rows.length;
  else if (typeof counted === "number") rowCount = counted;
  else rowCount = result.affectedRows ?? null;
  return {
    command,
    rows: result.rows,
    rowCount,
    fields: result.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
  };
}

/** auto_explain's notice: "duration: 12.345 ms  plan:\n{ "Query Text": …, "Plan": … }". */
function capturedPlan(notices: string[]): unknown {
  for (let i = notices.length - 1; i >= 0; i--) {
    const at = notices[i].indexOf("plan:\n");
    if (!notices[i].startsWith("duration:") || at < 0) continue;
    try {
      const { "Query Text": _text, ...plan } = JSON.parse(notices[i].slice(at + 6)) as Record<string, unknown>;
      return plan;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
