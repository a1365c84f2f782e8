// The Postgres engine: a PGlite instance it is given, the seeded datasets, and the learner API in
// node-postgres's style. Plain TypeScript (DESIGN §3): the clock is passed in; Node tests hand it
// a real `new PGlite(pgliteOptions())`, the worker one created in the worker.
//
// A run is a session: beginRun opens a transaction, every learner statement runs inside it under
// its own SAVEPOINT (so a failed statement does not abort the rest of the run), and endRun rolls
// back (unless told to commit), so the seeded data stays as it was. PGlite is one connection:
// every call is queued and runs alone, whichever thread sent it.
import type { PGliteInterface, Results } from "@electric-sql/pglite";
import { DEFAULT_ROWS, seedSteps, type DatasetName, type SeedStep } from "./datasets.ts";
import { fromDatabaseError, PostgresError } from "./errors.ts";
import { LearnerSavepoints } from "./savepoints.ts";
import { scanSummary } from "./scan-summary.ts";
import { transactionControl } from "./transaction-control.ts";
import type { PostgresQueryTrace, PostgresTrace } from "./trace.ts";

export interface EngineOptions {
  /** Milliseconds on a monotonic clock (performance.now in the worker). */
  now: () => number;
  /** Every trace event, as it happens. */
  onTrace?: (event: PostgresTrace) => void;
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

export interface EndRunOptions {
  /** Keep the run's writes instead of rolling them back. */
  commit?: boolean;
}

export interface RunReport {
  committed: boolean;
  /** The run's trace events (also sent to onTrace as they happened). */
  trace: PostgresTrace[];
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

const SAVEPOINT = "playground_statement";
const EXPLAIN_PREFIX = "EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, FORMAT JSON) ";
const INT8 = 20;
/** node-postgres leaves int8 as a string (it may not fit a double); PGlite would parse it. */
const PARSERS = { [INT8]: (value: string) => value };

interface Run {
  startedAt: number;
  options: Required<RunOptions>;
  trace: PostgresTrace[];
}

export class PostgresEngine {
  private readonly db: PGliteInterface;
  private readonly options: EngineOptions;
  private queue: Promise<unknown> = Promise.resolve();
  private run: Run | null = null;
  private readonly seeded: Partial<Record<DatasetName, number>> = {};
  private features: { plans: boolean; trigram: boolean } | null = null;
  private readonly savepoints = new LearnerSavepoints();

  constructor(db: PGliteInterface, options: EngineOptions) {
    this.db = db;
    this.options = options;
  }

  /** Builds a dataset (dropping it first if it exists), reporting progress step by step. */
  seed(dataset: DatasetName, options: SeedOptions = {}): Promise<void> {
    return this.serial(() => this.seedNow(dataset, options));
  }

  /** Rebuilds every dataset seeded so far, at the same size ("Reset database"). */
  reset(options: Pick<SeedOptions, "onProgress"> = {}): Promise<void> {
    return this.serial(async () => {
      for (const [dataset, rows] of Object.entries(this.seeded) as [DatasetName, number][]) {
        await this.seedNow(dataset, { rows, onProgress: options.onProgress });
      }
    });
  }

  status(): Promise<EngineStatus> {
    return this.serial(async () => {
      const features = await this.detectFeatures();
      return { datasets: { ...this.seeded }, running: this.run !== null, ...features };
    });
  }

  /** Opens a run; a run still open (its sandbox was stopped) is rolled back first. */
  beginRun(options: RunOptions = {}): Promise<void> {
    return this.serial(async () => {
      if (this.run) await this.close({});
      await this.open(options);
    });
  }

  /** Ends the run: rolls back its writes (or commits them) and returns its trace. */
  endRun(options: EndRunOptions = {}): Promise<RunReport> {
    return this.serial(() => this.close(options));
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

  /** query, answering with the statement's trace event too, and with its error instead of throwing. */
  tracedQuery<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<Outcome<QueryResult<Row>>> {
    return this.serial(() =>
      this.statement("query", text, values, async (onNotice) => {
        const result = await this.db.query<Row>(text, values, { parsers: PARSERS, onNotice });
        return toQueryResult(result);
      }),
    );
  }

  /** explain, answering with the statement's trace event too, and with its error instead of throwing. */
  tracedExplain(text: string, values?: unknown[]): Promise<Outcome<unknown>> {
    return this.serial(() =>
      this.statement("explain", text, values, async () => {
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
    if (this.run) await this.close({}); // VACUUM cannot run inside the run's transaction
    const rows = options.rows ?? DEFAULT_ROWS[dataset];
    if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`rows must be a positive integer, not ${rows}`);
    const { trigram } = await this.detectFeatures();
    const steps = seedSteps(dataset, rows, { trigram });
    const total = steps.reduce((sum, step) => sum + step.cost, 0);
    let done = 0;
    let rowsLoaded = 0;
    delete this.seeded[dataset];
    for (const step of steps) {
      options.onProgress?.({ dataset, phase: step.phase, label: step.label, done, total, rowsLoaded, rows });
      if (step.params) await this.db.query(step.sql, step.params);
      else await this.db.exec(step.sql);
      done += step.cost;
      rowsLoaded = step.rows ?? rowsLoaded;
    }
    this.seeded[dataset] = rows;
    options.onProgress?.({ dataset, phase: "done", label: `${dataset} ready`, done: total, total, rowsLoaded, rows });
  }

  private async detectFeatures(): Promise<{ plans: boolean; trigram: boolean }> {
    if (this.features) return this.features;
    let plans = true;
    try {
      await this.db.exec(`LOAD 'auto_explain'`);
    } catch {
      plans = false; // PGlite was made without the auto_explain extension
    }
    const trgm = await this.db.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'`);
    this.features = { plans, trigram: trgm.rows.length > 0 };
    return this.features;
  }

  private async open(options: RunOptions): Promise<void> {
    const { plans } = await this.detectFeatures();
    const timeout = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
    if (!Number.isFinite(timeout) || timeout < 0) throw new RangeError(`statementTimeoutMs must be ≥ 0, not ${timeout}`);
    const run: Run = {
      startedAt: this.options.now(),
      options: { statementTimeoutMs: timeout, plans: (options.plans ?? true) && plans },
      trace: [],
    };
    // SET LOCAL: the settings end with the transaction, whichever way it ends.
    let sql = `BEGIN; SET LOCAL statement_timeout = ${Math.round(timeout)};`;
    if (run.options.plans) {
      sql += `SET LOCAL auto_explain.log_min_duration = 0; SET LOCAL auto_explain.log_analyze = on;
        SET LOCAL auto_explain.log_timing = off; SET LOCAL auto_explain.log_buffers = on;
        SET LOCAL auto_explain.log_format = json; SET LOCAL auto_explain.log_level = notice;`;
    }
    await this.db.exec(sql);
    this.run = run;
    this.savepoints.clear();
  }

  private async close(options: EndRunOptions): Promise<RunReport> {
    const run = this.run;
    this.run = null;
    this.savepoints.clear();
    // ROLLBACK outside a transaction only warns, so this restores whatever state the run left.
    await this.db.exec(options.commit && run ? "COMMIT" : "ROLLBACK");
    return { committed: Boolean(options.commit && run), trace: run?.trace ?? [] };
  }

  /**
   * One learner statement under its own savepoint; outside a run, inside a one-statement run
   * that is rolled back. Traces it and turns a Postgres error into a PostgresError.
   */
  private async statement<T>(
    via: "query" | "explain",
    text: string,
    values: unknown[] | undefined,
    execute: (onNotice: (notice: { message?: string }) => void) => Promise<T>,
  ): Promise<Outcome<T>> {
    const implicit = this.run === null;
    if (implicit) await this.open({});
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
      const refused = transactionControl(text);
      if (refused) throw refused;
      const wrapped = !this.savepoints.unwrapped(text);
      if (wrapped) await this.db.exec(`SAVEPOINT ${SAVEPOINT}`);
      // auto_explain writes a query's plan at ExecutorEnd, which for a statement inside a
      // transaction block comes when its portal is dropped: during the next message, the RELEASE.
      const notices: string[] = [];
      const onNotice = (notice: { message?: string }) => void notices.push(notice.message ?? "");
      let result: T;
      try {
        result = await execute(onNotice);
      } catch (error) {
        event.durationMs = this.options.now() - startedAt;
        if (wrapped) await this.restoreSavepoint();
        else await this.reopen(); // not expected: unwrapped commands are the ones that cannot fail
        throw fromDatabaseError(error, via === "explain" ? EXPLAIN_PREFIX.length : 0);
      }
      event.durationMs = this.options.now() - startedAt;
      if (wrapped) await this.releaseSavepoint(onNotice);
      else this.savepoints.done(text);
      // EXPLAIN's own result is the plan; auto_explain's notice then is about the same run.
      const plan = via === "explain" ? result : capturedPlan(notices);
      if (plan) {
        event.plan = plan;
        event.summary = scanSummary(plan);
      }
      event.rowCount = via === "query" ? (result as QueryResult).rowCount : (event.summary?.returned ?? null);
      return { ok: true, result, event };
    } catch (error) {
      if (error instanceof PostgresError) {
        event.error = { message: error.message, code: error.code, position: error.position };
      } else {
        event.error = { message: error instanceof Error ? error.message : String(error) };
      }
      return { ok: false, error, event };
    } finally {
      run.trace.push(event);
      this.options.onTrace?.(event);
      if (implicit) await this.close({});
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

  /** Last resort when the run's transaction is not as the engine left it: start it again. */
  private async reopen(): Promise<void> {
    const run = this.run;
    await this.db.exec("ROLLBACK");
    if (run) {
      await this.open(run.options);
      const reopened = this.run as Run | null;
      if (reopened) Object.assign(reopened, { startedAt: run.startedAt, trace: run.trace });
    }
  }
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
