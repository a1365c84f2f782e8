import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../../workers/trace";
import type { ValidationTrace } from "../../../workers/validation/trace";
import { readValidations } from "./read";
import { formatValue, outcomeText, rowsOf } from "./rows";
import { flatten, treeOf } from "./tree";

// A hand-written trace of one Order validation, shaped as workers/validation/trace.ts says: the
// start, a node event per place visited, the end with every error in Pydantic's order.
type Body<E> = E extends ValidationTrace ? Omit<E, "t" | "source" | "call"> : never;
function events(call: number, bodies: Body<ValidationTrace>[]): TraceEvent[] {
  return bodies.map((b, i) => ({ t: call * 100 + i, source: "validation", call, ...b }) as TraceEvent);
}

const ORDER_INPUT = { py: "dict", repr: "{'id': '7', 'items': [...], 'rush': 'yes'}", size: 3 };
const order = events(1, [
  { kind: "validate", phase: "start", model: "Order", input: ORDER_INPUT },
  { kind: "node", loc: ["id"], type: "int", input: "7", output: 7, coerced: true },
  { kind: "node", loc: ["items", 0, "name"], type: "str", input: "pen", output: "pen", coerced: false },
  { kind: "node", loc: ["items", 0, "price"], type: "float", input: { py: "float", repr: "4.0" }, output: { py: "float", repr: "4.0" }, coerced: false },
  { kind: "node", loc: ["items", 0], type: "Item", input: { py: "dict", repr: "{...}", size: 2 }, output: { py: "dict", repr: "{...}", size: 2 }, coerced: false },
  { kind: "node", loc: ["items", 1, "name"], type: "str", input: "ink", output: "ink", coerced: false },
  { kind: "node", loc: ["items", 1, "price"], type: "float", input: 0, error: { type: "greater_than", msg: "Input should be greater than 0" }, coerced: false },
  { kind: "node", loc: ["items", 1], type: "Item", input: { py: "dict", repr: "{...}", size: 2 }, coerced: false },
  { kind: "node", loc: ["items", 2], type: "Item", input: "bad", error: { type: "model_type", msg: "Input should be a valid dictionary or instance of Item" }, coerced: false },
  { kind: "node", loc: ["items", 3, "price"], type: "float", input: 2, output: { py: "float", repr: "2.0" }, coerced: true },
  { kind: "node", loc: ["items", 3], type: "Item", input: { py: "dict", repr: "{'price': 2}", size: 1 }, coerced: false },
  { kind: "node", loc: ["items"], type: "list[Item]", input: { py: "list", repr: "[...]", size: 4 }, coerced: false },
  { kind: "node", loc: ["rush"], type: "bool", input: "yes", output: true, coerced: true },
  {
    kind: "validate",
    phase: "end",
    model: "Order",
    ok: false,
    errorCount: 3,
    nodesDropped: 0,
    errors: [
      { type: "greater_than", loc: ["items", 1, "price"], msg: "Input should be greater than 0" },
      { type: "model_type", loc: ["items", 2], msg: "Input should be a valid dictionary or instance of Item" },
      { type: "missing", loc: ["items", 3, "name"], msg: "Field required" },
    ],
  },
]);

const union = events(2, [
  { kind: "validate", phase: "start", model: "Box", input: { py: "dict", repr: "{'v': []}", size: 1 } },
  { kind: "node", loc: ["v", "int"], type: "int", input: { py: "list", repr: "[]", size: 0 }, error: { type: "int_type", msg: "Input should be a valid integer" }, coerced: false },
  { kind: "node", loc: ["v", "str"], type: "str", input: { py: "list", repr: "[]", size: 0 }, error: { type: "string_type", msg: "Input should be a valid string" }, coerced: false },
  { kind: "node", loc: ["v"], type: "int | str", input: { py: "list", repr: "[]", size: 0 }, coerced: false },
  { kind: "node", loc: ["tags", "a"], type: "int", input: 1, output: 1, coerced: false },
  {
    kind: "validate",
    phase: "end",
    model: "Box",
    ok: false,
    errorCount: 3,
    nodesDropped: 0,
    errors: [
      { type: "int_type", loc: ["v", "int"], msg: "Input should be a valid integer" },
      { type: "string_type", loc: ["v", "str"], msg: "Input should be a valid string" },
      { type: "int_parsing", loc: ["tags", "b", "[key]"], msg: "Input should be a valid integer, unable to parse string as an integer" },
    ],
  },
]);

const valid = events(3, [
  { kind: "validate", phase: "start", model: "Signup", input: { py: "dict", repr: "{...}", size: 1 } },
  { kind: "node", loc: ["age"], type: "int", input: 36, output: 36, coerced: false },
  { kind: "validate", phase: "end", model: "Signup", ok: true, errorCount: 0, nodesDropped: 0, errors: [] },
]);

const at = (trace: TraceEvent[], loc: (string | number)[]) => {
  const [v] = readValidations(trace);
  return flatten(treeOf(v)).find((n) => n.loc.join("/") === loc.join("/"));
};

describe("readValidations", () => {
  it("numbers the calls and keeps each one's visits and final errors", () => {
    const runs = readValidations([...order, ...union, ...valid]);
    expect(runs.map((v) => [v.index, v.model, v.ended, v.ok, v.errorCount, v.visits.length])).toEqual([
      [1, "Order", true, false, 3, 12],
      [2, "Box", true, false, 3, 4],
      [3, "Signup", true, true, 0, 1],
    ]);
    expect(runs[0].first).toBe(order[0]);
    expect(runs[0].last).toBe(order.at(-1));
  });

  it("before the end, holds the errors its visits raised so far", () => {
    const [v] = readValidations(order.slice(0, 7));
    expect(v.ended).toBe(false);
    expect(v.ok).toBeUndefined();
    expect(v.errors).toEqual([{ type: "greater_than", loc: ["items", 1, "price"], msg: "Input should be greater than 0" }]);
    expect(outcomeText(v, treeOf(v))).toBe("Order: validating… 1 error so far, 1 value coerced");
  });
});

describe("treeOf", () => {
  it("puts each place where it was in the input, in the order validation reached it", () => {
    const [v] = readValidations(order);
    const root = treeOf(v);
    expect(root.children.map((c) => c.key)).toEqual(["id", "items", "rush"]);
    expect(at(order, ["items"])!.children.map((c) => c.key)).toEqual([0, 1, 2, 3]);
  });

  it("shows what a coerced leaf became, and leaves an unchanged one as it was", () => {
    expect(at(order, ["id"])).toMatchObject({ state: "coerced", input: "7", output: 7 });
    expect(at(order, ["rush"])).toMatchObject({ state: "coerced", input: "yes", output: true });
    expect(at(order, ["items", 0, "price"])).toMatchObject({ state: "accepted" });
    expect(formatValue(at(order, ["items", 3, "price"])!.output)).toBe("2.0");
  });

  it("pins each error at its loc, a missing field as a place of its own", () => {
    expect(at(order, ["items", 1, "price"])).toMatchObject({ state: "rejected", errors: [{ type: "greater_than", rest: [] }] });
    expect(at(order, ["items", 2])).toMatchObject({ state: "rejected", input: "bad" });
    const name = at(order, ["items", 3, "name"])!;
    expect(name).toMatchObject({ state: "missing", errors: [{ type: "missing", msg: "Field required" }] });
    // Containers whose own checks passed say their trouble lies below.
    expect(at(order, ["items"])!.state).toBe("inner");
    expect(at(order, ["items", 0])!.state).toBe("accepted");
    expect(at(order, ["items", 1])!.state).toBe("inner");
  });

  it("shows union members as attempts at the same place, and keeps a dict key's [key] as the rest", () => {
    const v = at(union, ["v"])!;
    expect(v.children.map((c) => [c.key, c.member, c.state])).toEqual([
      ["int", true, "rejected"],
      ["str", true, "rejected"],
    ]);
    const tags = at(union, ["tags"])!;
    expect(tags.errors).toEqual([{ type: "int_parsing", loc: ["tags", "b", "[key]"], msg: "Input should be a valid integer, unable to parse string as an integer", rest: ["b", "[key]"] }]);
    expect(tags.children[0].member).toBe(false);
  });

  it("calls a valid model's root accepted", () => {
    expect(at(valid, [])!.state).toBe("accepted");
  });
});

describe("the text alternative", () => {
  it("lists each answered place with its input and result", () => {
    const [v] = readValidations(order);
    const rows = rowsOf(treeOf(v));
    expect(rows.map((r) => `${r.loc} | ${r.input} | ${r.result}`)).toEqual([
      'id | "7" | coerced to 7',
      'items.0.name | "pen" | accepted as it was',
      "items.0.price | 4.0 | accepted as it was",
      "items.1.name | \"ink\" | accepted as it was",
      "items.1.price | 0 | greater_than: Input should be greater than 0",
      'items.2 | "bad" | model_type: Input should be a valid dictionary or instance of Item',
      "items.3.price | 2 | coerced to 2.0",
      "items.3.name | (missing) | missing: Field required",
      'rush | "yes" | coerced to true',
    ]);
    expect(outcomeText(v, treeOf(v))).toBe("Order: 3 errors, 3 values coerced");
  });

  it("follows the playhead: a place not visited yet is not listed", () => {
    const [v] = readValidations(order.slice(0, 3));
    expect(rowsOf(treeOf(v)).map((r) => r.loc)).toEqual(["id", "items.0.name"]);
  });
});
