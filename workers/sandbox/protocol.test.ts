import { describe, expect, it } from "vitest";
import { LIMITS, readSandboxMessage } from "./protocol";

describe("the page reads the sandbox's trace batches", () => {
  const event = { t: 1, source: "web", kind: "request", request: 1, method: "GET", path: "/", query: "" };

  it("accepts a batch of plain events with the dropped count", () => {
    expect(readSandboxMessage({ type: "trace", id: 3, batch: { events: [event], dropped: 2 } })).toEqual({ type: "trace", id: 3, batch: { events: [event], dropped: 2 } });
  });

  it("drops a batch that is too big, or holds something that is not an event, or miscounts", () => {
    const big = Array.from({ length: LIMITS.traceEvents + 1 }, () => event);
    expect(readSandboxMessage({ type: "trace", id: 3, batch: { events: big, dropped: 0 } })).toBeNull();
    expect(readSandboxMessage({ type: "trace", id: 3, batch: { events: [{ t: "soon", source: "web", kind: "x" }], dropped: 0 } })).toBeNull();
    expect(readSandboxMessage({ type: "trace", id: 3, batch: { events: [event], dropped: -1 } })).toBeNull();
    expect(readSandboxMessage({ type: "trace", id: 3, events: [event] })).toBeNull();
  });

  it("no longer takes a trace inside the result", () => {
    const message = readSandboxMessage({ type: "result", id: 1, result: { error: null, checks: [], trace: [event] } });
    expect(message).toEqual({ type: "result", id: 1, result: { error: null, checks: [] } });
  });
});
