// The recordings' Python snippets rebuilt with their sharing: the same object where Python has it.
import { describe, expect, it } from "vitest";
import { evaluatePython } from "./python-expr.ts";
import { PyFloat, PyInstance, PyTuple } from "../values.ts";

describe("evaluatePython", () => {
  it("shares what a name binds and keeps a list that contains itself", () => {
    const shared = evaluatePython("a = [1, 2]; [a, a]") as unknown[][];
    expect(shared[0]).toBe(shared[1]);
    const l = evaluatePython("l = []; l.append(l); l") as unknown[];
    expect(l[0]).toBe(l);
    const d = evaluatePython("d = {}; d['self'] = d; d") as Map<unknown, unknown>;
    expect(d.get("self")).toBe(d);
  });

  it("reads literals, arithmetic and the builtins the recordings use", () => {
    expect(evaluatePython("2**100 (over 255 bytes)")).toBe(2n ** 100n);
    expect(evaluatePython("-2**31")).toBe(-(2 ** 31));
    expect(evaluatePython("2**63 - 1")).toBe(2n ** 63n - 1n);
    expect(evaluatePython("(1,)")).toEqual(new PyTuple([1]));
    expect(evaluatePython("float('inf')")).toEqual(new PyFloat(Infinity));
    expect(evaluatePython("'\\u00e9' * 2")).toBe("éé");
    expect(evaluatePython("bytes(range(3)) + bytes(2)")).toEqual(Uint8Array.of(0, 1, 2, 0, 0));
    expect(evaluatePython("Point(1, 'a')  # a class in __main__")).toEqual(new PyInstance("__main__", "Point", { x: 1, y: "a" }));
    expect(evaluatePython("frozenset()")).toMatchObject({ items: [] });
  });
});
