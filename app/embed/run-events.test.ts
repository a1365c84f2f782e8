import { describe, expect, it } from "vitest";
import type { CheckView, RunState } from "../lesson/run-session";
import { runEvents } from "./run-events";

type Seen = Pick<RunState, "running" | "outcome" | "status" | "checks" | "runs">;

const check = (name: string, state: CheckView["state"], message?: string): CheckView => ({ name, hints: [], state, message });
const idle: Seen = { running: false, outcome: null, status: "Ready", checks: [check("a", "not-run"), check("b", "not-run")], runs: 0 };
const running: Seen = { ...idle, running: true, outcome: "running", status: "Running…", runs: 1 };

describe("runEvents", () => {
  it("a run that starts sends run/running once, and nothing while it runs", () => {
    expect(runEvents(idle, running)).toEqual([{ type: "run", status: "running", message: "Running…" }]);
    expect(runEvents(running, { ...running })).toEqual([]);
  });

  it("a run that ends sends how it ended, then each check's result", () => {
    const ended: Seen = { running: false, outcome: "failed", status: "1 of 2 checks passed", checks: [check("a", "passed"), check("b", "failed", "expected 1 to equal 2")], runs: 1 };
    expect(runEvents(running, ended)).toEqual([
      { type: "run", status: "failed", message: "1 of 2 checks passed" },
      {
        type: "checks",
        checks: [
          { name: "a", passed: true },
          { name: "b", passed: false, message: "expected 1 to equal 2" },
        ],
        passed: 1,
        total: 2,
      },
    ]);
  });

  it("a stopped run has no check results to send", () => {
    const stopped: Seen = { ...running, running: false, outcome: "stopped", status: "Stopped", checks: idle.checks };
    expect(runEvents(running, stopped)).toEqual([{ type: "run", status: "stopped", message: "Stopped" }]);
  });

  it("an error before the checks ran sends the error and no checks", () => {
    const failed: Seen = { ...running, running: false, outcome: "error", status: "Error: could not start", checks: idle.checks };
    expect(runEvents(running, failed)).toEqual([{ type: "run", status: "error", message: "Error: could not start" }]);
  });

  it("a run that replaces a running one sends its start, not an end", () => {
    const second: Seen = { ...running, runs: 2 };
    expect(runEvents(running, second)).toEqual([{ type: "run", status: "running", message: "Running…" }]);
  });
});
