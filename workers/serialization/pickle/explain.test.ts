// explainPickle on the recorded malicious pickles and on pickles this engine writes: it names the
// call loading would make, and calls ordinary data plain.
import { describe, expect, it } from "vitest";
import { readGolden } from "../../testing/golden.ts";
// readGolden reads $GOLDEN_DIR when it is set, else the repository's golden/ (DESIGN §7).
import { casesOf, FILE, type SerializationGolden } from "../testing/golden-cases.ts";
import { hexToBytes } from "../testing/pyval.ts";
import { PyInstance, PyTuple } from "../values.ts";
import { dumps } from "./dumps.ts";
import { explainPickle } from "./explain.ts";

const golden = readGolden<SerializationGolden>(FILE);

const recorded = (name: string) => hexToBytes(casesOf(golden, "pickle_dis").find((c) => c.name === name)!.hex as string);

describe("explainPickle", () => {
  it("says a GLOBAL + REDUCE pickle would call os.system with its argument", () => {
    const e = explainPickle(recorded("pickle_dis_malicious_os_system_global_reduce_p0"));
    expect(e.safe).toBe(false);
    expect(e.calls.map((c) => c.sentence)).toEqual(["loading this would call os.system('echo pwned')"]);
    expect(e.summary).toContain("loading this would import os.system");
  });

  it("follows STACK_GLOBAL through the memo and a FRAME", () => {
    expect(explainPickle(recorded("pickle_dis_malicious_os_system_stack_global_p4")).calls[0].sentence).toBe("loading this would call os.system('echo hi')");
    expect(explainPickle(recorded("pickle_dis_malicious_posix_system_framed_p4")).calls[0].sentence).toBe("loading this would call posix.system('id')");
  });

  it("sees INST and builtins.eval", () => {
    expect(explainPickle(recorded("pickle_dis_malicious_inst_opcode_p0")).calls[0].sentence).toBe("loading this would call os.system('echo hi')");
    expect(explainPickle(recorded("pickle_dis_malicious_builtins_eval_p2")).calls[0].sentence).toBe("loading this would call builtins.eval('print(1+1)')");
  });

  it("calls plain data plain, in every protocol", () => {
    for (let protocol = 0; protocol <= 5; protocol++) {
      const e = explainPickle(dumps(new Map<string, unknown>([["k", [new PyTuple([1, "x"]), new Set([2])]]]) as never, protocol));
      expect(e.safe, `protocol ${protocol}`).toBe(true);
      expect(e.summary).toMatch(/^plain data/);
    }
    expect(explainPickle(dumps([1, "a"], 2)).result).toBe("[1, 'a']");
  });

  it("treats an instance's class as an import, and shows a recursive list without looping", () => {
    const e = explainPickle(dumps(new PyInstance("__main__", "Point", { x: 1 }), 4));
    expect(e.safe).toBe(false);
    expect(e.imports).toContain("__main__.Point");
    const l: unknown[] = [];
    l.push(l);
    expect(explainPickle(dumps(l as never, 2)).result).toBe("[[...]]");
  });

  it("reports a truncated pickle instead of throwing", () => {
    const e = explainPickle(recorded("pickle_dis_garbage_truncated_real_pickle"));
    expect(e.error).toBe("not enough data in stream to read uint1");
  });
});
