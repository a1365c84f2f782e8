// Replays one case of golden/redis-pubsub.json over raw RESP2 sockets (read its
// `schema`): each connection opened at the start, each step's command sent as a multibulk
// request, then every frame that arrived on every connection compared with the recording.
// Returns the mismatches (none when the server answered as Redis 7.0 did).
import type { Socket } from "node:net";
import { multibulk, ReplyReader, type WireValue } from "./reply-reader.ts";
import { open } from "./wire.ts";

export interface PubsubStep {
  conn: string;
  command: string[];
  reply: WireValue;
  pushes?: Record<string, WireValue[]>;
  unordered?: boolean;
  closed?: string[];
}

export interface PubsubCase {
  name: string;
  connections: string[];
  steps: PubsubStep[];
}

const SUBSCRIBE_FAMILY = new Set(["subscribe", "psubscribe", "unsubscribe", "punsubscribe", "ssubscribe", "sunsubscribe"]);
/** How long to listen after the expected frames are in (the recorder waited ~30 ms after each step). */
const SETTLE_MS = 30;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function replayPubsubCase(port: number, c: PubsubCase): Promise<string[]> {
  if (!Array.isArray(c.connections) || !Array.isArray(c.steps)) return [`${c.name}: a recording this replay cannot read`];
  const sockets = new Map<string, Socket>();
  const readers = new Map<string, ReplyReader>();
  const closed = new Set<string>();
  try {
    for (const name of c.connections) {
      const socket = await open(port);
      const reader = new ReplyReader();
      socket.on("data", (chunk: Buffer) => reader.push(chunk));
      socket.on("end", () => closed.add(name));
      socket.on("close", () => closed.add(name));
      socket.on("error", () => {});
      sockets.set(name, socket);
      readers.set(name, reader);
    }
    const failures: string[] = [];
    for (const [i, step] of c.steps.entries()) {
      const where = `${c.name} step ${i} (${step.conn}: ${step.command?.join(" ").slice(0, 60)})`;
      const sender = readers.get(step.conn);
      if (!sender || !Array.isArray(step.command)) {
        failures.push(`${where}: a step this replay cannot read`);
        continue;
      }
      const closedBefore = new Set(closed);
      // An accepted (un)subscribe answers with one frame per channel; anything else with one frame.
      const asFrames = SUBSCRIBE_FAMILY.has(String(step.command[0]).toLowerCase()) && Array.isArray(step.reply);
      const expectedFrames = asFrames ? (step.reply as WireValue[]).length : 1;
      sockets.get(step.conn)!.write(multibulk(step.command));
      // Wait for what the recording says will come (so a slow machine cannot fail a right
      // answer), then a little longer for anything it does not expect.
      const arrived = () =>
        (sender.count >= expectedFrames || closed.has(step.conn)) &&
        Object.entries(step.pushes ?? {}).every(([name, frames]) => (readers.get(name)?.count ?? 0) >= frames.length || closed.has(name)) &&
        (step.closed ?? []).every((name) => closed.has(name));
      for (let waited = 0; !arrived() && waited < 2000; waited += 5) await sleep(5);
      await sleep(SETTLE_MS);

      for (const name of c.connections) {
        const frames = readers.get(name)!.take();
        if (name === step.conn) {
          const got: WireValue = asFrames ? frames : frames.length === 1 ? frames[0] : frames;
          if (!sameReply(got, step.reply, step.unordered === true, asFrames)) {
            failures.push(`${where}: expected reply ${JSON.stringify(step.reply)}, got ${asFrames ? "" : `${frames.length} frame(s) `}${JSON.stringify(got)}`);
          }
        } else {
          const expected = step.pushes?.[name] ?? [];
          if (JSON.stringify(frames) !== JSON.stringify(expected)) {
            failures.push(`${where}: expected pushes to ${name} ${JSON.stringify(expected)}, got ${JSON.stringify(frames)}`);
          }
        }
      }
      const newlyClosed = [...closed].filter((n) => !closedBefore.has(n)).sort();
      const expectedClosed = [...(step.closed ?? [])].sort();
      if (JSON.stringify(newlyClosed) !== JSON.stringify(expectedClosed)) {
        failures.push(`${where}: expected closed ${JSON.stringify(expectedClosed)}, got ${JSON.stringify(newlyClosed)}`);
      }
    }
    return failures;
  } finally {
    for (const socket of sockets.values()) socket.destroy();
  }
}

/**
 * Redis emits some items in hash-table order (`unordered` in the recording): confirmation frames
 * are compared by their kinds and counts in order and their names as a multiset; an array reply
 * as a multiset.
 */
function sameReply(got: WireValue, expected: WireValue, unordered: boolean, asFrames: boolean): boolean {
  if (!unordered) return JSON.stringify(got) === JSON.stringify(expected);
  if (!Array.isArray(got) || !Array.isArray(expected) || got.length !== expected.length) return false;
  if (!asFrames) return JSON.stringify(sorted(got)) === JSON.stringify(sorted(expected));
  const column = (frames: WireValue[], k: number) => frames.map((f) => (Array.isArray(f) ? f[k] : f));
  return (
    JSON.stringify(column(got, 0)) === JSON.stringify(column(expected, 0)) &&
    JSON.stringify(sorted(column(got, 1))) === JSON.stringify(sorted(column(expected, 1))) &&
    JSON.stringify(column(got, 2)) === JSON.stringify(column(expected, 2))
  );
}

function sorted(values: WireValue[]): string[] {
  return values.map((v) => JSON.stringify(v)).sort();
}
