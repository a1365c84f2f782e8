import { describe, expect, it } from "vitest";
import { acceptsFrom, envelope, MAX_CODE, readIncoming, SOURCE, VERSION } from "./protocol";

const msg = (fields: Record<string, unknown>) => ({ source: SOURCE, version: VERSION, ...fields });

describe("readIncoming", () => {
  it("reads each command a host may send", () => {
    expect(readIncoming(msg({ type: "setCode", code: "export const x = 1;\n" }))).toEqual({ kind: "command", command: { type: "setCode", code: "export const x = 1;\n" } });
    expect(readIncoming(msg({ type: "run" }))).toEqual({ kind: "command", command: { type: "run" } });
    expect(readIncoming(msg({ type: "reset", extra: 1 }))).toEqual({ kind: "command", command: { type: "reset" } });
    expect(readIncoming(msg({ type: "getState", requestId: "r1" }))).toEqual({ kind: "command", command: { type: "getState", requestId: "r1" } });
    expect(readIncoming(msg({ type: "getState" }))).toEqual({ kind: "command", command: { type: "getState", requestId: null } });
  });

  it("ignores what is not ours: other scripts' messages get no answer", () => {
    for (const data of [null, "run", 42, [SOURCE], { type: "run" }, { source: "react-devtools", type: "run", version: 1 }]) {
      expect(readIncoming(data)).toEqual({ kind: "ignore" });
    }
  });

  it("answers our messages that are wrong, saying what is wrong", () => {
    expect(readIncoming({ source: SOURCE, type: "run" })).toMatchObject({ kind: "invalid", message: expect.stringContaining("version must be 1"), received: "run" });
    expect(readIncoming(msg({ version: 2, type: "run" }))).toMatchObject({ kind: "invalid", message: expect.stringContaining("version must be 1") });
    expect(readIncoming(msg({ type: "setCode" }))).toMatchObject({ kind: "invalid", message: "setCode needs code: a string" });
    expect(readIncoming(msg({ type: "setCode", code: 5 }))).toMatchObject({ kind: "invalid" });
    expect(readIncoming(msg({ type: "setCode", code: "x".repeat(MAX_CODE + 1) }))).toMatchObject({ kind: "invalid", message: expect.stringContaining(`at most ${MAX_CODE}`) });
    expect(readIncoming(msg({ type: "getState", requestId: 7 }))).toMatchObject({ kind: "invalid", message: expect.stringContaining("requestId") });
    expect(readIncoming(msg({ type: "getState", requestId: "r".repeat(201) }))).toMatchObject({ kind: "invalid" });
    expect(readIncoming(msg({ type: "deleteEverything" }))).toMatchObject({ kind: "invalid", message: expect.stringContaining('unknown type "deleteEverything"'), received: "deleteEverything" });
    expect(readIncoming(msg({}))).toMatchObject({ kind: "invalid", message: expect.stringContaining("unknown type (none)"), received: null });
    // The lesson's own messages echoed back are not commands either.
    expect(readIncoming(envelope("welcome", { type: "completed", solutionShown: false, before: false }))).toMatchObject({ kind: "invalid" });
  });

  it("setCode takes code exactly at the limit", () => {
    expect(readIncoming(msg({ type: "setCode", code: "x".repeat(MAX_CODE) }))).toMatchObject({ kind: "command" });
  });
});

describe("envelope", () => {
  it("wraps an event in the versioned envelope with the lesson's id", () => {
    expect(envelope("welcome", { type: "run", status: "passed", message: "All checks passed" })).toEqual({
      source: "backend-playground",
      version: 1,
      lesson: "welcome",
      type: "run",
      status: "passed",
      message: "All checks passed",
    });
  });
});

describe("acceptsFrom", () => {
  it("'*' takes any origin, a restriction only its own, an unreadable one none", () => {
    expect(acceptsFrom("*", "https://evil.example")).toBe(true);
    expect(acceptsFrom("https://course.example", "https://course.example")).toBe(true);
    expect(acceptsFrom("https://course.example", "https://course.example:8443")).toBe(false);
    expect(acceptsFrom("https://course.example", "http://course.example")).toBe(false);
    expect(acceptsFrom("", "https://course.example")).toBe(false);
    expect(acceptsFrom("", "")).toBe(false);
  });
});
