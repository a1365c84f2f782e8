// The steps of one run, from the sandbox trace: compile, load the module, then each check.
import type { SandboxTrace, TraceEvent } from "../../../workers/trace";
import { DURATION, formatDuration } from "../../format/duration";

export interface Step {
  label: string;
  start: number;
  durationMs: number;
  /** running: the playhead stands inside the step. */
  outcome: "ok" | "fail" | "running";
  kind: "transpile" | "module" | "check";
}

export function stepsOf(trace: readonly TraceEvent[]): Step[] {
  return trace.filter((e): e is SandboxTrace => e.source === "sandbox").map((e) => {
    if (e.kind === "check") return { label: e.name, start: e.t, durationMs: e.durationMs, outcome: e.passed ? "ok" : "fail", kind: e.kind };
    return {
      label: e.kind === "transpile" ? "Compile TypeScript" : "Run your module",
      start: e.t,
      durationMs: e.durationMs,
      outcome: e.ok ? "ok" : "fail",
      kind: e.kind,
    };
  });
}

/** The steps as they stood at run-clock `time`: one still going is cut there and running. */
export function stepsAt(trace: readonly TraceEvent[], time: number): Step[] {
  return stepsOf(trace).map((s) => (s.start + s.durationMs <= time ? s : { ...s, durationMs: Math.max(0, time - s.start), outcome: "running" }));
}

/** A step's time: 0.25 ms, 2.5 ms, 250 ms (app/format/duration.ts). */
export const formatMs = (ms: number): string => formatDuration(ms, DURATION.step);

/** A label broken into lines of at most `perLine` characters, at spaces where it can be. */
export function wrapLabel(label: string, perLine: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const joined = line ? `${line} ${word}` : word;
    if (joined.length <= perLine) {
      line = joined;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (line.length > perLine) {
      lines.push(line.slice(0, perLine));
      line = line.slice(perLine);
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}
