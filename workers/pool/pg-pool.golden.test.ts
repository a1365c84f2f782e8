// Replays every recording of kind 'pool' (golden/pool.json): node-postgres's Pool against a real
// Postgres 15, step by step — counters at the call, events, settled promises and counters of each
// window, what was still pending at the end, and whether the process would exit.
// (readGolden reads golden/pool.json from $GOLDEN_DIR instead when that is set.)
import { describe, expect, it } from "vitest";
import { readGolden } from "../testing/golden.ts";
import { replayPoolCase, type PoolCase } from "./testing/replay-pool.ts";

const cases = readGolden<{ cases: { kind: string }[] }>("pool.json").cases.filter((c): c is PoolCase => c.kind === "pool");

describe("the Pool against node-postgres's pg-pool 3.14.0 (golden/pool.json, kind 'pool')", () => {
  it("has recordings to replay", () => expect(cases.length).toBeGreaterThan(0));
  for (const c of cases) {
    it(c.name, async () => {
      const actual = await replayPoolCase(c);
      c.steps.forEach((step, i) => {
        const where = `${c.name}, step ${i + 1} (${step.do}${step.as ? ` ${step.as}` : ""} at ${step.at} ms)`;
        expect(actual.steps[i], where).toEqual(step.expect);
      });
      expect(actual.final, `${c.name}, final`).toEqual(c.final);
    });
  }
});
