// A worker's end of the wire (serve-node.ts) over a real MessagePort: messages come and go in
// batches, and `idle` counts messages, not batches (web-workers.ts settles on those counts).
import { afterEach, describe, expect, it } from "vitest";
import { evaluateModule } from "../sandbox/evaluate.ts";
import { transpile } from "../sandbox/transpile.ts";
import { LEARNER_FILE } from "./node.ts";
import { workerClock, serveNode } from "./serve-node.ts";
import { CHAT_IN_MEMORY } from "./testing/apps.ts";
import type { Evaluate } from "./transport.ts";

const evaluate: Evaluate = (code, modules, console) => evaluateModule(code, { filename: LEARNER_FILE, modules, console });

let channel: MessageChannel | null = null;
afterEach(() => {
  channel?.port1.close();
  channel?.port2.close();
  channel = null;
});

/** A served worker, and every message it posted so far, as posted (an array is one batch). */
function served() {
  channel = new MessageChannel();
  serveNode(channel.port1, evaluate, workerClock);
  const posted: unknown[] = [];
  let waiting: { until: (m: unknown) => boolean; resolve: () => void } | null = null;
  channel.port2.onmessage = (event: MessageEvent) => {
    posted.push(event.data);
    if (waiting?.until(event.data)) waiting.resolve();
  };
  const port = channel.port2;
  const idle = (handled: number) =>
    new Promise<void>((resolve) => {
      const until = (m: unknown) => (m as { type?: string; handled?: number }).type === "idle" && (m as { handled: number }).handled === handled;
      if (posted.some(until)) resolve();
      else waiting = { until, resolve };
    });
  return { port, posted, idle };
}

describe("a worker's end of the wire", () => {
  it("takes a batch message by message and answers each turn's posts as one batch, before idle", async () => {
    const { port, posted, idle } = served();
    port.postMessage({ type: "load", code: transpile(CHAT_IN_MEMORY, LEARNER_FILE), config: { worker: 1, exportName: "app", pingIntervalMs: null, pingTimeoutMs: 1000 } });
    await idle(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(posted.flat()).toContainEqual({ type: "loaded" });
    posted.length = 0;

    port.postMessage([1, 2, 3].map((conn) => ({ type: "open", conn, path: "/ws", query: "", headers: [] })));
    await idle(4);
    const accepts = posted.find(Array.isArray) as unknown[];
    expect(accepts).toEqual([1, 2, 3].map((conn) => ({ type: "accept", conn })));
    expect(posted.at(-1)).toEqual({ type: "idle", handled: 4 });
    posted.length = 0;

    port.postMessage({ type: "frame", conn: 2, text: "hello" });
    await idle(5);
    // The broadcast to three clients: one message, then idle.
    expect(posted).toEqual([[1, 2, 3].map((conn) => ({ type: "frame", conn, text: "hello" })), { type: "idle", handled: 5 }]);
  });
});
