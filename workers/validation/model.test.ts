// Models as Pydantic's BaseModel: the order of errors, aliases, extra keys, defaults, validators,
// the dump, and ValidationError's message.
import { describe, expect, it } from "vitest";
import { ValidationError, any, errorDetail, date, datetime, dict, float, int, list, literal, model, optional, str, tuple } from "./index.ts";

const Address = model("Address", { street: str({ minLength: 1 }), zip: str({ pattern: "^[0-9]{5}$" }) });
const Item = model("Item", { name: str(), qty: int({ ge: 1 }).default(1) });
const Signup = model(
  "Signup",
  {
    username: str({ minLength: 3, maxLength: 20 }),
    age: int({ ge: 13 }),
    email: str({ alias: "emailAddress" }),
    plan: literal("free", "pro").default("free"),
    address: Address,
    items: list(Item, { minLength: 1 }),
    nickname: optional(str()),
  },
  {
    extra: "forbid",
    populateByName: true,
    fieldValidators: {
      username: (v) => {
        if (v.includes(" ")) throw new Error("no spaces");
        return v.toLowerCase();
      },
    },
    modelValidators: [
      (m) => {
        if (m.username === m.email) throw new Error("username and email must differ");
        return m;
      },
    ],
  },
);

const good = { username: "Ann", age: "20", emailAddress: "a@b.c", address: { street: "1 Main", zip: "12345" }, items: [{ name: "pen" }] };

const errorsOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e;
  }
  throw new Error("expected a ValidationError");
};

describe("model", () => {
  it("returns a plain object keyed by field names, in definition order, defaults filled", () => {
    const value = Signup.validate(good);
    expect(Object.keys(value)).toEqual(["username", "age", "email", "plan", "address", "items", "nickname"]);
    expect(value).toEqual({ username: "ann", age: 20, email: "a@b.c", plan: "free", address: { street: "1 Main", zip: "12345" }, items: [{ name: "pen", qty: 1 }], nickname: null });
  });

  it("lists field errors in field order, nested locs included, then extra keys in input order", () => {
    const e = errorsOf(() => Signup.validate({ zz: 1, username: "a b", age: 5, address: { zip: "1" }, items: [{ qty: 0 }], aa: 2 }));
    expect(e.errors().map((x) => [x.type, x.loc])).toEqual([
      ["value_error", ["username"]],
      ["greater_than_equal", ["age"]],
      ["missing", ["emailAddress"]],
      ["missing", ["address", "street"]],
      ["string_pattern_mismatch", ["address", "zip"]],
      ["missing", ["items", 0, "name"]],
      ["greater_than_equal", ["items", 0, "qty"]],
      ["extra_forbidden", ["zz"]],
      ["extra_forbidden", ["aa"]],
    ]);
    expect(e.errors()[2].input).toEqual({ zz: 1, username: "a b", age: 5, address: { zip: "1" }, items: [{ qty: 0 }], aa: 2 });
  });

  it("prints as Python's str(ValidationError)", () => {
    const e = errorsOf(() => Signup.validate({ ...good, age: 5, items: [] }));
    expect(e.message).toBe(
      [
        "2 validation errors for Signup",
        "age",
        "  Input should be greater than or equal to 13 [type=greater_than_equal, input_value=5, input_type=int]",
        "items",
        "  List should have at least 1 item after validation, not 0 [type=too_short, input_value=[], input_type=list]",
      ].join("\n"),
    );
    expect(e.errorCount()).toBe(2);
    const long = errorsOf(() => model("L", { s: int() }).validate({ s: "x".repeat(60) }));
    expect(long.message).toContain(`input_value='${"x".repeat(24)}...${"x".repeat(23)}', input_type=str]`);
    expect(e.title).toBe("Signup");
  });

  it("runs a field validator only when the field is valid, and a thrown error becomes a value_error on the raw input", () => {
    const e = errorsOf(() => Signup.validate({ ...good, username: "a b" }));
    expect(e.errors()).toEqual([{ type: "value_error", loc: ["username"], msg: "Value error, no spaces", input: "a b", ctx: { error: "no spaces" } }]);
    const short = errorsOf(() => Signup.validate({ ...good, username: "a " }));
    expect(short.errors().map((x) => x.type)).toEqual(["string_too_short"]);
  });

  it("runs model validators only when every field is valid; their error has loc [] and the whole input", () => {
    const input = { ...good, username: "a@b.c" };
    expect(errorsOf(() => Signup.validate(input)).errors()).toEqual([
      { type: "value_error", loc: [], msg: "Value error, username and email must differ", input, ctx: { error: "username and email must differ" } },
    ]);
  });

  it("reads an aliased field by its alias, and by its name only with populateByName", () => {
    expect(Signup.validate({ ...good, emailAddress: undefined, email: "x@y.z" }).email).toBe("x@y.z");
    const Strict = model("Strict", { email: str().alias("emailAddress") }, { extra: "forbid" });
    expect(errorsOf(() => Strict.validate({ email: "x" })).errors().map((x) => [x.type, x.loc])).toEqual([
      ["missing", ["emailAddress"]],
      ["extra_forbidden", ["email"]],
    ]);
    const bad = Signup.check({ ...good, emailAddress: 5 });
    expect(bad.ok ? [] : bad.errors[0].loc).toEqual(["emailAddress"]);
  });

  it("drops, keeps or forbids unknown keys", () => {
    const fields = { a: int() };
    expect(model("I", fields).validate({ a: 1, b: 2 })).toEqual({ a: 1 });
    const kept = model("A", fields, { extra: "allow" }).validate({ z: [1.5], a: "1", "3": "x" });
    expect(Object.keys(model("A", fields, { extra: "allow" }).dump(kept) as object)).toContain("z");
    expect(kept).toEqual({ a: 1, z: [1.5], "3": "x" });
  });

  it("gives each validation its own copy of a mutable default", () => {
    const M = model("M", { tags: list(str()).default([]) });
    const first = M.validate({});
    first.tags.push("x");
    expect(M.validate({}).tags).toEqual([]);
  });

  it("dumps in JSON mode: dates as ISO text, floats' infinities as null, extras after the fields", () => {
    const Event = model("Event", { at: datetime(), day: date(), score: float(), meta: dict(str(), any()), pair: tuple([int(), str()]) }, { extra: "allow" });
    const value = Event.validate({ x: 1, at: 1700000000, day: "2024-01-15T00:00:00", score: "inf", meta: { k: [1] }, pair: ["1", "a"] });
    expect(Event.dump(value)).toEqual({ at: "2023-11-14T22:13:20Z", day: "2024-01-15", score: null, meta: { k: [1] }, pair: [1, "a"], x: 1 });
  });

  it("prefixes every loc with the `loc` option, as FastAPI puts a body under ['body', 'item']", () => {
    const result = Item.check({ qty: "x" }, { loc: ["body", "item"] });
    expect(result.ok ? [] : result.errors.map((x) => x.loc)).toEqual([
      ["body", "item", "name"],
      ["body", "item", "qty"],
    ]);
    const limit = int({ le: 100 }).check("500", { loc: ["query", "limit"] });
    expect(limit).toEqual({ ok: false, errors: [{ type: "less_than_equal", loc: ["query", "limit"], msg: "Input should be less than or equal to 100", input: "500", ctx: { le: 100 } }] });
  });

  it("gives the errors FastAPI's 422 bodies carry: from_attributes, a missing parameter, invalid JSON", () => {
    expect(Item.check([1, 2], { loc: ["body"], fromAttributes: true })).toEqual({
      ok: false,
      errors: [{ type: "model_attributes_type", loc: ["body"], msg: "Input should be a valid dictionary or object to extract fields from", input: [1, 2] }],
    });
    expect(errorDetail("missing", ["query", "q"], null)).toEqual({ type: "missing", loc: ["query", "q"], msg: "Field required", input: null });
    expect(errorDetail("json_invalid", ["body", 25], {}, { error: "Expecting value" }).msg).toBe("JSON decode error");
  });

  it("keeps a nested ValidationError thrown by a validator under the field's loc", () => {
    const M = model("M", { n: int() }, { fieldValidators: { n: (v) => int({ gt: 10 }).validate(v) } });
    expect(M.check({ n: 3 })).toMatchObject({ ok: false, errors: [{ type: "greater_than", loc: ["n"] }] });
  });

  it("says which model a non-object is not", () => {
    expect(Address.check([1])).toMatchObject({ ok: false, errors: [{ type: "model_type", loc: [], ctx: { class_name: "Address" }, msg: "Input should be a valid dictionary or instance of Address" }] });
  });
});
