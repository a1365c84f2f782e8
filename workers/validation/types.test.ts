// The static types learners get: Infer gives a validated value's full type, as zod's does.
import { describe, expectTypeOf, it } from "vitest";
import type { Infer } from "./types.ts";
import { bool, date, dict, discriminatedUnion, enumOf, float, int, list, literal, model, nullable, optional, str, tuple, tupleOf, union, uuid } from "./index.ts";

const Color = enumOf("Color", { RED: "red", GREEN: "green" });
const Address = model("Address", { street: str(), zip: str() });
const Cat = model("Cat", { kind: literal("cat"), lives: int() });
const Dog = model("Dog", { kind: literal("dog"), good: bool() });
const User = model("User", {
  id: int(),
  score: float(),
  name: str().alias("userName"),
  plan: literal("free", "pro").default("free"),
  nickname: optional(str()),
  middle: nullable(str()),
  address: Address,
  tags: list(str()),
  scores: dict(str(), float()),
  pair: tuple([int(), str()]),
  many: tupleOf(int()),
  id_or_name: union(int(), str()),
  pet: discriminatedUnion("kind", [Cat, Dog]),
  color: Color,
  born: date(),
  uid: uuid(),
});

describe("Infer", () => {
  it("gives each field's validated type", () => {
    type U = Infer<typeof User>;
    expectTypeOf<U["id"]>().toEqualTypeOf<number>();
    expectTypeOf<U["plan"]>().toEqualTypeOf<"free" | "pro">();
    expectTypeOf<U["nickname"]>().toEqualTypeOf<string | null>();
    expectTypeOf<U["middle"]>().toEqualTypeOf<string | null>();
    expectTypeOf<U["address"]>().toEqualTypeOf<{ street: string; zip: string }>();
    expectTypeOf<U["tags"]>().toEqualTypeOf<string[]>();
    expectTypeOf<U["scores"]>().toEqualTypeOf<Record<string, number>>();
    expectTypeOf<U["pair"]>().toEqualTypeOf<[number, string]>();
    expectTypeOf<U["many"]>().toEqualTypeOf<number[]>();
    expectTypeOf<U["id_or_name"]>().toEqualTypeOf<number | string>();
    expectTypeOf<U["pet"]>().toEqualTypeOf<{ kind: "cat"; lives: number } | { kind: "dog"; good: boolean }>();
    expectTypeOf<U["color"]>().toEqualTypeOf<"red" | "green">();
    expectTypeOf<U["born"]>().toEqualTypeOf<string>();
    expectTypeOf(User.validate).returns.toEqualTypeOf<U>();
  });

  it("types a field validator by its field", () => {
    model("M", { n: int(), s: str() }, { fieldValidators: { n: (v) => (expectTypeOf(v).toEqualTypeOf<number>(), v) } });
  });
});
