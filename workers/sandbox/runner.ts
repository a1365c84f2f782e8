// One run of a lesson: load its checks, transpile and load the learner's module, then run each
// check against that module. Plain TypeScript: the clock and the modules are passed in, and the
// worker that hosts it (worker.ts) only wires it to messages.
import type { Check } from "./checks-api";
import { ConsoleCapture, type ConsoleBatch } from "./console-capture";
import { evaluateModule, locateError } from "./evaluate";
import { CompileError, transpile } from "./transpile";
import type { TraceEvent } from "../trace";
import { instantiateModules, type ModuleFactory } from "./registry";
import { sqlErrorLocation } from "./sql-location";

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
  /** What the sandbox and the engines the code used did, in order. */
  trace: TraceEvent[];
}

export interface RunEnvironment {
  now: () => number;
  modules: Record<string, ModuleFactory>;
  onConsole: (batch: ConsoleBatch) => void;
  /** Channels to engines outside the sandbox, by engine name (see ModuleEnv.port). */
  ports?: Record<string, MessagePort>;
  /** Called before learner code runs, so a host can point the global console here too. */
  onConsoleReady?: (console: Console) => void;
}

function describe(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name || "Error", message: error.message };
  return { name: "Error", message: `a non-Error value was thrown: ${String(error)}` };
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
  const modules = instantiateModules(factories, { now: () => 0, trace: () => {}, port: () => undefined });
  const checks = await loadChecks(checksSource, modules, console);
  return checks.map((c) => ({ name: c.name, hints: hintsOf(c) }));
}

export async function runLesson(request: { code: string; checks: string }, env: RunEnvironment): Promise<RunResult> {
  let start = env.now();
  const t = () => env.now() - start;
  const trace: TraceEvent[] = [];
  // Engines stamp their own events with the run's clock; `t` is relative to the learner's start.
  const modules = instantiateModules(env.modules, { now: t, trace: (event) => trace.push(event), port: (name) => env.ports?.[name] });
  const capture = new ConsoleCapture({ cap: CONSOLE_CAP, now: env.now, onBatch: env.onConsole });
  const console = capture.console();
  env.onConsoleReady?.(console);

  let checks: Check[];
  try {
    checks = await loadChecks(request.checks, modules, console);
  } catch (e) {
    capture.flush();
    return { error: { kind: "checks", ...describe(e), message: `The lesson's checks could not load: ${describe(e).message}` }, checks: [], trace };
  }
  // The trace is about the learner's code: its clock starts once the checks are ready.
  start = env.now();
  // Where an error happened in the learner's code; for a Postgres error, at its position in the SQL.
  const locate = (e: unknown) => {
    const at = locateError(e, LEARNER_FILE);
    return at && (sqlErrorLocation(request.code, at, e) ?? at);
  };
  const notRun = (why: string): CheckResult[] => checks.map((c) => ({ name: c.name, hints: hintsOf(c), passed: false, message: why }));

  // 1. Transpile: a syntax error stops here, pointing at its line.
  let code: string;
  const transpileStart = t();
  try {
    code = transpile(request.code, LEARNER_FILE);
    trace.push({ t: transpileStart, source: "sandbox", kind: "transpile", durationMs: t() - transpileStart, ok: true });
  } catch (e) {
    trace.push({ t: transpileStart, source: "sandbox", kind: "transpile", durationMs: t() - transpileStart, ok: false });
    capture.flush();
    const error: RunError =
      e instanceof CompileError
        ? { kind: "compile", name: e.name, message: e.message, line: e.line, column: e.column }
        : { kind: "compile", ...describe(e) };
    return { error, checks: notRun("Not run: your code did not compile."), trace };
  }

  // 2. Load the learner's module: top-level code runs now, and may throw.
  let learner: Record<string, unknown>;
  const moduleStart = t();
  try {
    learner = await evaluateModule(code, { filename: LEARNER_FILE, modules, console });
    trace.push({ t: moduleStart, source: "sandbox", kind: "module", durationMs: t() - moduleStart, ok: true });
  } catch (e) {
    trace.push({ t: moduleStart, source: "sandbox", kind: "module", durationMs: t() - moduleStart, ok: false });
    capture.flush();
    const at = locate(e);
    return {
      error: { kind: "runtime", ...describe(e), ...(at ?? {}) },
      checks: notRun("Not run: your code threw an error while loading."),
      trace,
    };
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
      const { name, message } = describe(e);
      const at = locate(e);
      // An assertion's own message reads best alone; anything else was thrown by the learner's code.
      const text = name === "AssertionError" ? message : `${name}: ${message}`;
      results.push({ name: check.name, hints: hintsOf(check), passed: false, message: text, ...(at ?? {}) });
    }
    const passed = results[results.length - 1].passed;
    trace.push({ t: checkStart, source: "sandbox", kind: "check", name: check.name, durationMs: t() - checkStart, passed });
  }
  capture.flush();
  return { error: null, checks: results, trace };
}
