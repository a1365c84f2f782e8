// The engine's Pool against pg-pool's own code (3.14.0, run in the same simulation over the same
// Client model: testing/real-pg-pool.ts): first on the recordings, then on random scripts whose
// steps come closer together than the recordings' and so overlap timers, connections and queries.
// (readGolden reads golden/pool.json from $GOLDEN_DIR instead when that is set.)
import { describe, expect, it } from "vitest";
import { readGolden } from "../testing/golden.ts";
import { randomPoolCase } from "./testing/random-pool-case.ts";
import { realPgPool } from "./testing/real-pg-pool.ts";
import { replayPoolCase, type PoolCase } from "./testing/replay-pool.ts";

const recorded = readGolden<{ cases: { kind: string }[] }>("pool.json").cases.filter((c): c is PoolCase => c.kind === "pool");

async function compare(c: PoolCase): Promise<void> {
  const ours = await replayPoolCase(c);
  const theirs = await replayPoolCase(c, realPgPool);
  c.steps.forEach((step, i) => {
    const where = `${c.name}, step ${i + 1} (${step.do}${step.as ? ` ${step.as}` : ""}${step.client ? ` ${step.client}` : ""} at ${step.at} ms)`;
    expect(ours.steps[i], where).toEqual(theirs.steps[i]);
  });
  expect(ours.final, `${c.name}, final`).toEqual(theirs.final);
}

describe("pg-pool's own code over the Client model", () => {
  it("replays the recordings too (the Client model and the replay are not fitted to the port)", async () => {
    for (const c of recorded) {
      const theirs = await replayPoolCase(c, realPgPool);
      c.steps.forEach((step, i) => expect(theirs.steps[i], `${c.name}, step ${i + 1}`).toEqual(step.expect));
      expect(theirs.final, `${c.name}, final`).toEqual(c.final);
    }
  });
});

describe("the engine's Pool against pg-pool's own code", () => {
  it("agrees on every recording", async () => {
    for (const c of recorded) await compare(c);
  });

  it("agrees on 1,000 random scripts", async () => {
    for (let seed = 1; seed <= 1000; seed++) await compare(randomPoolCase(seed));
  });
});
