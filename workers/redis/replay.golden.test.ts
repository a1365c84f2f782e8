// Replays every recorded case of golden/redis.json (Redis 7.0.15 through node-redis
// sendCommand) against a fresh engine per case; every reply must agree. The file documents its
// own schema; a case that cannot be replayed fails.
// (readGolden reads the file from $GOLDEN_DIR instead when that is set.)
import { describe, expect, it } from "vitest";
import { disagreements, readGolden } from "../testing/golden.ts";
import { createRedis } from "./index.ts";
import { settle, unorderedView, type Recorded } from "./testing/compare.ts";

interface GoldenCase {
  name: string;
  commands: string[][];
  replies: Recorded[];
  unordered?: boolean;
}

const FILE = "redis.json";
const golden = readGolden<{ schema: string; cases: GoldenCase[] }>(FILE);
const commands = golden.cases.reduce((n, c) => n + c.commands.length, 0);

async function replay(c: GoldenCase): Promise<void> {
  if (c.commands.length !== c.replies.length) throw new Error(`${c.name}: ${c.commands.length} commands but ${c.replies.length} replies`);
  // Recorded at wall-clock time: any clock near the recording's works (no reply depends on time passing).
  const server = createRedis({ now: () => 1_760_000_000_000 });
  const conn = server.connect();
  for (let i = 0; i < c.commands.length; i++) {
    let got = await settle(conn.sendCommand(c.commands[i]));
    let want = c.replies[i];
    if (c.unordered) {
      got = unorderedView(got);
      want = unorderedView(want);
    }
    expect(got, `${c.name} #${i}: ${JSON.stringify(c.commands[i])}`).toStrictEqual(want);
  }
}

describe(`${FILE}: ${golden.cases.length} recorded cases, ${commands} commands`, () => {
  it(`replays all ${golden.cases.length} cases of ${FILE}`, async () => {
    expect(golden.cases.length).toBeGreaterThan(0);
    const failures = await disagreements(golden.cases, replay);
    expect(failures, `${failures.length} of ${golden.cases.length} cases disagree:\n${failures.join("\n\n")}`).toEqual([]);
  });
});
