// The state of runs on one lesson page, as a zustand store the panes render from, and the
// actions that change it. The sandbox does the work; this turns its outcomes into what the
// learner reads: the status line, output, check results and editor markers.
import { createStore, type StoreApi } from "zustand/vanilla";
import type { ConsoleBatch, ConsoleLine } from "../../workers/sandbox/console-capture";
import type { CheckInfo, RunError } from "../../workers/sandbox/runner";
import type { Sandbox } from "../../workers/sandbox/client";
import { prepareHostedRun, type HostedEngine, type HostedLesson, type HostedRun } from "../../workers/sandbox/hosted-engines";
import type { TraceEvent } from "../../workers/trace";
import { DURATION, formatDuration } from "../format/duration";
import { createPlayhead, follow, seek } from "../playhead/playhead";
import { momentAt } from "../playhead/timeline";
import { readInjected, type InjectedEvent } from "../../workers/injections";
import { receiveTrace } from "./trace-receiver";
import { injectionReport } from "./injection-report";

export const OUTPUT_CAP = 1000;

export interface CheckView extends CheckInfo {
  state: "not-run" | "passed" | "failed";
  message?: string;
}

export interface Marker {
  line: number;
  column: number;
  /** Where the underline ends; the end of the line when not given. */
  endColumn?: number;
  message: string;
}

/** How the last run ended ("running" while it runs; null before the first): what an embedding page is told. */
export type RunVerdict = "running" | "passed" | "failed" | "error" | "timeout" | "stopped";

export interface RunState {
  running: boolean;
  outcome: RunVerdict | null;
  /** What the status element says (docs/architecture.md, "Contracts"). */
  status: string;
  tone: "neutral" | "running" | "ok" | "fail";
  output: ConsoleLine[];
  /** Earlier output lines not kept because of the cap. */
  dropped: number;
  checks: CheckView[];
  markers: Marker[];
  /** The run's trace events so far, sorted by time (arrival order among equals); at most TRACE_CAP. */
  trace: readonly TraceEvent[];
  /** Events of the run not kept (over the cap). */
  traceDropped: number;
  /** When the run's last event (or duration) ended, on the run's clock. */
  traceEnd: number;
  runs: number;
  /**
   * The run injected events (a crash from the queue board, workers/injections.ts): an experiment,
   * which never counts for progress (steps/step-progress.ts, countsForProgress). Null for a plain run.
   */
  experiment: Experiment | null;
}

export interface Experiment {
  events: InjectedEvent[];
  /** The code run differs from the code of the run before it, whose picture the crash was chosen on. */
  codeChanged: boolean;
}

export type RunStore = StoreApi<RunState>;

/** What the status says before the first run. */
export const READY_STATUS = "Ready: press Run or Ctrl+Enter";

/** The status before any run, on a lesson whose Run would first wait for an engine: says for what. */
export function readyStatus(runWaitsFor: string | null): string {
  return runWaitsFor ? `Run will wait for ${runWaitsFor}` : READY_STATUS;
}

export function statusForChecks(checks: { state: CheckView["state"] }[]): string {
  const passed = checks.filter((c) => c.state === "passed").length;
  return passed === checks.length ? "All checks passed" : `${passed} of ${checks.length} checks passed`;
}

function errorStatus(error: RunError): string {
  const first = error.message.split("\n")[0];
  const where = error.line ? ` (line ${error.line})` : "";
  return `${error.name}: ${first}${where}`;
}

export interface RunSessionOptions {
  sandbox: Sandbox;
  checksSource: string;
  /** The lesson's limits and what its hosted engines read of it. */
  lesson: HostedLesson;
  /** The lesson's hosted engines (workers/sandbox/hosted-engines.ts), loaded: each run opens a run on each. */
  engines: readonly HostedEngine[];
  onAllPassed: () => void;
}

export function createRunSession(options: RunSessionOptions) {
  const { timeoutMs } = options.lesson;
  const store = createStore<RunState>(() => ({
    running: false,
    outcome: null,
    status: READY_STATUS,
    tone: "neutral",
    output: [],
    dropped: 0,
    checks: [],
    markers: [],
    trace: [],
    traceDropped: 0,
    traceEnd: 0,
    runs: 0,
    experiment: null,
  }));
  const playhead = createPlayhead();

  options.sandbox
    .listChecks(options.checksSource)
    .then((infos) => {
      if (store.getState().checks.length === 0) store.setState({ checks: infos.map((i) => ({ ...i, state: "not-run" })) });
    })
    .catch((e: Error) => store.setState({ status: `The lesson's checks could not load: ${e.message}`, tone: "fail" }));

  let runId = 0;
  // The code of the last run started: a crash is chosen on that run's picture.
  let lastCode: string | null = null;

  /**
   * Runs `code` against the lesson's checks. With `inject`, the run is an experiment: the events
   * (a worker crashed at a moment of a run()) are scheduled in the engines, and the status says
   * what became of them; a list that does not read is refused before anything runs.
   */
  async function run(code: string, extra: { inject?: readonly InjectedEvent[] } = {}): Promise<void> {
    const inject = readInjected(extra.inject);
    if (!inject.ok) {
      store.setState({ status: `Error: ${inject.message}`, tone: "fail" });
      return;
    }
    const experiment = inject.events.length > 0 ? { events: inject.events, codeChanged: lastCode !== null && lastCode !== code } : null;
    lastCode = code;
    const id = ++runId;
    store.setState((s) => ({
      running: true,
      outcome: "running",
      status: "Running…",
      tone: "running",
      output: [],
      dropped: 0,
      markers: [],
      trace: [],
      traceDropped: 0,
      traceEnd: 0,
      runs: s.runs + 1,
      checks: s.checks.map((c) => ({ ...c, state: "not-run", message: undefined })),
      experiment,
    }));

    const onConsole = (batch: ConsoleBatch) => {
      if (id !== runId) return;
      store.setState((s) => {
        const all = s.output.concat(batch.lines);
        const output = all.length > OUTPUT_CAP ? all.slice(-OUTPUT_CAP) : all;
        return { output, dropped: Math.max(0, batch.written - output.length) };
      });
    };

    follow(playhead);
    const traceIn = receiveTrace(store, () => id === runId);

    // The lesson's hosted engines open this run first: a port each, handed to the sandbox by name.
    let prepared: HostedRun | null = null;
    if (options.engines.length > 0) {
      try {
        prepared = await prepareHostedRun(options.engines, options.lesson);
      } catch (e) {
        if (id === runId) store.setState({ running: false, outcome: "error", status: `Error: ${(e as Error).message}`, tone: "fail" });
        return;
      }
      if (id !== runId) {
        await prepared.finish();
        return;
      }
    }
    // An engine that fails mid-run leaves the learner's code waiting for an answer that will not
    // come: end the run and say why.
    let engineFailure: { label: string; reason: string } | null = null;
    void prepared?.failure.then((failed) => {
      if (id !== runId || !store.getState().running) return;
      engineFailure = failed;
      options.sandbox.stop();
    });
    const outcome = await options.sandbox
      .run({ code, checks: options.checksSource, ...(experiment ? { inject: experiment.events } : {}) }, { timeoutMs, onConsole, onTrace: traceIn.receive, ports: prepared?.ports })
      .finally(async () => {
        if (!prepared) return;
        // End the worker before the engines close the run (a rollback): a timer the learner left
        // could otherwise send a statement after the transaction is gone, and it would commit.
        options.sandbox.stop();
        await prepared.finish();
      });
    // What arrived stays, however the run ended.
    traceIn.flush();
    if (id !== runId) return;

    if (outcome.kind === "timeout") {
      store.setState((s) => ({
        running: false,
        outcome: "timeout",
        status: `Stopped after ${formatDuration(timeoutMs, DURATION.limit)}`,
        tone: "fail",
        checks: s.checks.map((c) => ({ ...c, state: "failed", message: "Not finished: the run was stopped at the time limit." })),
        output: s.output.concat({
          level: "error",
          text: `The run took longer than this lesson's limit of ${formatDuration(timeoutMs, DURATION.limit)} and was stopped. Look for a loop that never ends or a promise that never settles.`,
        }),
      }));
      return;
    }
    if (outcome.kind === "stopped" && engineFailure !== null) {
      const { label, reason }: { label: string; reason: string } = engineFailure;
      store.setState((s) => ({
        running: false,
        outcome: "error",
        status: `Stopped: ${label} stopped answering`,
        tone: "fail",
        checks: s.checks.map((c) => ({ ...c, state: "failed", message: `Not finished: the run was stopped because ${label} stopped answering.` })),
        output: s.output.concat({ level: "error", text: reason }),
      }));
      return;
    }
    if (outcome.kind === "stopped") {
      store.setState({ running: false, outcome: "stopped", status: "Stopped", tone: "neutral" });
      return;
    }
    if (outcome.kind === "crashed") {
      store.setState({ running: false, outcome: "error", status: `Error: ${outcome.message}`, tone: "fail" });
      return;
    }

    const { result } = outcome;
    const checks: CheckView[] = result.checks.map((c) => ({ name: c.name, hints: c.hints, state: c.passed ? "passed" : "failed", message: c.message }));
    const markers: Marker[] = [];
    if (result.error?.line) markers.push({ line: result.error.line, column: result.error.column ?? 1, endColumn: result.error.endColumn, message: `${result.error.name}: ${result.error.message}` });
    for (const c of result.checks) {
      if (c.line) markers.push({ line: c.line, column: c.column ?? 1, endColumn: c.endColumn, message: `Check "${c.name}" failed here: ${c.message}` });
    }
    const errorLines: ConsoleLine[] = result.error ? [{ level: "error", text: `${result.error.name}: ${result.error.message}${result.error.line ? ` (line ${result.error.line}, column ${result.error.column ?? 1})` : ""}` }] : [];
    const verdict = result.error ? errorStatus(result.error) : statusForChecks(checks);
    const allPassed = !result.error && checks.length > 0 && checks.every((c) => c.state === "passed");
    const told = experiment ? tellExperiment(experiment) : null;
    store.setState((s) => ({
      running: false,
      outcome: result.error ? "error" : allPassed ? "passed" : "failed",
      status: told ? `${told.status} · ${verdict}` : verdict,
      tone: allPassed ? "ok" : "fail",
      checks: checks.length > 0 ? checks : s.checks,
      markers,
      output: s.output.concat(errorLines, told?.lines ?? []),
    }));
    // An experiment never completes the lesson (steps/step-progress.ts, countsForProgress).
    if (allPassed && !experiment) options.onAllPassed();
  }

  /** What became of an experiment's injected events: the status's sentence and the output's account; the playhead goes to the crash. */
  function tellExperiment(experiment: Experiment): { status: string; lines: ConsoleLine[] } {
    const { trace } = store.getState();
    const report = injectionReport(experiment.events, trace);
    if (report.at) seek(playhead, momentAt(trace, report.at.t));
    const lines: ConsoleLine[] = [...report.sentences.map((text) => `${text}.`), ...report.details].map((text) => ({ level: "info", text }));
    if (experiment.codeChanged) {
      lines.push({ level: "warn", text: "Your code had changed since the run whose picture you crashed the worker on: this run ran the code in the editor now, so that moment may not be the same." });
    }
    lines.push({ level: "info", text: "A run with a crash from the page is an experiment: its checks are shown but do not count toward your progress." });
    return { status: report.sentences.join("; "), lines };
  }

  function stop(): void {
    runId++;
    options.sandbox.stop();
    store.setState({ running: false, outcome: "stopped", status: "Stopped", tone: "neutral" });
  }

  return { store, playhead, run, stop };
}

export type RunSession = ReturnType<typeof createRunSession>;
