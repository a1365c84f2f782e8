// One run of a lesson: load its checks, transpile and load the learner's module, then run each
// check against that module. Plain TypeScript: the clock and the modules are passed in, and the
// worker that hosts it (worker.ts) only wires it to messages.
import type { Check } from "./checks-api";
import { ConsoleCapture, type ConsoleBatch } from "./console-capture";
import { evaluateModule, locateError, type EvaluateOptions } from "./evaluate";
import { CompileError, transpile } from "./transpile";
import { instantiateModules, type ModuleFactory } from "./registry";
import { TraceStream, type TraceBatch } from "./trace-stream";
import { sqlErrorLocation } from "./sql-location";
import { explainMissingGlobal } from "./compartment";
import { runClock } from "./run-clock";
import type { InjectedEvent } from "../injections";

export const LEARNER_FILE = "learner.ts";
export const CHECKS_FILE = "checks.ts";
export const CONSOLE_CAP = 1000;

export interface RunError {
  /** compile: the code did not parse; runtime: it threw while loading; checks: the lesson's own checks are broken. */
  kind: "compile" | "runtime" | "checks";
  name: string;
  message: string;
  /** Position in the learner's code, when the error happened there. */
  line?: number;
  column?: number;
  /** Just past the token the error is about, when known (a Postgres error's word in the SQL). */
  endColumn?: number;
}

export interface CheckInfo {
  name: string;
  hints: string[];
}

export interface CheckResult extends CheckInfo {
  passed: boolean;
  /** Why it failed, as the learner should read it. */
  message?: string;
  /** Line in the learner's code where the failure was thrown, if it was thrown there. */
  line?: number;
  column?: number;
  endColumn?: number;
}

export interface RunResult {
  error: RunError | null;
  checks: CheckResult[];
}

export interface RunEnvironment {
  now: () => number;
  modules: Record<string, ModuleFactory>;
  onConsole: (batch: ConsoleBatch) => void;
  /**
   * Receives what the sandbox and the engines the code used did, in batches while the run goes on
   * (trace-stream.ts); the last batch arrives before runLesson returns.
   */
  onTrace?: (batch: TraceBatch) => void;
  /** Channels to engines outside the sandbox, by engine name (see ModuleEnv.port). */
  ports?: Record<string, MessagePort>;
  /** Called before learner code runs, so a host can point the global console here too. */
  onConsoleReady?: (console: Console) => void;
  /**
   * How the learner's module is evaluated: in the worker, inside a Compartment (compartment.ts);
   * by default (Node tests) as the checks are, in this realm.
   */
  evaluateLearner?: (code: string, options: EvaluateOptions) => Promise<Record<string, unknown>>;
  /** Applied to each playground module as it is built (the worker hardens them, so learner code cannot change them under the checks). */
  protect?: <T>(module: T) => T;
}

/** The module the checks are written with; learner code has no business importing it. */
const CHECKS_MODULE = "playground/checks";

/**
 * What was thrown, as text. Learner code may throw anything (a Proxy, an object whose toString
 * or `message` getter throws, Object.create(null)): reading it must not take the run down.
 */
export function describe(error: unknown): { name: string; message: string } {
  try {
    if (error instanceof Error) {
      const name = String(error.name);
      return { name: name || "Error", message: String(error.message) };
    }
    return { name: "Error", message: `a non-Error value was thrown: ${String(error)}` };
  } catch {
    return { name: "Error", message: "a value was thrown that cannot be turned into text (reading it threw)" };
  }
}

function hintsOf(check: Check): string[] {
  return check.hint === undefined ? [] : Array.isArray(check.hint) ? check.hint : [check.hint];
}

async function loadChecks(source: string, modules: Record<string, unknown>, console: Console): Promise<Check[]> {
  const exports = await evaluateModule(transpile(source, CHECKS_FILE), { filename: CHECKS_FILE, modules, console });
  const checks = exports.default;
  if (!Array.isArray(checks)) throw new Error("checks.ts must `export default defineChecks([...])`");
  return checks as Check[];
}

/** The names and hints of a lesson's checks, to list them before anything has run. */
export async function listChecks(checksSource: string, factories: Record<string, ModuleFactory>): Promise<CheckInfo[]> {
  const learnerCode = () => {
    throw new Error("the learner's code is not loaded while the checks are only listed");
  };
  const modules = instantiateModules(factories, { now: () => 0, trace: () => {}, port: () => undefined, learnerCode });
  const checks = await loadChecks(checksSource, modules, console);
  return checks.map((c) => ({ name: c.name, hints: hintsOf(c) }));
}

/** What to run: the learner's code, the lesson's checks, and what the page asks the engines to inject (already read). */
export interface RunRequest {
  code: string;
  checks: string;
  inject?: readonly InjectedEvent[];
}

export async function runLesson(request: RunRequest, env: RunEnvironment): Promise<RunResult> {
  let start = env.now();
  const t = () => env.now() - start;
  const stream = new TraceStream({ now: env.now, onBatch: env.onTrace ?? (() => {}) });
  const finish = (result: RunResult): RunResult => {
    stream.flush();
    return result;
  };
  // Engines stamp their own events with the run's clock; `t` is relative to the learner's start.
  // The checks' own module is out of the learner's reach, so it needs no protection (and chai is not made to be frozen).
  const protect = env.protect && (<T,>(module: T, name: string) => (name === CHECKS_MODULE ? module : env.protect!(module)));
  const checksOnly = (name: string) => name === CHECKS_MODULE || name.startsWith(`${CHECKS_MODULE}/`);
  const capture = new ConsoleCapture({ cap: CONSOLE_CAP, now: env.now, onBatch: env.onConsole });
  // The learner's module once transpiled (step 1 below): engines that run it again elsewhere read it.
  let transpiled: string | null = null;
  const learnerCode = () => {
    if (transpiled === null) throw new Error("the learner's code is not transpiled yet");
    return transpiled;
  };
  const log = (level: "log" | "info" | "warn" | "error", text: string) => capture.write(level, [text]);
  // One clock for every engine of the run, which a running tasks loop places on its own time.
  const clock = runClock(t);
  const modules = instantiateModules(
    env.modules,
    { now: clock.now, placeClock: clock.place, trace: (event) => stream.push(event), port: (name) => env.ports?.[name], learnerCode, log, injected: request.inject ?? [] },
    protect,
  );
  // The same lazily built modules, less the checks' own (playground/checks and playground/checks/*).
  const learnerModules: Record<string, unknown> = {};
  for (const name of Object.keys(modules)) {
    if (!checksOnly(name)) Object.defineProperty(learnerModules, name, { enumerable: true, get: () => modules[name] });
  }
  const console = capture.console();
  env.onConsoleReady?.(console);

  let checks: Check[];
  try {
    checks = await loadChecks(request.checks, modules, console);
  } catch (e) {
    capture.flush();
    return finish({ error: { kind: "checks", ...describe(e), message: `The lesson's checks could not load: ${describe(e).message}` }, checks: [] });
  }
  // The trace is about the learner's code: its clock starts once the checks are ready.
  start = env.now();
  // Where an error happened in the learner's code; for a Postgres error, at its position in the SQL.
  const locate = (e: unknown) => {
    try {
      const at = locateError(e, LEARNER_FILE);
      return at && (sqlErrorLocation(request.code, at, e) ?? at);
    } catch {
      return null; // a hostile thrown value: no position, still a readable message
    }
  };
  const lines = request.code.split("\n");
  const explain = (message: string, at: { line: number; column: number } | null) => explainMissingGlobal(message, at ? lines[at.line - 1] : undefined, at?.column);
  const notRun = (why: string): CheckResult[] => checks.map((c) => ({ name: c.name, hints: hintsOf(c), passed: false, message: why }));

  // 1. Transpile: a syntax error stops here, pointing at its line.
  let code: string;
  const transpileStart = t();
  try {
    code = transpile(request.code, LEARNER_FILE);
    transpiled = code;
    stream.push({ t: transpileStart, source: "sandbox", kind: "transpile", durationMs: t() - transpileStart, ok: true });
  } catch (e) {
    stream.push({ t: transpileStart, source: "sandbox", kind: "transpile", durationMs: t() - transpileStart, ok: false });
    capture.flush();
    const error: RunError =
      e instanceof CompileError
        ? { kind: "compile", name: e.name, message: e.message, line: e.line, column: e.column }
        : { kind: "compile", ...describe(e) };
    return finish({ error, checks: notRun("Not run: your code did not compile.") });
  }

  // 2. Load the learner's module: top-level code runs now, and may throw.
  let learner: Record<string, unknown>;
  const moduleStart = t();
  try {
    learner = await (env.evaluateLearner ?? evaluateModule)(code, { filename: LEARNER_FILE, modules: learnerModules, console });
    stream.push({ t: moduleStart, source: "sandbox", kind: "module", durationMs: t() - moduleStart, ok: true });
  } catch (e) {
    stream.push({ t: moduleStart, source: "sandbox", kind: "module", durationMs: t() - moduleStart, ok: false });
    capture.flush();
    if (e instanceof CompileError) {
      return finish({ error: { kind: "compile", name: e.name, message: e.message, line: e.line, column: e.column }, checks: notRun("Not run: your code did not compile.") });
    }
    const at = locate(e);
    const { name, message } = describe(e);
    return finish({
      error: { kind: "runtime", name, message: explain(message, at), ...(at ?? {}) },
      checks: notRun("Not run: your code threw an error while loading."),
    });
  }

  // 3. The checks, one after another, each against the same module.
  const logs = capture.lines().map((l) => l.text);
  const results: CheckResult[] = [];
  for (const check of checks) {
    const checkStart = t();
    try {
      await check.run(learner, { logs });
      results.push({ name: check.name, hints: hintsOf(check), passed: true });
    } catch (e) {
      const { name, message: said } = describe(e);
      const at = locate(e);
      const message = explain(said, at);
      // An assertion's own message reads best alone; anything else was thrown by the learner's code.
      const text = name === "AssertionError" ? message : `${name}: ${message}`;
      results.push({ name: check.name, hints: hintsOf(check), passed: false, message: text, ...(at ?? {}) });
    }
    const passed = results[results.length - 1].passed;
    stream.push({ t: checkStart, source: "sandbox", kind: "check", name: check.name, durationMs: t() - checkStart, passed });
  }
  capture.flush();
  return finish({ error: null, checks: results });
}
