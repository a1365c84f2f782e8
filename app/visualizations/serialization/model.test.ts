import { describe, expect, it } from "vitest";
import { serializationModule } from "../../../workers/serialization/playground";
import type { SerializationBytesTrace } from "../../../workers/serialization/trace";
import type { TraceEvent } from "../../../workers/trace";
import { cellsOf, dangerOf, dangersOf, describeByte, fieldRows, groupsOf, labelOf, lostText, mostSignificantOffset, phasesOf, readRun } from "./model";

/** A real playground/serialization on a hand-driven clock, its trace collected. */
function engine() {
  let now = 0;
  const trace: TraceEvent[] = [];
  const ser = serializationModule({ now: () => now++, trace: (e) => trace.push(e) });
  return { ser, trace };
}

const bytesEvents = (trace: TraceEvent[]) => trace.filter((e): e is SerializationBytesTrace => e.source === "serialization" && e.kind === "bytes");

// What pickletools.dis traces for the protocol-0 os.system pickle (the recorded case pickle_dis_malicious_os_system_global_reduce_p0):
// its bytes, one field per opcode.
const EVIL: SerializationBytesTrace = {
  t: 5,
  source: "serialization",
  kind: "bytes",
  op: "pickletools.dis",
  label: "29 bytes",
  hex: "636f730a73797374656d0a2853276563686f2070776e6564270a74522e",
  length: 29,
  truncated: false,
  fields: [
    { start: 0, end: 11, name: "GLOBAL", value: "'os system'" },
    { start: 11, end: 12, name: "MARK", value: "" },
    { start: 12, end: 26, name: "STRING", value: "'echo pwned'" },
    { start: 26, end: 27, name: "TUPLE", value: "" },
    { start: 27, end: 28, name: "REDUCE", value: "" },
    { start: 28, end: 29, name: "STOP", value: "" },
  ],
};

describe("the serialization visualization's model", () => {
  it("reads every byte string in order, and the last one or the last Python error as what the moment shows", () => {
    const { ser, trace } = engine();
    ser.struct.pack(">H", 4660);
    ser.struct.pack("<H", 4660);
    expect(() => ser.struct.pack(">H", 65536)).toThrow("'H' format requires 0 <= number <= 65535");
    const run = readRun(trace);
    expect(run.strings.map((s) => s.hex)).toEqual(["1234", "3412"]);
    expect(run.latest).toMatchObject({ kind: "error", type: "struct.error", message: "'H' format requires 0 <= number <= 65535" });
    // Up to the playhead: the prefix before the error shows the little-endian bytes.
    expect(readRun(trace.slice(0, 2)).latest).toBe(run.strings[1]);
    expect(readRun([]).latest).toBeUndefined();
  });

  it("marks the most significant byte at the front of a big-endian number and at the back of a little-endian one", () => {
    const { ser, trace } = engine();
    ser.struct.pack(">BH", 1, 5);
    ser.struct.pack("<BI", 1, 5);
    const [big, little] = bytesEvents(trace);
    expect(cellsOf(big).map((c) => [c.offset, c.field, c.mostSignificant])).toEqual([
      [0, 0, false], // B: one byte has no order
      [1, 1, true],
      [2, 1, false],
    ]);
    expect(cellsOf(little).filter((c) => c.mostSignificant).map((c) => c.offset)).toEqual([4]);
    expect(mostSignificantOffset({ start: 3, end: 7, name: "I", value: "5", byteOrder: "little" })).toBe(6);
    expect(fieldRows(big).map((r) => [r.start, r.bytes, r.name, r.value, r.order])).toEqual([
      [0, "01", "B", "1", undefined],
      [1, "00 05", "H", "5", "big-endian: most significant byte first"],
    ]);
  });

  it("says, for a hovered or focused byte, its field, value and place", () => {
    const { ser, trace } = engine();
    ser.struct.pack(">BH5s", 1, 5, new TextEncoder().encode("hello"));
    const [event] = bytesEvents(trace);
    const cells = cellsOf(event);
    expect(cells).toHaveLength(8);
    expect(describeByte(event, cells[1])).toBe("Byte 1 is 0x00 (0): field H = 5, bytes 1–2; the most significant byte (big-endian).");
    expect(describeByte(event, cells[4])).toBe("Byte 4 is 0x65 (101): field s = b'hello', bytes 3–7.");
    expect(labelOf(event, 0)).toBe("1. struct.pack(>BH5s): 8 bytes");
    expect(labelOf({ ...EVIL, label: "dis" }, 6)).toBe("7. pickletools.dis: 29 bytes");
  });

  it("lists bytes no field covers as rows of their own, and shortens long fields", () => {
    const { ser, trace } = engine();
    ser.struct.pack("@bi", 1, 2); // native alignment: three pad bytes after the b
    ser.struct.pack(">300s", new Uint8Array(300));
    const [aligned, long] = bytesEvents(trace);
    const rows = fieldRows(aligned);
    expect(rows.map((r) => [r.start, r.end, r.name])).toEqual([[0, 1, "b"], [1, 4, "(no field)"], [4, 8, "i"]]);
    expect(rows[1].bytes).toBe("00 00 00");
    expect(fieldRows(long)[0].bytes).toBe("00 00 00 00 00 00 00 00 00 00 00 00 … (300 bytes)");
    expect(fieldRows(long)[0].value.length).toBeLessThanOrEqual(80);
  });

  it("marks the pickle opcodes that import or call, and only in pickles", () => {
    const rows = fieldRows(EVIL);
    expect(rows.filter((r) => r.danger).map((r) => [r.name, r.danger])).toEqual([
      ["GLOBAL", "imports any global by name"],
      ["REDUCE", "calls what is on the stack"],
    ]);
    expect(rows[0].bytes).toBe("63 6f 73 0a 73 79 73 74 65 6d 0a");
    expect(dangerOf({ ...EVIL, op: "struct.pack" }, EVIL.fields[0])).toBeUndefined();
    expect(dangerOf(EVIL, { start: 0, end: 1, name: "INST", value: "'os system'" })).toBe("imports a global and calls it");
    expect(dangersOf(EVIL).map((d) => d.field.start)).toEqual([0, 27]);
    // The last pickle stays in view while the run goes on to make other bytes.
    const { ser, trace } = engine();
    ser.struct.pack(">H", 1);
    ser.struct.pack(">H", 2);
    const run = readRun([trace[0], EVIL, trace[1]]);
    expect(run.pickle).toBe(EVIL);
    expect(run.strings.at(-1)?.hex).toBe("0002");
    expect(readRun(trace).pickle).toBeUndefined();
  });

  it("keeps the last comparison and the last pickle explanation up to the moment shown", () => {
    const compare = { t: 1, source: "serialization", kind: "compare", rows: [{ format: "json", bytes: 8, encodeMs: 0.01, decodeMs: 0.01, roundTrips: true, lost: [] }] } as const;
    const explain = { t: 2, source: "serialization", kind: "explain", calls: ["loading this would call os.system('echo pwned')"], safe: false } as const;
    const trace = [compare, explain, EVIL] as unknown as TraceEvent[];
    expect(readRun(trace)).toMatchObject({ compare, explain, latest: EVIL, strings: [EVIL] });
    expect(readRun(trace.slice(0, 1))).toMatchObject({ compare, explain: undefined, latest: undefined });
  });

  it("groups the byte strings by what made them: the learner's module, or a check", () => {
    let now = 0;
    const trace: TraceEvent[] = [];
    const ser = serializationModule({ now: () => now, trace: (e) => trace.push(e) });
    now = 1;
    ser.struct.pack(">H", 1);
    now = 2;
    ser.struct.pack(">H", 2);
    now = 5;
    ser.struct.pack(">H", 3);
    now = 9; // after the last check: no stretch of the run holds it
    ser.struct.pack(">H", 4);
    trace.push(
      { t: 0, source: "sandbox", kind: "module", durationMs: 3, ok: true },
      { t: 4, source: "sandbox", kind: "check", name: "round trip", durationMs: 2, passed: false },
    );
    const groups = groupsOf(readRun(trace).strings, phasesOf(trace));
    expect(groups.map((g) => [g.label, g.items.map((i) => i.index)])).toEqual([
      ["your module's own code", [0, 1]],
      ["the check “round trip”", [2]],
      ["your code", [3]],
    ]);
  });

  it("says each kind of loss in a comparison once, with how often", () => {
    expect(lostText(["0.joined: Date became string", "1.joined: Date became string", "tags: Set became {}"])).toBe("Date became string (0.joined and others); tags: Set became {}");
    expect(lostText([])).toBe("a different value");
  });
});
