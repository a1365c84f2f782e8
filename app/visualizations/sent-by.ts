// Which step of the run something happened in: the learner's module as it loaded ("your code"),
// or a check, by name. The sandbox stamps each step's event with its start and duration, so a
// moment inside one belongs to it.
import type { TraceEvent } from "../../workers/trace";

export function senders(trace: readonly TraceEvent[]): (t: number) => string | undefined {
  const steps = trace.filter((e): e is Extract<TraceEvent, { kind: "module" | "check" }> => e.source === "sandbox" && (e.kind === "module" || e.kind === "check"));
  return (t) => {
    const step = steps.find((s) => t >= s.t && t <= s.t + s.durationMs);
    return step && (step.kind === "module" ? "your code" : step.name);
  };
}
