// What a change of the lesson's run state tells the embedding page: a run began, a run ended (and
// how), and each check's result when the run reached the checks. Pure, so the rules are tested
// without a page: one `run` message per start and per end, never one per trace batch or console line.
import type { CheckView, RunState } from "../lesson/run-session";
import type { CheckResult, LessonEvent } from "./protocol";

type Seen = Pick<RunState, "running" | "outcome" | "status" | "checks" | "runs">;

export function checkResults(checks: readonly CheckView[]): CheckResult[] {
  return checks.filter((c) => c.state !== "not-run").map((c) => (c.state === "passed" ? { name: c.name, passed: true } : { name: c.name, passed: false, message: c.message ?? "" }));
}

/** The messages the change from `before` to `after` sends, in order. */
export function runEvents(before: Seen, after: Seen): LessonEvent[] {
  const events: LessonEvent[] = [];
  // A new run began (the count moves even when one run replaces another without a pause).
  if (after.runs !== before.runs && after.running) events.push({ type: "run", status: "running", message: after.status });
  const ended = before.running && !after.running && after.outcome !== null && after.outcome !== "running";
  if (!ended) return events;
  events.push({ type: "run", status: after.outcome!, message: after.status });
  const checks = checkResults(after.checks);
  // A run stopped by the learner has no results; a timeout fails every check, which is a result.
  if (checks.length > 0) events.push({ type: "checks", checks, passed: checks.filter((c) => c.passed).length, total: after.checks.length });
  return events;
}

