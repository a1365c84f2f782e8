// The page's injected events are read on both sides of the sandbox's boundary: exactly the shape,
// copied, or a message saying what is wrong (and the sandbox refuses a run request carrying one).
import { describe, expect, it } from "vitest";
import { readInjected } from "./injections.ts";
import { readSandboxRequest } from "./sandbox/protocol.ts";

const good = { action: "crash", loop: 3, atMs: 150, worker: "worker-1" };

describe("injected events", () => {
  it("reads a list of crashes, copied, and no list as none", () => {
    const list = [good, { ...good, atMs: 0.25, loop: 1 }];
    const read = readInjected(list);
    expect(read).toEqual({ ok: true, events: list });
    if (read.ok) expect(read.events[0]).not.toBe(list[0]);
    expect(readInjected(undefined)).toEqual({ ok: true, events: [] });
  });

  it.each([
    ["not a list", { ...good }, "the injected events must be a list (got an object)"],
    ["too many", Array.from({ length: 9 }, () => good), "at most 8 injected events per run (got 9)"],
    ["not an object", [good, "crash"], 'injected event 2 must be an object like { action: "crash", loop: 3, atMs: 150, worker: "worker-1" } (got "crash")'],
    ["another action", [{ ...good, action: "restart" }], 'injected event 1.action must be "crash" (got "restart")'],
    ["a field it does not know", [{ ...good, queue: "jobs" }], 'injected event 1 has a field it does not know: "queue"'],
    ["loop 0", [{ ...good, loop: 0 }], "injected event 1.loop must be a run()'s number, a whole number from 1 (got 0)"],
    ["a fractional loop", [{ ...good, loop: 1.5 }], "injected event 1.loop must be a run()'s number, a whole number from 1 (got 1.5)"],
    ["a negative time", [{ ...good, atMs: -1 }], "injected event 1.atMs must be milliseconds of that run(), a number from 0 (got -1)"],
    ["an infinite time", [{ ...good, atMs: Infinity }], "injected event 1.atMs must be milliseconds of that run(), a number from 0 (got Infinity)"],
    ["a time as text", [{ ...good, atMs: "150" }], 'injected event 1.atMs must be milliseconds of that run(), a number from 0 (got "150")'],
    ["no worker", [{ ...good, worker: "" }], 'injected event 1.worker must be a worker\'s name, 1 to 100 characters (got "")'],
    ["a worker that is not text", [{ ...good, worker: null }], "injected event 1.worker must be a worker's name, 1 to 100 characters (got null)"],
  ])("refuses %s with a message saying what is wrong", (_what, value, message) => {
    expect(readInjected(value)).toEqual({ ok: false, message });
  });

  it("a run request carries a list that reads, and the sandbox refuses one that does not", () => {
    const request = { type: "run", id: 1, code: "", checks: "", portNames: [] };
    expect(readSandboxRequest({ ...request, inject: [good] }, [])).toEqual({ ...request, inject: [good] });
    expect(readSandboxRequest(request, [])).toEqual(request);
    expect(readSandboxRequest({ ...request, inject: [{ ...good, atMs: -1 }] }, [])).toBeNull();
  });
});
