// compare(): sizes, and what each format loses of a value JSON cannot carry.
import { describe, expect, it } from "vitest";
import { compare, differences } from "./compare.ts";

const options = { now: () => performance.now(), structuredClone: (v: unknown) => structuredClone(v), repeat: 2 };
const rowOf = (rows: ReturnType<typeof compare>, format: string) => rows.find((r) => r.format === format)!;

describe("compare", () => {
  it("reports each format's size and a plain object surviving all of them", () => {
    const rows = compare({ id: 7, name: "ada" }, options);
    expect(rows.map((r) => r.format)).toEqual(["json", "python-json", "msgpack", "structuredClone"]);
    expect(rowOf(rows, "json").bytes).toBe(JSON.stringify({ id: 7, name: "ada" }).length);
    expect(rowOf(rows, "python-json").bytes).toBe('{"id": 7, "name": "ada"}'.length);
    expect(rowOf(rows, "msgpack").bytes).toBe(1 + 3 + 1 + 5 + 4);
    expect(rows.every((r) => r.roundTrips && r.encodeMs >= 0)).toBe(true);
  });

  it("names what JSON and MessagePack lose and structuredClone keeps", () => {
    const value = { when: new Date(0), tags: new Map([["a", 1]]), gone: undefined };
    const rows = compare(value, options);
    expect(rowOf(rows, "json").lost).toEqual(["when: Date became string", "tags: Map became object (its 1 entries were dropped)", "gone: undefined was dropped"]);
    expect(rowOf(rows, "msgpack").lost).toEqual(["tags: Map became object (its 1 entries were dropped)", "gone: undefined became null"]);
    expect(rowOf(rows, "python-json").error).toBe("TypeError: Object of type Date is not JSON serializable");
    expect(rowOf(rows, "structuredClone").roundTrips).toBe(true);
  });

  it("reports a cycle as an error of the formats that refuse it", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const rows = compare(cyclic, options);
    expect(rowOf(rows, "json").error).toMatch(/^TypeError: Converting circular structure/);
    expect(rowOf(rows, "python-json").error).toBe("ValueError: Circular reference detected");
    expect(rowOf(rows, "structuredClone").roundTrips).toBe(true);
  });

  it("sees -0 and NaN turned into other numbers", () => {
    expect(differences([-0, NaN], JSON.parse(JSON.stringify([-0, NaN])))).toEqual(["0: -0 became 0", "1: NaN became null"]);
  });
});
