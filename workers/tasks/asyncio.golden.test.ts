// Replays every recorded case of golden/asyncio.json (CPython 3.11.7's asyncio on the real loop
// and clock) through the grammar interpreter on the tasks engine: the whole event log, main's
// result and every named task's final state must agree exactly. The file's `schema` documents
// the grammar; a case that cannot be replayed fails.
// (readGolden reads the file from $GOLDEN_DIR instead when that is set.)
import { describe, expect, it } from "vitest";
import { disagreements, readGolden } from "../testing/golden.ts";
import { switchIntervalMs, type GoldenFile, type GoldenCase } from "./replay/grammar.ts";
import { replayCase } from "./replay/interpreter.ts";

const FILE = "asyncio.json";
const golden = readGolden<GoldenFile>(FILE);

async function replay(c: GoldenCase): Promise<void> {
  const got = await replayCase(c, { switchIntervalMs: switchIntervalMs(golden) });
  expect(got.events, `${c.name}: events`).toEqual(c.expect.events);
  expect(got.result, `${c.name}: result`).toEqual(c.expect.result);
  // In creation order: compare the entries, not just the keys' values.
  expect(Object.entries(got.tasks), `${c.name}: tasks`).toEqual(Object.entries(c.expect.tasks));
}

describe(`${FILE}: ${golden.cases.length} recorded cases`, () => {
  it(`replays all ${golden.cases.length} cases of ${FILE}`, async () => {
    expect(golden.cases.length).toBeGreaterThan(0);
    const failures = await disagreements(golden.cases, replay);
    expect(failures, `${failures.length} of ${golden.cases.length} cases disagree:\n${failures.join("\n\n")}`).toEqual([]);
  });

  it("covers every kind the schema names", () => {
    const kinds = new Set(golden.cases.map((c) => c.kind));
    for (const k of ["create_task", "sleep0", "timers", "gather", "wait_for", "cancel", "shield", "fire_and_forget", "cpu", "queue", "thread", "callbacks", "sync", "exceptions"])
      expect(kinds.has(k), k).toBe(true);
  });
});
