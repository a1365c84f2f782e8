import { describe, expect, it } from "vitest";
import { ConsoleCapture, formatArgs, type ConsoleBatch } from "./console-capture";

describe("ConsoleCapture", () => {
  it("keeps the newest lines up to the cap and counts every line written", () => {
    const batches: ConsoleBatch[] = [];
    let now = 0;
    const capture = new ConsoleCapture({ cap: 1000, now: () => now, onBatch: (b) => batches.push(b), flushEveryMs: 50 });
    const log = capture.console();
    for (let i = 0; i < 100_000; i++) {
      log.log("line", i);
      if (i % 1000 === 0) now += 60;
    }
    capture.flush();
    expect(capture.lines()).toHaveLength(1000);
    expect(capture.lines()[999].text).toBe("line 99999");
    expect(capture.lines()[0].text).toBe("line 99000");
    const last = batches[batches.length - 1];
    expect(last.written).toBe(100_000);
    // Every batch holds at most the cap: a flood never becomes one giant message.
    expect(Math.max(...batches.map((b) => b.lines.length))).toBeLessThanOrEqual(1000);
  });

  it("flushes during a loop that never yields, driven by the writes", () => {
    const batches: ConsoleBatch[] = [];
    let now = 0;
    const capture = new ConsoleCapture({ cap: 10, now: () => now, onBatch: (b) => batches.push(b), flushEveryMs: 50, schedule: () => {} });
    capture.write("log", ["first"]);
    // The first line leaves at once, before a loop that may never end.
    expect(batches).toEqual([{ lines: [{ level: "log", text: "first" }], written: 1 }]);
    capture.write("log", ["a"]);
    expect(batches).toHaveLength(1);
    now = 51;
    capture.write("warn", ["b"]);
    expect(batches[1]).toEqual({ lines: [{ level: "log", text: "a" }, { level: "warn", text: "b" }], written: 3 });
  });

  it("flushes lines by timer when the code yields and then waits forever", () => {
    const batches: ConsoleBatch[] = [];
    const timers: (() => void)[] = [];
    const capture = new ConsoleCapture({ cap: 10, now: () => 0, onBatch: (b) => batches.push(b), flushEveryMs: 50, schedule: (f) => timers.push(f) });
    capture.write("log", ["one"]);
    capture.write("log", ["two"]);
    capture.write("log", ["three"]);
    expect(batches.flatMap((b) => b.lines.map((l) => l.text))).toEqual(["one"]);
    expect(timers).toHaveLength(1); // one timer for the pending lines, not one per line
    timers[0]();
    expect(batches.flatMap((b) => b.lines.map((l) => l.text))).toEqual(["one", "two", "three"]);
  });
});

describe("formatArgs", () => {
  it("prints strings bare and values as a console would", () => {
    expect(formatArgs(["count:", 3, { a: [1, "x"] }, null, undefined])).toBe("count: 3 { a: [ 1, 'x' ] } null undefined");
  });
  it("survives cycles and cuts very long lines", () => {
    const o: Record<string, unknown> = {};
    o.self = o;
    expect(formatArgs([o])).toContain("Circular");
    expect(formatArgs(["x".repeat(20_000)]).length).toBeLessThan(10_100);
  });
});
