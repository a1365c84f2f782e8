// Replays every recorded case of golden/redis-pubsub.json (Redis 7.0.15, raw RESP2
// sockets, several connections per case): each step's reply, the frames pushed to every
// connection because of it, and which connections the server closed.
// (readGolden reads the file from $GOLDEN_DIR instead when that is set.)
import { describe, expect, it } from "vitest";
import { disagreements, readGolden } from "../testing/golden.ts";
import { createRedis, toNodeRedis, type Connection } from "./index.ts";
import { settle, unorderedView, type Recorded } from "./testing/compare.ts";

interface Step {
  conn: string;
  command: string[];
  reply: Recorded;
  pushes?: Record<string, Recorded[]>;
  unordered?: boolean;
  closed?: string[];
}
interface GoldenCase {
  name: string;
  connections: string[];
  steps: Step[];
}

const FILE = "redis-pubsub.json";
const golden = readGolden<{ schema: string; cases: GoldenCase[] }>(FILE);
const SUBSCRIBE_FAMILY = new Set(["subscribe", "psubscribe", "unsubscribe", "punsubscribe", "ssubscribe", "sunsubscribe"]);

/** Confirmation frames in hash-table order: names as a multiset, counts in order. */
function unorderedFrames(r: Recorded): unknown {
  if (!Array.isArray(r) || !r.every(Array.isArray)) return unorderedView(r);
  const frames = r as Recorded[][];
  return { names: frames.map((f) => String(f[1])).sort(), counts: frames.map((f) => f[2]), kinds: frames.map((f) => f[0]) };
}

async function replay(c: GoldenCase): Promise<void> {
  const server = createRedis({ now: () => 1_760_000_000_000 });
  const conns = new Map<string, Connection>();
  const inbox = new Map<string, Recorded[]>();
  for (const name of c.connections) {
    const conn = server.connect();
    conns.set(name, conn);
    inbox.set(name, []);
    conn.onPushReply((frame) => inbox.get(name)!.push(toNodeRedis(frame) as Recorded));
  }
  for (const [i, step] of c.steps.entries()) {
    const where = `${c.name} step ${i}: ${step.conn} ${JSON.stringify(step.command)}`;
    const conn = conns.get(step.conn);
    if (conn === undefined) throw new Error(`${where}: unknown connection`);
    for (const box of inbox.values()) box.length = 0;
    const openBefore = c.connections.filter((n) => !conns.get(n)!.closed);
    let got = await settle(conn.sendCommand(step.command));
    let want = step.reply;
    if (step.unordered) {
      const isFrames = SUBSCRIBE_FAMILY.has(step.command[0].toLowerCase());
      got = (isFrames ? unorderedFrames(got) : unorderedView(got)) as Recorded;
      want = (isFrames ? unorderedFrames(want) : unorderedView(want)) as Recorded;
    }
    expect(got, where).toStrictEqual(want);
    for (const name of c.connections) expect(inbox.get(name), `${where}: pushes to ${name}`).toStrictEqual(step.pushes?.[name] ?? []);
    const closed = openBefore.filter((n) => conns.get(n)!.closed);
    expect(closed, `${where}: closed`).toStrictEqual(step.closed ?? []);
  }
}

describe(`${FILE}: ${golden.cases.length} recorded cases across connections`, () => {
  it(`replays all ${golden.cases.length} cases of ${FILE}`, async () => {
    expect(golden.cases.length).toBeGreaterThan(0);
    const failures = await disagreements(golden.cases, replay);
    expect(failures, `${failures.length} of ${golden.cases.length} cases disagree:\n${failures.join("\n\n")}`).toEqual([]);
  });
});
