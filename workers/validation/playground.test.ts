// playground/validation as a run gets it: validations report their nodes to the run's trace, the
// events stay small and bounded, and learner code cannot change how a type validates.
import { describe, expect, it } from "vitest";
import type { ValidationTrace } from "./trace.ts";
import { MAX_TRACED_NODES } from "./trace.ts";
import { validationModule } from "./playground.ts";
import * as untraced from "./index.ts";

function traced() {
  const events: ValidationTrace[] = [];
  let t = 0;
  const v = validationModule({ now: () => t++, trace: (e) => events.push(e) });
  return { v, events };
}

describe("playground/validation", () => {
  it("traces a validation: start, one node per value visited with its coercion or error, end with the errors", () => {
    const { v, events } = traced();
    const Item = v.model("Item", { qty: v.int(), name: v.str() });
    const Order = v.model("Order", { id: v.int(), items: v.list(Item) });
    Order.check({ id: "7", items: [{ qty: 2, name: 5 }] });
    expect(events[0]).toMatchObject({ kind: "validate", phase: "start", call: 1, model: "Order", input: { py: "dict", size: 2 } });
    const nodes = events.filter((e) => e.kind === "node");
    expect(nodes.map((n) => [n.loc, n.type])).toEqual([
      [["id"], "int"],
      [["items", 0, "qty"], "int"],
      [["items", 0, "name"], "str"],
      [["items", 0], "Item"],
      [["items"], "list[Item]"],
      [[], "Order"],
    ]);
    expect(nodes[0]).toMatchObject({ input: "7", output: 7, coerced: true });
    expect(nodes[1]).toMatchObject({ input: 2, output: 2, coerced: false });
    expect(nodes[2]).toMatchObject({ input: 5, error: { type: "string_type", msg: "Input should be a valid string" } });
    expect(nodes[2]).not.toHaveProperty("output");
    expect(events.at(-1)).toMatchObject({
      kind: "validate",
      phase: "end",
      ok: false,
      errorCount: 1,
      errors: [{ type: "string_type", loc: ["items", 0, "name"], msg: "Input should be a valid string" }],
      nodesDropped: 0,
    });
  });

  it("numbers the calls and keeps previews small", () => {
    const { v, events } = traced();
    v.str().check("x".repeat(10_000));
    v.int().check(v.asFloat(4));
    const nodes = events.filter((e) => e.kind === "node");
    expect(typeof nodes[0].input === "string" && nodes[0].input.length).toBeLessThan(300);
    expect(nodes[1]).toMatchObject({ call: 2, input: { py: "float", repr: "4.0" }, output: 4, coerced: true });
  });

  it("bounds the nodes of one call", () => {
    const { v, events } = traced();
    v.list(v.int()).check(Array.from({ length: MAX_TRACED_NODES + 500 }, (_, i) => i));
    expect(events.filter((e) => e.kind === "node")).toHaveLength(MAX_TRACED_NODES);
    expect(events.at(-1)).toMatchObject({ phase: "end", nodesDropped: 501 });
  });

  it("traces nothing for types made without a sink", () => {
    const { events } = traced();
    untraced.model("M", { a: untraced.int() }).check({ a: 1 });
    expect(events).toEqual([]);
  });

  it("freezes the classes behind the types, so learner code cannot change how they validate", () => {
    const { v } = traced();
    const proto = Object.getPrototypeOf(v.int()) as { exec: unknown };
    expect(() => {
      "use strict";
      proto.exec = () => 1;
    }).toThrow(TypeError);
    expect(v.int().check("x").ok).toBe(false);
    expect(Object.isFrozen(Object.getPrototypeOf(Object.getPrototypeOf(v.int())))).toBe(true);
  });
});
