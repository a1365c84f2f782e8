// The job messages of measureWorkers (protocol.ts), read at both ends: only JSON's plain values
// travel as arguments and results, times are finite and not negative, numbers are in range.
import { describe, expect, it } from "vitest";
import { readFromNode, readToNode } from "./read-message.ts";

describe("job messages", () => {
  it("a worker's job-done: a plain value and a time, or an error text", () => {
    expect(readFromNode({ type: "job-done", id: 3, ok: true, value: [1, "a", true, null, [2]], ms: 12.5 })).toEqual({ type: "job-done", id: 3, ok: true, value: [1, "a", true, null, [2]], ms: 12.5 });
    expect(readFromNode({ type: "job-done", id: 3, ok: false, error: "RangeError: no" })).toEqual({ type: "job-done", id: 3, ok: false, error: "RangeError: no" });
    for (const bad of [
      { type: "job-done", id: 3, ok: true, value: { an: "object" }, ms: 1 },
      { type: "job-done", id: 3, ok: true, value: 1, ms: -1 },
      { type: "job-done", id: 3, ok: true, value: 1, ms: Infinity },
      { type: "job-done", id: 3, ok: true, value: undefined, ms: 1 },
      { type: "job-done", id: 0, ok: true, value: 1, ms: 1 },
      { type: "job-done", id: 3, ok: false, error: 42 },
    ])
      expect(readFromNode(bad), JSON.stringify(bad)).toBeNull();
  });

  it("the coordinator's load-jobs and job: a worker number in range, an export name, plain arguments", () => {
    expect(readToNode({ type: "load-jobs", code: "x", worker: 4 })).toEqual({ type: "load-jobs", code: "x", worker: 4 });
    expect(readToNode({ type: "job", id: 1, exportName: "work", args: [30, "x"] })).toEqual({ type: "job", id: 1, exportName: "work", args: [30, "x"] });
    for (const bad of [
      { type: "load-jobs", code: "x", worker: 17 },
      { type: "load-jobs", code: 1, worker: 1 },
      { type: "job", id: 1, exportName: "work", args: [{ a: 1 }] },
      { type: "job", id: 1, exportName: "work", args: "30" },
      { type: "job", id: 1, exportName: "w".repeat(201), args: [] },
    ])
      expect(readToNode(bad), JSON.stringify(bad)).toBeNull();
  });

  it("nesting is bounded: an argument list deeper than 8 levels is refused", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10; i++) deep = [deep];
    expect(readToNode({ type: "job", id: 1, exportName: "work", args: [deep] })).toBeNull();
  });
});
