// playground/serialization inside the SES sandbox, as a lesson runs it: learner code imports it,
// gets Python's bytes and errors, and the run's trace carries the hex view's fields.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runLesson } from "../sandbox/runner";
import { PLAYGROUND_MODULES } from "../sandbox/registry";
import type { ConsoleBatch } from "../sandbox/console-capture";
import type { TraceEvent } from "../trace";

const CHECKS = `
import { defineChecks, expect } from "playground/checks";
export default defineChecks([{ name: "packs", run: ({ packed }: any) => expect(packed).to.equal("34 12") }]);
`;

const CODE = [
  'import { struct, json, pickle, pickletools, explainPickle, msgpack, compare, hex, float } from "playground/serialization";',
  'export const packed = hex(struct.pack("<H", 0x1234));',
  "console.log(json.dumps({ pi: float(3), big: 2n ** 70n }));",
  'try { struct.pack("<B", 256); } catch (e) { console.log(String(e)); }',
  "console.log(explainPickle(pickle.dumps([1, 2], 0)).summary);",
  "console.log(pickletools.dis(pickle.dumps(null, 2)).split('\\n')[1]);",
  "console.log(msgpack.decode(msgpack.encode({ a: 1 })).a);",
  'console.log(compare({ when: new Date(0) }, { repeat: 1 }).map((r) => r.format + ":" + r.roundTrips).join(" "));',
].join("\n");

const OUTPUT = [
  '{"pi": 3.0, "big": 1180591620717411303424}',
  "struct.error: ubyte format requires 0 <= number <= 255",
  "plain data: loading this would only build [1, 2]",
  "    2: N    NONE",
  "1",
  "json:false python-json:false msgpack:true structuredClone:true",
];

describe("playground/serialization in the sandbox", () => {
  it("runs struct, json, pickle and MessagePack for lesson code", async () => {
    const batches: ConsoleBatch[] = [];
    const trace: TraceEvent[] = [];
    let clock = 0;
    const result = await runLesson(
      { code: CODE, checks: CHECKS },
      { now: () => (clock += 1), modules: PLAYGROUND_MODULES, onConsole: (b) => batches.push(b), onTrace: (b) => trace.push(...b.events) },
    );
    expect(result.error).toBeNull();
    expect(result.checks.map((c) => c.passed)).toEqual([true]);
    expect(batches.flatMap((b) => b.lines.map((l) => l.text))).toEqual(OUTPUT);
    const bytes = trace.filter((e) => e.source === "serialization" && e.kind === "bytes");
    expect(bytes[0]).toMatchObject({ op: "struct.pack", hex: "3412", fields: [{ start: 0, end: 2, name: "H", value: "4660" }] });
  });

  it("works the same in a locked-down realm with the module hardened, as in the browser", () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, "../sandbox/testing/locked-runs.ts")], {
      cwd: join(import.meta.dirname, "../.."),
      input: JSON.stringify([{ name: "serialization", code: CODE, checks: CHECKS }]),
      encoding: "utf8",
    });
    const [run] = JSON.parse(out) as { result: { error: unknown; checks: { passed: boolean }[] }; output: string[] }[];
    expect(run.result.error).toBeNull();
    expect(run.result.checks.map((c) => c.passed)).toEqual([true]);
    expect(run.output).toEqual(OUTPUT);
  });
});
