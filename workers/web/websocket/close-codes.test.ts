import { describe, expect, it } from "vitest";
import { CLOSE_CODES, closeCodeName, closeCodeProblem } from "./close-codes";

describe("close codes (RFC 6455 §7.4)", () => {
  it("names the registered codes and the library and application ranges", () => {
    expect([1000, 1006, 1008, 1011, 3001, 4001, 999].map(closeCodeName)).toEqual([
      "Normal Closure",
      "Abnormal Closure",
      "Policy Violation",
      "Internal Error",
      "library code",
      "application code",
      undefined,
    ]);
  });

  it("lets through exactly what the websockets library sends: 1000–1003, 1007–1014, 3000–4999", () => {
    const sendable = [];
    for (let code = 0; code < 6000; code++) if (closeCodeProblem(code) === undefined) sendable.push(code);
    const expected = [1000, 1001, 1002, 1003, ...Array.from({ length: 8 }, (_, i) => 1007 + i)];
    for (let code = 3000; code <= 4999; code++) expected.push(code);
    expect(sendable).toEqual(expected);
    expect(Object.entries(CLOSE_CODES).filter(([, c]) => !c.sendable).map(([code]) => Number(code))).toEqual([1004, 1005, 1006, 1015]);
  });

  it("says why a code is refused", () => {
    expect(closeCodeProblem(1006)).toBe(
      "1006 (Abnormal Closure) must never be sent in a close frame: it is what an endpoint reports when the connection ended without any close frame (RFC 6455 §7.4.1)",
    );
    expect(closeCodeProblem(5000)).toMatch(/^5000 is not a close code an endpoint may send/);
    expect(closeCodeProblem(1000.5)).toBe("a close code is a whole number, not 1000.5");
  });
});
