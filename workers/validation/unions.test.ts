// Smart-mode unions, T | None and discriminated unions, as pydantic-core's union.rs.
import { describe, expect, it } from "vitest";
import { asFloat, bool, date, discriminatedUnion, dict, enumOf, float, int, list, literal, model, none, nullable, str, tupleOf, union } from "./index.ts";

const Cat = model("Cat", { pet_type: literal("cat"), meows: int({ ge: 0 }) });
const Dog = model("Dog", { pet_type: literal("dog"), barks: float() });

describe("smart unions", () => {
  it("prefers an exact match to an earlier lax one", () => {
    expect(union(int(), str()).validate("5")).toBe("5");
    expect(union(int(), float()).validate(asFloat(3))).toBe(3);
    expect(union(bool(), int()).validate(1)).toBe(1);
    expect(union(date(), str()).validate("2024-01-02")).toBe("2024-01-02");
  });

  it("counts an enum's value as a lax match, so a str member wins, and tags the enum as enum[Name]", () => {
    const Color = enumOf("Color", { RED: "red" });
    expect(union(Color, str()).validate("red")).toBe("red");
    const bad = union(Color, int()).check("blue");
    expect(bad.ok ? [] : bad.errors.map((e) => e.loc)).toEqual([["enum[Color]"], ["int"]]);
  });

  it("tags a constrained member as pydantic-core names it", () => {
    const bad = union(int({ gt: 0 }), str({ minLength: 2 })).check(null);
    expect(bad.ok ? [] : bad.errors.map((e) => e.loc)).toEqual([["constrained-int"], ["constrained-str"]]);
  });

  it("reads an array as a tuple only in lax mode", () => {
    expect(tupleOf(int()).check([1], { strict: true })).toMatchObject({ ok: false, errors: [{ type: "tuple_type" }] });
    expect(union(tupleOf(int()), list(int())).validate([1])).toEqual([1]);
  });

  it("takes the first of equally lax matches", () => {
    expect(union(bool(), int()).validate("1")).toBe(true);
    expect(union(int(), str()).validate(true)).toBe(1);
  });

  it("prefers the model that set more fields", () => {
    const A = model("A", { x: int() });
    const B = model("B", { x: int(), y: int().default(0) });
    expect(union(A, B).validate({ x: 1, y: 2 })).toEqual({ x: 1, y: 2 });
    expect(union(A, B).validate({ x: 1 })).toEqual({ x: 1 });
  });

  it("reports every member's errors, each loc tagged with the member", () => {
    const result = union(int(), list(int())).check(["a"]);
    expect(result.ok ? [] : result.errors.map((e) => [e.type, e.loc])).toEqual([
      ["int_type", ["int"]],
      ["int_parsing", ["list[int]", 0]],
    ]);
    const dicts = union(dict(str(), int()), list(int())).check("x");
    expect(dicts.ok ? [] : dicts.errors.map((e) => e.loc)).toEqual([["dict[str,int]"], ["list[int]"]]);
    const models = union(Cat, Dog).check({ pet_type: "cow" });
    expect(models.ok ? [] : models.errors.map((e) => e.loc)).toEqual([
      ["Cat", "pet_type"],
      ["Cat", "meows"],
      ["Dog", "pet_type"],
      ["Dog", "barks"],
    ]);
  });

  it("makes a union with none() nullable, whose errors carry no tag for a single member", () => {
    expect(union(int(), str(), none()).validate(null)).toBeNull();
    const single = nullable(int()).check("abc");
    expect(single.ok ? [] : single.errors.map((e) => e.loc)).toEqual([[]]);
    expect(union(int(), none()).name).toBe("nullable[int]");
  });
});

describe("discriminated unions", () => {
  const Pet = discriminatedUnion("pet_type", [Cat, Dog]);

  it("validates the member the tag names, its errors under the tag", () => {
    expect(Pet.validate({ pet_type: "dog", barks: 2 })).toEqual({ pet_type: "dog", barks: 2 });
    expect(Pet.check({ pet_type: "cat", meows: "x" })).toMatchObject({ ok: false, errors: [{ type: "int_parsing", loc: ["cat", "meows"] }] });
  });

  it("says when the tag is missing or unknown, or the input is no object", () => {
    expect(Pet.check({ meows: 1 })).toMatchObject({
      ok: false,
      errors: [{ type: "union_tag_not_found", msg: "Unable to extract tag using discriminator 'pet_type'", ctx: { discriminator: "'pet_type'" } }],
    });
    expect(Pet.check({ pet_type: "cow" })).toMatchObject({
      ok: false,
      errors: [
        {
          type: "union_tag_invalid",
          msg: "Input tag 'cow' found using 'pet_type' does not match any of the expected tags: 'cat', 'dog'",
          ctx: { discriminator: "'pet_type'", tag: "cow", expected_tags: "'cat', 'dog'" },
        },
      ],
    });
    expect(Pet.check([1])).toMatchObject({ ok: false, errors: [{ type: "model_attributes_type" }] });
  });

  it("refuses a member without a literal tag field", () => {
    expect(() => discriminatedUnion("kind", [model("X", { kind: str() })])).toThrow(/literal/);
  });
});

describe("literals", () => {
  it("matches True only to True and 2.0 to 2, as pydantic-core's lookup", () => {
    expect(literal(1, 2).check(true).ok).toBe(false);
    expect(literal(1, 2).validate(asFloat(2))).toBe(2);
    expect(literal("a", 1, true).check("b")).toMatchObject({ ok: false, errors: [{ msg: "Input should be 'a', 1 or True", ctx: { expected: "'a', 1 or True" } }] });
  });
});
