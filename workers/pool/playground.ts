// `playground/pool` as lesson code imports it (types in learner-api.ts): `simulate(setup, main)`
// runs the learner's code against a fresh simulated server (and PgBouncer, if the setup has one)
// in virtual time, each statement sent for real to the run's Postgres over its port and charged
// at its measured time. Simulations of one run follow each other on the trace's axis: each is
// stamped from where the last one ended (or from now on the run's clock, if later), and numbered.
import type { TraceEvent } from "../trace.ts";
import type { Execute, StatementOutcome } from "./execute.ts";
import { serverlessBurst, steadyServer } from "./callers.ts";
import { Simulation } from "./simulation.ts";
import type { Transport } from "./sim-runtime.ts";
import type * as LearnerApi from "./learner-api.ts";
import type { PoolTrace } from "./trace.ts";
import type { PgBouncerTrace } from "./pgbouncer-trace.ts";

export interface PoolModuleEnv {
  now(): number;
  trace(event: TraceEvent): void;
}

/** A statement runner on the run's Postgres (postgres/playground.ts statementsFor), or null. */
/** `ms` (on an answer) and `durationMs` (on an error): the time Postgres spent, when it says. */
export type Statements = ((text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[]; rowCount: number | null; command: string | null; ms?: number }>) | null;

/** The lesson's server unless the setup says otherwise: Postgres's defaults, and four cores. */
const DEFAULT_CORES = 4;

/**
 * The least a statement is charged, in ms. A lesson's statements take 0.3–3 ms on PGlite, more on
 * a slower machine; charged at least 5 ms (a small query with its round trip in one data centre),
 * the same code gives about the same timeline on any machine, and a lesson's targets hold.
 */
export const LESSON_STATEMENT_FLOOR_MS = 5;

const NO_DATABASE = { message: "This lesson has no database: its front matter needs `engines: [postgres]`.", code: "08006", severity: "FATAL" as const };

/**
 * Statements on the real Postgres, each charged the time Postgres spent on it (timed in its worker;
 * the run's clock around the call only if it does not say); a SQL error is the statement's
 * outcome. PGlite runs one statement at a time: sent together, the later ones would wait behind
 * the earlier and count that wait as their own time (which the simulation's cores already
 * charge). So they are sent one after another, each timed from when it is sent.
 */
function executeOn(statements: Statements, now: () => number): Execute {
  let previous: Promise<unknown> = Promise.resolve();
  return (sql, _backend, values) => {
    const turn = previous.then(() => timed(statements, now, sql, values));
    previous = turn.catch(() => {});
    return turn;
  };
}

async function timed(statements: Statements, now: () => number, sql: string, values: readonly unknown[] | undefined): Promise<StatementOutcome> {
  if (!statements) return { ok: false, error: NO_DATABASE, ms: 0 };
  const started = now();
  try {
    const result = await statements(sql, values === undefined ? undefined : [...values]);
    return { ok: true, rows: result.rows, rowCount: result.rowCount, command: result.command ?? "", ms: result.ms ?? now() - started };
  } catch (e) {
    const error = e as { message?: unknown; code?: unknown; severity?: unknown };
    if (typeof error?.code !== "string") throw e; // not Postgres's answer: the run's own failure
    const ms = (e as { durationMs?: unknown }).durationMs;
    return { ok: false, error: { message: String(error.message), code: error.code, severity: error.severity === "FATAL" ? "FATAL" : "ERROR" }, ms: typeof ms === "number" ? ms : now() - started };
  }
}

/**
 * The classes a simulation hands out are shared by every simulation of the run, the checks'
 * included: their prototypes are frozen so learner code cannot rewrite how a pool answers.
 */
function freezeClasses(...classes: (abstract new (...args: never[]) => unknown)[]): void {
  for (const cls of classes) {
    for (let proto = cls.prototype as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) Object.freeze(proto);
    Object.freeze(cls);
  }
}

export function poolModule(env: PoolModuleEnv, statements: Statements): typeof LearnerApi {
  let axisEnd = 0;
  let simulations = 0;
  async function simulate(setup: LearnerApi.Setup, main: (world: LearnerApi.World) => Promise<void>, options: LearnerApi.SimulateOptions = {}): Promise<LearnerApi.RunSummary> {
    const sim = ++simulations;
    const base = Math.max(axisEnd, env.now());
    // Each event is a fresh object the engine hands on and keeps nowhere (keepEvents: false):
    // placed on the run's axis where it is, not copied.
    const stamp = (event: PoolTrace | PgBouncerTrace) => {
      event.t += base;
      event.sim = sim;
      axisEnd = Math.max(axisEnd, event.t);
      env.trace(event);
    };
    const server = setup.server ?? {};
    const pgbouncer = setup.pgbouncer;
    const via: Transport = pgbouncer ? { pgbouncer: { ...pgbouncer } } : "sessions";
    const simulation = new Simulation({
      execute: executeOn(statements, env.now),
      server: {
        maxConnections: server.maxConnections,
        superuserReservedConnections: server.superuserReservedConnections,
        cores: server.cores ?? DEFAULT_CORES,
        costs: server.connectMs,
      },
      via,
      keepEvents: false,
      statementFloorMs: options.statementMs ?? LESSON_STATEMENT_FLOOR_MS,
      trace: stamp,
      pgbouncerTrace: stamp,
    });
    freezeClasses(simulation.Pool, simulation.Client);
    const world: LearnerApi.World = {
      Pool: simulation.Pool as unknown as LearnerApi.World["Pool"],
      serverlessBurst: (o) => serverlessBurst(simulation, o as never),
      steadyServer: (o) => steadyServer(simulation, o),
      sleep: (ms) => simulation.sleep(ms),
      now: () => simulation.now(),
    };
    const result = await simulation.run(() => main(world), { limitMs: options.limitMs });
    axisEnd = Math.max(axisEnd, base + result.endedAt);
    if (result.stop === "crashed" || result.main === "rejected") throw result.error;
    const { counted, served, failed, latency, connectionsOpened, connectionsRefused, peakServerConnections, leakedClients, stop, endedAt } = result;
    return { counted, served, failed, latency, connectionsOpened, connectionsRefused, peakServerConnections, leakedClients, stop, endedAt, statements: result.statements };
  }
  return { simulate } as typeof LearnerApi;
}
