import { describe, expect, it } from "vitest";
import { explainMissingGlobal } from "./compartment";

describe("explainMissingGlobal", () => {
  it("names a host global the sandbox lacks, read as undefined inside a Compartment", () => {
    const line = "const original = MessagePort.prototype.postMessage;";
    expect(explainMissingGlobal("Cannot read properties of undefined (reading 'prototype')", line, 30)).toBe(
      "Cannot read properties of undefined (reading 'prototype'): MessagePort is not available to lesson code, which runs in the playground's sandbox without the page's or the worker's globals",
    );
    expect(explainMissingGlobal("Worker is not a constructor", undefined, undefined)).toContain("Worker is not available to lesson code");
    expect(explainMissingGlobal("Cannot read properties of undefined (reading 'postMessage')", "self?.postMessage(1)", 7)).toContain("self is not available");
  });

  it("leaves other messages alone: the learner's own undefined values", () => {
    const message = "Cannot read properties of undefined (reading 'join')";
    expect(explainMissingGlobal(message, "  return parts.join(name);", 16)).toBe(message);
    expect(explainMissingGlobal("greet is not a function", undefined, undefined)).toBe("greet is not a function");
  });
});
