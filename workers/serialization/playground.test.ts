// playground/serialization as lesson code sees it: values in the learner's model, the trace's
// byte fields for the hex view, errors as Python words them.
import { describe, expect, it } from "vitest";
import { serializationModule } from "./playground.ts";
import { PyException, PyFloat, PyTuple } from "./values.ts";
import type { SerializationTrace } from "./trace.ts";

function setup() {
  const events: SerializationTrace[] = [];
  let t = 0;
  const api = serializationModule({ now: () => (t += 1), trace: (e) => events.push(e) });
  return { api, events };
}

describe("playground/serialization", () => {
  it("packs with struct and tells the hex view each field", () => {
    const { api, events } = setup();
    const bytes = api.struct.pack("<HI", 1, 2);
    expect(api.hex(bytes)).toBe("01 00 02 00 00 00");
    expect(events).toEqual([
      {
        t: 1, source: "serialization", kind: "bytes", op: "struct.pack", label: "<HI", hex: "010002000000", length: 6, truncated: false,
        fields: [
          { start: 0, end: 2, name: "H", value: "1", byteOrder: "little" },
          { start: 2, end: 6, name: "I", value: "2", byteOrder: "little" },
        ],
      },
    ]);
  });

  it("gives ints as numbers or bigints and integral floats as PyFloat", () => {
    const { api } = setup();
    const [big, one, half] = api.struct.unpack(">Qde", api.fromHex("ffffffffffffffff 3ff0000000000000 3800"));
    expect(big).toBe(2n ** 64n - 1n);
    expect(one).toBeInstanceOf(PyFloat);
    expect(api.repr(one)).toBe("1.0");
    expect(half).toBe(0.5);
    expect(api.intFromBytes([1, 0], "little")).toBe(1);
  });

  it("raises Python's exceptions and traces them", () => {
    const { api, events } = setup();
    expect(() => api.struct.pack(">h", 40_000)).toThrow(new PyException("struct.error", "'h' format requires -32768 <= number <= 32767"));
    expect(events.at(-1)).toMatchObject({ kind: "error", op: "struct.pack", type: "struct.error" });
    expect(() => api.json.loads("")).toThrow("Expecting value: line 1 column 1 (char 0)");
    expect(() => api.intToBytes(256, 1, "big")).toThrow("int too big to convert");
  });

  it("writes JSON as Python does, beside JavaScript", () => {
    const { api } = setup();
    // 1e16 is integral, so it is Python's int 10**16 unless wrapped in float().
    expect(api.json.dumps({ a: [1, api.float(2), 1e16, api.float(1e16)] })).toBe('{"a": [1, 2.0, 10000000000000000, 1e+16]}');
    expect(api.json.sideBySide([api.float(1e16), 1e-5, NaN])).toEqual({ python: "[1e+16, 1e-05, NaN]", javascript: "[10000000000000000,0.00001,null]", same: false });
    expect(api.json.sideBySide(2n ** 70n).javascriptError).toMatch(/BigInt/);
    expect(api.json.loads('{"b": 1, "a": 2}', { dict: "map" })).toEqual(new Map([["b", 1], ["a", 2]]));
  });

  it("pickles, disassembles and explains, tracing one field per opcode", () => {
    const { api, events } = setup();
    const bytes = api.pickle.dumps(api.tuple(1, 2, 3), 2);
    expect(api.hex(bytes)).toBe("80 02 4b 01 4b 02 4b 03 87 71 00 2e");
    const trace = events.at(-1) as Extract<SerializationTrace, { kind: "bytes" }>;
    expect(trace.fields.map((f) => f.name)).toEqual(["PROTO", "BININT1", "BININT1", "BININT1", "TUPLE3", "BINPUT", "STOP"]);
    expect(api.pickletools.dis(bytes)).toContain("    8: \\x87 TUPLE3\n");
    const evil = api.fromHex("636f730a73797374656d0a2853276563686f2070776e6564270a74522e");
    expect(api.explainPickle(evil).calls[0].sentence).toBe("loading this would call os.system('echo pwned')");
    expect(events.find((e) => e.kind === "explain")).toMatchObject({ safe: false, calls: ["loading this would call os.system('echo pwned')"] });
    expect(api.pickle.dumps(new PyTuple([]), 0)).toEqual(Uint8Array.of(0x28, 0x74, 0x2e));
  });

  it("caps the bytes a trace event carries", () => {
    const { api, events } = setup();
    api.msgpack.encode("x".repeat(10_000));
    const trace = events.at(-1) as Extract<SerializationTrace, { kind: "bytes" }>;
    expect(trace.hex.length).toBe(2 * 4096);
    expect(trace).toMatchObject({ length: 10_003, truncated: true });
  });

  it("traces a comparison's rows", () => {
    const { api, events } = setup();
    const rows = api.compare({ when: new Date(0) }, { repeat: 1 });
    expect(rows.find((r) => r.format === "json")?.lost).toEqual(["when: Date became string"]);
    expect(events.at(-1)).toMatchObject({ kind: "compare", rows });
  });
});
