// The trace-stream bench's sandbox stand-in: on "go" it produces the events as fast as it can.
// Mode "ours" pushes them into the sandbox's real TraceStream, which posts `{ type: "trace", id,
// batch }` as workers/sandbox/worker.ts does; mode "peer" posts each event as its own message.
import type { SandboxMessage } from "../../workers/sandbox/protocol";
import { TraceStream } from "../../workers/sandbox/trace-stream";
import { syntheticEvent, type BenchMessage, type Go } from "./messages";

const post = (message: SandboxMessage | BenchMessage) => (self as unknown as { postMessage(m: unknown): void }).postMessage(message);
const at = () => performance.timeOrigin + performance.now();

self.addEventListener("message", (e: MessageEvent<Go>) => {
  const { mode, events } = e.data;
  const startedAt = at();
  const start = performance.now();
  let messages = 0;
  if (mode === "ours") {
    const stream = new TraceStream({
      now: () => performance.now(),
      onBatch: (batch) => {
        messages++;
        post({ type: "trace", id: 1, batch });
      },
    });
    for (let i = 0; i < events; i++) stream.push(syntheticEvent(i, performance.now() - start));
    stream.flush();
  } else {
    for (let i = 0; i < events; i++) {
      messages++;
      post({ type: "event", event: syntheticEvent(i, performance.now() - start) });
    }
  }
  post({ type: "produced", startedAt, endedAt: at(), messages });
});

post({ type: "ready" });
