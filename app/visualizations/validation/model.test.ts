import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../../workers/trace";
import { validationModule } from "../../../workers/validation/playground";
import { FastAPI, TestClient } from "../../../workers/web/index";
import { readValidations } from "./read";
import { originText, outcomeText, rowsOf, shapeText } from "./rows";
import { flatten, treeOf } from "./tree";

// Traces made by the engine itself (playground/validation as lesson code gets it), so the reading
// follows what the engine really emits: children before their container, a container's event
// repeating the first error below it, union members and dict keys as steps of the loc.
function traced(validate: (v: ReturnType<typeof validationModule>) => void): TraceEvent[] {
  const trace: TraceEvent[] = [];
  validate(validationModule({ now: () => trace.length, trace: (e) => trace.push(e) }));
  return trace;
}

const order = traced(({ model, str, float, int, list, bool }) => {
  const Item = model("Item", { name: str(), price: float({ gt: 0 }), qty: int({ ge: 1, default: 1 }) });
  const Order = model("Order", { id: int(), items: list(Item, { minLength: 1 }), rush: bool() });
  Order.check({ id: "7", items: [{ name: "pen", price: 4 }, { name: "ink", price: 0 }, "bad", { price: 2 }], rush: "yes", coupon: "x" });
});

const shapes = traced(({ model, int, str, union, dict }) => {
  model("Box", { v: union(int(), str()), tags: dict(int(), int()) }).check({ v: [], tags: { "1": 2, b: 3 } });
});

const twice = traced(({ model, int, str }) => {
  const Signup = model("Signup", { username: str({ minLength: 3 }), age: int() }, { modelValidators: [(s) => s] });
  Signup.check({ username: "ada", age: "36" });
  Signup.check({ username: "al", age: 36 });
});

const at = (trace: TraceEvent[], loc: (string | number)[]) => {
  const [v] = readValidations(trace);
  return flatten(treeOf(v)).find((n) => n.loc.join("/") === loc.join("/"));
};

describe("readValidations", () => {
  it("numbers the calls of a run and keeps each one's visits, end and errors", () => {
    const runs = readValidations(twice);
    expect(runs.map((v) => [v.index, v.model, v.ended, v.ok, v.errorCount])).toEqual([
      [1, "Signup", true, true, 0],
      [2, "Signup", true, false, 1],
    ]);
    expect(runs[1].errors).toEqual([{ type: "string_too_short", loc: ["username"], msg: "String should have at least 3 characters" }]);
    expect(runs[0].first).toBe(twice[0]);
    expect(runs[1].last).toBe(twice.at(-1));
  });

  it("before the end, holds the errors found so far, each once, where it was raised", () => {
    const upToItems = order.findIndex((e) => e.source === "validation" && e.kind === "node" && e.loc.join() === "items");
    const [v] = readValidations(order.slice(0, upToItems + 1));
    expect(v.ended).toBe(false);
    expect(v.ok).toBeUndefined();
    // The items list's own event repeats greater_than: it is not pinned on the list a second time.
    expect(v.errors.map((e) => `${e.loc.join(".")} ${e.type}`)).toEqual(["items.1.price greater_than", "items.2 model_type", "items.3 missing"]);
    expect(outcomeText(v, treeOf(v))).toBe("Order: validating… 3 errors so far, 3 values coerced");
  });
});

describe("treeOf", () => {
  it("puts each place where it was in the input; keys that are not fields are not drawn", () => {
    const [v] = readValidations(order);
    expect(treeOf(v).children.map((c) => c.key)).toEqual(["id", "items", "rush"]);
    expect(at(order, ["items"])!.children.map((c) => c.key)).toEqual([0, 1, 2, 3]);
    expect(shapeText(at(order, ["items"])!)).toBe("list[Item] · 4 items");
    expect(shapeText(at(order, ["items", 3])!)).toBe("Item · 1 key");
    expect(shapeText(at(order, [])!)).toBe("4 keys");
  });

  it("shows what a coerced leaf became, and leaves an unchanged one as it was", () => {
    expect(at(order, ["id"])).toMatchObject({ state: "coerced", input: "7", output: 7 });
    expect(at(order, ["rush"])).toMatchObject({ state: "coerced", input: "yes", output: true });
    expect(at(order, ["items", 0, "name"])).toMatchObject({ state: "accepted", input: "pen" });
    // A container changed on the way (its int price became a float) is accepted; its leaf says how.
    expect(at(order, ["items", 0])!.state).toBe("accepted");
    expect(at(order, ["items", 0, "price"])!.state).toBe("coerced");
  });

  it("pins each error at its loc once, a missing field as a place of its own", () => {
    expect(at(order, ["items", 1, "price"])).toMatchObject({ state: "rejected", errors: [{ type: "greater_than", rest: [] }] });
    expect(at(order, ["items", 2])).toMatchObject({ state: "rejected", input: "bad" });
    expect(at(order, ["items", 3, "name"])).toMatchObject({ state: "missing", errors: [{ type: "missing", msg: "Field required" }] });
    for (const container of [[], ["items"], ["items", 1], ["items", 3]]) {
      expect(at(order, container), container.join(".")).toMatchObject({ state: "inner", errors: [] });
    }
  });

  it("shows union members as attempts at one place, and a bad dict key on its entry", () => {
    expect(at(shapes, ["v"])!.children.map((c) => [c.key, c.member, c.state])).toEqual([
      ["int", true, "rejected"],
      ["str", true, "rejected"],
    ]);
    expect(at(shapes, ["tags"])!.children.map((c) => c.key)).toEqual(["1", "b"]);
    expect(at(shapes, ["tags", "b"])).toMatchObject({ state: "rejected", member: false, errors: [{ type: "int_parsing", rest: ["[key]"] }] });
    expect(at(shapes, ["tags", "1"])!.state).toBe("accepted");
  });

  it("calls a valid model's root accepted", () => {
    expect(at(twice, [])!.state).toBe("accepted");
  });
});

describe("the text alternative", () => {
  it("lists each answered place with its input and result", () => {
    const [v] = readValidations(order);
    expect(rowsOf(treeOf(v)).map((r) => `${r.loc} | ${r.input} | ${r.result}`)).toEqual([
      'id | "7" | coerced to 7',
      'items.0.name | "pen" | accepted as it was',
      "items.0.price | 4 | coerced to 4.0",
      'items.1.name | "ink" | accepted as it was',
      "items.1.price | 0 | greater_than: Input should be greater than 0",
      'items.2 | "bad" | model_type: Input should be a valid dictionary or instance of Item',
      "items.3.price | 2 | coerced to 2.0",
      "items.3.name | (missing) | missing: Field required",
      'rush | "yes" | coerced to true',
    ]);
    expect(outcomeText(v, treeOf(v))).toBe("Order: 3 errors, 4 values coerced");
  });

  it("follows the playhead: a place not visited yet is not listed", () => {
    const [v] = readValidations(order.slice(0, 3));
    expect(rowsOf(treeOf(v)).map((r) => r.loc)).toEqual(["id", "items.0.name"]);
  });
});

describe("where a validation happened", () => {
  it("names the request a web app was serving and the step of the run it ran in", async () => {
    const trace: TraceEvent[] = [];
    let now = 0;
    const sink = { now: () => ++now, trace: (e: TraceEvent) => trace.push(e) };
    const { model, str } = validationModule(sink);
    const User = model("User", { name: str({ minLength: 1 }) });
    const app = new FastAPI(sink);
    app.post("/users", ({ user }) => user, { body: { user: User } });
    trace.push({ t: 0, source: "sandbox", kind: "check", name: "users are named", durationMs: 1_000, passed: true });
    await new TestClient(app).post("/users", { json: { name: "" } });
    User.check({ name: "ada" });
    const [inRequest, alone] = readValidations(trace);
    expect(inRequest).toMatchObject({ request: "POST /users", sentBy: "users are named", ok: false });
    expect(originText(inRequest)).toBe("for POST /users, in the check “users are named”");
    expect(alone.request).toBeUndefined();
    expect(originText(alone)).toBe("in the check “users are named”");
  });
});
